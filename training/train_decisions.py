"""Train the learned decisions (``make train``): event / type / status / role models.

    python training/train_decisions.py             # cross-validate, fit, write pipeline/data/decisions.json
    python training/train_decisions.py --no-write  # figures only
    python training/train_decisions.py --validation  # also aggregate figures on validation (never its errors)

What it does, deterministically (fixed seed, sorted data):

1. Runs the rule pipeline (``load_nlp(learned=False)``) over the labelled articles
   (``../shared/gold/train.jsonl``, ``dev.jsonl`` and the project's own labels of
   pool articles in ``training/pool_labels.jsonl``) and keeps every candidate the
   rules produce, with its features and its record.
2. Labels each candidate by pairing it with the gold events of its article the
   way the scorer pairs (spec section 7): paired → a reported deal, and the
   paired gold event's type and status are the targets. For the role model,
   each (candidate, party of its sentence) pair is labelled with the party's
   role in that gold event (or, for a candidate left unpaired, in an unpaired
   gold event whose evidence overlaps its sentence): ``who``, ``with`` or ``none``.
3. Fits logistic regressions (scikit-learn) and exports them as plain weights.
4. Scores every variant with the project's own scorer after replaying the rest
   of the pipeline (title/body merge): 5-fold cross-validation over train
   (the models of each fold see the other folds, dev and the pool labels),
   dev (models fitted without dev), and, with ``--validation``, validation
   aggregates (the shipped models). Prints the ablation table and a learning
   curve.

Article texts are read from ``../shared/corpus`` (or ``$PACTUM_SHARED``); nothing
from there is written into the project.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pactum.models import Document, Event, GoldDocument
from pactum.pipeline import __version__
from pactum.pipeline.evaluation.scoring import _evidence_overlap, _Party, _what_ok, pair_events, score
from pactum.pipeline.extraction.extractor import _parts, load_nlp
from pactum.pipeline.extraction.lexicon import SELLING
from pactum.pipeline.extraction.merge import (FILLED_SLOTS, MergeKey, completeness, group_same_deals, merge_records,
                                              told_as_another)
from pactum.pipeline.extraction.records import party, to_record
from pactum.pipeline.learned.decide import DEFAULT_BUNDLE, DEFAULT_USE, Decisions, role_pairs
from pactum.pipeline.learned.features import event_features
from pactum.pipeline.learned.linear import LinearModel
from pactum.pipeline.learned.what import choose_index, what_options

ROOT = Path(__file__).resolve().parents[1]

SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))
POOL_LABELS = ROOT / "training" / "pool_labels.jsonl"
#: 800 more pool articles (batches r-y): training on them measured no gain (training/README.md), so they
#: are the held-out set the thresholds are chosen on with train CV; ``--more-pool`` trains on them instead.
MORE_POOL_LABELS = ROOT / "training" / "pool_labels_more.jsonl"
CORPORA = ("seeds.jsonl", "reuters21578.jsonl.gz", "bbc.jsonl.gz")
SEED = 0
FOLDS = 5
#: L2 strength (scikit-learn's C) per decision, chosen by cross-validation on train.
C = {"event": 0.1, "type": 0.3, "status": 0.3, "roles": 0.3, "what": 0.1}
#: The event thresholds tried. The grid reaches well below any threshold chosen so far (0.2-0.3): a
#: setting at the grid's edge is smoothed with one neighbour instead of two (:func:`smoothed`), which
#: favoured the edge (0.2 was chosen where its inner neighbours were no better, issue 12's seventh step).
THRESHOLDS = [round(0.1 + 0.025 * k, 3) for k in range(21)]
#: The role model's thresholds tried: a party the rules missed joins below ``add``, one
#: they chose leaves at or above ``drop`` (1.01: never).
ROLE_ADD = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
ROLE_DROP = [0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
#: Settings whose smoothed slots F1 (:func:`smoothed`) is this close to the best count as equally good.
TOLERANCE = 0.001
#: Where the event threshold and the role model's (add, drop) thresholds stay unless the data show clearly
#: that another setting is better. Slots F1 is flat over a range of each (the event threshold within
#: 0.002 from 0.2 to 0.375, pooled train CV and held-out pool), and the smoothed pick jumped between the
#: ends of that plateau from one retrain to the next on rule changes that touched a handful of records
#: (event 0.2, 0.225, 0.325; roles add 0.45 to 0.55; docs/learned.md, issue 12's ninth step). The anchors
#: are the picks of the landed bundles of issue 12's eighth step. The rescue threshold and the type model's
#: margin are anchored too since the fourteenth step, where three retrains on rule changes that moved train
#: CV by 0.002 picked rescue 0.7, 0.9 and 1.01 and type margin 0.5 or 1.01 (within 0.002 of each other); their
#: anchors are the thirteenth step's landed picks. ``--no-anchors`` picks freely.
ANCHORS = {"event": 0.225, "roles": (0.5, 1.01), "rescue": 0.8, "type": 0.5}
#: Another setting replaces an anchor only when it has the better pooled slots F1 in at least this share
#: of ``RESAMPLES`` paired bootstrap resamples of the tuning articles (:func:`beats`).
CONFIDENT = 0.9
RESAMPLES = 1000


@dataclass
class Candidate:
    field: str  # "text" or "title"
    record: Event
    features: dict[str, float]
    label: bool = False
    type: str | None = None
    status: str | None = None
    #: the role model's pairs: (cluster id, the party as the record names it, features); None
    #: for a candidate split off a plural deal noun (it keeps the rules' roles)
    pairs: list | None = None
    #: the rules' roles (cluster ids): who, with_whom
    rule: tuple[list[int], list[int]] = ([], [])
    #: per pair, the party's role in the candidate's gold event ("who", "with", "none"); None: no gold event
    roles: list[str] | None = None
    #: the gold event the roles come from
    target: int | None = None
    #: which part of the field (long texts are parsed in parts), the trigger's token, whether it tells a sale
    part: int = 0
    trigger: int = 0
    selling: bool = False
    #: whether it says it tells a further deal (``merge.told_as_another``)
    another: bool = False
    #: every party the candidate may name, as the record names it: cluster id → Party
    named: dict = field(default_factory=dict)
    #: the what model's options: (the phrase as the record writes it, or None; features)
    whats: list = field(default_factory=list)


@dataclass
class Article:
    doc_id: str
    gold: GoldDocument
    candidates: list[Candidate] = field(default_factory=list)


# -- data ---------------------------------------------------------------------------------
def read_gold(path: Path) -> list[GoldDocument]:
    with open(path, encoding="utf-8") as fh:
        return [GoldDocument.model_validate_json(line) for line in fh if line.strip()]


def read_articles(ids: set[str], shared: Path = SHARED) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for name in CORPORA:
        path = shared / "corpus" / name
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record["id"] in ids:
                    found[record["id"]] = record
    return found


def read_pool_labels(paths: tuple[Path, ...]) -> list[dict]:
    """The rows of the project's own pool label files (those that exist), in order, each file read once."""
    rows = []
    for path in paths:
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                rows += [json.loads(line) for line in fh]
    return rows


