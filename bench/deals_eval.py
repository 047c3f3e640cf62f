"""Deals across articles: quality on ../shared/gold/deals_dev.jsonl, time and memory, the largest deals.

    python bench/deals_eval.py EVENTS.jsonl [--docs ARTICLES] [--top 10]

EVENTS is an events file of the whole corpus (``pactum extract ../shared/corpus/reuters21578.jsonl.gz
-o reuters-events.jsonl``); linking runs as ``pactum deals`` in a child process, so its time and peak
memory are the command's own. Scored on the labelled articles only: pairwise P/R/F1 of article links
and B-cubed, with and without the articles that mention a deal only in passing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pactum.pipeline.deals.evaluate import evaluate_deal_files

ROOT = Path(__file__).resolve().parents[1]

SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold" / "deals_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="+", help="events files (pactum extract output)")
    parser.add_argument("--docs", action="append", default=[], help="the articles, for publication dates")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--top", type=int, default=10, help="list the N largest deals")
    parser.add_argument("-o", "--output", help="keep the deals file here")
    args = parser.parse_args()

    out = Path(args.output) if args.output else Path(tempfile.mkdtemp()) / "deals.jsonl"
    command = [sys.executable, "-m", "pactum.pipeline.cli", "deals", *args.events, "-o", str(out)]
    for docs in args.docs:
        command += ["--docs", docs]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode:
        sys.exit(done.stderr)
    print(done.stderr.strip().splitlines()[-1])
    print(f"linking: {seconds:.1f} s wall (with start-up and reading), peak RSS {peak:.0f} MB")

    deals = [json.loads(line) for line in out.read_text().splitlines()]
    events = sum(len(d["events"]) for d in deals)
    multi = sum(1 for d in deals if len(d["documents"]) > 1)
    print(f"{events} events, {len(deals)} deals, {multi} reported by two or more articles")
    if Path(args.gold).is_file():
        print("\nall labelled articles:")
        print(evaluate_deal_files(args.gold, out).table())
        print("\nwithout passing mentions:")
        print(evaluate_deal_files(args.gold, out, main_only=True).table())
    deals.sort(key=lambda d: (-len(d["events"]), d["deal_id"]))
    print(f"\nthe {args.top} largest deals (events, articles, type, who <- with_whom, what, first - last):")
    for d in deals[: args.top]:
        who = "; ".join(p["name"] for p in d["who"][:4])
        with_whom = "; ".join(p["name"] for p in d["with_whom"][:4])
        print(f"{len(d['events']):4} {len(d['documents']):4}  {d['deal_id']}  {d['type']:<11} {who} <- {with_whom} "
              f"| {d['what']} | {d['first_reported']} - {d['last_reported']}")


if __name__ == "__main__":
    main()
