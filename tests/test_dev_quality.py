"""The quality ratchet: slots F1 on ../shared/gold/dev.jsonl never falls below the last measured floor.

Raise FLOOR when quality improves; lowering it needs a reason in the commit message.
"""

from __future__ import annotations

import gzip
import json

import pytest

from pactum.models import Document
from pactum.pipeline.api import extract_documents
from pactum.pipeline.evaluation.scoring import read_gold, score

#: Last measured dev figures (without the neural stage), minus nothing: a ratchet.
FLOOR = {"slots": 0.78, "event": 0.87}


def _dev_documents(shared):
    ids = [json.loads(line)["doc_id"] for line in open(shared / "gold" / "dev.jsonl")]
    wanted, found = set(ids), {}
    for path in sorted((shared / "corpus").glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt") as fh:
            for line in fh:
                if '"id"' in line:
                    record = json.loads(line)
                    if record["id"] in wanted:
                        found[record["id"]] = record
    return [Document.model_validate(found[i]) for i in ids if i in found]


@pytest.mark.slow
def test_dev_slots_f1_stays_at_or_above_the_floor(nlp, shared):
    gold, errors = read_gold(shared / "gold" / "dev.jsonl")
    assert errors == []
    docs = _dev_documents(shared)
    assert len(docs) == len(gold) == 47
    predictions = [e for result in extract_documents(docs, nlp) for e in result.events]
    report = score(gold, predictions)
    figures = {name: round(report.figures[name].f1, 3) for name in FLOOR}
    assert all(figures[name] >= floor for name, floor in FLOOR.items()), f"dev figures fell: {figures} < {FLOOR}"
