"""The learned decisions (pipeline/learned): the model format, the shipped bundle, the stage."""

from __future__ import annotations

import importlib.util
import json
import math
import sys

import pytest

from conftest import ROOT
from pactum.models import Document
from pactum.pipeline.api import extract_documents
from pactum.pipeline.errors import PipelineError
from pactum.pipeline.learned.decide import DEFAULT_BUNDLE, Decisions, load_decisions
from pactum.pipeline.learned.linear import LinearModel


def _trainer():
    spec = importlib.util.spec_from_file_location("train_decisions", ROOT / "training" / "train_decisions.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_decisions", module)  # dataclasses look their module up there
    spec.loader.exec_module(sys.modules["train_decisions"])
    return sys.modules["train_decisions"]


def test_thresholds_are_picked_from_a_broad_good_range_not_a_lone_peak():
    trainer = _trainer()
    grid = [0.2, 0.25, 0.3, 0.35, 0.4]
    # a lone best at the edge (0.2) against a broad range nearly as good (0.3-0.4): the range wins
    scores = {0.2: 0.520, 0.25: 0.500, 0.3: 0.515, 0.35: 0.516, 0.4: 0.515}
    assert trainer._pick(scores, trainer._line(grid), min) == 0.35
    # near-equals after smoothing: the cautious one (here the lowest threshold, which drops least)
    flat = {t: 0.510 for t in grid}
    assert trainer._pick(flat, trainer._line(grid), min) == 0.2
    assert trainer._line(grid)(0.2) == [0.2, 0.25] and trainer._line(grid)(0.3) == [0.25, 0.3, 0.35]


def test_an_anchored_threshold_moves_only_on_a_clear_bootstrap_win(monkeypatch):
    trainer = _trainer()
    ids = [f"d{k}" for k in range(100)]
    base = {i: (5, 10, 10) for i in ids}
    counts = {"anchor": base}
    # one article of a hundred better, none worse: a resample holds it about 63% of the time, no clear win
    counts["lucky"] = {**base, "d0": (10, 10, 10)}
    # every article better: a clear win
    counts["better"] = {i: (6, 10, 10) for i in ids}
    monkeypatch.setattr(trainer, "_slots_by_article", lambda tuning, variant: counts[variant])
    share = trainer.beats([], "lucky", "anchor")
    assert 0.5 < share < trainer.CONFIDENT
    assert trainer._anchored(0.325, 0.225, [], lambda t: {0.325: "lucky", 0.225: "anchor"}[t], "event") == 0.225
    assert trainer.beats([], "better", "anchor") == 1.0
    assert trainer._anchored(0.325, 0.225, [], lambda t: {0.325: "better", 0.225: "anchor"}[t], "event") == 0.325
    # no anchor: the free pick stands
    assert trainer._anchored(0.325, None, [], lambda t: "anchor", "event") == 0.325


# -- the model format ---------------------------------------------------------------------
def test_binary_model_is_a_logistic_function_of_the_features_it_knows():
    model = LinearModel(("no", "yes"), (-1.0,), {"trig=buy": (2.0,), "doc_earnings": (-3.0,)})
    p = model.proba({"trig=buy": 1.0, "unknown feature": 1.0})
    assert p["yes"] == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert p["no"] + p["yes"] == pytest.approx(1.0)
    assert model.proba({"trig=buy": 1.0, "doc_earnings": 1.0})["yes"] < 0.5


def test_multiclass_model_gives_a_distribution_and_survives_json():
    model = LinearModel(("acquisition", "agreement", "funding"), (0.1, 0.0, -0.2),
                        {"trig=loan": (-1.0, -0.5, 2.5), "trig=buy": (2.0, 0.0, -1.0)})
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    for features in ({"trig=loan": 1.0}, {"trig=buy": 1.0}, {}):
        p, q = model.proba(features), again.proba(features)
        assert sum(p.values()) == pytest.approx(1.0)
        assert p == pytest.approx(q)
    assert max(model.proba({"trig=loan": 1.0}).items(), key=lambda kv: kv[1])[0] == "funding"


