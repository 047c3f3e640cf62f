"""The in-flight representation of parties and events on a ``Doc``.

These are plain mutable dataclasses holding spaCy objects; the stages fill
them in one after another, and :mod:`pipeline.extraction.records` turns the finished
ones into validated :class:`models.Event` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token


@dataclass
class PartyCluster:
    """One party as the article names it, with every name it uses.

    id (int): index in ``doc._.parties.clusters``.
    label (str): the entity label (ORG, GPE, PERSON, NORP).
    names (list[str]): the names used, in order of first use.
    """

    id: int
    label: str
    names: list[str] = field(default_factory=list)
    country_code: str | None = None
    metonyms: set[str] = field(default_factory=set)

    @property
    def canonical(self) -> str:
        """RETURNS (str): the fullest name the article uses for the party.

        For a country, its own name wins over a capital used as a metonym
        ("Taiwan" over "Taipei"); a capitalized spelling over a lower-case slip
        ("Peru" over "aid peru"'s "peru").
        """
        pool = [n for n in self.names if n not in self.metonyms] or self.names
        return max(pool, key=lambda n: (len(n.split()), len(n), n[:1].isupper()))

    @property
    def aliases(self) -> list[str]:
        """RETURNS (list[str]): the other names, in order of first use."""
        canonical = self.canonical
        return [n for n in self.names if n != canonical]


@dataclass
class EventMention:
    """One event as found in one sentence, completed stage by stage.

    trigger (Token): the word that signals the event (verb or noun).
    sent (Span): the sentence.
    type (str), status (str): the spec's type and status.
    who, with_whom (list[int]): party cluster ids.
    what (Span | None): the object of the deal.
    when_span (Span | None), money spans: raw expressions before normalization.
    features (dict): evidence for the confidence score.
    """

    trigger: Token
    sent: Span
    type: str
    status: str = "agreed"
    cue: Token | None = None
    who: list[int] = field(default_factory=list)
    with_whom: list[int] = field(default_factory=list)
    what: Span | None = None
    where: str | None = None
    when_span: Span | None = None
    tense: str | None = None
    when: str | None = None
    when_text: str | None = None
    amount: Any = None
    price_per_share: Any = None
    features: dict[str, float] = field(default_factory=dict)
    #: the other trigger words of the same event: "acquired ... with the recent takeover of Y"
    linked: list[Token] = field(default_factory=list)
    confidence: float = 0.0
    merged: int = 1

    @property
    def vetoed(self) -> bool:
        """RETURNS (bool): a relaxed candidate the rules vetoed (``features["vetoed"]``)."""
        return "vetoed" in self.features

    @property
    def parties(self) -> list[int]:
        """RETURNS (list[int]): ids of all parties, both roles, without repeats."""
        return list(dict.fromkeys(self.who + self.with_whom))
