"""The custom attributes through which the stages pass data, registered once.

Stages communicate only through these:

- ``Doc._.events`` (list[EventMention]): the events found so far, filled in
  stage by stage (candidates → arguments → normalize → merge).
- ``Doc._.doc_id`` (str) and ``Doc._.published`` (PubDate | None): set by the
  reader before the pipeline runs.
- ``Doc._.field`` ("text" | "title"): which document field the Doc holds.
- ``Span._.event_role`` (str | None): for argument spans, the role they fill.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..errors import Errors

#: (object, name, default) for every extension pactum owns.
EXTENSIONS = (
    (Doc, "events", None),
    (Doc, "doc_id", None),
    (Doc, "published", None),
    (Doc, "field", "text"),
    (Doc, "parties", None),
    (Span, "event_role", None),
)


def register_extensions() -> None:
    """Register pactum's extension attributes; safe to call many times.

    Raises an error when another package registered the same name with a
    different default, rather than silently sharing it.
    """
    for obj, name, default in EXTENSIONS:
        if obj.has_extension(name):
            if obj.get_extension(name)[0] != default:
                raise ValueError(Errors.E010.format(name=name))
            continue
        obj.set_extension(name, default=default)


def get_events(doc: Doc) -> list:
    """RETURNS (list[EventMention]): ``doc._.events``, created empty on first use."""
    if doc._.events is None:
        doc._.events = []
    return doc._.events
