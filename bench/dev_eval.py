"""Score pactum on the dev gold: ``make evaluate-dev``.

Collects the 47 dev articles named in ../shared/gold/dev.jsonl from the shared
corpora (seeds, Reuters, BBC), extracts them with ``extract_files`` and prints
``pactum evaluate`` against the gold. Also prints what the lexical pre-filter
costs in recall: gold events whose evidence lies in a field (title, or a part
of the text) that the pre-filter keeps from the parser.

Nothing from ../shared is written into the project: the articles and the
predictions go to a temporary folder unless ``--output`` names a file.

    python bench/dev_eval.py [--errors] [--jobs N] [--output FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold" / "dev.jsonl"
CORPORA = ("seeds.jsonl", "reuters21578.jsonl.gz", "bbc.jsonl.gz")


def gold_ids(gold: Path = GOLD) -> list[str]:
    """RETURNS (list[str]): the document ids of the gold file, in its order."""
    with open(gold, encoding="utf-8") as fh:
        return [json.loads(line)["doc_id"] for line in fh if line.strip()]


def find_articles(ids: list[str], shared: Path = SHARED) -> dict[str, dict]:
    """RETURNS (dict[str, dict]): the shared corpus records with these ids."""
    wanted, found = set(ids), {}
    for name in CORPORA:
        path = shared / "corpus" / name
        if not path.exists():
            continue
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("id") in wanted:
                    found[record["id"]] = record
        if len(found) == len(wanted):
            break
    return found


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def prefilter_cost(gold: Path, articles: dict[str, dict]) -> tuple[int, int, list[str]]:
    """Gold events the field-level pre-filter would lose.

    RETURNS (tuple): (events lost, events checked, descriptions of the lost ones).
    An event is lost when the title or text part holding its evidence has no
    trigger word (``may_have_events`` is False), since that part never reaches
    the parser.
    """
    from pactum.pipeline.extraction.extractor import _segments, may_have_events

    lost, checked, notes = 0, 0, []
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            entry = json.loads(line)
            article = articles.get(entry["doc_id"])
            if article is None:
                continue
            fields = [article.get("title") or ""] + [part for _, part in _segments(article["text"])]
            for event in entry["events"]:
                checked += 1
                evidence = _normal(event.get("evidence") or "")[:80]
                holders = [f for f in fields if evidence and evidence in _normal(f)] or fields
                if not any(may_have_events(f) for f in holders):
                    lost += 1
                    notes.append(f"{entry['doc_id']}: {event.get('evidence', '')[:100]}")
    return lost, checked, notes


def main() -> None:
    parser = argparse.ArgumentParser(description="Score pactum on ../shared/gold/dev.jsonl.")
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--output", help="keep the predictions in this file (outside the project's tracked files)")
    args = parser.parse_args()
    if not GOLD.exists():
        sys.exit(f"{GOLD} is absent: the dev gold lives in ../shared")

    from pactum.pipeline.api import evaluate_files, extract_files
    from pactum.pipeline.evaluation.scoring_report import render_errors, render_table

    ids = gold_ids()
    articles = find_articles(ids)
    missing = [i for i in ids if i not in articles]
    if missing:
        print(f"warning: {len(missing)} dev articles not found in {SHARED / 'corpus'}: {missing[:5]}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="pactum-dev-") as tmp:
        inputs = Path(tmp) / "dev-articles.jsonl"
        with open(inputs, "w", encoding="utf-8") as fh:
            for doc_id in ids:
                if doc_id in articles:
                    fh.write(json.dumps(articles[doc_id]) + "\n")
        output = Path(args.output) if args.output else Path(tmp) / "dev-events.jsonl"
        summary = extract_files([inputs], output, jobs=args.jobs)
        print(summary.line().replace(str(output), output.name), file=sys.stderr)
        report = evaluate_files(GOLD, output)
        print(render_table(report))
        if args.errors:
            print(render_errors(report))
    lost, checked, notes = prefilter_cost(GOLD, articles)
    print(f"pre-filter: {lost} of {checked} gold events are in fields it keeps from the parser")
    for note in notes:
        print(f"  lost: {note}")


if __name__ == "__main__":
    main()