def test_a_missing_or_broken_bundle_is_a_coded_error(tmp_path):
    bad = tmp_path / "decisions.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(PipelineError, match="E080"):
        load_decisions(str(bad))
    with pytest.raises(PipelineError, match="E080"):
        load_decisions(str(tmp_path / "absent.json"))


# -- the shipped bundle ----------------------------------------------------------------------
def test_shipped_bundle_is_small_and_says_what_it_was_trained_on():
    assert DEFAULT_BUNDLE.stat().st_size < 3_000_000
    bundle = load_decisions()
    assert set(bundle.models) == {"event", "type", "status", "roles", "what"}
    meta = bundle.meta
    assert len(meta["data_sha256"]) == 16 and meta["seed"] == 0
    assert meta["trained_on"]["train"] == 366
    assert 0.0 < bundle.threshold < 1.0
    assert set(bundle.models["type"].classes) == {"agreement", "acquisition", "investment", "funding"}
    assert set(bundle.models["status"].classes) == {"agreed", "negotiating", "planned", "rejected"}
    assert set(bundle.models["roles"].classes) == {"none", "who", "with"}
    add, drop = bundle.role_thresholds
    assert 0.0 < add < 1.0 and add <= drop
    assert meta["cv"]["slots"] > meta["cv_without_roles"]["slots"]
    assert 0.0 <= bundle.what_margin < 1.0


def test_saving_a_bundle_is_deterministic(tmp_path):
    bundle = load_decisions()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    bundle.save(a)
    Decisions.from_json(json.loads(a.read_text())).save(b)
    assert a.read_bytes() == b.read_bytes()


@pytest.fixture(scope="module")
def nlp_training():
    """The pipeline ``make train`` collects candidates with: rules only, candidates as the bundle says."""
    from pactum.pipeline.api import load_nlp

    return load_nlp(learned=False, relaxed=load_decisions().meta.get("relaxed", False))


def test_shipped_models_give_the_outputs_recorded_at_training_time(nlp_training, shared):
    """The fingerprint: probabilities, types and statuses on fixed dev candidates."""
    trainer = _trainer()
    bundle = load_decisions()
    rows = bundle.meta["fingerprint"]
    ids = sorted({r[0] for r in rows})
    golds = [g for g in trainer.read_gold(shared / "gold" / "dev.jsonl") if g.doc_id in ids]
    articles = trainer.collect(golds, trainer.read_articles(set(ids), shared), nlp_training)
    now = trainer.fingerprint(bundle.models, articles, n=len(rows))
    assert [r[:2] + r[3:] for r in now] == [r[:2] + r[3:] for r in rows]
    for got, want in zip(now, rows):
        assert got[2] == pytest.approx(want[2], abs=1e-3)


@pytest.mark.parametrize("key", ["role_fingerprint", "what_fingerprint"])
def test_shipped_role_and_what_models_give_the_outputs_recorded_at_training_time(key, nlp_training, shared):
    """The role model's ``none`` probability on fixed (dev candidate, party) pairs; the what model's
    score of each option of fixed dev candidates."""
    trainer = _trainer()
    bundle = load_decisions()
    rows = bundle.meta[key]
    assert len(rows) == 40
    ids = sorted({r[0] for r in rows})
    golds = [g for g in trainer.read_gold(shared / "gold" / "dev.jsonl") if g.doc_id in ids]
    articles = trainer.collect(golds, trainer.read_articles(set(ids), shared), nlp_training)
    now = getattr(trainer, key)(bundle.models, articles, n=len(rows))
    assert [r[:3] for r in now] == [r[:3] for r in rows]
    for got, want in zip(now, rows):
        assert got[3] == pytest.approx(want[3], abs=1e-3)