def pool_gold(articles: dict[str, dict], rows: list[dict]) -> list[GoldDocument]:
    """Pool label rows (:func:`read_pool_labels`) as gold documents (evidence from offsets)."""
    out = []
    for row in rows:
        article = articles[row["doc_id"]]
        events = []
        for event in row["events"]:
            span = event.pop("evidence", None) or {}
            source = article.get(span.get("field", "text")) or ""
            event["evidence"] = source[span["start"]:span["end"]] if span else None
            events.append(event)
        out.append(GoldDocument(doc_id=row["doc_id"], published=article.get("published"), events=events))
    return out


def collect(golds: list[GoldDocument], articles: dict[str, dict], nlp) -> list[Article]:
    """Run the rule pipeline over the labelled articles; keep every candidate with its features."""
    out = []
    for gold in golds:
        raw = articles[gold.doc_id]
        document = Document(id=raw["id"], title=raw.get("title"), text=raw.get("text") or "",
                            published=raw.get("published"))
        article = Article(gold.doc_id, gold)
        parts = _parts(document, nlp)
        for number, (part, doc) in enumerate(zip(parts, nlp.pipe(p.doc for p in parts))):
            events = list(doc._.events or [])
            pairs = role_pairs(events, doc)  # before anything else reads the parties, as the stage does
            clusters = doc._.parties.clusters if doc._.parties is not None else []
            for k, event in enumerate(events):
                features = event_features(event, doc)
                record = to_record(event, doc, part.cleaned, part.original, part.field, part.offset)
                cand = Candidate(part.field, record, features, rule=(list(event.who), list(event.with_whom)),
                                 part=number, trigger=event.trigger.i,
                                 selling=event.trigger.lemma_.lower() in SELLING,
                                 another=told_as_another(event.trigger),
                                 named={cid: party(clusters[cid]) for cid in event.parties})
                cand.whats = [(" ".join(s.text.split()) if s is not None else None, f)
                              for s, f in what_options(event, doc)]
                if k in pairs:
                    cand.pairs = [(cid, party(clusters[cid]), f) for cid, f in pairs[k]]
                    cand.named.update((cid, p) for cid, p, _ in cand.pairs)
                article.candidates.append(cand)
        label(article)
        out.append(article)
    return out


def load_data(shared: Path, nlp, pool: bool = True, validation: bool = False,
              pool_files: tuple[Path, ...] = (POOL_LABELS,), held_out: Path | None = None) -> dict[str, list[Article]]:
    """The labelled articles with their candidates: train, dev, pool (and validation, aggregates only;
    and ``held_out``, pool labels kept out of training to choose the thresholds on)."""
    sets = {name: read_gold(shared / "gold" / f"{name}.jsonl") for name in ("train", "dev")}
    if validation:
        sets["validation"] = read_gold(shared / "gold" / "validation.jsonl")
    pool_files = tuple(f for f in pool_files if pool and f.exists())
    pool_rows = read_pool_labels(pool_files)
    held_rows = read_pool_labels((held_out,)) if held_out is not None and held_out not in pool_files else []
    articles = read_articles({g.doc_id for gs in sets.values() for g in gs}
                             | {row["doc_id"] for row in pool_rows + held_rows}, shared)
    sets["pool"] = pool_gold(articles, pool_rows)
    if held_rows:
        sets["held_out"] = pool_gold(articles, held_rows)
    return {name: collect(golds, articles, nlp) for name, golds in sets.items()}


