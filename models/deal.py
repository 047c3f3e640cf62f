"""A deal: the events of many articles that report one transaction, with its story over time.

``pactum deals`` writes one :class:`Deal` a JSON line; ``models/deal.schema.json``
is ``Deal.model_json_schema()``, committed and checked by a test.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .common import Amount, EventStatus, EventType, IsoDate

DEAL_SCHEMA_VERSION = "1.0"


class EventRef(BaseModel):
    """One event a deal holds: its article and its place among that article's events."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    index: int = Field(ge=0, description="0-based position of the event among its article's events, in file order.")


class DealParty(BaseModel):
    """One party to a deal, as the linked events name it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="The name the events use most often (the longest on a tie).")
    key: str = Field(description="Comparison key of that name (spec section 7 normalization).")
    aliases: list[str] = Field(default_factory=list, description="Every other name the events use for it.")
    kind: str = Field("other", description="Country/government, organization, person, place, other.")
    mentions: int = Field(ge=1, description="How many of the deal's events name it in this role.")


class HistoryEntry(BaseModel):
    """One report of the deal: an event, dated by its article's publication date."""

    model_config = ConfigDict(extra="forbid")

    date: IsoDate | None = Field(None, description="Publication date of the article (the event's `when` if unknown).")
    when: IsoDate | None = Field(None, description="The date the article gives the step, if any.")
    status: EventStatus
    type: EventType
    doc_id: str
    index: int = Field(ge=0)
    evidence: str = Field(description="The sentence that states the event.")


class DealAmount(BaseModel):
    """The best-supported amount of the deal and where it comes from."""

    model_config = ConfigDict(extra="forbid")

    value: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    doc_id: str = Field(description="The article that states this amount (the earliest of those that do).")
    text: str | None = Field(None, description="The money expression as written.")
    reports: int = Field(ge=1, description="How many of the deal's events give this amount.")


class Deal(BaseModel):
    """One transaction as reported over time by one or more articles."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal["1.0"] = DEAL_SCHEMA_VERSION
    deal_id: str = Field(pattern=r"^deal-[0-9a-f]{12}$",
                         description="Stable id: a hash of type, main party keys and first article.")
    type: EventType
    status: EventStatus = Field(description="The status of the latest report.")
    who: list[DealParty] = Field(default_factory=list, description="Buyer, investor, lender, or one side.")
    with_whom: list[DealParty] = Field(default_factory=list, description="Target/seller, recipient, or the other side.")
    what: str | None = None
    amount: DealAmount | None = None
    first_reported: IsoDate | None = None
    last_reported: IsoDate | None = None
    documents: list[str] = Field(description="The articles that report the deal, in time order.")
    history: list[HistoryEntry] = Field(description="Every report, in time order.")
    events: list[EventRef]
