"""Sparse features of one candidate event, from its sentence, its parse and its article.

Every feature is a name with a value (mostly 1.0): the rules' own reading
(type, status, the trigger and cue lemmas, which roles they filled), the
sentence's content lemmas and the words around the trigger, the shape of the
parties (entity labels per role), which slots the normalizers filled, and
the article's shape (earnings-table vocabulary, share of numbers, how many
candidates it holds). The same function serves training and inference, so a
model sees at run time exactly what it was fitted on.
"""

from __future__ import annotations

import math

from spacy.strings import hash_string
from spacy.tokens import Doc

from ..extraction.extensions import get_events
from ..extraction.focus import full_token_index, whole_text
from ..extraction.mentions import EventMention

#: Words of results tables and dividend notices: the commonest source of false deals.
EARNINGS_WORDS = frozenset({
    "shr", "shrs", "net", "revs", "revenues", "qtr", "qtly", "div", "dividend", "dividends", "profit", "loss",
    "cts", "oper", "earnings", "record", "payable", "mths", "avg", "results", "forecast", "nine",
    "vs", "turnover", "pretax", "quarter",
})
_EARNINGS_HASHES = frozenset(map(hash_string, EARNINGS_WORDS))
#: Words that state a deal done or undone, wherever they sit in the sentence.
MARKERS = frozenset({"not", "no", "deny", "denied", "rumor", "rumour", "speculation", "talks", "offer", "bid",
                     "would", "will", "may", "could", "plan", "propose", "reject", "terminate", "withdraw",
                     "complete", "sign", "agree", "approve", "letter", "intent", "principle", "definitive"})


def _bucket(n: float, edges: tuple[float, ...]) -> int:
    return sum(n >= e for e in edges)


def _doc_features(doc: Doc) -> dict[str, float]:
    cached = doc.user_data.get("pactum_doc_features")
    if cached is not None:
        return cached
    whole = whole_text(doc)  # the whole text, parsed or not
    n = max(1, len(whole["words"]))
    earnings = sum(w in _EARNINGS_HASHES for w in whole["words"])
    numbers = whole["numbers"]
    out = {
        f"doc_field={doc._.field}": 1.0,
        f"doc_len={_bucket(n, (40, 100, 250, 600))}": 1.0,
        "doc_earnings": min(earnings / n * 10, 2.0),
        f"doc_earnings_n={_bucket(earnings, (1, 3, 6, 12))}": 1.0,
        "doc_numbers": min(numbers / n * 5, 2.0),
        f"doc_events={_bucket(len(get_events(doc)), (2, 3, 5))}": 1.0,
    }
    doc.user_data["pactum_doc_features"] = out
    return out


def _lemma(token) -> str:
    return (token.lemma_ or token.text).lower()


def event_features(event: EventMention, doc: Doc) -> dict[str, float]:
    """The features of one candidate event.

    event (EventMention): a candidate after the rule stages (arguments,
        normalization and merge done).
    doc (Doc): the Doc it was found in.
    RETURNS (dict[str, float]): feature name → value.
    """
    f: dict[str, float] = {"bias": 1.0}
    f.update(_doc_features(doc))
    trigger, sent = event.trigger, event.sent
    f[f"type={event.type}"] = 1.0
    f[f"status={event.status}"] = 1.0
    f[f"type_status={event.type}|{event.status}"] = 1.0
    f[f"trig={_lemma(trigger)}"] = 1.0
    f[f"trig_type={_lemma(trigger)}|{event.type}"] = 1.0
    f[f"trig_pos={trigger.pos_}"] = 1.0
    f[f"trig_dep={trigger.dep_}"] = 1.0
    f[f"head={_lemma(trigger.head)}"] = 1.0
    if event.cue is not None:
        f[f"cue={_lemma(event.cue)}"] = 1.0
    if event.tense:
        f[f"tense={event.tense}"] = 1.0
    for other in event.linked:
        f[f"linked={_lemma(other)}"] = 1.0
    # the sentence: content lemmas, and the words next to the trigger
    for token in sent:
        if token.is_alpha and not token.is_stop and len(token) > 1:
            f[f"w={_lemma(token)}"] = 1.0
        if _lemma(token) in MARKERS:
            f[f"mark={_lemma(token)}"] = 1.0
    for token in sent.doc[max(sent.start, trigger.i - 3) : min(sent.end, trigger.i + 4)]:
        if token.i != trigger.i and token.is_alpha:
            side = "L" if token.i < trigger.i else "R"
            f[f"near{side}={_lemma(token)}"] = 1.0
    f[f"sent_pos={_bucket(full_token_index(doc, sent.start), (1, 40, 150))}"] = 1.0
    f[f"sent_len={_bucket(len(sent), (12, 25, 45))}"] = 1.0
    ents = {e.label_ for e in sent.ents}
    for label in ents:
        f[f"sent_ent={label}"] = 1.0
    # what the rules filled
    clusters = doc._.parties.clusters if doc._.parties is not None else []
    for role, ids in (("who", event.who), ("with", event.with_whom)):
        f[f"n_{role}={min(len(ids), 3)}"] = 1.0
        for cid in ids:
            if cid < len(clusters):
                f[f"{role}_label={clusters[cid].label}"] = 1.0
    f[f"sides={bool(event.who)}|{bool(event.with_whom)}|{event.type}"] = 1.0
    f[f"has_what={event.what is not None}"] = 1.0
    if event.what is not None:  # what the deal is about: a company, a stake, or goods ("36 planes")
        head = event.what.root
        f[f"what_head={_lemma(head)}"] = 1.0
        kind = head.ent_type_ or ("name" if head.pos_ == "PROPN" else head.tag_)
        counted = any(c.dep_ == "nummod" or c.like_num for c in head.children)
        f[f"what_kind={kind}|counted={counted}|{event.type}"] = 1.0
    f[f"has_when={event.when is not None}"] = 1.0
    f[f"has_where={event.where is not None}"] = 1.0
    if event.amount is not None:
        f[f"amount={_bucket(math.log10(max(event.amount.value, 1.0)), (5, 6, 7, 8, 9))}"] = 1.0
    else:
        f["amount=none"] = 1.0
    f[f"share_price={event.price_per_share is not None}"] = 1.0
    f[f"merged={min(event.merged, 3)}"] = 1.0
    for name in ("subject", "noun_trigger"):
        if name in event.features:
            f[f"rule_{name}"] = float(event.features[name])
    if "vetoed" in event.features:  # relaxed candidates only: which veto the rules raised
        f[f"vetoed={event.features['vetoed']:g}"] = 1.0
    return f