@pytest.mark.slow
def test_make_train_reproduces_the_shipped_models(nlp_training, shared):
    """Refitting on the same labelled data gives the shipped weights (the CV part of make train aside)."""
    trainer = _trainer()
    bundle = load_decisions()
    data = trainer.load_data(shared, nlp_training, pool=bundle.meta["trained_on"].get("pool", 0) > 0)
    assert {k: len(v) for k, v in data.items()} == bundle.meta["trained_on"]
    models = trainer.fit_all(data["train"] + data["dev"] + data["pool"])
    for name, model in models.items():
        shipped = bundle.models[name]
        assert model.classes == shipped.classes
        assert set(model.weights) == set(shipped.weights)
        worst = max(abs(a - b) for k in model.weights for a, b in zip(model.weights[k], shipped.weights[k]))
        assert worst < 1e-3


# -- the stage in the pipeline -----------------------------------------------------------------
EARNINGS = (
    "Shr 1.20 dlrs vs 1.05 dlrs\nNet 12.4 mln vs 10.8 mln\nRevs 140.5 mln vs 122.0 mln\n\n"
    "The company said its board declared a quarterly dividend of 25 cts a share, payable April 15 "
    "to holders of record March 31. It said results for the year included a gain from the sale of "
    "securities, and it forecast higher earnings for 1987."
)
DEAL = "Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs."


@pytest.fixture(scope="module")
def nlp_decide():
    """The pipeline with all the learned decisions (rescue, drop, type, status)."""
    from pactum.pipeline.api import load_nlp

    return load_nlp(decisions=("confidence", "rescue", "type", "status", "event", "roles"))


def test_pipeline_has_the_decide_stage_unless_rules_only(nlp, nlp_rules, nlp_decide):
    from pactum.pipeline.running.parallel import PipelineSpec

    assert nlp.pipe_names[-1] == "events_decide" and "events_decide" not in nlp_rules.pipe_names
    assert PipelineSpec.of(nlp) == PipelineSpec()
    assert not PipelineSpec.of(nlp_rules).learned
    assert PipelineSpec.of(nlp_decide).load().get_pipe("events_decide").use == (
        "confidence", "rescue", "type", "status", "event", "roles")


def test_default_stage_keeps_the_rules_statuses_and_clear_types_and_scores_each_event(nlp, nlp_rules):
    from pactum.pipeline.api import extract

    doc = {"id": "e", "text": EARNINGS + "\n\n" + DEAL + " Hanson Plc may acquire Kidde Inc.",
           "published": "1987-03-02"}
    learned, rules = list(extract([doc], nlp)), list(extract([doc], nlp_rules))
    assert [(e.type, e.status, e.who[0].name) for e in learned] == [(e.type, e.status, e.who[0].name) for e in rules]
    assert [e.status for e in learned] == ["agreed", "planned"]
    assert [e.confidence for e in learned] != [e.confidence for e in rules]


@pytest.mark.parametrize("pipeline", ["nlp", "nlp_decide"])
def test_earnings_report_gives_no_event_but_the_deal_it_mentions_counts(pipeline, request):
    from pactum.pipeline.api import extract

    nlp = request.getfixturevalue(pipeline)
    assert list(extract([{"id": "e1", "text": EARNINGS, "published": "1987-03-02"}], nlp)) == []
    events = list(extract([{"id": "e2", "text": EARNINGS + "\n\n" + DEAL, "published": "1987-03-02"}], nlp))
    assert [(e.type, e.who[0].name) for e in events] == [("acquisition", "Dixons Group Plc")]
    assert 0.5 <= events[0].confidence <= 1.0


def test_an_unknown_decision_is_a_coded_error():
    from pactum.pipeline.api import load_nlp

    with pytest.raises(PipelineError, match="E081"):
        load_nlp(decisions=("events",))


