"""Field types shared by the output and gold models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal["agreement", "acquisition", "investment", "funding"]
EventStatus = Literal["agreed", "negotiating", "planned", "rejected"]

#: ISO 8601 at year, month or day precision: ``1987``, ``1987-03``, ``1987-03-17``.
IsoDate = Annotated[
    str,
    Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
          examples=["2024-04", "1987-03-17"]),
]


class Amount(BaseModel):
    """A money value: ``{"value": 11600000000, "currency": "USD"}``."""

    model_config = ConfigDict(extra="forbid")

    value: float = Field(ge=0, description="The amount in units of the currency (scale applied).")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code.")
