"""The focus: only sentences that may hold a deal, and their context, reach the parser."""

from __future__ import annotations

import json

import pytest

from pactum.models import Document
from pactum.pipeline.api import extract_documents, load_nlp
from pactum.pipeline.extraction.extractor import _parts
from pactum.pipeline.extraction.focus import full_char, full_token_index, may_hold_a_deal, whole_text
from pactum.pipeline.learned.features import event_features

#: A Reuters-like article: the deal in the fourth paragraph, market colour around it.
ARTICLE = (
    "<Cyclops Corp> shares rose 1-1/2 to 38 in active trading on Tuesday.\n\n"
    "Analysts said earnings would improve in the second half of the year.\n\n"
    "The weather in Ohio was dry last week, and the harvest is expected to be late.\n\n"
    "The company said it agreed to sell its retail unit to <Dixons Group Plc> <DXNS.L> for 94.5 mln dlrs.\n\n"
    "Gold prices closed lower in quiet trading.\n\n"
    "Net profit rose 12 pct to 4.1 mln dlrs."
)


@pytest.mark.parametrize("sentence", [
    "Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc.",
    "Hanson is taking over the Imperial Group.",
    "Thomson has taken the consumer goods division over.",
    "It completed the sale of its Chicago plant.",  # a weak noun with its support word
    "Reichhold Chemicals said it is exploring the sale of its stake.",  # a status cue supports it too
    "Bids awarded for Elk Hills crude oil.",
    "Beta Inc will become a wholly owned subsidiary of Acme Corp.",  # "become" beside a unit
])
def test_sentences_that_may_hold_a_deal(blank_nlp, sentence):
    assert may_hold_a_deal(blank_nlp.make_doc(sentence))


@pytest.mark.parametrize("sentence", [
    "Net sales rose 12 pct to 1.2 billion dlrs.",  # "sales" alone: revenue, not a sale
    "The company has a 5.1 pct interest rate on the notes.",
    "Gold prices closed lower in quiet trading.",
    "Showers continued throughout the week in the Bahia cocoa zone.",
    "He became chairman of the board in 1985.",  # "become" alone: no deal word
])
def test_sentences_that_cannot(blank_nlp, sentence):
    assert not may_hold_a_deal(blank_nlp.make_doc(sentence))


def test_only_the_deal_its_context_and_the_lead_are_parsed(nlp):
    (part,) = _parts(Document(id="a", text=ARTICLE), nlp)
    parsed = part.doc.text
    assert "agreed to sell its retail unit" in parsed
    assert "Cyclops Corp shares rose" in parsed  # the lead: where the company is named in full
    assert "The weather in Ohio" in parsed  # the sentence before the deal: what "the company" is
    assert "Analysts said earnings" not in parsed
    assert "Gold prices" not in parsed and "Net profit" not in parsed
    assert part.cleaned.text == parsed


def test_records_point_into_the_original_text(nlp):
    (result,) = extract_documents([Document(id="a", text=ARTICLE, published="1987-03-03")], nlp)
    (event,) = result.events
    start, end = event.evidence.start, event.evidence.end
    assert ARTICLE[start:end] == event.evidence.text
    assert event.evidence.text.startswith("The company said it agreed to sell")
    assert {p.name for p in event.who} == {"Dixons Group Plc"}
    assert {p.name for p in event.with_whom} == {"Cyclops Corp"}  # "the company", resolved through the lead
    assert event.amount.value == 94_500_000


def test_the_stages_read_the_whole_text_where_they_need_it(nlp):
    """Article-level figures and positions are those of the whole text, parsed or not."""
    document = Document(id="a", text=ARTICLE)
    focused = load_nlp(learned=False)
    everything = load_nlp(learned=False, parse_all=True)
    (small,) = _parts(document, focused)
    (whole,) = _parts(document, everything)
    assert len(small.doc.text) < len(whole.doc.text)
    small_doc, whole_doc = focused(small.doc), everything(whole.doc)
    assert whole_text(small_doc) == whole_text(whole_doc)
    (event_small,), (event_whole,) = small_doc._.events, whole_doc._.events
    assert full_token_index(small_doc, event_small.sent.start) == event_whole.sent.start
    assert full_char(small_doc, event_small.sent.start_char) == event_whole.sent.start_char
    features = [event_features(e, d) for e, d in ((event_small, small_doc), (event_whole, whole_doc))]
    article_level = [{k: v for k, v in f.items() if k.startswith(("doc_", "sent_pos"))} for f in features]
    assert article_level[0] == article_level[1]


