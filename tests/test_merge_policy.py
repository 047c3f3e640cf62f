"""The merge policy ``pactum.merge.v1`` on hand-built keys (spec: one record per deal)."""

from __future__ import annotations

import pytest

from pactum.pipeline.extraction.merge import MergeKey, same_deal


def key(who, with_whom, sentence=0, type="acquisition", amount=None, when=None, selling=False, another=False):
    return MergeKey(type, frozenset(who), frozenset(with_whom), amount, when, sentence, 1.0, selling,
                    another=another)


def test_in_one_sentence_a_mention_without_the_other_side_is_the_same_deal():
    # "A second bid has come from Siemens, which hopes to take a 20 pct stake": bid and stake
    assert same_deal(key({"siemens"}, {"cgct"}), key({"siemens"}, set()))


def test_in_one_sentence_two_counterparties_are_two_deals():
    # "X bought A from B and C from D"
    assert not same_deal(key({"x"}, {"b"}), key({"x"}, {"d"}))
    assert not same_deal(key({"x"}, {"b"}), key({"y"}, set()))


def test_across_sentences_a_subset_of_parties_with_agreeing_values_is_the_same_deal():
    assert same_deal(key({"x"}, {"y"}, sentence=0, amount=(1e6, "USD")), key({"x"}, set(), sentence=5))
    assert not same_deal(key({"x"}, {"y"}, sentence=0, amount=(1e6, "USD")),
                         key({"x"}, {"y"}, sentence=5, amount=(2e6, "USD")))


def test_a_partys_purchase_and_its_sale_are_two_deals():
    # "Stauffer, which Unilever acquired ..." and "Unilever plans to dispose of Stauffer"
    bought = key({"unilever"}, {"stauffer"}, sentence=0)
    disposed = key(set(), {"stauffer", "unilever"}, sentence=3, selling=True)
    assert not same_deal(bought, disposed)
    # the same sale told from both sides is one deal: "X sold Y to Z", "Z bought Y from X"
    assert same_deal(key({"z"}, {"x"}, sentence=0, selling=True), key({"z"}, {"x"}, sentence=2))


def test_a_mention_that_says_it_is_a_further_deal_is_not_folded_into_one_before():
    # train reuters-12719: "It also plans to acquire Hopper, Soliday and Co Inc" after the stake bought in it
    stake = key({"decision"}, set(), sentence=0)
    assert same_deal(stake, key({"decision"}, {"hopper"}, sentence=4))
    assert not same_deal(stake, key({"decision"}, {"hopper"}, sentence=4, another=True))


@pytest.mark.parametrize("sentence, word, another", [
    ("It also plans to acquire Hopper, Soliday and Co Inc, a regional stock brokerage.", "acquire", True),
    ("The two countries also signed a number of other agreements covering other industries including mining.",
     "agreements", True),
    ("The two countries signed a number of agreements covering other industries including mining.",
     "agreements", False),
    # "also" on the saying, not on the deal: the same deal told again
    ("Dixons also said it would buy Cyclops for 92.50 dlrs a share.", "buy", False),
])
def test_also_or_other_on_the_deal_marks_a_further_deal(nlp, sentence, word, another):
    from pactum.pipeline.extraction.merge import told_as_another

    doc = nlp.make_doc(sentence)
    for _, proc in nlp.pipeline[:nlp.pipe_names.index("ner") + 1]:
        doc = proc(doc)
    trigger = next(t for t in doc if t.text == word)
    assert told_as_another(trigger) is another


def test_further_agreements_told_after_one_are_a_record_of_their_own(nlp):
    # train bbc-business-340: "also signed ... other agreements" had been folded into the supply agreement before it
    from pactum.models import Document
    from pactum.pipeline.api import extract

    text = ("Venezuela and China signed a 300 mln dlr oil supply agreement on Tuesday. The two countries also "
            "signed a number of other agreements covering other industries including mining.")
    events = list(extract([Document(id="t", text=text, published="2005-01-31")], nlp))
    assert [e.evidence.text.split()[1] for e in events] == ["and", "two"]


def test_a_deal_named_as_the_time_of_another_is_not_folded_into_it(nlp):
    from pactum.models import Document
    from pactum.pipeline.api import extract

    text = ("Unilever Plc said it plans to dispose of Stauffer Chemical Co since the bid was made in "
            "December.")
    (event,) = extract([Document(id="t", text=text, published="1987-04-08")], nlp)
    assert event.status == "planned" and event.when is None  # December is the bid's, not the disposal's


def _record(type, parties, text, confidence, when=None):
    from pactum.models import Event

    return Event.model_validate({
        "doc_id": "d", "type": type, "status": "agreed", "who": [{"name": p} for p in parties], "with_whom": [],
        "evidence": {"text": text, "start": 0, "end": len(text)}, "trigger": "x", "confidence": confidence,
        "when": when, "extractor": "pactum 0.1.0",
    })


def test_one_sentence_read_as_two_types_keeps_the_more_confident_record():
    from pactum.pipeline.extraction.merge import fold_rival_types

    text = "Commonwealth Realty Trust said preliminary merger talks with Bay Financial Corp have been terminated."
    records = [_record("agreement", ["Bay Financial Corp"], text, 0.4),
               _record("acquisition", ["Bay Financial Corp", "Commonwealth Realty Trust"], text, 0.6)]
    assert [r.type for r in fold_rival_types(records)] == ["acquisition"]
    # no party in common, a sentence of contrasting clauses, or another date: two deals
    other = [_record("agreement", ["Canada"], text, 0.4), records[1]]
    assert len(fold_rival_types(other)) == 2
    text = "It signed an arrangement with Canada, while it will set up an office in Prague."
    assert len(fold_rival_types([_record("agreement", ["Taiwan"], text, 0.9),
                                 _record("investment", ["Taiwan"], text, 0.5)])) == 2
    assert len(fold_rival_types([_record("agreement", ["Taiwan"], text.replace(", while", " and"), 0.9),
                                 _record("investment", ["Taiwan"], text.replace(", while", " and"), 0.5,
                                         when="1986-03")])) == 2