# -- rescuing what the rules veto ---------------------------------------------------------------
def test_keep_rescues_a_vetoed_candidate_only_above_its_own_threshold():
    model = LinearModel(("no", "yes"), (0.0,), {"strong": (3.0,), "weak": (-3.0,)})
    bundle = Decisions({"event": model}, threshold=0.5, rescue_threshold=0.8)
    default = ("confidence", "rescue")
    assert bundle.keep({"strong": 1.0}, 1.0, default)[0] is True           # p 0.95 >= 0.8
    assert bundle.keep({"strong": 1.0}, 2.0, default)[0] is False          # a market trade stays vetoed
    assert bundle.keep({"strong": 1.0}, 1.0, default, alone=False)[0] is False  # the rules found one there
    assert bundle.keep({}, 1.0, default)[0] is False                       # p 0.5 < 0.8
    assert bundle.keep({"weak": 1.0}, 0.0, default)[0] is True            # the rules' own: always kept
    assert bundle.keep({}, 1.0, ("confidence",))[0] is False               # no rescue asked: vetoed goes
    assert bundle.keep({"weak": 1.0}, 0.0, ("event",))[0] is False        # the full filter drops it
    assert bundle.keep({"weak": 1.0}, 0.0, ()) == (True, None)            # nothing asked: the rules' output


def test_relaxed_candidates_add_vetoed_ones_and_leave_the_accepted_ones_as_they_were(nlp_rules):
    from pactum.pipeline.extraction.candidates import find_candidates

    doc = nlp_rules("Cyclops Corp agreed to sell its retail unit to Dixons Group Plc. "
                    "The province is attracting huge foreign investment. Investors bought dollars in Tokyo today. "
                    "Nippon Mining was not planning to acquire any U.S. refining outlets.")
    strict = [c for sent in doc.sents for c in find_candidates(sent)]
    relaxed = [c for sent in doc.sents for c in find_candidates(sent, relaxed=True)]
    accepted = [c for c in relaxed if "vetoed" not in c.features]
    assert [(c.trigger.i, c.type, c.status) for c in accepted] == [(c.trigger.i, c.type, c.status) for c in strict]
    vetoed = [c for c in relaxed if "vetoed" in c.features]
    # vetoed for want of structure: kept, marked; a market trade and a negated plan: never candidates
    assert [c.trigger.text for c in vetoed] == ["investment"]


# -- learned roles ------------------------------------------------------------------------------
def test_assign_adds_the_parties_the_rules_missed_and_keeps_their_roles():
    from pactum.pipeline.learned.roles import assign

    model = LinearModel(("none", "who", "with"), (0.0, -1.0, -1.0),
                        {"subject": (-3.0, 3.0, 0.0), "object": (-3.0, 0.0, 3.0), "far": (3.0, 0.0, 0.0)})
    pairs = [(0, {"object": 1.0}), (1, {"subject": 1.0}), (2, {"far": 1.0}), (3, {"object": 1.0})]
    # party 1 joins as who, party 3 as with; party 2 stays out; the rules' party 0 keeps its role
    assert assign(pairs, model, 0.5, 1.01, [0], []) == ([0, 1], [3])
    # with a drop threshold the rules' doubtful party leaves
    assert assign([(0, {"far": 1.0}), (1, {"subject": 1.0})], model, 0.5, 0.9, [0], []) == ([1], [])
    # a candidate the model would leave with no party keeps the rules' roles
    assert assign([(0, {"far": 1.0})], model, 0.5, 0.5, [0], []) == ([0], [])


def test_dependency_path_runs_up_from_the_mention_and_down_to_the_trigger(nlp_rules):
    from pactum.pipeline.learned.roles import dependency_path

    doc = nlp_rules("Toyota agreed to buy the unit from Honda.")
    toyota, buy, honda = doc[0], doc[3], doc[7]
    assert dependency_path(toyota, buy) == ("nsubj | xcomp", 2)
    assert dependency_path(honda, buy) == ("pobj prep:from | ", 2)