def read_cache(path: str | Path) -> dict[str, list[Article]]:
    """The candidates ``--cache`` kept (a pickle written by this script run as ``__main__``, whose
    classes are this module's however it was imported)."""
    import pickle

    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            return globals()[name] if module == "__main__" else super().find_class(module, name)

    with open(path, "rb") as fh:
        return Unpickler(fh).load()


def held_out_data(cache: str | None) -> dict[str, list[Article]]:
    """Train, dev, the training pool and the held-out pool with their candidates, as ``make train``
    collects them: from ``cache`` (``--cache``) when it exists, else afresh (relaxed candidates)."""
    if cache and Path(cache).exists():
        return read_cache(cache)
    return load_data(SHARED, load_nlp(learned=False, relaxed=True), held_out=MORE_POOL_LABELS)


def label(article: Article) -> None:
    """Pair the body's and the title's candidates with the gold events, each one to one; label the roles."""
    golds = article.gold.events
    for field_name in ("text", "title"):
        cands = [c for c in article.candidates if c.field == field_name]
        paired = dict(pair_events([c.record for c in cands], golds))
        for i, j in paired.items():
            cands[i].label, cands[i].type, cands[i].status = True, golds[j].type, golds[j].status
        used = set(paired.values())
        for i, cand in enumerate(cands):
            # the paired gold event; else an unpaired one the candidate's sentence states
            j = paired.get(i)
            if j is None:
                j = next((k for k, g in enumerate(golds) if k not in used
                          and _evidence_overlap(cand.record.evidence.text, g.evidence)), None)
            cand.target = j
            cand.roles = None if j is None or cand.pairs is None else role_targets(cand, golds[j])


def role_targets(cand: Candidate, gold) -> list[str]:
    """Each pair's role in the gold event: "who", "with" or "none" (the party's name as the scorer reads it).

    For an agreement (roles pooled in scoring) a party the rules also chose keeps the rules' side,
    so that the model learns who is a party there, not the annotator's order.
    """
    sides = {"who": [_Party.of(n) for n in gold.who], "with": [_Party.of(n) for n in gold.with_whom]}
    chosen = set(cand.rule[0] + cand.rule[1])
    # the gold parties the rules' own parties already name: another name for one of them adds nothing
    # ("Iraq" beside "Oil Ministry", the unit and its parent one party): the scorer counts it false
    taken = {(r, k) for cid, named, _ in cand.pairs if cid in chosen
             for r, ps in sides.items() for k, p in enumerate(ps) if _Party.of([named.name]).matches(p)}
    out = []
    for cid, named, _ in cand.pairs:
        mine = _Party.of([named.name])
        hits = [(r, k) for r, ps in sides.items() for k, p in enumerate(ps) if mine.matches(p)]
        role = hits[0][0] if hits else "none"
        rule = "who" if cid in chosen and cid in cand.rule[0] else "with" if cid in chosen else "none"
        if rule == "none" and hits and all(h in taken for h in hits):
            role = "none"
        if gold.type == "agreement" and role != "none" and rule != "none":
            role = rule
        out.append(role)
    return out


# -- models -----------------------------------------------------------------------------
def fit(articles: list[Article], decision: str) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if decision == "event":
        rows = [(c.features, "yes" if c.label else "no") for a in articles for c in a.candidates]
    elif decision == "roles":
        rows = [(f, role) for a in articles for c in a.candidates if c.roles is not None
                for (_, _, f), role in zip(c.pairs, c.roles)]
    elif decision == "what":
        rows = [(f, "yes" if _what_right(text, a.gold.events[c.target].what) else "no")
                for a in articles for c in a.candidates if c.label for text, f in c.whats]
    else:
        rows = [(c.features, getattr(c, decision)) for a in articles for c in a.candidates if c.label]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([r[0] for r in rows])
    y = [r[1] for r in rows]
    clf = LogisticRegression(C=C[decision], max_iter=3000, random_state=SEED)
    with threadpool_limits(1):  # one BLAS thread: the same sums in the same order, the same weights
        clf.fit(x, y)
    classes = tuple(str(c) for c in clf.classes_)
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights = {str(n): tuple(float(coef[k, i]) for k in range(coef.shape[0]))
               for i, n in enumerate(names) if any(abs(coef[k, i]) > 1e-6 for k in range(coef.shape[0]))}
    return LinearModel(classes, tuple(float(b) for b in clf.intercept_), weights)


def _what_right(text: str | None, gold: str | None) -> bool:
    """Whether the scorer counts a ``what`` right (spec section 7); "none" is right only when gold has none."""
    return text is None and gold is None or (text is not None and gold is not None and _what_ok(text, gold))


def fit_all(articles: list[Article], decisions=("event", "type", "status", "roles", "what")) -> dict[str, LinearModel]:
    return {d: fit(articles, d) for d in decisions}


