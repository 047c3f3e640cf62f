"""pactum's data models: the one place the output schema and the gold format live.

Everything else imports from here; ``pactum schema`` prints
``Event.model_json_schema()`` and ``models/event.schema.json`` is that output,
committed and checked by a test.
"""

from .document import Document
from .event import (
    SCHEMA_VERSION,
    Amount,
    Event,
    EventStatus,
    EventType,
    Evidence,
    Party,
    PartyKind,
)
from .gold import GoldDocument, GoldEvent

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Document",
    "Event",
    "EventStatus",
    "EventType",
    "Evidence",
    "GoldDocument",
    "GoldEvent",
    "Party",
    "PartyKind",
]