#: Sentences of the kind the rules get wrong (train's BBC articles, shortened): the subject of
#: "struck a deal to supply" or "announced a deal to buy" is a side of the deal, but the rules look
#: for the parties under "deal", "supply" and "buy" only, and give "deal" and "buy" an event each.
# reuters-01099's shape: the unit sold, in apposition, is a side of the sale the rules leave out (dev's gold
# names it). (Mitsubishi Motors' "deal to supply Peugeot", pinned here up to issue 12's sixth step, lost its
# subject when the role model was refitted on 820 pool articles.)
SALE_OF_UNIT = ("Norton Co said it has agreed to sell its remaining South African business, Norton Co Pty Ltd, to "
                "Global Mining and Industrial Corp of South Africa for an undisclosed sum.")
#: reuters-17074's lead, retold so that the rules miss the U.S. in it (the original, "Taiwan and the U.S. Have
#: revised and extended their textile export agreement", the rules now read whole: "their" is both)
TEXTILE_DEAL = ("Taiwan has extended its textile agreement after talks with the U.S. this week, a spokesman said. "
                "The U.S. Has agreed "
                "to raise the limit on annual growth of Taiwan's textile and apparel exports to one pct from 0.5 pct "
                "for calendar 1989, he said.")


def _sides(events):
    return [([p.name for p in e.who], [p.name for p in e.with_whom]) for e in events]


def test_learned_roles_find_the_party_the_rules_miss(nlp, nlp_rules):
    from pactum.pipeline.api import extract

    doc = {"id": "r", "text": SALE_OF_UNIT, "published": "1987-03-02"}
    buyers = ["Global Mining and Industrial Corp"]  # the recognizer splits it; a pair of trade words joins it
    assert _sides(extract([doc], nlp_rules)) == [(buyers, ["Norton Co"])]
    assert _sides(extract([doc], nlp)) == [(buyers, ["Norton Co", "Norton Co Pty Ltd"])]


def test_mentions_the_learned_roles_make_agree_are_merged_again(nlp, nlp_rules):
    from pactum.pipeline.api import extract, load_nlp

    doc = {"id": "b", "text": TEXTILE_DEAL, "published": "1987-04-24"}
    assert _sides(extract([doc], nlp_rules)) == [(["Taiwan"], []), ([], ["U.S."])]
    assert _sides(extract([doc], load_nlp(decisions=("confidence", "rescue", "event")))) == [
        (["Taiwan"], []), ([], ["U.S."])]
    # the role model finds the U.S. in the first sentence's agreement: then both tell one deal
    assert _sides(extract([doc], nlp)) == [(["Taiwan"], ["U.S."])]


# -- learned what ------------------------------------------------------------------------------
SOLD_UNIT = ("The Reader's Digest Association Inc said it sold its subsidiary, Source Telecomputing Corp, "
             "to the venture capital firm of Welsh, Carson, Anderson and Stowe.")
LINK = "The GCC states have agreed in principle to link their currencies to a common grid."


def _options(nlp_rules, text):
    from pactum.pipeline.extraction.extensions import get_events
    from pactum.pipeline.learned.what import what_options

    doc = nlp_rules(text)
    (event,) = get_events(doc)
    return [(span.text if span is not None else None, features) for span, features in what_options(event, doc)]


def test_what_options_hold_the_rules_phrase_and_the_phrases_it_cut_off(nlp_rules):
    options = _options(nlp_rules, SOLD_UNIT)
    texts = [t for t, _ in options]
    assert texts[0] is None and texts[1] == "its subsidiary" and "is_rule" in options[1][1]
    assert "its subsidiary, Source Telecomputing Corp" in texts  # the apposition the comma cut off
    assert len(texts) == len(set(texts))
    # "agreed to link ...": the rules find no object; the clause the agreement governs is an option,
    # and "no phrase" is the rules' choice
    options = _options(nlp_rules, LINK)
    assert "is_rule" in options[0][1] and options[0][0] is None
    assert "link their currencies to a common grid" in [t for t, _ in options]


