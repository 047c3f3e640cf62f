"""Stage 5: one record per deal — merge repeated mentions within an article.

The headline, the lead and a later paragraph often report the same deal. Two
events are the same deal when they have the same type, the parties of one are
a subset of the other's (so different deals with one shared party stay
apart), neither names a different buyer/provider, one is not a party's
purchase and the other its sale, and their amounts and dates do not disagree. The merged event keeps the most complete mention's evidence
and fills its empty slots from the others.

The policy is a registered callable, ``pactum.merge.v1``; the component
applies it to ``doc._.events`` and :func:`merge_records` to validated records
(used to fold headline events into body events).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...models import Event

from .coref import CURRENCY_WORDS
from .lexicon import SELLING
from .mentions import EventMention
from .stage import Stage
from ..normalization.parties import name_key


@dataclass(frozen=True)
class MergeKey:
    """What the merge policy compares: type, party identities per role, values."""

    type: str
    who: frozenset[Hashable]
    with_whom: frozenset[Hashable]
    amount: tuple[float, str] | None
    when: str | None
    sentence: Hashable
    completeness: float
    #: whether the mention tells a sale ("dispose of", "the sale of"), not a purchase
    selling: bool = False
    #: a candidate the rules vetoed (relaxed candidates only): it never absorbs, nor is absorbed by,
    #: a candidate the rules accept, so dropping it later loses nothing of theirs
    vetoed: bool = False
    #: the mention says it tells a further deal ("It also plans to acquire Hopper", "other agreements"):
    #: it merges with no mention of another sentence
    another: bool = False

    @property
    def parties(self) -> frozenset[Hashable]:
        return self.who | self.with_whom


def _amounts_agree(a: tuple[float, str] | None, b: tuple[float, str] | None) -> bool:
    if a is None or b is None:
        return True
    return a[1] == b[1] and abs(a[0] - b[0]) <= 0.005 * max(a[0], b[0])


def _whens_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def same_deal(a: MergeKey, b: MergeKey) -> bool:
    """Whether two mentions report the same deal (policy ``pactum.merge.v1``)."""
    if a.type != b.type or not (a.parties & b.parties) or a.vetoed != b.vetoed:
        return False
    if a.sentence == b.sentence:
        # "a second bid has come from Siemens, which hopes to take a 20 pct stake": one deal told
        # twice, once without the other side; two deals in one sentence differ in a party
        return a.who == b.who and (a.with_whom == b.with_whom or bool(a.who) and not (a.with_whom and b.with_whom))
    if a.another or b.another:
        return False  # "It also plans to acquire Hopper, Soliday and Co Inc": not the stake bought before
    if not (a.parties <= b.parties or b.parties <= a.parties):
        return False
    if a.who and b.who and not (a.who & b.who) and a.type != "agreement":
        return False  # different buyers or providers; an agreement's sides are pooled
    if a.type != "agreement" and a.selling != b.selling and (a.who & b.with_whom or b.who & a.with_whom):
        return False  # one party's purchase and its sale: "which it acquired" vs "plans to dispose of"
    return _amounts_agree(a.amount, b.amount) and _whens_agree(a.when, b.when)


def group_same_deals(keys: Sequence[MergeKey], same: Callable[[MergeKey, MergeKey], bool] = same_deal) -> list[list[int]]:
    """Group mentions of the same deal; RETURNS (list[list[int]]): index groups, in order."""
    groups: list[list[int]] = []
    for i, key in enumerate(keys):
        for group in groups:
            if all(same(keys[j], key) for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


# -- on a Doc --------------------------------------------------------------------
#: Words on a deal noun that make it a further deal: "signed a number of other agreements".
OTHER_WORDS = {"other", "another", "separate"}


def told_as_another(trigger: Token) -> bool:
    """Whether a mention says it tells a further deal, not one told before: "also" on the trigger or the
    verb it is the complement or object of ("It also plans to acquire Hopper", "will also continue a joint
    venture agreement"), or "other" on the deal noun ("signed a number of other agreements")."""
    node = trigger
    for _ in range(3):
        if any(c.dep_ == "advmod" and c.lower_ == "also" for c in node.children):
            return True
        if node.pos_ in {"NOUN", "PROPN"} and any(c.dep_ in {"amod", "det"} and c.lower_ in OTHER_WORDS
                                                  for c in node.children):
            return True
        if node.dep_ not in {"xcomp", "dobj"} or node.head is node:
            return False
        node = node.head
    return False


def completeness(parties: int, amount: bool, when: bool, what: bool, who: bool) -> float:
    """How much a mention tells (its merge group keeps the most complete): its parties, amount, date,
    then its phrase and a named buyer or provider."""
    return parties + amount + when + 0.5 * what + 0.25 * who


def _mention_key(event: EventMention) -> MergeKey:
    amount = (event.amount.value, event.amount.currency) if event.amount is not None else None
    told = completeness(len(event.parties), event.amount is not None, event.when is not None, event.what is not None,
                        bool(event.who))
    selling = event.trigger.lemma_.lower() in SELLING
    return MergeKey(event.type, frozenset(event.who), frozenset(event.with_whom), amount, event.when,
                    event.sent.start, told, selling, event.vetoed, told_as_another(event.trigger))


#: Nouns that, with "the"/"this", point back to a deal already reported.
ANAPHORIC_NOUNS = {"deal", "transaction", "agreement", "acquisition", "takeover", "merger", "purchase",
                   "sale", "offer", "bid", "accord", "pact", "contract", "loan", "investment", "venture"}


#: Verbs that, with "it"/"the deal" as object, finish a deal already reported.
ANAPHORIC_VERBS = {"sign", "approve", "complete", "conclude", "ratify", "finalize", "finalise", "seal", "close"}


def is_anaphoric(event: EventMention) -> bool:
    """"complete the deal", "it was signed last week": a deal mentioned before."""
    trigger = event.trigger
    if trigger.pos_ == "VERB" and trigger.lemma_.lower() in ANAPHORIC_VERBS:
        objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
        return bool(objects) and all(o.lower_ in {"it", "this", "that", "them"} for o in objects)
    if trigger.lemma_.lower() not in ANAPHORIC_NOUNS:
        return False
    determiners = {c.lower_ for c in trigger.children if c.dep_ in {"det", "poss"}}
    from .candidates import trigger_type

    modifiers = [c for c in trigger.children if c.dep_ in {"compound", "amod", "nmod", "prep", "nummod"}
                 and not trigger_type(c) and c.lower_ not in {"previously", "announced", "proposed"}
                 and not _names_a_sum(c)]
    # "the accord reached by OPEC last December": who made it makes the deal one of its own, told here
    modifiers += [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN" and any(
        g.dep_ == "agent" for g in c.children)]
    return bool(determiners & {"the", "this", "that", "its", "their"}) and not modifiers and len(event.parties) <= 1


