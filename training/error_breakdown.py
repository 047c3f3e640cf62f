"""Where the default decisions' errors are: missed and false events by cause, slots of the found events.

    python training/error_breakdown.py [--cache F.pkl]

A measurement for planning (docs/learned.md, "Where the errors are now"), on the articles whose errors
may be read: train's five folds (each scored by models fitted without it, as in ``make train``) and
the held-out pool (scored by the models fitted on train, dev and the training pool). The settings are
the shipped bundle's. Validation is never read here. It prints

- each missed gold event's cause: no candidate at all in its sentence (no trigger word the rules
  know, or one they veto for its sense), a candidate the rules vetoed that the event model did not
  rescue, a candidate the event model dropped, or a record in its sentence whose parties match none
  of the gold event's;
- each false event's place: in an article that reports no deal, in a sentence where a gold event
  went unpaired (wrong parties), in the sentence of a gold event another record found (a second
  record of one deal), or in a sentence that states no gold event (a background deal, a repeat);
- how many of the gold slot tuples sit in missed events, and the slots of the found (paired) events;
- where each gold party of a found event that the record misses is named: in the record's sentence
  (in the record but in the other role; among the parties the role model judged; not even a party
  option there), in the headline, elsewhere in the text.

The candidates come from ``train_decisions.py --cache`` when given (the same pickle), else they are
collected (about 1 min). Needs ../shared and the training extras (scikit-learn).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_decisions as T  # noqa: E402

from pactum.pipeline.evaluation.scoring import (  # noqa: E402
    _as_predicted, _evidence_overlap, _from_gold, _from_predicted, _match_parties, _roles, pair_events, score)
from pactum.pipeline.normalization.parties import name_key  # noqa: E402

MISSED = ("no candidate in its sentence", "vetoed, not rescued", "dropped by the event model",
          "a record there, other parties")
FALSE = ("article reports no deal", "gold event there unpaired (wrong parties)",
         "gold event there found by another record", "sentence states no gold event")
PARTY_PLACES = ("in its sentence: in the record, other role", "in its sentence: a party option, not chosen",
                "in its sentence: no party option", "in the headline", "elsewhere in the text", "not named verbatim")


def missed_cause(gold_evidence: str | None, candidates: list[tuple[str, bool]], kept: list[str]) -> str:
    """Why a gold event went unpaired (one of ``MISSED``).

    candidates: every candidate of its article, (sentence, vetoed by the rules); kept: the sentences
    of the records written.
    """
    there = [vetoed for text, vetoed in candidates if _evidence_overlap(text, gold_evidence)]
    if not there:
        return MISSED[0]
    if any(_evidence_overlap(text, gold_evidence) for text in kept):
        return MISSED[3]
    return MISSED[2] if not all(there) else MISSED[1]


def false_place(evidence: str, golds: list[str | None], paired: set[int]) -> str:
    """Where an unpaired record sits (one of ``FALSE``): golds are the article's gold evidence
    sentences, paired the indexes of those some record found."""
    if not golds:
        return FALSE[0]
    there = [j for j, g in enumerate(golds) if _evidence_overlap(evidence, g)]
    if any(j not in paired for j in there):
        return FALSE[1]
    return FALSE[2] if there else FALSE[3]


def party_place(keys: set[str], sentence: str, other_role: bool, judged: bool, title: str, text: str) -> str:
    """Where a gold party the paired record misses is named (one of ``PARTY_PLACES``).

    keys: the party's name keys (spec section 7; those of three characters or fewer are not looked
    for); other_role: the record names it in the other role; judged: the rules knew it as a party of
    the record's sentence (the role model judged it, or the rules' own reading had it).
    """
    keys = {k for k in keys if len(k) > 2}
    if any(k in name_key(sentence) for k in keys):
        return PARTY_PLACES[0] if other_role else PARTY_PLACES[1] if judged else PARTY_PLACES[2]
    if any(k in name_key(title) for k in keys):
        return PARTY_PLACES[3]
    return PARTY_PLACES[4] if any(k in name_key(text) for k in keys) else PARTY_PLACES[5]


def _known(article, record) -> list:
    """The parties the rules knew in the record's sentence (its candidates' parties and role pairs)."""
    same = [c for c in article.candidates if c.field == record.evidence.field
            and c.record.evidence.start == record.evidence.start]
    return [T._Party.of([p.name] + list(p.aliases or [])) for c in same for p in c.named.values()]


def breakdown(scored: list[tuple[list, dict]], variant: tuple, texts: dict[str, dict]) -> dict[str, Counter]:
    """Count the causes over ``scored``: (articles, models) pairs. RETURNS name → Counter."""
    out = {"missed": Counter(), "false": Counter(), "parties": Counter()}
    records_all, articles_all = [], []
    for articles, models in scored:
        for article in articles:
            records = T.run([article], models, variant)
            records_all += records
            articles_all.append(article)
            golds = article.gold.events
            pairs = dict(pair_events(records, golds))
            found = set(pairs.values())
            candidates = [(c.record.evidence.text, bool(T._vetoed(c))) for c in article.candidates]
            kept = [r.evidence.text for r in records]
            for j, gold in enumerate(golds):
                if j not in found:
                    out["missed"][missed_cause(gold.evidence, candidates, kept)] += 1
            for i, record in enumerate(records):
                if i not in pairs:
                    out["false"][false_place(record.evidence.text, [g.evidence for g in golds], found)] += 1
            raw = texts[article.doc_id]
            for i, j in pairs.items():
                pred, gold = _from_predicted(_as_predicted(records[i])), _from_gold(golds[j])
                known = _known(article, records[i])
                roles = _roles(pred, gold)
                for role, pred_parties, gold_parties in roles:
                    owner = _match_parties(pred_parties, gold_parties)
                    others = [p for r, ps, _ in roles if r != role for p in ps]
                    for k, party in enumerate(gold_parties):
                        if k not in owner:
                            out["parties"][party_place(
                                set(party.keys), records[i].evidence.text, any(p.matches(party) for p in others),
                                any(p.matches(party) for p in known),
                                raw.get("title") or "", raw.get("text") or "")] += 1
    report = score([a.gold for a in articles_all], records_all)
    out["report"] = report
    return out


def _print(name: str, counts: dict) -> None:
    report = counts["report"]
    missed, false = counts["missed"], counts["false"]
    print(f"\n{name}: {report.figures['event'].n_gold} gold events, {report.figures['event'].n_pred} records, "
          f"slots / event F1 {report.figures['slots'].f1:.3f} / {report.figures['event'].f1:.3f}")
    print(f"  missed events ({sum(missed.values())}):")
    for cause in MISSED:
        print(f"    {missed[cause]:4d}  {cause}")
    print(f"  false events ({sum(false.values())}):")
    for place in FALSE:
        print(f"    {false[place]:4d}  {place}")
    slots = report.figures["slots"]
    paired_gold = sum(report.paired[k].n_gold for k in report.paired)
    print(f"  gold slot tuples: {slots.n_gold}, of them in missed events: {slots.n_gold - paired_gold} "
          f"({(slots.n_gold - paired_gold) / max(slots.n_gold, 1):.0%}); predicted tuples of false events: "
          f"{slots.n_pred - sum(report.paired[k].n_pred for k in report.paired)} of {slots.n_pred}")
    print("  slots of the found events: right / predicted / gold (precision, recall)")
    for slot, prf in report.paired.items():
        print(f"    {slot:7s} {prf.tp:4d} / {prf.n_pred:4d} / {prf.n_gold:4d}  "
              f"({prf.tp / max(prf.n_pred, 1):.2f}, {prf.tp / max(prf.n_gold, 1):.2f})")
    print("  gold parties of found events the record misses, by where the article names them:")
    for place in PARTY_PLACES:
        print(f"    {counts['parties'][place]:4d}  {place}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="the candidates pickle of train_decisions.py --cache")
    args = parser.parse_args(argv)
    from pactum.pipeline.learned.decide import DEFAULT_USE, load_decisions

    data = T.held_out_data(args.cache)
    shipped = load_decisions()
    variant = (DEFAULT_USE, shipped.threshold, shipped.rescue_threshold, shipped.role_thresholds,
               shipped.what_margin, dict(shipped.label_margins))
    train, dev, pool, held = data["train"], data["dev"], data["pool"], data["held_out"]
    texts = T.read_articles({a.doc_id for a in train + held})
    _print("train 5-fold CV", breakdown(T.fold_models(train, dev + pool), variant, texts))
    _print("held-out pool", breakdown([(held, T.fit_all(train + dev + pool))], variant, texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