def test_the_learned_what_replaces_the_rules_phrase_only_when_the_model_prefers_another(nlp, nlp_rules):
    def what(pipeline, text):
        (result,) = extract_documents([Document(id="d", text=text, published="1987-03-01")], pipeline)
        return [e.what for e in result.events]

    assert what(nlp_rules, SOLD_UNIT) == ["its subsidiary"]
    # the model prefers the phrase with its apposition; the stage takes it only beyond the bundle's margin
    from pactum.pipeline.learned.what import choose_index

    bundle = nlp.get_pipe("events_decide").decisions
    options = _options(nlp_rules, SOLD_UNIT)
    assert options[choose_index(options, bundle.models["what"])][0] == "its subsidiary, Source Telecomputing Corp"
    assert what(nlp, SOLD_UNIT) == [options[choose_index(options, bundle.models["what"], bundle.what_margin)][0]]
    assert what(nlp_rules, LINK) == [None]
    assert what(nlp, LINK) == ["link their currencies to a common grid"]
    # where the rules' phrase is what the model ranks first, it stays
    assert what(nlp, DEAL) == what(nlp_rules, DEAL) == ["its retail unit"]


def test_a_phrase_the_what_model_doubts_is_not_written():
    from pactum.pipeline.learned.what import WHAT_FLOOR, choose_index

    model = LinearModel(("no", "yes"), (0.0,), {"good": (3.0,), "poor": (-3.0,)})  # P(yes) 0.95 / 0.05
    none, poor, good = (None, {"is_rule": 1.0}), ("the buyer's name", {"poor": 1.0}), ("its unit", {"good": 1.0})
    assert choose_index([none, poor, good], model) == 2
    assert model.proba({"poor": 1.0})["yes"] < WHAT_FLOOR
    assert choose_index([none, poor], model) == 0  # "acquire for one mln dlrs the assets of ...": no phrase
    assert choose_index([(None, {"poor": 1.0}), ("its unit", {"is_rule": 1.0, "poor": 1.0})], model) == 0


def test_a_label_model_overrides_the_rules_only_beyond_its_margin():
    model = LinearModel(("agreed", "planned"), (0.0,), {"will": (1.0,)})  # P(planned) = 0.73 with "will"
    bundle = Decisions({"status": model}, label_margins={"status": 0.2})
    rules = {"status": "agreed"}
    assert bundle.relabel({"will": 1.0}, ("status",), rules) == {"status": "planned"}  # 0.73 - 0.27 >= 0.2
    assert bundle.relabel({"will": 0.3}, ("status",), rules) == {"status": "agreed"}  # 0.57 - 0.43 < 0.2
    assert bundle.relabel({"will": 0.3}, ("status",)) == {"status": "planned"}  # no rules' label: the model's
    assert bundle.relabel({"will": 1.0}, ("type",), rules) == {}  # not asked for, or no such model


def test_choose_index_keeps_the_rules_choice_within_the_margin():
    from pactum.pipeline.learned.what import choose_index

    model = LinearModel(("no", "yes"), (0.0,), {"a": (1.0,), "b": (1.2,)})
    options = [(None, {"a": 1.0, "is_rule": 1.0}), ("longer", {"b": 1.0})]
    assert choose_index(options, model) == 1  # 0.77 beats 0.73
    assert choose_index(options, model, margin=0.1) == 0  # but not by 0.1: the rules' choice stays
    assert choose_index([("x", {"b": 1.0}), ("y", {"a": 1.0})], model, margin=0.5) == 0  # no rule option: the best