def _names_a_sum(modifier) -> bool:
    """"a gain on the sale of about 4.5 mln dlrs": a sum hung on the deal noun (often the gain's, by the
    parser's attachment) does not make it another deal."""
    if modifier.dep_ != "prep":
        return False
    objects = [g for g in modifier.children if g.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ == "MONEY" or o.like_num or o.lower_ in CURRENCY_WORDS for o in objects)


def resolve_anaphoric(events: list[EventMention]) -> list[EventMention]:
    """Fold "the deal"-style mentions into the deal they point back to.

    An anaphoric mention adds only what its antecedent lacks (a date, an
    amount); with no earlier deal in the article it is dropped ("co-managed
    the deal": an underwriting, or a deal the article does not report).
    """
    out: list[EventMention] = []
    for event in events:
        if not is_anaphoric(event):
            out.append(event)
            continue
        # "plans to dispose of Stauffer since the bid was made in December": a deal named as the time
        # of another is not that other deal
        as_a_time = _in_a_time_clause(event.trigger)
        # a candidate the rules vetoed (relaxed candidates) and one they accept never fold into each other
        antecedent = next((e for e in reversed(out) if e.parties and e.vetoed == event.vetoed
                           and not (as_a_time and e.sent == event.sent)), None)
        if antecedent is None:
            continue
        for slot in ("amount", "when", "when_text"):
            if getattr(antecedent, slot) is None and getattr(event, slot) is not None:
                setattr(antecedent, slot, getattr(event, slot))
        antecedent.merged += 1
    return out


def _in_a_time_clause(token) -> bool:
    """Whether ``token`` sits in an adverbial clause of time: "since the bid was made in December"."""
    return any(a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"since", "after", "before", "until", "once"}
                                         for c in a.children) for a in token.ancestors)


def merge_mentions(events: list[EventMention]) -> list[EventMention]:
    """Merge the mentions of one Doc; RETURNS (list[EventMention]): one per deal."""
    return merge_same_deals(resolve_anaphoric(sorted(events, key=lambda e: e.trigger.i)))


#: The slots a merged event takes from the others when it lacks them.
FILLED_SLOTS = ("amount", "when", "when_text", "where", "what", "price_per_share")


