"""Shared inputs for the throughput tests (parallel, resume, Ray): a few hundred short
documents cut from the project's own articles (corpus/articles/articles.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles" / "articles.jsonl"


def paragraph_records(copies: int = 3) -> list[dict]:
    """Every paragraph of every project article as a document, ``copies`` times over.

    RETURNS (list[dict]): records with ``id``, ``title`` (the article's, on its
        first paragraph only), ``published`` and ``text``; ids are unique.
    """
    records = []
    with open(ARTICLES, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    for copy in range(copies):
        for article in articles:
            for number, paragraph in enumerate(p for p in article["text"].split("\n\n") if p.strip()):
                records.append({
                    "id": f"{article['id']}-c{copy}-p{number}",
                    "title": article.get("title") if number == 0 else None,
                    "published": article.get("published"),
                    "text": paragraph,
                })
    return records


def write_jsonl(path: Path, records: list[dict], bad_line_after: int | None = None) -> Path:
    """Write records as JSON Lines; ``bad_line_after`` puts a broken line after that many records."""
    with open(path, "w", encoding="utf-8") as fh:
        for number, record in enumerate(records):
            if number == bad_line_after:
                fh.write('{"id": "broken", "text": \n')
            fh.write(json.dumps(record) + "\n")
    return path
