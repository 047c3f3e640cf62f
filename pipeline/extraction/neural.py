"""Stage 4b (optional): the neural sentence head scores each candidate event.

The MiniLM classifier (:mod:`pipeline.extraction.classifier`) reads each sentence that
holds a candidate and says how likely it is to report a deal. That score
feeds the confidence of the record (``features["neural"]``), and events whose
sentence scores below ``threshold`` are dropped. Type and status stay with
the rules: on dev evidence sentences the head's status calls are less
accurate than the cue words (see the README's "Neural stage").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from .mentions import EventMention
from .stage import Stage


@lru_cache(maxsize=1)
def _classifier():
    from .classifier import SentenceClassifier

    return SentenceClassifier.from_package()


class NeuralScorer(Stage):
    """The ``events_classifier`` component: scores and filters ``doc._.events``.

    threshold (float): events whose sentence scores below it are dropped.
    """

    def __init__(self, nlp, name: str, threshold: float) -> None:
        self.name = name
        self.threshold = threshold

    def find(self, doc: Doc) -> list[EventMention]:
        events = list(doc._.events or [])
        if not events:
            return events
        sentences = sorted({e.sent.start: e.sent for e in events}.items())
        predictions = _classifier().predict([s.text for _, s in sentences])
        score = {start: p.event for (start, _), p in zip(sentences, predictions)}
        kept = []
        for event in events:
            event.features["neural"] = score[event.sent.start]
            if event.features["neural"] >= self.threshold:
                kept.append(event)
        return kept

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events
