"""The ``events_decide`` component: the trained decisions applied to ``doc._.events``.

By default the event model gives each candidate the probability that it is
a deal the article reports, kept as ``features["learned"]``, which becomes
the record's ``confidence``; the rules' events, types and statuses stay.
With ``decisions=["event", "type", "status"]`` the type model retypes each
candidate, the status model may change its status, and a candidate below the
bundle's threshold is dropped.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, PipelineError
from ..extraction.extensions import get_events
from ..extraction.mentions import EventMention
from ..extraction.stage import Stage
from .features import event_features
from .linear import LinearModel

#: The shipped bundle, written by ``make train``.
DEFAULT_BUNDLE = Path(__file__).resolve().parent / "data" / "decisions.json"
#: The decisions a bundle may hold, in the order they are applied.
DECISIONS = ("type", "status", "event")
#: What the stage applies by default: the event model's probability as the record's
#: confidence, every candidate kept with the rules' type and status. The full
#: decisions are opt-in (``decisions=DECISIONS``; ``pactum extract --learned-decisions``):
#: they gain on train cross-validation but lose on validation (docs/learned.md).
DEFAULT_USE = ("confidence",)


@dataclass
class Decisions:
    """A bundle of trained decisions and what they were trained from.

    models (dict[str, LinearModel]): by decision name (``DECISIONS``).
    threshold (float): candidates whose event probability is below it are dropped.
    meta (dict): data hash, version, seed, cross-validation figures.
    """

    models: dict[str, LinearModel]
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def decide(self, event: EventMention, doc: Doc, use: tuple[str, ...] = DECISIONS) -> bool:
        """Apply the decisions named in ``use`` to one candidate in place.

        ``"confidence"`` alone scores the candidate (``features["learned"]``)
        and keeps it; ``"event"`` also drops it below the threshold.
        RETURNS (bool): keep it.
        """
        features = event_features(event, doc)
        if "type" in use and "type" in self.models:
            event.type = _best(self.models["type"].proba(features))
        if "status" in use and "status" in self.models:
            event.status = _best(self.models["status"].proba(features))
        if ("event" in use or "confidence" in use) and "event" in self.models:
            p = self.models["event"].proba(features)["yes"]
            event.features["learned"] = p
            return "event" not in use or p >= self.threshold
        return True

    def to_json(self) -> dict:
        return {"threshold": self.threshold, "meta": self.meta,
                "models": {k: m.to_json() for k, m in self.models.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Decisions:
        return cls({k: LinearModel.from_json(v) for k, v in data["models"].items()},
                   data.get("threshold", 0.5), data.get("meta", {}))

    def save(self, path: str | Path) -> None:
        """Write the bundle as JSON (sorted keys: the same models give the same bytes)."""
        Path(path).write_text(json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")) + "\n",
                              encoding="utf-8")

    @property
    def digest(self) -> str:
        """RETURNS (str): SHA-256 of the bundle's JSON, to tell two bundles apart."""
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode()).hexdigest()[:16]


def _best(proba: dict[str, float]) -> str:
    return max(proba, key=proba.__getitem__)


@lru_cache(maxsize=4)
def load_decisions(path: str | None = None) -> Decisions:
    """Load a bundle (the shipped one by default), once per process.

    RAISES (PipelineError): E060 when the file is missing or not a bundle.
    """
    where = Path(path) if path else DEFAULT_BUNDLE
    try:
        return Decisions.from_json(json.loads(where.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise PipelineError(Errors.E080.format(path=where, error=err)) from err


class Decider(Stage):
    """The ``events_decide`` component: keeps, retypes and scores ``doc._.events``.

    Decisions trained on relaxed candidates (the rules' vetoes kept, marked)
    switch the ``events_candidates`` stage before them to relaxed, so that
    they see at run time what they were trained on.
    """

    def __init__(self, nlp, name: str, bundle: str | None = None,
                 use: tuple[str, ...] = DEFAULT_USE) -> None:
        self.name = name
        self.decisions = load_decisions(bundle)
        self.use = tuple(use)
        if "events_candidates" in nlp.pipe_names:
            nlp.get_pipe("events_candidates").relaxed = bool(self.decisions.meta.get("relaxed", False))

    def find(self, doc: Doc) -> list[EventMention]:
        events = get_events(doc)
        # doc-level features count the candidates before any is dropped
        return [event for event in list(events) if self.decisions.decide(event, doc, self.use)]

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events


@Language.factory(
    "events_decide",
    assigns=["doc._.events"],
    requires=["doc._.events", "doc._.parties"],
    default_config={"bundle": None, "decisions": list(DEFAULT_USE)},
)
def make_decide(nlp: Language, name: str, bundle: str | None, decisions: list[str]) -> Decider:
    """Apply the trained decisions: score each candidate, and (opt-in) keep, type and status it.

    bundle (str | None): a decisions file from ``make train``; None = the shipped one.
    decisions (list[str]): "confidence" (score only), or any of "event", "type", "status".
    """
    unknown = set(decisions) - {"confidence", *DECISIONS}
    if unknown:
        raise PipelineError(Errors.E081.format(names=sorted(unknown)))
    return Decider(nlp, name, bundle, tuple(decisions))
