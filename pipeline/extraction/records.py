"""Turn a Doc's finished events into validated :class:`models.Event` records.

This is where in-flight spaCy objects become plain data: party clusters
become names with aliases, kinds and country codes; sentence offsets are
mapped back to the text the user gave; and each record gets its confidence.
"""

from __future__ import annotations

import math

from spacy.tokens import Doc

from ...models import Amount, Event, Evidence, Party

from .. import __version__
from .mentions import EventMention, PartyCluster
from .preprocess import Cleaned

KINDS = {"ORG": "organization", "PERSON": "person", "NORP": "organization", "GPE": "place"}

#: Weights of the confidence score's logistic model (see README "Confidence").
CONFIDENCE_WEIGHTS = {
    "bias": -0.6,
    "subject": 0.9,
    "two_sides": 0.8,
    "what": 0.3,
    "amount": 0.4,
    "merged": 0.5,
    "noun_trigger": -0.2,
    "neural": 2.0,
}


def party(cluster: PartyCluster) -> Party:
    """RETURNS (Party): the output form of one party cluster."""
    if cluster.country_code:
        kind, code = "country", cluster.country_code
    else:
        kind, code = KINDS.get(cluster.label, "other"), None
    return Party(name=cluster.canonical, aliases=cluster.aliases, kind=kind, country_code=code)


def confidence(event: EventMention) -> float:
    """The estimated probability that the event is right, from its evidence.

    With the trained decisions, their event probability (moved by the neural
    stage's sentence score when it ran). Without them, a logistic function of
    what the extractor found: a subject that acts, a
    party on each side, an object, an amount, repeated mentions, and (when the
    neural stage ran) its probability that the sentence reports a deal.
    """
    f = event.features
    w = CONFIDENCE_WEIGHTS
    if "learned" in f:  # the trained event model's probability (pipeline.learned), in log-odds
        p = min(max(f["learned"], 1e-6), 1 - 1e-6)
        z = math.log(p / (1 - p))
    else:
        z = _rule_score(event)
    if "neural" in f:
        z += w["neural"] * (f["neural"] - 0.5)
    return round(1 / (1 + math.exp(-z)), 3)


def _rule_score(event: EventMention) -> float:
    """The log-odds the hand-set weights give (the neural stage's term aside)."""
    w = CONFIDENCE_WEIGHTS
    f = event.features
    z = w["bias"]
    z += w["subject"] * f.get("subject", 0)
    z += w["two_sides"] * float(bool(event.who) and bool(event.with_whom))
    z += w["what"] * float(event.what is not None)
    z += w["amount"] * float(event.amount is not None)
    z += w["merged"] * min(event.merged - 1, 2)
    z += w["noun_trigger"] * f.get("noun_trigger", 0)
    return z


def to_record(event: EventMention, doc: Doc, cleaned: Cleaned, original: str, field: str, offset: int = 0) -> Event:
    """One finished event as a validated record.

    event (EventMention): an event after the merge stage.
    doc (Doc): the Doc it was found in (its text is ``cleaned.text``).
    cleaned (Cleaned): the clean-up of ``original`` the Doc was made from.
    original (str): the document field as the user gave it.
    field (str): "text" or "title".
    offset (int): where ``original`` starts in the whole field (for long
        documents processed in parts).
    RETURNS (Event): the record.
    """
    clusters = doc._.parties.clusters
    sent = event.sent
    start, end = cleaned.original(sent.start_char, sent.end_char)
    evidence_text = original[start:end].strip()
    start += len(original[start:end]) - len(original[start:end].lstrip())
    amount = event.amount
    share = event.price_per_share
    return Event(
        doc_id=doc._.doc_id,
        type=event.type,
        status=event.status,
        who=[party(clusters[c]) for c in event.who],
        with_whom=[party(clusters[c]) for c in event.with_whom],
        what=" ".join(event.what.text.split()) if event.what is not None else None,
        when=event.when,
        when_text=event.when_text,
        amount=Amount(value=amount.value, currency=amount.currency) if amount is not None else None,
        amount_text=amount.text if amount is not None else None,
        price_per_share=Amount(value=share.value, currency=share.currency) if share is not None else None,
        where=event.where,
        evidence=Evidence(text=evidence_text, start=offset + start, end=offset + start + len(evidence_text), field=field),
        trigger=event.trigger.text,
        confidence=confidence(event),
        extractor=f"pactum {__version__}",
    )
