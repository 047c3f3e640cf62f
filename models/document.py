"""An input article, as read from ``.txt``, ``.html`` or JSON Lines files."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Document(BaseModel):
    """One article: the fields of ../shared/corpus lines (``id``, ``text``, optional rest)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str
    title: str | None = None
    published: str | None = Field(None, description="Publication date, full or partial (2024-04).")
    source: str | None = None
    topics: list[str] = Field(default_factory=list)
