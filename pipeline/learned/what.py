"""Learned ``what`` choice: which phrase of a candidate's sentence names the object of the deal.

The rules (:func:`pipeline.extraction.arguments._what`) take one phrase: the
noun trigger's own phrase ("the 280-mln-dlr purchase") or a verb's object,
cut at the first comma. Gold ``what`` phrases often say more, or something
else: what was bought ("the purchase of Charles Schwab and Co Inc" →
"Charles Schwab and Co Inc"), the object of the verb an offer or a plan
governs ("an offer to acquire all outstanding shares of Rospatch Corp"), the
name with its apposition ("its subsidiary, Source Telecomputing Corp").

Here every such phrase of the sentence is an option (:func:`what_options`),
described by where it comes from (the rules' phrase; the trigger's own phrase;
an "of"/"for"/"in"/"on" complement of the trigger; the object of a verb the
trigger governs or is governed by; a named side of the deal; each with its
apposition), the trigger, the type, its length and what it holds (a party, a
number). A logistic model trained on the labelled articles scores each option
as "would the scorer accept it" (spec section 7: token F1 ≥ 0.5 with the gold
phrase) and the highest-scoring option is the record's ``what``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..extraction.arguments import MAX_WHAT_WORDS, _what, noun_phrase_head
from ..extraction.candidates import _chain
from ..extraction.candidates import prep_objects as _prep_objects
from ..extraction.mentions import EventMention

#: Complements of a deal noun that may name its object: "purchase of X", "bid for X", "stake in X".
OBJECT_PREPS = ("of", "for", "in", "on", "over", "to")
#: The longest option, in words (the gold's phrases are "at most about 12 words").
MAX_OPTION_WORDS = MAX_WHAT_WORDS + 4


def _words(span: Span) -> int:
    return sum(not t.is_punct and not t.is_space for t in span)


def with_apposition(span: Span) -> Span | None:
    """The phrase and the apposition after its head: "its subsidiary, Source Telecomputing Corp".

    RETURNS (Span | None): the longer span, or None when the head has no apposition after the phrase.
    """
    head = span.root
    appos = [c for c in head.children if c.dep_ == "appos" and c.i >= span.end]
    if not appos:
        return None
    end = max(t.i for t in appos[0].subtree) + 1
    out = span.doc[span.start:end]
    while len(out) > 1 and (out[-1].is_punct or out[-1].is_space):
        out = span.doc[out.start:out.end - 1]
    if _words(out) > MAX_OPTION_WORDS:
        return None
    return out


def _verbs_near(trigger: Token) -> list[Token]:
    """The verbs whose object may be the deal's: the trigger's own, the verb an offer or a plan
    governs ("an acquisition offer to acquire X", "agreed to buy X"), and the verb above a noun trigger."""
    out = []
    if trigger.pos_ in {"VERB", "AUX"}:
        out.append(trigger)
    for node in dict.fromkeys([trigger, noun_phrase_head(trigger)]):
        out += [c for c in node.children if c.dep_ in {"acl", "xcomp", "relcl"} and c.pos_ == "VERB"]
    out += [t for t in _chain(trigger)[1:3] if t.pos_ == "VERB"]
    return list(dict.fromkeys(out))


def verb_phrase(verb: Token) -> Span | None:
    """The clause a verb heads, from the verb on, without its subject, clauses or reports:
    "agreed to link their currencies to a common grid" → "link their currencies to a common grid"."""
    ids = {verb.i}
    for child in verb.children:
        if child.i > verb.i and child.dep_ not in {"advcl", "ccomp", "parataxis", "punct", "cc", "conj", "mark",
                                                  "nsubj", "nsubjpass", "relcl"}:
            ids |= {t.i for t in child.subtree}
    end = verb.i + 1
    while end in ids:
        end += 1
    span = verb.doc[verb.i:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ in {"cc", "prep", "det"}):
        span = verb.doc[span.start:span.end - 1]
    if len(span) < 2 or _words(span) > MAX_OPTION_WORDS:
        return None
    return span


def _entity_root(token: Token) -> Token:
    """The head of the name a token belongs to: "Air" in "Air New Zealand Ltd" → "Ltd"."""
    node = token
    while node.head.i != node.i and node.head.ent_iob_ == "I" and node.ent_type_ and node.head.ent_type_ == node.ent_type_ \
            and node.dep_ in {"compound", "amod", "nmod", "poss"}:
        node = node.head
    return node


def what_options(event: EventMention, doc: Doc) -> list[tuple[Span | None, dict[str, float]]]:
    """Every phrase that may be the candidate's ``what``, with the option's features.

    RETURNS (list[tuple[Span | None, dict]]): (span, features): "no phrase"
        first, then the rules' own phrase; spans are unique by their text. The
        rules' choice (their phrase, or "no phrase" when they found none) has
        the feature ``is_rule``.
    """
    trigger = event.trigger
    found: list[tuple[str, Span]] = []
    if event.what is not None:
        found.append(("rule", event.what))
    if trigger.pos_ in {"NOUN", "PROPN"}:
        own = _what(trigger)
        if own is not None:
            found.append(("trigger", own))
        for prep in OBJECT_PREPS:
            for pobj in _prep_objects(trigger, {prep}):
                if pobj.like_num:
                    continue
                span = _what(pobj)
                if span is not None:
                    found.append((f"prep:{prep}", span))
    for verb in _verbs_near(trigger):
        role = "own" if verb.i == trigger.i else verb.dep_
        for obj in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
            if obj.i == trigger.i:
                continue
            span = _what(obj)
            if span is not None:
                found.append((f"verb:{role}:{obj.dep_}", span))
        if role != "own" and verb.i > trigger.i:  # "agreed to cut cargo assessments at the Port of New York"
            span = verb_phrase(verb)
            if span is not None:
                found.append((f"clause:{role}", span))
    index = doc._.parties
    if index is not None:
        for role, ids in (("who", event.who), ("with", event.with_whom)):
            for cid in ids[:2]:
                mention = next((t for t in event.sent if index.by_token.get(t.i) == cid), None)
                if mention is not None:
                    span = _what(_entity_root(mention))
                    if span is not None:
                        found.append((f"party:{role}", span))
    found += [(f"{src}+appos", longer) for src, span in found if (longer := with_apposition(span)) is not None]

    seen: dict[str, int] = {}
    options: list[tuple[Span | None, dict[str, float]]] = [(None, _features("none", None, event, doc))]
    if event.what is None:
        options[0][1]["is_rule"] = 1.0
    for src, span in found:
        key = " ".join(span.text.split())
        if key in seen:
            options[seen[key]][1][f"also={src.split(':')[0]}"] = 1.0
            continue
        seen[key] = len(options)
        f = _features(src, span, event, doc)
        if src == "rule":  # found first, so it comes right after "no phrase"
            f["is_rule"] = 1.0
        options.append((span, f))
    return options


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    return sum(n > e for e in edges)


def _features(src: str, span: Span | None, event: EventMention, doc: Doc) -> dict[str, float]:
    trigger = event.trigger
    kind = src.split(":")[0].split("+")[0]
    f = {
        "bias": 1.0,
        f"src={src}": 1.0,
        f"src={src}|type={event.type}": 1.0,
        f"src={kind}|pos={trigger.pos_}": 1.0,
        f"rule_none={event.what is None}|src={kind}": 1.0,
    }
    if span is None:
        return f
    words = _words(span)
    f[f"len={_bucket(words, (1, 2, 4, 7, 11))}|src={kind}"] = 1.0
    f[f"head_pos={span.root.pos_}|src={kind}"] = 1.0
    if span.root.ent_type_:
        f[f"head_ent={span.root.ent_type_}|type={event.type}"] = 1.0
    if span.start <= trigger.i < span.end:
        f[f"holds_trigger|src={kind}"] = 1.0
    if any(t.like_num for t in span):
        f[f"holds_number|type={event.type}"] = 1.0
    if any(t.lower_ in {"pct", "%", "percent", "stake", "shares", "stock"} for t in span):
        f[f"holds_share|type={event.type}"] = 1.0
    index = doc._.parties
    if index is not None:
        named = {index.by_token.get(t.i) for t in span} - {None}
        if named & set(event.parties):
            f[f"holds_party|type={event.type}"] = 1.0
        elif named:
            f["holds_other_name"] = 1.0
    if span[0].dep_ == "poss" or span[0].tag_ == "PRP$":
        f["possessive"] = 1.0
    return f


#: Below this probability of being right, no phrase is written. A wrong phrase costs the what score a
#: false positive and still misses the gold one, no phrase only the miss: writing pays when the chance
#: of being right exceeds about half the F1 the slot reaches (0.45-0.5). Measured on issue 12's twelfth
#: step's candidates (0.15 / 0.25 / 0.35): train CV slots 0.568 / 0.570 / 0.569, held-out pool 0.484 /
#: 0.486 / 0.486, against 0.568 and 0.484 with no floor.
WHAT_FLOOR = 0.25


def choose_index(options: list[tuple[object, dict[str, float]]], model, margin: float = 0.0) -> int:
    """The option the model scores highest (the first on a tie), unless it beats the rules'
    choice by less than ``margin``: then the rules' choice; "no phrase" (the first option) when the
    chosen one scores below :data:`WHAT_FLOOR`.

    RETURNS (int): an index into ``options``.
    """
    scores = [model.proba(f)["yes"] for _, f in options]
    best = max(range(len(options)), key=lambda k: (scores[k], -k))
    rule = next((k for k, (_, f) in enumerate(options) if "is_rule" in f), best)
    pick = rule if scores[best] - scores[rule] < margin else best
    if scores[pick] < WHAT_FLOOR and options[0][0] is None:
        return 0  # "acquire for one mln dlrs the assets of ...": the buyer's name is no better than nothing
    return pick


def choose(options: list[tuple[Span | None, dict[str, float]]], model, margin: float = 0.0) -> Span | None:
    """RETURNS (Span | None): the phrase :func:`choose_index` picks."""
    return options[choose_index(options, model, margin)][0]