def apply(articles: list[Article], models: dict[str, LinearModel], threshold: float,
          use: tuple[str, ...], rescue: float = 1.01, roles: tuple[float, float] = (0.5, 1.01),
          what_margin: float = 0.0, label_margins: dict | None = None) -> list[Event]:
    """Replay the decisions (the stage's own code), the merge after the role model and the title/body
    merge: the records ``extract`` would write."""
    bundle = Decisions(models, threshold, rescue_threshold=rescue, role_thresholds=roles,
                       label_margins=dict(label_margins or {}))
    amend = "roles" in use and "roles" in models
    out: list[Event] = []
    for article in articles:
        parts: dict[tuple[str, int], list[tuple[Candidate, list[int], list[int], Event]]] = {}
        accepted = {(c.field, c.record.evidence.start) for c in article.candidates if not _vetoed(c)}
        labels: dict[int, dict[str, str]] = {}
        for cand in article.candidates:
            update: dict = {}
            alone = (cand.field, cand.record.evidence.start) not in accepted
            keep, p = bundle.keep(cand.features, _vetoed(cand), use, alone)
            if not keep:
                continue
            # applied after the merge, as the stage does (the merge reads the rules' types)
            labels[id(cand)] = bundle.relabel(cand.features, use, {"type": cand.record.type,
                                                                   "status": cand.record.status})
            if p is not None:
                update["confidence"] = round(p, 3)
            if "what" in use and "what" in models and cand.whats:
                text = cand.whats[choose_index(cand.whats, models["what"], what_margin)][0]
                if text != cand.record.what:
                    update["what"] = text
            who, with_whom = cand.rule
            if cand.pairs is not None:
                who, with_whom = bundle.roles([(cid, f) for cid, _, f in cand.pairs], *cand.rule, use)
            parts.setdefault((cand.field, cand.part), []).append(
                (cand, list(who), list(with_whom), cand.record.model_copy(update=update)))
        body: list[Event] = []
        title: list[Event] = []
        for (field_name, _), kept in sorted(parts.items()):
            records = _merge_again(kept, labels) if amend else [
                _named(c, w, x, r).model_copy(update=labels[id(c)]) for c, w, x, r in kept]
            (title if field_name == "title" else body).extend(records)
        out.extend(merge_records(body, title))
    return out


def _named(cand: Candidate, who: list[int], with_whom: list[int], record: Event) -> Event:
    if (who, with_whom) == cand.rule:
        return record
    return record.model_copy(update={"who": [cand.named[c] for c in who],
                                     "with_whom": [cand.named[c] for c in with_whom]})


def _merge_again(kept: list, labels: dict[int, dict[str, str]] | None = None) -> list[Event]:
    """``merge_same_deals`` (what the stage runs after the role model) replayed on the records of one Doc;
    then each merged record takes the type and status ``labels`` (by ``id`` of its main candidate)."""
    kept = sorted(kept, key=lambda k: k[0].trigger)
    keys = []
    for cand, who, with_whom, rec in kept:
        amount = (rec.amount.value, rec.amount.currency) if rec.amount is not None else None
        told = completeness(len(dict.fromkeys(who + with_whom)), rec.amount is not None, rec.when is not None,
                            rec.what is not None, bool(who))
        keys.append(MergeKey(rec.type, frozenset(who), frozenset(with_whom), amount, rec.when,
                             rec.evidence.start, told, cand.selling, bool(_vetoed(cand)), cand.another))
    merged = []
    for group in group_same_deals(keys):
        best = max(group, key=lambda i: (keys[i].completeness, -i))
        cand, who, with_whom, rec = kept[best]
        named = dict(cand.named)
        update = {}
        for i in group:
            if i == best:
                continue
            other, o_who, o_with, o_rec = kept[i]
            named.update(other.named)
            who = list(dict.fromkeys(who + [c for c in o_who if c not in with_whom]))
            with_whom = list(dict.fromkeys(with_whom + [c for c in o_with if c not in who]))
            for slot in FILLED_SLOTS:
                if getattr(rec, slot) is None and slot not in update and getattr(o_rec, slot) is not None:
                    update[slot] = getattr(o_rec, slot)
                    if slot == "amount":
                        update["amount_text"] = o_rec.amount_text
        if (who, with_whom) != cand.rule:
            update["who"] = [named[c] for c in who]
            update["with_whom"] = [named[c] for c in with_whom]
        update.update((labels or {}).get(id(cand), {}))
        merged.append(rec.model_copy(update=update) if update else rec)
    return sorted(merged, key=lambda r: r.evidence.start)


def _vetoed(cand: Candidate) -> float:
    """Which veto the rules raised on the candidate (0: none), from its features."""
    return next((float(k.split("=", 1)[1]) for k in cand.features if k.startswith("vetoed=")), 0.0)


def run(articles: list[Article], models: dict[str, LinearModel], variant: tuple) -> list[Event]:
    """``apply`` one variant, given as (decisions used, event threshold[, rescue threshold[, role thresholds]])."""
    use, threshold, *rest = variant
    return apply(articles, models, threshold, use, *rest)


def _best(proba: dict[str, float]) -> str:
    return max(proba, key=proba.__getitem__)


