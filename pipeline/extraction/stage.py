"""The shape every pactum component shares (after spaCy's ``SpanRuler``).

``__call__`` finds, then writes, inside the error handler: a stage that fails
on one document hands the exception to ``get_error_handler()`` instead of
stopping ``nlp.pipe``. pactum's API installs a handler that records the error
on the Doc (``doc.user_data["pactum_error"]``) and lets the Doc through, so
the run reports that document as failed and goes on with the rest.
"""

from __future__ import annotations

from typing import Any

from spacy.pipeline import Pipe
from spacy.tokens import Doc


class Stage(Pipe):
    """Base class of the ``events_*`` components.

    Subclasses implement ``find(doc) -> result`` and
    ``set_annotations(doc, result)``.
    """

    name: str

    def __call__(self, doc: Doc) -> Doc:
        if doc.user_data.get("pactum_error"):
            return doc
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.find(doc))
            return doc
        except Exception as err:  # handed to the pipeline's error handler
            return error_handler(self.name, self, [doc], err)

    def find(self, doc: Doc) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_annotations(self, doc: Doc, result: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def record_error(proc_name: str, proc: Any, docs: list[Doc], err: Exception) -> Doc | None:
    """Error handler: note the failure on the Doc and let it through."""
    for doc in docs:
        doc.user_data["pactum_error"] = f"{proc_name}: {type(err).__name__}: {err}"
        doc._.events = []
    return docs[0] if docs else None
