"""Score predicted events against gold labels, exactly as spec section 7 says.

The spec leaves a few details open; this module settles them as follows.

- **Names.** Compared by :func:`pipeline.normalization.parties.name_key`: NFKC, case-fold,
  ``&`` → `` and ``, possessive ``'s``/``’s`` dropped, every character that is
  neither a word character nor whitespace deleted (so ``Coca-Cola`` →
  ``cocacola`` and ``U.S.`` → ``us``), a leading ``the`` dropped, the corporate
  suffix words dropped wherever they stand as whole words, whitespace
  collapsed. A name whose key is empty matches nothing. Only a predicted
  party's ``name`` is compared, never its ``aliases``.
- **Pairing.** A predicted and a gold event may pair when some predicted party
  matches some gold party, both sides' ``who`` and ``with_whom`` pooled. The
  similarity is: the number of gold parties (pooled) that some predicted party
  matches, + 1 when both amounts are given and the amount would score correct,
  + 1 when both dates are given and the date would score correct, + 0.5 for the
  same type, + 0.5 when the evidence sentences overlap. Pairs are taken
  greedily, highest similarity first; ties go to the earlier predicted event,
  then the earlier gold event.
- **Evidence overlap.** Both sentences are reduced to token sets as for
  ``what`` (below); they overlap when the shared tokens are at least half of
  the smaller set. A missing gold evidence overlaps nothing.
- **Party tuples.** A predicted event contributes one tuple per entry of
  ``who`` and ``with_whom``, a gold event one per gold party. Within a paired
  event, tuples are matched one-to-one (maximum bipartite matching), so
  duplicates or a name matching two gold parties never count twice. Whether the
  roles are pooled is decided by the *gold* event's type: pooled when it is an
  ``agreement``, otherwise ``who`` is matched against ``who`` and
  ``with_whom`` against ``with_whom``.
- **what.** Phrases are NFKC-normalized, case-folded, punctuation deleted as
  for names, split on whitespace, and spaCy's English ``STOP_WORDS`` removed;
  token F1 counts repeated tokens (multiset overlap). F1 is 0 when either side
  has no tokens left.
- **amount.** Correct when the currencies are equal and
  ``|pred - gold| <= 0.5% of gold``.
- **Documents.** Only gold documents are scored; predictions for other
  ``doc_id`` values are listed in :attr:`Report.unscored`.
"""

from __future__ import annotations

import json
import zlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.util import registry

from ...models import Amount, Event, GoldDocument, GoldEvent
from ...models.common import EventStatus, EventType, IsoDate

from ..errors import Errors, InputError, PipelineError
from ..normalization.parties import name_key
from ..reading.reader import _open_lines, parse_json_line

__all__ = [
    "FIGURES",
    "LineError",
    "Mismatch",
    "PRF",
    "PredictedEvent",
    "Report",
    "make_scorer",
    "read_gold",
    "read_predictions",
    "score",
]

#: The reported figures, in report order.
FIGURES = ("event", "party", "amount", "when", "what", "type", "status", "slots")
#: The figures pooled into ``slots``.
SLOT_FIGURES = ("party", "amount", "when", "what", "type", "status")

_NOT_WORD = re.compile(r"[^\w\s]")


def _content_tokens(text: str | None) -> list[str]:
    """RETURNS (list[str]): the tokens of a phrase as ``what`` compares them."""
    if not text:
        return []
    text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    return [t for t in text.split() if t not in STOP_WORDS]


def _token_f1(pred: list[str], gold: list[str]) -> float:
    """RETURNS (float): 2·common / (len(pred) + len(gold)), the F1 of the token
    overlap written so that boundary cases (exactly 0.5) come out exact."""
    common = sum((Counter(pred) & Counter(gold)).values())
    return 2 * common / (len(pred) + len(gold)) if common else 0.0


# --- figures --------------------------------------------------------------------------------