def figures(articles: list[Article], records: list[Event]) -> dict[str, float]:
    report = score([a.gold for a in articles], records)
    f = {name: report.figures[name].f1 for name in ("event", "slots", "party", "type", "status", "what", "when", "amount")}
    f["auc"] = report.confidence_auc
    return f


# -- cross-validation -------------------------------------------------------------------
def folds(articles: list[Article], k: int = FOLDS) -> list[list[Article]]:
    order = sorted(articles, key=lambda a: a.doc_id)
    random.Random(SEED).shuffle(order)
    return [order[i::k] for i in range(k)]


def fold_models(train: list[Article], extra: list[Article], fraction: float = 1.0):
    """RETURNS (list[tuple[list[Article], dict]]): each held-out fold with the models fitted without it."""
    parts = folds(train)
    out = []
    for i, held in enumerate(parts):
        rest = [a for j, p in enumerate(parts) if j != i for a in p]
        if fraction < 1.0:
            rest = rest[: max(1, int(len(rest) * fraction))]
        out.append((held, fit_all(rest + extra)))
    return out


def cross_validate(train: list[Article], fitted, variants) -> dict:
    """Out-of-fold records for each variant; RETURNS variant name → figures (and ``_oof``: probabilities)."""
    records: dict = {v: [] for v in variants}
    for held, models in fitted:
        for name, variant in variants.items():
            records[name].extend(run(held, models, variant))
    out = {name: figures(train, recs) for name, recs in records.items()}
    out["_oof"] = [(models["event"].proba(c.features)["yes"], c.label)
                   for held, models in fitted for a in held for c in a.candidates]
    return out


def smoothed(scores: dict, neighbours) -> dict:
    """Each setting's score averaged with its neighbours' on the grid: slots F1 is flat and noisy over a
    range of settings, and the best single setting, or the edge of the near-best, moves by noise from
    one training to the next (docs/learned.md); the middle of a broad good range does not."""
    return {g: sum(scores[n] for n in neighbours(g)) / len(neighbours(g)) for g in scores}


def _line(grid: list):
    """RETURNS: the neighbours of a setting on a one-dimensional grid (itself included)."""
    return lambda g: grid[max(0, grid.index(g) - 1): grid.index(g) + 2]


def _pick(scores: dict, neighbours, cautious):
    """The setting with the best smoothed score; among those within ``TOLERANCE`` of it, the cautious one."""
    smooth = smoothed(scores, neighbours)
    best = max(smooth.values())
    return cautious([g for g in scores if smooth[g] >= best - TOLERANCE])


def _slots_by_article(tuning, variant) -> dict[str, tuple[int, int, int]]:
    """Each tuning article's slots tuples under ``variant``: (right, predicted, gold)."""
    out = {}
    for articles, models in tuning:
        by_doc: dict[str, list[Event]] = {}
        for record in run(articles, models, variant):
            by_doc.setdefault(record.doc_id, []).append(record)
        for article in articles:
            f = score([article.gold], by_doc.get(article.doc_id, [])).figures["slots"]
            out[article.doc_id] = (f.tp, f.n_pred, f.n_gold)
    return out


def beats(tuning, variant, anchor_variant) -> float:
    """The share of paired bootstrap resamples of the tuning articles (seeded) in which ``variant`` has a
    higher pooled slots F1 than ``anchor_variant``."""
    new, old = _slots_by_article(tuning, variant), _slots_by_article(tuning, anchor_variant)
    ids = sorted(new)

    def f1(counts, sample):
        tp, pred, gold = (sum(counts[i][k] for i in sample) for k in range(3))
        return 2 * tp / (pred + gold) if pred + gold else 0.0

    rng = random.Random(SEED)
    wins = 0
    for _ in range(RESAMPLES):
        sample = [rng.choice(ids) for _ in ids]
        wins += f1(new, sample) > f1(old, sample)
    return wins / RESAMPLES


def _anchored(free, anchor, tuning, variant_of, name: str):
    """``free`` if it beats ``anchor`` in at least ``CONFIDENT`` of the resamples, else ``anchor``."""
    if anchor is None or free == anchor:
        return free
    share = beats(tuning, variant_of(free), variant_of(anchor))
    print(f"{name}: {free} beats the anchor {anchor} in {share:.0%} of {RESAMPLES} resamples", file=sys.stderr)
    return free if share >= CONFIDENT else anchor


def choose_threshold(train: list[Article], fitted, use, rescue: bool = False, fixed_rescue: float = 1.01,
                     anchor: float | None = None) -> float:
    """The threshold (the event one, or with ``rescue`` the vetoed candidates' one) with the best smoothed
    slots F1; the cautious one (drop as little, or rescue as little) among near-equals; an ``anchor``
    stays unless that one clearly beats it (:func:`_anchored`)."""
    grid = THRESHOLDS + [0.7, 0.8, 0.9, 1.01] if rescue else THRESHOLDS
    variant_of = (lambda t: (use, 0.5, t)) if rescue else (lambda t: (use, t, fixed_rescue))  # noqa: E731
    result = cross_validate(train, fitted, {t: variant_of(t) for t in grid})
    free = _pick({t: result[t]["slots"] for t in grid}, _line(grid), max if rescue else min)
    return _anchored(free, anchor, fitted, variant_of, "rescue threshold" if rescue else "event threshold")


