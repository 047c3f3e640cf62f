"""What parsing only the focus costs in recall: ``make focus-cost``.

pactum parses only the sentences that may hold a deal, the lead, and their
context (:mod:`pipeline.extraction.focus`). This script measures, on the gold
of ../shared/gold train and dev (never validation's documents):

1. ``pactum evaluate`` of the default extraction and of ``--parse-all`` side by
   side: events and each slot;
2. the gold events ``--parse-all`` finds and the focus misses (and the
   reverse), listed one by one: what the filter loses;
3. gold events whose evidence never reaches the parser (less than half of its
   characters are in the parsed text): most have no trigger word at all, and
   the whole pipeline misses them either way.

    python bench/focus_cost.py            # train + dev
    python bench/focus_cost.py --sets dev
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))
ROWS = ("event", "party", "amount", "when", "what", "type", "status", "slots")


def read_gold(name: str) -> list[dict]:
    with open(SHARED / "gold" / f"{name}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def find_articles(ids: set[str]) -> dict[str, dict]:
    """RETURNS (dict): id → article, from the shared corpora (``bench/dev_eval.py`` reads them)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_eval", Path(__file__).with_name("dev_eval.py"))
    dev_eval = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev_eval)
    return dev_eval.find_articles(sorted(ids), SHARED)


def _evidence_span(evidence: str, text: str) -> tuple[int, int] | None:
    words = evidence.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def parsed_positions(article: dict, nlp, parse_all: bool = False) -> dict[str, set[int]]:
    """RETURNS (dict): field → the character positions (in the original field) that reach the parser."""
    from pactum.models import Document
    from pactum.pipeline.extraction.extractor import _parts

    document = Document(id=article["id"], title=article.get("title"), text=article.get("text") or "")
    out: dict[str, set[int]] = {"title": set(), "text": set()}
    for part in _parts(document, nlp, parse_all):
        out[part.field].update(part.offset + o for o in part.cleaned.offsets[:-1])
    return out


def lost_events(golds: list[dict], articles: dict[str, dict], nlp) -> tuple[int, list[str]]:
    """Gold events whose evidence the parser never sees.

    RETURNS (tuple): (events checked, descriptions of the lost ones).
    """
    checked, lost = 0, []
    for gold in golds:
        article = articles.get(gold["doc_id"])
        if article is None:
            continue
        parsed = parsed_positions(article, nlp)
        for event in gold["events"]:
            checked += 1
            evidence = event.get("evidence") or ""
            for field in ("text", "title"):
                span = _evidence_span(evidence, article.get(field) or "")
                if span is None:
                    continue
                chars = [i for i in range(*span) if not article[field][i].isspace()]
                if sum(i in parsed[field] for i in chars) < len(chars) / 2:
                    lost.append(f"{gold['doc_id']}: {evidence[:110]}")
                break
    return checked, lost


def scores(gold: Path, predicted: Path) -> tuple[dict[str, float], set[tuple[str, str]]]:
    """RETURNS (tuple): F1 per row, and the gold events missed (doc_id, evidence)."""
    from pactum.pipeline.api import evaluate_files

    report = evaluate_files(gold, predicted)
    missed = {(m.doc_id, m.evidence or "") for m in report.errors if m.kind == "false_negative"}
    return {row: report.figures[row].f1 for row in ROWS}, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="train,dev", help="gold sets (default train,dev; never validation)")
    args = parser.parse_args()
    names = [n for n in args.sets.split(",") if n]
    if "validation" in names:
        sys.exit("validation is for aggregate figures only: its documents are not read here")
    if not (SHARED / "gold").exists():
        sys.exit(f"{SHARED / 'gold'} is absent: the gold lives in ../shared")
    sys.path.insert(0, str(ROOT))
    import spacy

    from pactum.pipeline.api import extract_files
    from pactum.pipeline.extraction.extractor import MODEL

    tokenizer_only = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    golds = {name: read_gold(name) for name in names}
    articles = find_articles({g["doc_id"] for gs in golds.values() for g in gs})
    total_checked, total_lost, lost_to_focus = 0, [], {}
    with tempfile.TemporaryDirectory(prefix="pactum-focus-") as tmp:
        for name in names:
            checked, lost = lost_events(golds[name], articles, tokenizer_only)
            total_checked += checked
            total_lost += lost
            inputs = Path(tmp) / f"{name}.jsonl"
            with open(inputs, "w", encoding="utf-8") as fh:
                for gold in golds[name]:
                    if gold["doc_id"] in articles:
                        fh.write(json.dumps(articles[gold["doc_id"]]) + "\n")
            figures, missed = {}, {}
            for mode in ("focus", "all"):
                output = Path(tmp) / f"{name}-{mode}.jsonl"
                extract_files([inputs], output, jobs=1, parse_all=mode == "all")
                figures[mode], missed[mode] = scores(SHARED / "gold" / f"{name}.jsonl", output)
            print(f"\n{name}: {len(golds[name])} articles; F1 of the default (focus) and of --parse-all")
            print(f"{'':<8}{'focus':>8}{'all':>8}{'diff':>8}")
            for row in ROWS:
                a, b = figures["focus"][row], figures["all"][row]
                print(f"{row:<8}{a:>8.3f}{b:>8.3f}{a - b:>+8.3f}")
            for label, events in (("found with --parse-all, missed with the focus", missed["focus"] - missed["all"]),
                                  ("found with the focus, missed with --parse-all", missed["all"] - missed["focus"])):
                print(f"gold events {label}: {len(events)}")
                for doc_id, evidence in sorted(events):
                    print(f"  {doc_id}: {evidence[:110]}")
                lost_to_focus[label] = lost_to_focus.get(label, 0) + len(events)
            print(f"gold events whose evidence never reaches the parser: {len(lost)} of {checked}")
            for note in lost:
                print(f"  never parsed: {note}")
    print(f"\nall sets: {total_checked} gold events; "
          + "; ".join(f"{label}: {n}" for label, n in lost_to_focus.items())
          + f"; evidence never parsed: {len(total_lost)}")


if __name__ == "__main__":
    main()