@dataclass
class PRF:
    """Counts behind one precision/recall/F1 figure.

    tp (float): true positives.
    n_pred (float): predicted tuples.
    n_gold (float): gold tuples.
    """

    tp: float = 0
    n_pred: float = 0
    n_gold: float = 0

    @property
    def precision(self) -> float:
        """RETURNS (float): tp / n_pred, 0 when nothing was predicted."""
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """RETURNS (float): tp / n_gold, 0 when there is no gold."""
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """RETURNS (float): the harmonic mean of precision and recall, 0 when both
        are 0; computed as 2·tp / (n_pred + n_gold) so that it is exact."""
        return 2 * self.tp / (self.n_pred + self.n_gold) if self.tp else 0.0

    def add(self, tp: float, n_pred: float, n_gold: float) -> None:
        """Add counts in place."""
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def as_dict(self) -> dict[str, float]:
        """RETURNS (dict[str, float]): precision, recall, f1, tp, pred, gold."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": _number(self.tp),
            "pred": _number(self.n_pred),
            "gold": _number(self.n_gold),
        }


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@dataclass
class Mismatch:
    """One difference between predictions and gold, for ``evaluate --errors``.

    kind (str): ``false_positive`` (unpaired predicted event), ``false_negative``
        (unpaired gold event) or ``wrong_slot`` (a slot of a paired event).
    doc_id (str): the document.
    event_type (str): the predicted type for a false positive, else the gold type.
    slot (str | None): for ``wrong_slot``: ``who``, ``with_whom``,
        ``who/with_whom`` (pooled agreement roles), ``amount``, ``when``,
        ``what``, ``type`` or ``status``.
    predicted (Any): JSON-ready value: the event for a false positive; the
        predicted value, or for parties the predicted names left unmatched.
    gold (Any): likewise for gold; parties are lists of acceptable names.
    evidence (str | None): the predicted evidence sentence, or the gold one for a
        false negative.
    """

    kind: str
    doc_id: str
    event_type: str
    slot: str | None
    predicted: Any
    gold: Any
    evidence: str | None


@dataclass
class Report:
    """What :func:`score` measured.

    figures (dict[str, PRF]): one entry per name in :data:`FIGURES`, in order.
    documents (int): gold documents scored.
    errors (list[Mismatch]): every mismatch, document by document.
    unscored (list[str]): predicted doc_ids with no gold line, in order of first
        appearance; their events are not scored.
    """

    figures: dict[str, PRF] = field(default_factory=lambda: {name: PRF() for name in FIGURES})
    documents: int = 0
    errors: list[Mismatch] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)
    ranked: list[tuple[float, bool]] = field(default_factory=list)
    #: The slot figures counted over paired events only: how good the arguments
    #: are where the extractor found the event (no event-level misses or extras).
    paired: dict[str, PRF] = field(default_factory=lambda: {name: PRF() for name in SLOT_FIGURES})

    @property
    def confidence_auc(self) -> float | None:
        """How well ``confidence`` ranks: the chance that a paired (correct) event
        scores above an unpaired one (ties count half). None without both kinds
        or without confidences. 1.0 means sorting by confidence puts every
        false positive last; 0.5 is chance.
        """
        good = [c for c, paired in self.ranked if paired]
        bad = [c for c, paired in self.ranked if not paired]
        if not good or not bad:
            return None
        wins = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
        return wins / (len(good) * len(bad))

    def to_json(self) -> dict[str, Any]:
        """The figures for ``evaluate --json``, ready for :func:`json.dumps`.

        RETURNS (dict[str, Any]): ``figures`` (name → precision, recall, f1,
            tp, pred, gold), ``documents`` and ``unscored``.
        """
        return {
            "figures": {name: prf.as_dict() for name, prf in self.figures.items()},
            "documents": self.documents,
            "unscored": list(self.unscored),
            "confidence_auc": self.confidence_auc,
            "paired": {name: prf.as_dict() for name, prf in self.paired.items()},
        }


# --- the events as the scorer sees them ----------------------------------------------------


class _PredictedParty(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str = Field(min_length=1)


class _PredictedEvidence(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str


class PredictedEvent(BaseModel):
    """The fields of a predicted event the scorer needs (spec section 6).

    Other fields are allowed and ignored; ``what``, ``when``, ``amount`` and
    ``where`` may be left out, meaning ``null``.
    """

    model_config = ConfigDict(extra="allow")

    doc_id: str
    type: EventType
    status: EventStatus
    who: list[_PredictedParty]
    with_whom: list[_PredictedParty]
    what: str | None = None
    when: IsoDate | None = None
    amount: Amount | None = None
    where: str | None = None
    evidence: _PredictedEvidence
    confidence: float | None = None


@dataclass(frozen=True)
class _Party:
    names: tuple[str, ...]
    keys: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str]) -> _Party:
        names = tuple(names)
        return cls(names, frozenset(k for k in map(name_key, names) if k))

    def matches(self, other: _Party) -> bool:
        return not self.keys.isdisjoint(other.keys)


@dataclass(frozen=True)
class _Event:
    type: str
    status: str
    who: tuple[_Party, ...]
    with_whom: tuple[_Party, ...]
    what: str | None
    when: str | None
    amount: Amount | None
    evidence: str | None
    confidence: float | None = None

    @property
    def parties(self) -> tuple[_Party, ...]:
        return self.who + self.with_whom

    def summary(self, names: Callable[[_Party], Any]) -> dict[str, Any]:
        return {
            "type": self.type,
            "status": self.status,
            "who": [names(p) for p in self.who],
            "with_whom": [names(p) for p in self.with_whom],
            "what": self.what,
            "when": self.when,
            "amount": self.amount.model_dump() if self.amount else None,
        }


def _pred_names(party: _Party) -> str:
    return party.names[0]


def _gold_names(party: _Party) -> list[str]:
    return list(party.names)


def _from_predicted(item: PredictedEvent) -> _Event:
    return _Event(
        type=item.type,
        status=item.status,
        who=tuple(_Party.of([p.name]) for p in item.who),
        with_whom=tuple(_Party.of([p.name]) for p in item.with_whom),
        what=item.what,
        when=item.when,
        amount=item.amount,
        evidence=item.evidence.text,
        confidence=item.confidence,
    )


def _from_gold(item: GoldEvent) -> _Event:
    return _Event(
        type=item.type,
        status=item.status,
        who=tuple(_Party.of(names) for names in item.who),
        with_whom=tuple(_Party.of(names) for names in item.with_whom),
        what=item.what,
        when=item.when,
        amount=item.amount,
        evidence=item.evidence,
    )


def _as_predicted(item: Event | PredictedEvent | dict) -> PredictedEvent:
    if isinstance(item, PredictedEvent):
        return item
    if isinstance(item, BaseModel):
        item = item.model_dump()
    return PredictedEvent.model_validate(item)


# --- slot comparisons ----------------------------------------------------------------------


def _amount_ok(pred: Amount, gold: Amount) -> bool:
    return pred.currency == gold.currency and abs(pred.value - gold.value) * 200 <= abs(gold.value)


def _when_ok(pred: str, gold: str) -> bool:
    return pred[: len(gold)] == gold


def _what_ok(pred: str, gold: str) -> bool:
    return _token_f1(_content_tokens(pred), _content_tokens(gold)) >= 0.5


def _same(pred: str, gold: str) -> bool:
    return pred == gold


#: The single-valued slots: how to read the value and when it is correct.
_VALUE_SLOTS: dict[str, Callable[[Any, Any], bool]] = {
    "amount": _amount_ok,
    "when": _when_ok,
    "what": _what_ok,
    "type": _same,
    "status": _same,
}


def _evidence_overlap(pred: str | None, gold: str | None) -> bool:
    a, b = set(_content_tokens(pred)), set(_content_tokens(gold))
    if not a or not b:
        return False
    return 2 * len(a & b) >= min(len(a), len(b))


def _similarity(pred: _Event, gold: _Event) -> float | None:
    """RETURNS (float | None): the pairing similarity, None when no party matches."""
    matched = sum(1 for g in gold.parties if any(p.matches(g) for p in pred.parties))
    if not matched:
        return None
    sim = float(matched)
    if pred.amount is not None and gold.amount is not None and _amount_ok(pred.amount, gold.amount):
        sim += 1
    if pred.when is not None and gold.when is not None and _when_ok(pred.when, gold.when):
        sim += 1
    if pred.type == gold.type:
        sim += 0.5
    if _evidence_overlap(pred.evidence, gold.evidence):
        sim += 0.5
    return sim


def _pair(preds: list[_Event], golds: list[_Event]) -> list[tuple[int, int]]:
    """RETURNS (list[tuple[int, int]]): (pred index, gold index) pairs, greedy, in pred order."""
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            sim = _similarity(pred, gold)
            if sim is not None:
                candidates.append((-sim, i, j))
    candidates.sort()
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def pair_events(predicted: list[Event | dict], gold: list[GoldEvent]) -> list[tuple[int, int]]:
    """Pair one document's predicted and gold events as the scorer does (spec section 7).

    RETURNS (list[tuple[int, int]]): (predicted index, gold index) pairs.
    """
    return _pair([_from_predicted(_as_predicted(p)) for p in predicted], [_from_gold(g) for g in gold])


def _match_parties(preds: tuple[_Party, ...], golds: tuple[_Party, ...]) -> dict[int, int]:
    """Maximum one-to-one matching of predicted to gold parties (augmenting paths).

    RETURNS (dict[int, int]): gold index → predicted index of each matched pair.
    """
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, gold in enumerate(golds):
            if j in seen or not preds[i].matches(gold):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        augment(i, set())
    return owner


def _roles(pred: _Event, gold: _Event) -> list[tuple[str, tuple[_Party, ...], tuple[_Party, ...]]]:
    if gold.type == "agreement":
        return [("who/with_whom", pred.parties, gold.parties)]
    return [("who", pred.who, gold.who), ("with_whom", pred.with_whom, gold.with_whom)]


# --- scoring -------------------------------------------------------------------------------


def _score_document(doc_id: str, preds: list[_Event], golds: list[_Event], report: Report) -> None:
    figures, errors = report.figures, report.errors
    pairs = _pair(preds, golds)
    figures["event"].add(len(pairs), len(preds), len(golds))
    figures["party"].add(0, sum(len(p.parties) for p in preds), sum(len(g.parties) for g in golds))
    for slot in _VALUE_SLOTS:
        figures[slot].add(
            0,
            sum(getattr(p, slot) is not None for p in preds),
            sum(getattr(g, slot) is not None for g in golds),
        )
    for i, j in pairs:
        pred, gold = preds[i], golds[j]
        for role, pred_parties, gold_parties in _roles(pred, gold):
            owner = _match_parties(pred_parties, gold_parties)
            figures["party"].tp += len(owner)
            report.paired["party"].add(len(owner), len(pred_parties), len(gold_parties))
            if len(owner) < max(len(pred_parties), len(gold_parties)):
                matched = set(owner.values())
                errors.append(Mismatch(
                    "wrong_slot", doc_id, gold.type, role,
                    [_pred_names(p) for k, p in enumerate(pred_parties) if k not in matched],
                    [_gold_names(g) for k, g in enumerate(gold_parties) if k not in owner],
                    pred.evidence,
                ))
        for slot, correct in _VALUE_SLOTS.items():
            p, g = getattr(pred, slot), getattr(gold, slot)
            right = p is not None and g is not None and correct(p, g)
            report.paired[slot].add(int(right), int(p is not None), int(g is not None))
            if right:
                figures[slot].tp += 1
            elif p is not None or g is not None:
                errors.append(Mismatch(
                    "wrong_slot", doc_id, gold.type, slot, _jsonable(p), _jsonable(g), pred.evidence,
                ))
    paired_preds = {i for i, _ in pairs}
    paired_golds = {j for _, j in pairs}
    report.ranked.extend((p.confidence, i in paired_preds) for i, p in enumerate(preds) if p.confidence is not None)
    for i, pred in enumerate(preds):
        if i not in paired_preds:
            errors.append(Mismatch(
                "false_positive", doc_id, pred.type, None, pred.summary(_pred_names), None, pred.evidence,
            ))
    for j, gold in enumerate(golds):
        if j not in paired_golds:
            errors.append(Mismatch(
                "false_negative", doc_id, gold.type, None, None, gold.summary(_gold_names), gold.evidence,
            ))


def _jsonable(value: Any) -> Any:
    return value.model_dump() if isinstance(value, BaseModel) else value


def score(gold: Iterable[GoldDocument], predicted: Iterable[Event | dict]) -> Report:
    """Score predicted events against gold documents (spec section 7).

    gold (Iterable[GoldDocument]): the gold lines; doc_ids must be unique.
    predicted (Iterable[Event | dict]): predicted events, as :class:`models.Event`
        or dicts with at least the spec section 6 fields.
    RETURNS (Report): the figures, micro-averaged over the gold documents, with
        every mismatch and the doc_ids that have predictions but no gold.
    """
    golds: dict[str, list[_Event]] = {}
    for doc in gold:
        doc = GoldDocument.model_validate(doc) if isinstance(doc, dict) else doc
        if doc.doc_id in golds:
            raise PipelineError(Errors.E006.format(where="gold", doc_id=doc.doc_id))
        golds[doc.doc_id] = [_from_gold(e) for e in doc.events]
    preds: dict[str, list[_Event]] = {doc_id: [] for doc_id in golds}
    unscored: dict[str, None] = {}
    for item in predicted:
        event = _as_predicted(item)
        if event.doc_id in preds:
            preds[event.doc_id].append(_from_predicted(event))
        else:
            unscored.setdefault(event.doc_id)
    report = Report(documents=len(golds), unscored=list(unscored))
    for doc_id, gold_events in golds.items():
        _score_document(doc_id, preds[doc_id], gold_events, report)
    slots = report.figures["slots"]
    for name in SLOT_FIGURES:
        prf = report.figures[name]
        slots.add(prf.tp, prf.n_pred, prf.n_gold)
    return report


@registry.misc("pactum.scorer.v1")
def make_scorer() -> Callable[[Iterable[GoldDocument], Iterable[Event | dict]], Report]:
    """The spec section 7 scorer, registered so that a later version can replace it.

    RETURNS (Callable): :func:`score`.
    """
    return score


# --- reading gold and prediction files -----------------------------------------------------


@dataclass
class LineError:
    """A line of a gold or prediction file that could not be used.

    path (str): the file.
    line (int): its 1-based line number.
    message (str): what is wrong.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _describe(err: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in e['loc']) or 'line'}: {e['msg']}" for e in err.errors()]
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


