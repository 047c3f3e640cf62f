"""The extractor's output record: one agreement-like event a JSONL line (spec section 6)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .common import Amount, EventStatus, EventType, IsoDate

SCHEMA_VERSION = "1.0"

PartyKind = Literal["country", "organization", "person", "place", "other"]


class Party(BaseModel):
    """One party to an event, under the fullest name the article gives it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Canonical name: the fullest form the article uses.")
    aliases: list[str] = Field(default_factory=list, description="Other names the article uses for it.")
    kind: PartyKind = Field("other", description="Country/government, organization, person, place.")
    country_code: str | None = Field(
        None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code when the party is a country."
    )


class Evidence(BaseModel):
    """The sentence that best states the event, with its character offsets."""

    model_config = ConfigDict(extra="forbid")

    text: str
    start: int = Field(ge=0, description="Offset of the sentence in the document field it comes from.")
    end: int = Field(ge=0)
    field: Literal["text", "title"] = Field(
        "text", description="Which document field the offsets index: the body text or the title."
    )


class Event(BaseModel):
    """One agreement, acquisition, investment or funding event reported by an article."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    doc_id: str
    type: EventType
    status: EventStatus
    who: list[Party] = Field(default_factory=list)
    with_whom: list[Party] = Field(default_factory=list)
    what: str | None = Field(None, description="Short phrase from the text naming the object of the deal.")
    when: IsoDate | None = None
    when_text: str | None = Field(None, description="The time expression `when` was resolved from.")
    amount: Amount | None = None
    amount_text: str | None = Field(None, description="The money expression `amount` was read from.")
    price_per_share: Amount | None = Field(None, description="A per-share price, kept apart from the deal amount.")
    where: str | None = None
    evidence: Evidence
    trigger: str = Field(description="The word or phrase that signals the event.")
    confidence: float = Field(ge=0, le=1, description="Estimated probability that the event is correct.")
    extractor: str = Field(description="pactum version that produced the record.")