def test_a_text_with_no_deal_sentence_is_not_parsed_at_all(nlp):
    quiet = Document(id="q", title="COCOA REVIEW", text="Net sales rose 12 pct.\n\nGold prices closed lower.")
    assert _parts(quiet, nlp) == []


def test_parse_all_keeps_every_sentence(nlp):
    everything = load_nlp(learned=False, parse_all=True)
    (part,) = _parts(Document(id="a", text=ARTICLE), everything)
    assert "Net profit rose" in part.doc.text and "Analysts said" in part.doc.text


def test_every_trigger_the_candidate_stage_reads_is_a_form_the_focus_knows(shared):
    """Parse the dev articles whole, with the relaxed candidates: each candidate's trigger word is
    one the focus would keep its sentence for (or a weak noun without its support word: a vetoed one)."""
    import gzip

    from pactum.pipeline.extraction.focus import BECOME, TAKE, support_forms, trigger_forms

    ids = {json.loads(line)["doc_id"] for line in (shared / "gold" / "dev.jsonl").open()}
    documents = []
    with gzip.open(shared / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        documents += [Document.model_validate(r) for r in map(json.loads, fh) if r["id"] in ids]
    assert len(documents) > 20
    whole = load_nlp(learned=False, relaxed=True, parse_all=True)
    strong, weak = trigger_forms()
    unknown, unsupported = [], []
    for document in documents:
        for part in _parts(document, whole):
            doc = whole(part.doc)
            for event in doc._.events or []:
                word = event.trigger.lower_
                if word in weak:
                    if not {t.lower_ for t in event.sent} & support_forms()[word]:
                        unsupported.append((word, event.vetoed))
                elif word not in strong and word not in TAKE | BECOME:
                    unknown.append(word)
    assert unknown == []
    assert all(vetoed for _, vetoed in unsupported)  # the rules never accept a weak noun without support


def test_focus_cost_counts_a_gold_event_whose_sentence_is_never_parsed(nlp):
    """bench/focus_cost.py (make focus-cost): the check behind the recall figures in docs/throughput.md."""
    import importlib.util

    from scale_fixtures import ROOT

    spec = importlib.util.spec_from_file_location("focus_cost", ROOT / "bench" / "focus_cost.py")
    focus_cost = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(focus_cost)
    deal = "The company said it agreed to sell its retail unit to <Dixons Group Plc> <DXNS.L> for 94.5 mln dlrs."
    quiet = "Analysts said earnings would improve in the second half of the year."
    gold = [{"doc_id": "a", "events": [{"evidence": deal}, {"evidence": quiet}]}]
    checked, lost = focus_cost.lost_events(gold, {"a": {"id": "a", "text": ARTICLE}}, nlp)
    assert checked == 2
    assert lost == [f"a: {quiet}"]


def test_a_step_of_the_deal_is_kept_whether_or_not_the_deal_sentence_refers_back(nlp):
    """The sentence before a deal is kept only when the deal refers back; the step after it always."""
    text = ("Hanson Plc agreed to acquire Kidde Inc for 1.7 billion dlrs.\n\n"
            "Analysts were surprised by the price.\n\n"
            "Closing is expected March 17.\n\n"
            "Gold prices closed lower in quiet trading.")
    (part,) = _parts(Document(id="s", text=text, published="1987-03-02"), nlp)
    assert "Closing is expected March 17." in part.doc.text
    assert "Analysts were surprised" not in part.doc.text and "Gold prices" not in part.doc.text
    (result,) = extract_documents([Document(id="s", text=text, published="1987-03-02")], nlp)
    assert [e.when for e in result.events] == ["1987-03-17"]