def _read_lines(
    path: str | Path, model: type[BaseModel]
) -> tuple[list[tuple[int, Any, BaseModel]], list[LineError]]:
    """Parse and validate a JSON Lines file (optionally .gz), one line at a time.

    RETURNS (tuple): (line number, parsed JSON, model) for each good line, and
        an error for each bad one. Blank lines are skipped.
    RAISES (PipelineError): E001 when the file is missing, E005 when it cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise PipelineError(Errors.E001.format(path=path))
    good, bad = [], []
    try:
        for number, raw in enumerate(_open_lines(path), start=1):
            if not raw.strip():
                continue
            try:  # bounded (size, depth) and finite: NaN or Infinity would score as anything
                record = parse_json_line(raw, f"{path}:{number}", finite=True)
            except InputError as err:
                bad.append(LineError(str(path), number, str(err).split(": ", 1)[-1]))
                continue
            try:
                good.append((number, record, model.model_validate(record)))
            except ValidationError as err:
                bad.append(LineError(str(path), number, _describe(err)))
    except (OSError, EOFError, zlib.error) as err:
        raise PipelineError(Errors.E005.format(path=path, error=err)) from err
    return good, bad


def read_gold(path: str | Path) -> tuple[list[GoldDocument], list[LineError]]:
    """Read a gold file (spec section 5), collecting bad lines instead of stopping.

    path (str | Path): a JSON Lines file, optionally gzipped (``.gz``).
    RETURNS (tuple[list[GoldDocument], list[LineError]]): the valid documents,
        and the lines that are not valid JSON, not valid gold, or repeat a doc_id
        (the first line with an id is kept).
    """
    good, bad = _read_lines(path, GoldDocument)
    docs: list[GoldDocument] = []
    first_line: dict[str, int] = {}
    for number, _, doc in good:
        if doc.doc_id in first_line:
            bad.append(LineError(
                str(path), number, f"doc_id {doc.doc_id!r} repeats line {first_line[doc.doc_id]}"
            ))
            continue
        first_line[doc.doc_id] = number
        docs.append(doc)
    bad.sort(key=lambda e: e.line)
    return docs, bad


def read_predictions(path: str | Path) -> tuple[list[dict], list[LineError]]:
    """Read predicted events (spec section 6), collecting bad lines instead of stopping.

    path (str | Path): a JSON Lines file of events, optionally gzipped (``.gz``).
    RETURNS (tuple[list[dict], list[LineError]]): the valid lines as parsed
        (extra fields kept), and the lines that are not valid JSON or lack a
        section 6 field in the right shape.
    """
    good, bad = _read_lines(path, PredictedEvent)
    return [record for _, record, _ in good], bad
