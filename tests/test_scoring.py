"""The spec section 7 scorer on small hand-computed cases, and on the dev gold against itself."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from spacy.util import registry

from pactum.models import Event, GoldDocument
from pactum.pipeline.errors import PipelineError
from pactum.pipeline.normalization.parties import name_key
from pactum.pipeline.evaluation.scoring import (
    FIGURES,
    LineError,
    Report,
    read_gold,
    read_predictions,
    score,
)
from pactum.pipeline.evaluation.scoring_report import render_errors, render_table

#: The dev gold: $PACTUM_SHARED, else ../shared beside the repository.
DEV_GOLD = Path(os.environ.get("PACTUM_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "gold" / "dev.jsonl"

ACME_EVIDENCE = "Acme Corp agreed to supply steel to Beta Ltd for five mln dlrs in March."


def gold_event(**fields) -> dict:
    """A gold event dict; parties are given as lists of acceptable names."""
    event = {
        "type": "agreement", "status": "agreed",
        "who": [["Acme Corp", "Acme"]], "with_whom": [["Beta Ltd", "Beta"]],
        "what": "supply of steel", "when": "1987-03",
        "amount": {"value": 5_000_000, "currency": "USD"},
        "where": None, "evidence": ACME_EVIDENCE,
    }
    event.update(fields)
    return event


def gold_doc(doc_id: str, *events: dict) -> GoldDocument:
    return GoldDocument.model_validate({"doc_id": doc_id, "events": list(events)})


def pred_event(doc_id: str = "d1", **fields) -> dict:
    """A predicted event dict (spec section 6); parties are given as plain names."""
    event = {
        "doc_id": doc_id, "type": "agreement", "status": "agreed",
        "who": ["Acme"], "with_whom": ["Beta Ltd"],
        "what": "supply of steel", "when": "1987-03",
        "amount": {"value": 5_000_000, "currency": "USD"},
        "where": None, "evidence": ACME_EVIDENCE,
    }
    event.update(fields)
    event["who"] = [{"name": n} for n in event["who"]]
    event["with_whom"] = [{"name": n} for n in event["with_whom"]]
    event["evidence"] = {"text": event["evidence"]}
    return event


def counts(report: Report, figure: str) -> tuple[float, float, float]:
    prf = report.figures[figure]
    return prf.tp, prf.n_pred, prf.n_gold


def prf(report: Report, figure: str) -> tuple[float, float, float]:
    p = report.figures[figure]
    return pytest.approx((p.precision, p.recall, p.f1))


def test_perfect_match():
    report = score([gold_doc("d1", gold_event())], [pred_event()])
    assert list(report.figures) == list(FIGURES)
    expected = {"event": 1, "party": 2, "amount": 1, "when": 1, "what": 1, "type": 1, "status": 1, "slots": 7}
    for figure, n in expected.items():
        assert counts(report, figure) == (n, n, n), figure
        assert prf(report, figure) == (1.0, 1.0, 1.0), figure
    assert report.documents == 1
    assert report.errors == []
    assert report.unscored == []


def test_false_positive_costs_precision_of_every_slot_it_fills():
    extra = pred_event(who=["Gamma"], with_whom=["Delta"], what="joint venture", when=None, amount=None,
                       evidence="Gamma and Delta formed a joint venture.")
    report = score([gold_doc("d1", gold_event())], [pred_event(), extra])
    assert counts(report, "event") == (1, 2, 1)
    assert prf(report, "event") == (0.5, 1.0, 2 / 3)
    assert counts(report, "party") == (2, 4, 2)
    assert counts(report, "amount") == (1, 1, 1)
    assert counts(report, "when") == (1, 1, 1)
    assert counts(report, "what") == (1, 2, 1)
    assert counts(report, "type") == (1, 2, 1)
    assert counts(report, "status") == (1, 2, 1)
    assert counts(report, "slots") == (7, 12, 7)
    assert prf(report, "slots") == (7 / 12, 1.0, 2 * (7 / 12) / (7 / 12 + 1))
    assert [(m.kind, m.predicted["who"]) for m in report.errors] == [("false_positive", ["Gamma"])]


def test_false_negative_costs_recall():
    second = gold_event(who=[["Acme"]], with_whom=[["Gamma Inc"]], what="copper contract", when=None,
                        amount=None, evidence="Acme also won a copper contract from Gamma.")
    report = score([gold_doc("d1", gold_event(), second)], [pred_event()])
    assert counts(report, "event") == (1, 1, 2)
    assert prf(report, "event") == (1.0, 0.5, 2 / 3)
    assert counts(report, "party") == (2, 2, 4)
    assert counts(report, "what") == (1, 1, 2)
    assert counts(report, "slots") == (7, 7, 12)  # gold: 4 parties, amount, when, 2 what, 2 type, 2 status
    assert [(m.kind, m.gold["with_whom"]) for m in report.errors] == [("false_negative", [["Gamma Inc"]])]


def test_events_sharing_no_party_never_pair():
    # Identical in everything but the parties: still a false positive and a false negative.
    report = score([gold_doc("d1", gold_event())], [pred_event(who=["Gamma"], with_whom=["Delta"])])
    assert counts(report, "event") == (0, 1, 1)
    for figure in ("party", "amount", "when", "what", "type", "status", "slots"):
        assert report.figures[figure].tp == 0, figure
    assert counts(report, "slots") == (0, 7, 7)
    assert [m.kind for m in report.errors] == ["false_positive", "false_negative"]


def test_greedy_pairing_takes_the_most_similar_pair_first():
    cheap = gold_event(type="acquisition", who=[["Acme"]], with_whom=[["Beta"]], what="Beta shares",
                       amount={"value": 100, "currency": "USD"}, when=None, evidence=None)
    dear = gold_event(type="acquisition", who=[["Acme"]], with_whom=[["Beta"]], what="Beta shares",
                      amount={"value": 200, "currency": "USD"}, when=None, evidence=None)
    # In order, the first prediction would take the first gold event and both amounts would be wrong.
    preds = [pred_event(type="acquisition", amount={"value": 200, "currency": "USD"}, when=None),
             pred_event(type="acquisition", amount={"value": 100, "currency": "USD"}, when=None)]
    report = score([gold_doc("d1", cheap, dear)], preds)
    assert counts(report, "event") == (2, 2, 2)
    assert counts(report, "amount") == (2, 2, 2)


def test_more_matched_parties_and_slots_outweigh_order():
    # similarity: first gold = 2 parties + 0.5 type = 2.5; second = 1 party + 1 amount + 1 when + 0.5 = 3.5
    first = gold_event(type="acquisition", who=[["Acme"]], with_whom=[["Beta"]],
                       amount={"value": 100, "currency": "USD"}, when="1987-01", evidence=None)
    second = gold_event(type="acquisition", who=[["Acme"]], with_whom=[["Gamma"]],
                        amount={"value": 200, "currency": "USD"}, when="1987-03", evidence=None)
    pred = pred_event(type="acquisition", amount={"value": 200, "currency": "USD"}, when="1987-03-02")
    report = score([gold_doc("d1", first, second)], [pred])
    assert counts(report, "event") == (1, 1, 2)
    assert counts(report, "party") == (1, 2, 4)
    assert counts(report, "amount") == (1, 1, 2)
    assert counts(report, "when") == (1, 1, 2)
    wrong = [m for m in report.errors if m.kind == "wrong_slot"]
    assert [(m.slot, m.predicted, m.gold) for m in wrong] == [("with_whom", ["Beta Ltd"], [["Gamma"]])]


def test_overlapping_evidence_decides_between_otherwise_equal_events():
    steel = gold_event(what="supply of steel", when=None, amount=None, evidence=ACME_EVIDENCE)
    copper = gold_event(what="copper contract", when=None, amount=None,
                        evidence="Acme and Beta also signed a copper contract last week.")
    pred = pred_event(what="supply of steel", when=None, amount=None,
                      evidence="Acme and Beta also signed a copper contract last week.")
    report = score([gold_doc("d1", steel, copper)], [pred])
    # Paired with the copper deal, so the "what" is wrong.
    assert counts(report, "what") == (0, 1, 2)
    assert [(m.kind, m.slot) for m in report.errors] == [("wrong_slot", "what"), ("false_negative", None)]


def test_ties_go_to_the_earlier_prediction():
    preds = [pred_event(what="steel supply deal"), pred_event(what="copper deal")]
    report = score([gold_doc("d1", gold_event(what=None))], preds)
    assert counts(report, "event") == (1, 2, 1)
    fp = [m for m in report.errors if m.kind == "false_positive"]
    assert [m.predicted["what"] for m in fp] == ["copper deal"]


@pytest.mark.parametrize(
    "gold_type,pred_type,tp",
    [
        ("acquisition", "acquisition", 0),  # a buyer predicted as with_whom is wrong
        ("agreement", "agreement", 2),  # the two sides of an agreement are one role
        ("agreement", "acquisition", 2),  # pooling follows the gold event's type
        ("acquisition", "agreement", 0),
    ],
)
def test_roles_are_pooled_for_agreements_only(gold_type, pred_type, tp):
    gold = gold_event(type=gold_type, who=[["Acme"]], with_whom=[["Beta"]])
    pred = pred_event(type=pred_type, who=["Beta"], with_whom=["Acme"])
    report = score([gold_doc("d1", gold)], [pred])
    assert counts(report, "event") == (1, 1, 1)  # roles are always pooled for pairing
    assert counts(report, "party") == (tp, 2, 2)


def test_party_tuples_match_one_to_one():
    gold = gold_event(type="funding", who=[["Taiwan", "Taipei"]], with_whom=[["TSMC"]])
    report = score([gold_doc("d1", gold)], [pred_event(type="funding", who=["Taiwan", "Taipei"], with_whom=["TSMC"])])
    assert counts(report, "party") == (2, 3, 2)  # the second name of one party is a spare tuple
    wrong = [m for m in report.errors if m.kind == "wrong_slot"]
    assert [(m.slot, m.predicted, m.gold) for m in wrong] == [("who", ["Taipei"], [])]


def test_party_matching_is_maximal_not_first_come():
    # "Taiwan" could take either gold party; NSTC only the first. Both must count.
    gold = gold_event(who=[["National Science and Technology Council", "NSTC", "Taiwan"]], with_whom=[["Taiwan"]])
    report = score([gold_doc("d1", gold)], [pred_event(who=["Taiwan"], with_whom=["NSTC"])])
    assert counts(report, "party") == (2, 2, 2)
    report = score([gold_doc("d1", gold)], [pred_event(who=["Taiwan"], with_whom=[])])
    assert counts(report, "party") == (1, 1, 2)


@pytest.mark.parametrize(
    "pred_when,gold_when,correct",
    [
        ("2024-04-03", "2024-04", True),  # more precise and agreeing
        ("2024-04", "2024-04", True),
        ("2024-04", "2024", True),
        ("2024", "2024-04", False),  # less precise
        ("2024-05-01", "2024-04", False),
        ("2023-04-03", "2024-04-03", False),
    ],
)
def test_when_is_cut_to_gold_precision(pred_when, gold_when, correct):
    report = score([gold_doc("d1", gold_event(when=gold_when))], [pred_event(when=pred_when)])
    assert counts(report, "when") == (int(correct), 1, 1)


@pytest.mark.parametrize(
    "value,currency,correct",
    [
        (1_005_000, "USD", True),  # exactly 0.5% above
        (995_000, "USD", True),  # exactly 0.5% below
        (1_005_001, "USD", False),
        (994_999, "USD", False),
        (1_000_000, "CAD", False),
    ],
)
def test_amount_within_half_a_percent(value, currency, correct):
    gold = gold_event(amount={"value": 1_000_000, "currency": "USD"})
    report = score([gold_doc("d1", gold)], [pred_event(amount={"value": value, "currency": currency})])
    assert counts(report, "amount") == (int(correct), 1, 1)


@pytest.mark.parametrize(
    "pred_what,gold_what,correct",
    [
        # gold tokens: science technology innovation arrangement ("and" is a stop word)
        ("technology arrangement", "science, technology and innovation arrangement", True),  # F1 2/3
        ("technology", "science, technology and innovation arrangement", False),  # F1 0.4
        ("steel purchase", "steel supply", True),  # F1 exactly 0.5
        ("steel purchase contract", "steel", True),  # F1 exactly 0.5
        ("steel purchase contract terms", "steel", False),  # F1 0.4
        ("retail operations of Cyclops", "Cyclops' U.S. retail operations", True),  # "us" is a stop word
        ("the deal", "it", False),  # no gold token left after stop words: F1 0
    ],
)
def test_what_token_f1_boundary(pred_what, gold_what, correct):
    report = score([gold_doc("d1", gold_event(what=gold_what))], [pred_event(what=pred_what)])
    assert counts(report, "what") == (int(correct), 1, 1)


def test_type_and_status_must_be_equal():
    pred = pred_event(type="acquisition", status="planned")
    report = score([gold_doc("d1", gold_event(type="agreement", status="agreed"))], [pred])
    assert counts(report, "event") == (1, 1, 1)
    assert counts(report, "type") == (0, 1, 1)
    assert counts(report, "status") == (0, 1, 1)


@pytest.mark.parametrize(
    "name,key",
    [
        ("The Coca-Cola Co.", "cocacola"),  # punctuation is deleted, not turned into a space
        ("coca cola", "coca cola"),  # ... so this does NOT match the line above
        ("COCA-COLA COMPANY", "cocacola"),
        ("Procter & Gamble", "procter and gamble"),
        ("Procter&Gamble", "procter and gamble"),
        ("McDonald's Corp.", "mcdonald"),
        ("McDonald\u2019s", "mcdonald"),
        ("U.S.", "us"),
        ("\uff34\uff4f\uff59\uff4f\uff54\uff41 Motor Corp", "toyota motor"),  # full-width letters (NFKC)
        ("Bank of the West", "bank of the west"),  # only a leading "the" goes
        ("Royal Dutch/Shell Group", "royal dutchshell"),
        ("Allied-Signal Inc", "alliedsignal"),
        ("STRASSE GmbH", "strasse"),
        ("Straße", "strasse"),  # case folding
        ("  Texas   Air  Corp ", "texas air"),
        ("The Limited Inc", ""),  # nothing left
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


def test_names_are_matched_after_normalization():
    gold = gold_event(type="acquisition", who=[["The Coca-Cola Co.", "Coca-Cola"]], with_whom=[["Beta"]])
    matched = score([gold_doc("d1", gold)], [pred_event(type="acquisition", who=["COCA-COLA COMPANY"], with_whom=[])])
    assert counts(matched, "event") == (1, 1, 1)
    assert counts(matched, "party") == (1, 1, 2)
    spaced = score([gold_doc("d1", gold)], [pred_event(type="acquisition", who=["coca cola"], with_whom=[])])
    assert counts(spaced, "event") == (0, 1, 1)


def test_a_name_that_normalizes_to_nothing_matches_nothing():
    gold = gold_event(who=[["The Limited"]], with_whom=[])
    report = score([gold_doc("d1", gold)], [pred_event(who=["Limited Inc"], with_whom=[])])
    assert counts(report, "event") == (0, 1, 1)


def test_null_slots_cost_recall_and_values_where_gold_has_none_cost_precision():
    gold = gold_event(when="1987-03", amount=None, what=None)
    pred = pred_event(when=None, amount={"value": 5, "currency": "USD"}, what=None)
    report = score([gold_doc("d1", gold)], [pred])
    assert counts(report, "when") == (0, 0, 1)
    assert prf(report, "when") == (0.0, 0.0, 0.0)
    assert counts(report, "amount") == (0, 1, 0)
    assert prf(report, "amount") == (0.0, 0.0, 0.0)
    assert counts(report, "what") == (0, 0, 0)
    # party 2 + type 1 + status 1 right; predicted amount extra, gold when missed
    assert counts(report, "slots") == (4, 5, 5)
    wrong = [(m.slot, m.predicted, m.gold) for m in report.errors]
    assert wrong == [("amount", {"value": 5.0, "currency": "USD"}, None), ("when", None, "1987-03")]


def test_gold_document_without_events_makes_every_prediction_a_false_positive():
    report = score([gold_doc("d1")], [pred_event(), pred_event(who=["Gamma"])])
    assert report.documents == 1
    assert counts(report, "event") == (0, 2, 0)
    assert prf(report, "event") == (0.0, 0.0, 0.0)
    assert counts(report, "party") == (0, 4, 0)
    assert counts(report, "slots") == (0, 4 + 2 + 2 + 2 + 2 + 2, 0)
    assert [m.kind for m in report.errors] == ["false_positive", "false_positive"]


def test_only_gold_documents_are_scored_and_sums_are_micro_averaged():
    gold = [gold_doc("d1", gold_event()), gold_doc("d2", gold_event(), gold_event(who=[["Gamma"]]), gold_event(who=[["Delta"]]))]
    preds = [pred_event("d1"), pred_event("nope"), pred_event("also-nope"), pred_event("nope")]
    report = score(gold, preds)
    assert report.documents == 2
    assert report.unscored == ["nope", "also-nope"]
    assert counts(report, "event") == (1, 1, 4)
    assert prf(report, "event") == (1.0, 0.25, 0.4)  # micro, not the mean of 1.0 and 0.0
    assert render_table(report).splitlines()[-2:] == [
        "2 gold document(s) scored.",
        "Not scored, no gold line: 2 doc_id(s): nope, also-nope",
    ]
    assert render_table(report, max_unscored=1).endswith(": nope and 1 more")


def test_duplicate_gold_doc_ids_are_refused():
    with pytest.raises(PipelineError, match=r"\[E006\]"):
        score([gold_doc("d1"), gold_doc("d1")], [])


def test_pydantic_events_are_accepted():
    event = Event.model_validate({
        "doc_id": "d1", "type": "agreement", "status": "agreed",
        "who": [{"name": "Acme Corp", "aliases": ["Acme"], "kind": "organization"}],
        "with_whom": [{"name": "Beta"}], "what": "supply of steel", "when": "1987-03-12",
        "amount": {"value": 5_000_000, "currency": "USD"},
        "evidence": {"text": ACME_EVIDENCE, "start": 0, "end": len(ACME_EVIDENCE)},
        "trigger": "agreed", "confidence": 0.9, "extractor": "test",
    })
    report = score([gold_doc("d1", gold_event())], [event])
    assert counts(report, "slots") == (7, 7, 7)


def test_invalid_prediction_dicts_are_refused():
    with pytest.raises(ValueError, match="who"):
        score([gold_doc("d1")], [{"doc_id": "d1", "type": "agreement", "status": "agreed", "evidence": {"text": ""}}])


def test_the_scorer_is_registered():
    assert registry.misc.get("pactum.scorer.v1")() is score


def test_read_gold_collects_bad_lines(tmp_path):
    lines = [
        json.dumps({"doc_id": "d1", "events": [gold_event()]}),
        "",
        "{not json",
        json.dumps({"doc_id": "d2", "events": [gold_event(status="maybe")]}),
        json.dumps({"doc_id": "d1", "events": []}),
        json.dumps({"doc_id": "d3", "events": []}),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read_gold(path)
    assert [d.doc_id for d in docs] == ["d1", "d3"]
    assert [e.line for e in errors] == [3, 4, 5]
    assert str(errors[0]).startswith(f"{path}:3: not valid JSON")
    assert "events.0.status" in errors[1].message
    assert errors[2] == LineError(str(path), 5, "doc_id 'd1' repeats line 1")


def test_read_predictions_reads_gzip_and_keeps_extra_fields(tmp_path):
    good = dict(pred_event(), trigger="agreed")
    bad = pred_event(when="March 1987")
    path = tmp_path / "pred.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(good) + "\n" + json.dumps(bad) + "\n" + json.dumps({"doc_id": "d1"}) + "\n")
    preds, errors = read_predictions(path)
    assert preds == [good]
    assert [(e.line, e.message.split(":")[0]) for e in errors] == [(2, "when"), (3, "type")]


def test_missing_file_is_a_pipeline_error(tmp_path):
    with pytest.raises(PipelineError, match=r"\[E001\]"):
        read_gold(tmp_path / "absent.jsonl")


def test_render_table_and_json():
    extra = pred_event(who=["Gamma"], with_whom=["Delta"], what="joint venture", when=None, amount=None)
    report = score([gold_doc("d1", gold_event())], [pred_event(), extra])
    assert render_table(report) == "\n".join([
        "              P      R     F1     tp   pred   gold",
        "event     0.500  1.000  0.667      1      2      1",
        "party     0.500  1.000  0.667      2      4      2",
        "amount    1.000  1.000  1.000      1      1      1",
        "when      1.000  1.000  1.000      1      1      1",
        "what      0.500  1.000  0.667      1      2      1",
        "type      0.500  1.000  0.667      1      2      1",
        "status    0.500  1.000  0.667      1      2      1",
        "slots     0.583  1.000  0.737      7     12      7",
        "paired events only (where the event was found), F1: party 1.000, amount 1.000, when 1.000, "
        "what 1.000, type 1.000, status 1.000",
        "1 gold document(s) scored.",
    ])
    data = json.loads(json.dumps(report.to_json()))
    assert list(data) == ["figures", "documents", "unscored", "confidence_auc", "paired"]
    assert data["paired"]["party"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "pred": 2, "gold": 2}
    assert data["confidence_auc"] is None  # the fixtures carry no confidence
    assert data["figures"]["event"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3),
                                        "tp": 1, "pred": 2, "gold": 1}
    assert list(data["figures"]) == list(FIGURES)


def test_render_errors_shows_values_and_evidence():
    pred = pred_event(amount={"value": 6_000_000, "currency": "USD"}, with_whom=["Gamma"])
    report = score([gold_doc("d1", gold_event())], [pred])
    assert render_errors(report) == "\n\n".join([
        "wrong_slot d1 agreement who/with_whom\n"
        '  predicted (unmatched): ["Gamma"]\n'
        '  gold (unmatched): [["Beta Ltd", "Beta"]]\n'
        f"  evidence: {ACME_EVIDENCE}",
        "wrong_slot d1 agreement amount\n"
        '  predicted: {"value": 6000000.0, "currency": "USD"}\n'
        '  gold: {"value": 5000000.0, "currency": "USD"}\n'
        f"  evidence: {ACME_EVIDENCE}",
    ])
    assert render_errors(score([gold_doc("d1", gold_event())], [pred_event()])) == ""


def _as_predictions(docs: list[GoldDocument], pick: int) -> list[dict]:
    """Turn gold events into predicted events, naming each party by one of its names."""
    preds = []
    for doc in docs:
        for event in doc.events:
            record = event.model_dump()
            record["doc_id"] = doc.doc_id
            for role in ("who", "with_whom"):
                record[role] = [{"name": names[min(pick, len(names) - 1)]} for names in record[role]]
            record["evidence"] = {"text": event.evidence or ""}
            preds.append(record)
    return preds


@pytest.mark.parametrize("pick", [0, -1])
def test_dev_gold_scores_perfectly_against_itself(pick):
    if not DEV_GOLD.is_file():
        pytest.skip(f"{DEV_GOLD} is absent: set PACTUM_SHARED to the shared data folder, or put it at ../shared")
    docs, errors = read_gold(DEV_GOLD)
    assert errors == []
    report = score(docs, _as_predictions(docs, pick))
    assert report.documents == len(docs)
    assert report.errors == [] and report.unscored == []
    for figure, prf_ in report.figures.items():
        assert prf_.n_gold > 0, figure
        assert (prf_.precision, prf_.recall, prf_.f1) == (1.0, 1.0, 1.0), figure


def test_confidence_auc_counts_how_often_a_correct_event_outranks_a_false_positive():
    right = pred_event() | {"confidence": 0.9}
    wrong_low = pred_event(who=["Gamma"], with_whom=["Delta"]) | {"confidence": 0.2}
    wrong_high = pred_event(who=["Omega"], with_whom=["Zeta"]) | {"confidence": 0.95}
    report = score([gold_doc("d1", gold_event())], [right, wrong_low, wrong_high])
    assert report.confidence_auc == pytest.approx(0.5)  # beats one of the two false positives
    report = score([gold_doc("d1", gold_event())], [right, wrong_low])
    assert report.confidence_auc == 1.0
    assert "Confidence ranking: AUC 1.000" in render_table(report)
