"""The lexical pre-filter: texts with no trigger word never reach the parser, at no cost in recall."""

from __future__ import annotations

import importlib.util
import json

import pytest

from pactum.models import Document
from pactum.pipeline.api import extract_documents, may_have_events
from scale_fixtures import ROOT

EVENT_SENTENCES = [
    "Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs.",
    "Brazil signed a debt rescheduling accord with its creditor banks.",
    "Toyota will invest 200 mln dlrs in a new plant in Kentucky.",
    "The two companies are in talks about a merger.",
    "The World Bank approved a 150 mln dlr loan for Indonesia.",
    # "take over" inflects away from the "takeover" stem
    "Thomson Grand Public has taken over the consumer goods division of British group Thorn EMI.",
    "Hanson is taking over the Imperial Group.",
]
QUIET_SENTENCES = [
    "Showers continued throughout the week in the Bahia cocoa zone.",
    "Hartwell shares fell 3/4 to 41-1/2 in early trading.",
    "Net profit rose 12 pct.",
    "Gold prices closed lower in quiet trading.",
]


@pytest.mark.parametrize("sentence", EVENT_SENTENCES)
def test_event_sentences_pass(sentence):
    assert may_have_events(sentence)


@pytest.mark.parametrize("sentence", QUIET_SENTENCES)
def test_sentences_without_a_trigger_are_held_back(sentence):
    assert not may_have_events(sentence)


def test_held_back_documents_are_never_parsed(nlp):
    quiet = Document(id="quiet", title="COCOA REVIEW", text=" ".join(QUIET_SENTENCES))
    deal = Document(id="deal", text=EVENT_SENTENCES[0])
    results = list(extract_documents([quiet, deal], nlp))
    assert [r.doc_id for r in results] == ["quiet", "deal"]
    assert (results[0].words, results[0].events, results[0].error) == (0, [], None)  # no token parsed
    assert results[1].words > 0 and results[1].events


def test_no_dev_gold_event_is_in_a_held_back_field(shared):
    """The recall cost of the pre-filter on the dev gold: zero events lost."""
    spec = importlib.util.spec_from_file_location("dev_eval", ROOT / "bench" / "dev_eval.py")
    dev_eval = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev_eval)
    gold = shared / "gold" / "dev.jsonl"
    ids = dev_eval.gold_ids(gold)
    articles = dev_eval.find_articles(ids, shared)
    assert sorted(articles) == sorted(ids)
    lost, checked, notes = dev_eval.prefilter_cost(gold, articles)
    assert checked == sum(len(json.loads(line)["events"]) for line in gold.open()) > 0
    assert lost == 0, notes