def choose_role_thresholds(train: list[Article], fitted, threshold: float, rescue: float,
                           anchor: tuple[float, float] | None = None) -> tuple[float, float]:
    """The role model's (add, drop) thresholds with the best slots F1 smoothed over the neighbouring
    settings of both; among near-equals the fewest additions (lowest ``add``), then the fewest drops
    (highest ``drop``); an ``anchor`` stays unless that one clearly beats it (:func:`_anchored`)."""
    grid = [(a, d) for a in ROLE_ADD for d in ROLE_DROP]
    result = cross_validate(train, fitted, {g: (NO_WHAT, threshold, rescue, g) for g in grid})

    def neighbours(g):
        i, j = ROLE_ADD.index(g[0]), ROLE_DROP.index(g[1])
        return [(a, d) for a in ROLE_ADD[max(0, i - 1): i + 2] for d in ROLE_DROP[max(0, j - 1): j + 2]]

    free = _pick({g: result[g]["slots"] for g in grid}, neighbours, lambda near: min(near, key=lambda g: (g[0], -g[1])))
    return _anchored(free, anchor, fitted, lambda g: (NO_WHAT, threshold, rescue, g), "role thresholds")


WHAT_MARGINS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5]


def choose_what_margin(train: list[Article], fitted, threshold: float, rescue: float,
                       roles: tuple[float, float]) -> float:
    """The what model's margin over the rules' phrase with the best smoothed slots F1; the cautious one
    (the fewest phrases replaced) among near-equals."""
    result = cross_validate(train, fitted, {m: (NO_LABELS, threshold, rescue, roles, m) for m in WHAT_MARGINS})
    print("what margin, slots / what F1: " + ", ".join(
        f"{m}: {result[m]['slots']:.3f} / {result[m]['what']:.3f}" for m in WHAT_MARGINS), file=sys.stderr)
    return _pick({m: result[m]["slots"] for m in WHAT_MARGINS}, _line(WHAT_MARGINS), max)


LABEL_MARGINS = [0.0, 0.1, 0.2, 0.3, 0.5, 1.01]


def choose_label_margins(train: list[Article], fitted, threshold: float, rescue: float,
                         roles: tuple[float, float], what_margin: float, anchors: dict | None = None) -> dict[str, float]:
    """The type and the status model's margins over the rules' label, each with the best smoothed slots F1
    (the model alone on top of the other decisions); the cautious one among near-equals (the fewest
    labels changed; 1.01: never); an anchor in ``anchors`` (by model name) stays unless the pick clearly
    beats it (:func:`_anchored`)."""
    margins = {}
    for name in ("status", "type"):  # each alone (the default runs the type model, not the status model)
        variants = {m: (NO_LABELS + (name,), threshold, rescue, roles, what_margin, {name: m}) for m in LABEL_MARGINS}
        result = cross_validate(train, fitted, variants)
        print(f"{name} margin, slots / {name} F1: " + ", ".join(
            f"{m}: {result[m]['slots']:.4f} / {result[m][name]:.3f}" for m in LABEL_MARGINS), file=sys.stderr)
        free = _pick({m: result[m]["slots"] for m in LABEL_MARGINS}, _line(LABEL_MARGINS), max)
        margins[name] = _anchored(free, (anchors or {}).get(name), fitted, variants.__getitem__, f"{name} margin")
    return margins


def reliability(probs: list[tuple[float, bool]], bins: int = 5) -> list[tuple[str, int, float, float]]:
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in probs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            rows.append((f"{lo:.1f}-{hi:.1f}", len(inside), sum(p for p, _ in inside) / len(inside),
                         sum(y for _, y in inside) / len(inside)))
    return rows


def data_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def role_fingerprint(models: dict[str, LinearModel], articles: list[Article], n: int = 40) -> list[list]:
    """The shipped role model's ``none`` probability on a fixed set of (candidate, party) pairs (checked by tests)."""
    rows = []
    for cand in [c for a in sorted(articles, key=lambda a: a.doc_id) for c in a.candidates if c.pairs]:
        for _, named, features in cand.pairs:
            rows.append([cand.record.doc_id, cand.record.evidence.start, named.name,
                         round(models["roles"].proba(features)["none"], 4)])
    return rows[:n]


def what_fingerprint(models: dict[str, LinearModel], articles: list[Article], n: int = 40) -> list[list]:
    """The shipped what model's score of each option on a fixed set of candidates (checked by tests)."""
    rows = []
    for cand in [c for a in sorted(articles, key=lambda a: a.doc_id) for c in a.candidates]:
        for text, features in cand.whats:
            rows.append([cand.record.doc_id, cand.record.evidence.start, text,
                         round(models["what"].proba(features)["yes"], 4)])
    return rows[:n]


