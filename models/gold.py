"""Gold labels (spec section 5): one line per annotated document."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .common import Amount, EventStatus, EventType, IsoDate


class GoldEvent(BaseModel):
    """One gold event; each party is a list of acceptable names for it."""

    model_config = ConfigDict(extra="forbid")

    type: EventType
    status: EventStatus
    who: list[list[str]] = Field(default_factory=list)
    with_whom: list[list[str]] = Field(default_factory=list)
    what: str | None = None
    when: IsoDate | None = None
    amount: Amount | None = None
    where: str | None = None
    evidence: str | None = None

    @field_validator("who", "with_whom")
    @classmethod
    def _parties_have_names(cls, parties: list[list[str]]) -> list[list[str]]:
        for names in parties:
            if not names or not all(isinstance(n, str) and n.strip() for n in names):
                raise ValueError("each party must be a non-empty list of non-empty names")
        return parties


class GoldDocument(BaseModel):
    """The gold events of one document; ``events: []`` means it reports none."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    published: str | None = None
    events: list[GoldEvent]
