"""Scoring deals against labelled deals: article-to-article links and B-cubed.

A labelled deal (``../shared/gold/deals_dev.jsonl``) lists every article that
reports it; an article can report several deals. Only the labelled articles
are scored, and a predicted deal is read as the set of labelled articles it
holds.

- **pairwise**: two articles are linked when they share a deal. Precision is
  the share of predicted links that the labels have, recall the share of
  labelled links predicted.
- **B-cubed** (extended to overlapping clusters, Amigó et al. 2009): for
  each article and each article that shares a predicted deal with it (itself
  included), multiplicity precision ``min(|shared predicted|, |shared gold|) /
  |shared predicted|``, averaged per article and then over articles; recall
  the same the other way round. An article in no predicted deal is a deal of
  its own.

``main_only`` leaves out, for each labelled deal, the articles that mention it
only in passing (``passing_mentions``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from ..errors import Errors, PipelineError


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int = 0
    predicted: int = 0
    gold: int = 0


def _prf(tp: float, predicted: float, gold: float) -> PRF:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(round(p, 4), round(r, 4), round(f, 4), int(tp), int(predicted), int(gold))


@dataclass
class DealScores:
    pairwise: PRF
    bcubed: PRF
    articles: int
    gold_deals: int
    predicted_deals: int

    def to_json(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        lines = ["             P      R     F1  links(tp/pred/gold)"]
        p = self.pairwise
        lines.append(f"pairwise {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f}  {p.tp}/{p.predicted}/{p.gold}")
        b = self.bcubed
        lines.append(f"B-cubed  {b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}")
        lines.append(f"{self.articles} labelled articles, {self.gold_deals} labelled deals, "
                     f"{self.predicted_deals} predicted deals touching them")
        return "\n".join(lines)


def read_gold_deals(path: str | Path, main_only: bool = False) -> dict[str, set[str]]:
    """RETURNS (dict[str, set[str]]): labelled deal id → its articles.
    RAISES (PipelineError): E091 naming the first bad line."""
    path = Path(path)
    if not path.is_file():
        raise PipelineError(Errors.E001.format(path=path))
    gold: dict[str, set[str]] = {}
    bad: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            docs = set(record["docs"])
            if main_only:
                docs -= set(record.get("passing_mentions") or [])
            gold[str(record["deal_id"])] = docs
        except (ValueError, KeyError, TypeError) as err:
            bad.append(f"{path}:{number}: {err!r}")
    if bad:
        raise PipelineError(Errors.E091.format(path=path, count=len(bad), first=bad[0]))
    return gold


def _memberships(clusters: Mapping[str, set[str]], articles: set[str]) -> dict[str, set[str]]:
    member: dict[str, set[str]] = defaultdict(set)
    for cid, docs in clusters.items():
        for doc in docs & articles:
            member[doc].add(cid)
    for doc in articles:
        if not member[doc]:
            member[doc] = {f"__alone__{doc}"}
    return member


def _links(member: Mapping[str, set[str]], articles: list[str]) -> set[tuple[str, str]]:
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for doc in articles:
        for cid in member[doc]:
            by_cluster[cid].append(doc)
    links = set()
    for docs in by_cluster.values():
        links.update(combinations(sorted(docs), 2))
    return links


def _bcubed_side(a: Mapping[str, set[str]], b: Mapping[str, set[str]], articles: list[str]) -> float:
    """Average over articles of the multiplicity precision of ``a`` against ``b``."""
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for doc in articles:
        for cid in a[doc]:
            by_cluster[cid].add(doc)
    total = 0.0
    for doc in articles:
        partners = set().union(*(by_cluster[c] for c in a[doc]))
        score = 0.0
        for other in partners:
            shared_a = len(a[doc] & a[other])
            shared_b = len(b[doc] & b[other])
            score += min(shared_a, shared_b) / shared_a
        total += score / len(partners)
    return total / len(articles) if articles else 0.0


def score_deals(gold: Mapping[str, set[str]], predicted: Mapping[str, set[str]]) -> DealScores:
    """Score predicted deals (deal id → articles) against labelled ones, on the labelled articles."""
    articles = sorted(set().union(*gold.values())) if gold else []
    scope = set(articles)
    g = _memberships(gold, scope)
    p = _memberships(predicted, scope)
    gold_links, pred_links = _links(g, articles), _links(p, articles)
    pairwise = _prf(len(gold_links & pred_links), len(pred_links), len(gold_links))
    bp, br = _bcubed_side(p, g, articles), _bcubed_side(g, p, articles)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    touching = sum(1 for docs in predicted.values() if docs & scope)
    return DealScores(pairwise, PRF(round(bp, 4), round(br, 4), round(bf, 4)), len(articles), len(gold), touching)


def predicted_clusters(deals: Iterable) -> dict[str, set[str]]:
    """RETURNS (dict[str, set[str]]): deal id → its articles, from Deal records or their JSON dicts."""
    clusters = {}
    for deal in deals:
        if isinstance(deal, dict):
            clusters[deal["deal_id"]] = set(deal["documents"])
        else:
            clusters[deal.deal_id] = set(deal.documents)
    return clusters


def evaluate_deal_files(gold: str | Path, deals: str | Path, main_only: bool = False) -> DealScores:
    """Score a deals file (``pactum deals`` output) against labelled deals.

    gold (str | Path): labelled deals, one JSON line each with ``deal_id``, ``docs``
        and optional ``passing_mentions``.
    deals (str | Path): the predicted deals.
    main_only (bool): leave out the articles that mention a labelled deal only in passing.
    RETURNS (DealScores): pairwise and B-cubed precision, recall and F1.
    RAISES (PipelineError): E091 for a bad gold line, E092 for a bad deals line.
    """
    from ..reporting.export import load_deals

    labelled = read_gold_deals(gold, main_only)
    return score_deals(labelled, predicted_clusters(load_deals(deals)))