def merge_same_deals(events: list[EventMention], again: bool = False) -> list[EventMention]:
    """Merge the mentions of the same deal (``same_deal``), in the order given; anaphora aside.

    The most complete mention of each group stays, with the others' parties and
    the slots it lacks; ``merged`` counts the mentions of its group. The
    ``events_decide`` stage merges again with this after the role model has
    amended the parties (two mentions of one deal in a sentence may only then
    agree): with ``again``, ``merged`` adds up the merged events' counts.
    RETURNS (list[EventMention]): one per deal, in sentence order.
    """
    keys = [_mention_key(e) for e in events]
    out = []
    for group in group_same_deals(keys):
        best = max(group, key=lambda i: (keys[i].completeness, -i))
        main = events[best]
        for i in group:
            other = events[i]
            if other is main:
                continue
            main.who = list(dict.fromkeys(main.who + [c for c in other.who if c not in main.with_whom]))
            main.with_whom = list(dict.fromkeys(main.with_whom + [c for c in other.with_whom if c not in main.who]))
            for slot in FILLED_SLOTS:
                if getattr(main, slot) is None and getattr(other, slot) is not None:
                    setattr(main, slot, getattr(other, slot))
        main.merged = sum(events[i].merged for i in group) if again else len(group)
        out.append(main)
    out.sort(key=lambda e: e.sent.start)
    return out


class Merger(Stage):
    """The ``events_merge`` component: one event per deal in ``doc._.events``."""

    def __init__(self, nlp, name: str, policy: Callable[[list[EventMention]], list[EventMention]]) -> None:
        self.name = name
        self.policy = policy

    def find(self, doc: Doc) -> list[EventMention]:
        return self.policy(list(doc._.events or []))

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events


# -- on records (headline + body) ------------------------------------------------
def _record_key(event: Event) -> MergeKey:
    def keys(parties):
        out = set()
        for p in parties:
            out |= {name_key(n) for n in [p.name, *p.aliases]}
        return frozenset(k for k in out if k)

    amount = (event.amount.value, event.amount.currency) if event.amount else None
    completeness = len(event.who) + len(event.with_whom) + (event.amount is not None) + (event.when is not None)
    return MergeKey(event.type, keys(event.who), keys(event.with_whom), amount, event.when,
                    (event.evidence.field, event.evidence.start), completeness)


#: Words that set two clauses of one sentence against each other, each of which may tell a deal of its own
#: ("It signed an arrangement with Canada ..., while it will set up an office in Prague").
CONTRAST = re.compile(r"\bwhile\b|\bwhereas\b|;", re.IGNORECASE)


def fold_rival_types(records: list[Event]) -> list[Event]:
    """One deal told in one sentence is one record.

    Two triggers of one sentence sometimes read one deal as two types ("merger talks with Bay Financial
    Corp": an agreement and an acquisition; "expects to reach agreement ... on a new financing package":
    an agreement and a funding). Of two records of different types with the same evidence sentence and a
    party in common (by the scorer's name key), the less confident goes, unless the sentence sets two
    clauses against each other (:data:`CONTRAST`) or the two give different dates or amounts (a dispute
    settled now over a sale made last year). Records of one type are the merge's business.

    RETURNS (list[Event]): ``records`` without the folded ones, in their order.
    """
    dropped: set[int] = set()
    for i, a in enumerate(records):
        for j in range(i + 1, len(records)):
            b = records[j]
            if i in dropped or j in dropped or a.type == b.type:
                continue
            if (a.evidence.start, a.evidence.text) != (b.evidence.start, b.evidence.text):
                continue
            if CONTRAST.search(a.evidence.text):
                continue
            if (a.when or b.when) and a.when != b.when:
                continue  # "settle litigation regarding the sale of its unit to CXR in March, 1986": two deals
            if a.amount and b.amount and (a.amount.value, a.amount.currency) != (b.amount.value, b.amount.currency):
                continue
            keys = {name_key(p.name) for p in a.who + a.with_whom} - {""}
            if not keys & {name_key(p.name) for p in b.who + b.with_whom}:
                continue
            dropped.add(j if a.confidence >= b.confidence else i)
    return [r for k, r in enumerate(records) if k not in dropped]


def merge_records(primary: list[Event], extra: list[Event]) -> list[Event]:
    """Fold ``extra`` records (a headline's) into ``primary`` (the body's), after one deal told in one of the
    body's sentences has become one record (:func:`fold_rival_types`).

    An extra record that reports a deal already in ``primary`` adds only the
    values the body lacks. A headline restates the lead, and its parse is the
    least reliable (no verbs, clipped words), so a headline deal the body does
    not report is kept only when the body reports none at all.

    RETURNS (list[Event]): the body's records (then headline-only deals).
    """
    out = fold_rival_types(primary)
    keys = [_record_key(e) for e in out]
    body_empty = not primary
    for event in extra:
        key = _record_key(event)
        match = next((i for i, k in enumerate(keys) if same_deal(k, key)), None)
        if match is None:
            if body_empty:
                out.append(event)
                keys.append(key)
            continue
        body = out[match]
        updates = {s: getattr(event, s) for s in ("amount", "amount_text", "when", "when_text", "where", "what")
                   if getattr(body, s) is None and getattr(event, s) is not None}
        updates["confidence"] = min(0.99, body.confidence + 0.05)
        out[match] = body.model_copy(update=updates)
    return out