def fingerprint(models: dict[str, LinearModel], articles: list[Article], n: int = 40) -> list[list]:
    """The shipped models' outputs on a fixed set of candidates (checked by tests)."""
    rows = []
    for cand in [c for a in sorted(articles, key=lambda a: a.doc_id) for c in a.candidates][:n]:
        rows.append([cand.record.doc_id, cand.record.evidence.start,
                     round(models["event"].proba(cand.features)["yes"], 4),
                     _best(models["type"].proba(cand.features)), _best(models["status"].proba(cand.features))])
    return rows


VARIANTS: dict[str, tuple] = {}
WITHOUT_WHAT = "+ rescue, drop, learned roles"
WITHOUT_LABELS = "+ rescue, drop, learned roles, learned what"
DEFAULT = "+ type over its margin (default)"
WITH_LABELS = "+ type and status over their margins (--learned-decisions)"
#: The default decisions without the type and status models, and without the what model too.
NO_LABELS = tuple(u for u in DEFAULT_USE if u not in {"type", "status"})
NO_WHAT = tuple(u for u in NO_LABELS if u != "what")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="figures only; leave the shipped bundle")
    parser.add_argument("--validation", action="store_true", help="also print validation aggregates")
    parser.add_argument("--no-pool", action="store_true", help="leave out the project's own pool labels")
    parser.add_argument("--more-pool", action="store_true",
                        help="also train on the 800 pool articles of pool_labels_more.jsonl (no gain measured)")
    parser.add_argument("--curve", action="store_true", help="print the learning curve (25/50/100%%)")
    parser.add_argument("--output", default=str(DEFAULT_BUNDLE))
    parser.add_argument("--strict", dest="relaxed", action="store_false",
                        help="train on the rules' strict candidates (no vetoed candidates to rescue)")
    parser.add_argument("--cache", help="keep the collected candidates in this pickle (for repeated runs)")
    parser.add_argument("--no-anchors", action="store_true",
                        help="choose the anchored thresholds and margins freely, without keeping ANCHORS")
    args = parser.parse_args(argv)
    started = time.time()

    if args.cache and Path(args.cache).exists():
        data = read_cache(args.cache)
    else:
        nlp = load_nlp(learned=False, relaxed=args.relaxed)
        pool_files = (POOL_LABELS, MORE_POOL_LABELS) if args.more_pool else (POOL_LABELS,)
        data = load_data(SHARED, nlp, pool=not args.no_pool, validation=args.validation, pool_files=pool_files,
                         held_out=None if args.more_pool else MORE_POOL_LABELS)
        if args.cache:
            import pickle

            Path(args.cache).write_bytes(pickle.dumps(data))
    print(f"candidates collected in {time.time() - started:.0f} s: "
          + ", ".join(f"{k} {len(v)} articles / {sum(len(a.candidates) for a in v)} candidates" for k, v in data.items()),
          file=sys.stderr)
    train, dev, pool = data["train"], data["dev"], data["pool"]

    held_out = data.get("held_out", [])
    fitted = fold_models(train, dev + pool)
    final = fit_all(train + dev + pool)
    # the thresholds and margins are chosen on train's folds (each scored by models fitted without it)
    # and the held-out pool articles (scored by the final models, which never saw them) pooled: train
    # CV alone moved them by noise (docs/learned.md)
    tuned, tuning = train + held_out, fitted + ([(held_out, final)] if held_out else [])
    relaxed = any(k.startswith("vetoed=") for a in train for c in a.candidates for k in c.features)
    anchors = {} if args.no_anchors else ANCHORS
    rescue = choose_threshold(tuned, tuning, ("confidence", "rescue"), rescue=True,
                              anchor=anchors.get("rescue")) if relaxed else 1.01
    no_roles = tuple(u for u in NO_WHAT if u != "roles")
    threshold = choose_threshold(tuned, tuning, no_roles, rescue=False, fixed_rescue=rescue, anchor=anchors.get("event"))
    roles = choose_role_thresholds(tuned, tuning, threshold, rescue, anchor=anchors.get("roles"))
    margin = choose_what_margin(tuned, tuning, threshold, rescue, roles)
    labels = choose_label_margins(tuned, tuning, threshold, rescue, roles, margin, anchors)
    VARIANTS.update({
        "rules only": ((), threshold),
        "+ confidence": (("confidence",), threshold),
        "+ rescue vetoed candidates": (("confidence", "rescue"), threshold, rescue),
        "+ rescue, drop below the event threshold": (no_roles, threshold, rescue),
        WITHOUT_WHAT: (NO_WHAT, threshold, rescue, roles),
        "+ learned what, no margin": (NO_LABELS, threshold, rescue, roles, 0.0),
        WITHOUT_LABELS: (NO_LABELS, threshold, rescue, roles, margin),
        "+ learned roles, swaps allowed: add = drop = 0.5": (NO_WHAT, threshold, rescue, (0.5, 0.5)),
        "+ type (alone, no margin)": (("type",), threshold),
        "+ status (alone, no margin)": (("status",), threshold),
        "+ type and status, no margin": (NO_LABELS + ("type", "status"), threshold, rescue, roles, margin, {}),
        DEFAULT: (DEFAULT_USE, threshold, rescue, roles, margin, labels),
        WITH_LABELS: (DEFAULT_USE + ("status",), threshold, rescue, roles, margin, labels),
    })
    cv = cross_validate(train, fitted, VARIANTS)
    dev_models = fit_all(train + pool)
    table = {"train 5-fold CV": cv,
             "dev (fitted without dev)": {n: figures(dev, run(dev, dev_models, v)) for n, v in VARIANTS.items()}}
    if held_out:
        table["held-out pool"] = {n: figures(held_out, run(held_out, final, v)) for n, v in VARIANTS.items()}
    if "validation" in data:
        table["validation"] = {n: figures(data["validation"], run(data["validation"], final, v))
                               for n, v in VARIANTS.items()}
    print(f"\nthresholds (best smoothed slots F1, train CV{' and held-out pool' if held_out else ''}): "
          f"event {threshold}, "
          f"rescue of vetoed candidates {rescue}, roles: add {roles[0]}, drop {roles[1]}, what margin {margin}, "
          f"type margin {labels['type']}, status margin {labels['status']}")
    print("\n| decisions | " + " | ".join(f"{k}: slots / event" for k in table) + " |")
    print("|---|" + "---|" * len(table))
    for name in VARIANTS:
        cells = [f"{table[k][name]['slots']:.3f} / {table[k][name]['event']:.3f}" for k in table]
        print(f"| {name} | " + " | ".join(cells) + " |")
    full, default = WITH_LABELS, DEFAULT
    auc = lambda f: "n/a" if f["auc"] is None else f"{f['auc']:.3f}"  # noqa: E731
    print("\nconfidence ranking AUC (a correct event outranks a false one): rules' hand-set weights / trained")
    for k in table:
        print(f"  {k}: {auc(table[k]['rules only'])} / {auc(table[k][default])}")
    for k in table:
        f = table[k][default]
        print(f"{k}, default: party {f['party']:.3f}, what {f['what']:.3f}, type {f['type']:.3f}, status {f['status']:.3f}")
    print("\nreliability of the event probability (train, out of fold): bin, candidates, mean predicted, observed")
    for row in reliability(cv["_oof"]):
        print(f"  {row[0]}  {row[1]:4d}  {row[2]:.2f}  {row[3]:.2f}")
    if "validation" in data:
        records = run(data["validation"], final, VARIANTS[default])
        ranked = score([a.gold for a in data["validation"]], records).ranked
        print("reliability of confidence on validation (aggregate): bin, events, mean confidence, share correct")
        for row in reliability(ranked):
            print(f"  {row[0]}  {row[1]:4d}  {row[2]:.2f}  {row[3]:.2f}")
    if args.curve:
        print("\nlearning curve (train 5-fold CV; training folds cut to a share, without dev and pool labels):")
        both = {default: VARIANTS[default], full: VARIANTS[full]}
        print("  share of train  default (slots / event)  with type and status (slots / event)")
        for label, extra, fraction in (("25%", [], 0.25), ("50%", [], 0.5), ("100%", [], 1.0),
                                       ("100% + pool labels", pool, 1.0), ("100% + dev", dev, 1.0)):
            r = cross_validate(train, fold_models(train, extra, fraction), both)
            print(f"  {label:>18}  {r[default]['slots']:.3f} / {r[default]['event']:.3f}"
                  f"  {r[full]['slots']:.3f} / {r[full]['event']:.3f}")

    if not args.no_write:
        # the held-out pool labels chose the thresholds, so they are part of what the bundle was made from
        sources = [SHARED / "gold" / "train.jsonl", SHARED / "gold" / "dev.jsonl"] + (
            ([POOL_LABELS] + ([MORE_POOL_LABELS] if args.more_pool or held_out else [])) if pool else [])
        meta = {
            "pactum": __version__,
            "seed": SEED,
            "relaxed": args.relaxed,
            "trained_on": {k: len(v) for k, v in data.items() if k not in {"validation", "held_out"}},
            "tuned_on": {"train": len(train), "held_out": len(held_out)},
            "data_sha256": data_hash(sources),
            "threshold_from": ("slots F1 of train 5-fold CV" + (" and the held-out pool articles pooled" if held_out else "")
                               + ", each setting averaged with its grid neighbours; the cautious one within 0.001 of the "
                               "best (rescue first, then event, then roles, what, type and status margins)"
                               + ("" if args.no_anchors else
                                  f"; the anchored settings stay at {ANCHORS} unless the pick beats them in "
                                  f"{CONFIDENT:.0%} of {RESAMPLES} paired bootstrap resamples of the tuning articles")),
            "cv": {k: round(v, 4) for k, v in cv[default].items() if v is not None},
            "cv_without_roles": {k: round(v, 4) for k, v in cv["+ rescue, drop below the event threshold"].items()
                                 if v is not None},
            "fingerprint": fingerprint(final, dev),
            "role_fingerprint": role_fingerprint(final, dev),
            "what_fingerprint": what_fingerprint(final, dev),
        }
        bundle = Decisions(final, threshold, meta, rescue, roles, margin, labels)
        bundle.save(args.output)
        print(f"\nwrote {args.output} ({Path(args.output).stat().st_size // 1024} KB, digest {bundle.digest})")
    print(f"done in {time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
