"""Time the sentence classifier: model load and sentences per second on this CPU.

    python training/bench_classifier.py [--n 600] [--threads 2] [--batch-size 32]

Uses the self-written sentences of training/labels.jsonl (no shared corpus
needed), repeated to ``--n`` sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    ap.add_argument("--batch-size", type=int, nargs="+", default=[16, 32, 64])
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    import torch

    from pactum.pipeline.extraction.classifier import SentenceClassifier

    if args.threads:
        torch.set_num_threads(args.threads)
    t1 = time.perf_counter()
    clf = SentenceClassifier.from_package()
    t2 = time.perf_counter()
    print(f"import torch/transformers {t1 - t0:.1f}s, SentenceClassifier.from_package() {t2 - t1:.1f}s, "
          f"torch threads {torch.get_num_threads()}")

    rows = [json.loads(line) for line in (REPO / "training" / "labels.jsonl").read_text().splitlines() if line]
    own = [r["text"] for r in rows if r.get("doc_id") is None]
    texts = (own * (args.n // len(own) + 1))[: args.n]
    clf.predict(texts[:32])  # warm-up
    for bs in args.batch_size:
        t = time.perf_counter()
        clf.predict(texts, batch_size=bs)
        d = time.perf_counter() - t
        print(f"batch_size {bs:3d}: {len(texts) / d:6.0f} sentences/s ({len(texts)} sentences, {d:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