def test_the_encoder_probe_brackets_the_trigger_and_averages_in_log_odds():
    """training/probe_encoder.py (the measurement behind docs/learned.md's fine-tuned encoder): its input pair
    and the event probability it averages with the logistic model's."""
    from types import SimpleNamespace

    _trainer()
    spec = importlib.util.spec_from_file_location("probe_encoder", ROOT / "training" / "probe_encoder.py")
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    party = SimpleNamespace
    record = SimpleNamespace(
        evidence=SimpleNamespace(text="Cyclops Corp agreed to sell its retail unit to Dixons Group Plc."),
        trigger="sell", type="acquisition", status="agreed", who=[party(name="Dixons Group Plc")],
        with_whom=[party(name="Cyclops Corp")], what="its retail unit", amount_text=None)
    sentence, reading = probe._pair(SimpleNamespace(record=record))
    assert sentence == "Cyclops Corp agreed to [sell] its retail unit to Dixons Group Plc."
    assert reading.startswith("acquisition agreed. who: Dixons Group Plc. with: Cyclops Corp. what: its retail unit.")

    model = LinearModel(("no", "yes"), (0.0,), {"bias": (math.log(0.8 / 0.2),)})
    known, unknown = {"bias": 1.0}, {"bias": 1.0}
    blended = probe.Blended(model, {id(known): 0.2})
    assert blended.proba(known)["yes"] == pytest.approx(0.5)  # 0.8 and 0.2 average to even odds
    assert blended.proba(unknown)["yes"] == pytest.approx(model.proba(unknown)["yes"])  # not scored: the model's


def _breakdown():
    _trainer()
    spec = importlib.util.spec_from_file_location("error_breakdown", ROOT / "training" / "error_breakdown.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_error_breakdown_names_why_an_event_was_missed_or_false():
    """training/error_breakdown.py (docs/learned.md, "Where the errors are now"): each missed gold event
    and each false record gets its cause from the candidates and records of its sentence."""
    b = _breakdown()
    deal = "Cyclops Corp agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs."
    other = "Cyclops shares rose 2-1/4 to 93-1/2 in heavy trading on the New York Stock Exchange."
    assert b.missed_cause(deal, [(other, False)], [other]) == "no candidate in its sentence"
    assert b.missed_cause(deal, [(deal, True)], []) == "vetoed, not rescued"
    assert b.missed_cause(deal, [(deal, False), (deal, True)], []) == "dropped by the event model"
    assert b.missed_cause(deal, [(deal, False)], [deal]) == "a record there, other parties"
    assert b.false_place(deal, [], set()) == "article reports no deal"
    assert b.false_place(deal, [deal], set()) == "gold event there unpaired (wrong parties)"
    assert b.false_place(deal, [other, deal], {1}) == "gold event there found by another record"
    assert b.false_place(other, [deal], {0}) == "sentence states no gold event"
    title = "CYCLOPS <CYL> TO SELL RETAIL UNIT"
    text = f"{deal} The unit had sales of 1.2 billion dlrs. Dixons Group said it was pleased."
    dixons = {"dixons", "dixons group"}
    assert b.party_place(dixons, deal, True, True, title, text) == "in its sentence: in the record, other role"
    assert b.party_place(dixons, deal, False, True, title, text) == "in its sentence: a party option, not chosen"
    assert b.party_place(dixons, deal, False, False, title, text) == "in its sentence: no party option"
    assert b.party_place({"cyclops"}, other.replace("Cyclops", "Its"), False, False, title, text) == "in the headline"
    assert b.party_place(dixons, other, False, False, title, text) == "elsewhere in the text"
    assert b.party_place({"woolworth"}, other, False, False, title, text) == "not named verbatim"


def test_a_candidates_cache_written_by_make_train_reads_back_from_other_scripts(tmp_path):
    """``train_decisions.py --cache`` pickles its candidates as the ``__main__`` module's classes; the other
    training scripts (error_breakdown, probe_encoder) read them back as train_decisions' own."""
    import pickle

    trainer = _trainer()
    main = sys.modules["__main__"]
    article = trainer.Article("reuters-00001", None)
    saved = (trainer.Article.__module__, getattr(main, "Article", None))
    trainer.Article.__module__, main.Article = "__main__", trainer.Article
    try:
        (tmp_path / "cache.pkl").write_bytes(pickle.dumps({"train": [article]}))
    finally:
        trainer.Article.__module__ = saved[0]
        if saved[1] is None:
            del main.Article
        else:
            main.Article = saved[1]
    data = trainer.read_cache(tmp_path / "cache.pkl")
    assert isinstance(data["train"][0], trainer.Article) and data["train"][0].doc_id == "reuters-00001"
