"""Stage 4c: deals announced as a list ("Successful bidders ... are as follows -").

Newswire reports tender results, awards and allocations as a header sentence
ending in "as follows" (or a colon) and then verbless lines of names with
quantities and prices: "Beacon Oil Co 7,000 bpd at 15.66 dlrs, Golden West
Refining 8,110 bpd at 15.42 dlrs." Each organization named in those lines is
a counterparty of the deal reported just before the header, so each becomes
one event, a copy of that deal with the line as its evidence. A parent named
in the possessive ("Texaco Inc's Texaco Trading and Transport") is not a
party; the unit is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from .arguments import goods_of
from .mentions import EventMention
from .stage import Stage

LIST_HEADER = re.compile(r"(?:\bas follows|\bthe following|:)\s*[-:\u2013\u2014]*\s*$", re.IGNORECASE)


def is_list_header(sent: Span) -> bool:
    """A sentence that announces a list: "... are as follows -", "... were:"."""
    return bool(LIST_HEADER.search(sent.text.strip()))


def is_list_line(sent: Span) -> bool:
    """A line of a list: no verb heads it.

    Lines need not name an organization: the sentence splitter often cuts a
    list line after a name's first word ("Orkin | Inc 2,679 bpd at ..."), and
    such a fragment must not end the list; it simply adds no party.
    """
    return sent.root.pos_ not in {"VERB", "AUX"}


def list_events(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """Add one event per organization listed under a header that follows a deal.

    doc (Doc): the parsed article, with ``doc._.parties``.
    events (list[EventMention]): the events found so far, in text order.
    RETURNS (list[EventMention]): the events, with the listed deals added; a
        deal whose only counterparties are listed is replaced by them.
    """
    index = doc._.parties
    if index is None or not events:
        return events
    sents = list(doc.sents)
    out = list(events)
    replaced: set[int] = set()
    in_list, deal, goods = False, None, None
    for sent in sents:
        if is_list_header(sent):
            before = [e for e in events if e.sent.start < sent.start]
            deal = before[-1] if before else None
            in_list = deal is not None
            # each line gives its own quantity: the copies keep the goods, not the header's total
            goods = (goods_of(deal.what) or deal.what) if deal is not None and deal.what is not None else None
            continue
        if not in_list:
            continue
        if not is_list_line(sent):
            in_list = False
            continue
        for ent in sent.ents:
            if ent.label_ != "ORG" or ent.root.dep_ == "poss":
                continue
            cid = index.by_token.get(ent.root.i)
            if cid is None or cid in deal.who or cid in deal.with_whom:
                continue
            out.append(replace(deal, sent=sent, with_whom=[cid], amount=None, price_per_share=None, what=goods,
                               features=dict(deal.features, listed=1.0)))
            if not deal.with_whom:
                replaced.add(id(deal))
    out = [e for e in out if id(e) not in replaced]
    out.sort(key=lambda e: e.sent.start)
    return out


class ListReader(Stage):
    """The ``events_lists`` component: deals announced as a list of names."""

    def __init__(self, nlp, name: str) -> None:
        self.name = name

    def find(self, doc: Doc) -> list[EventMention]:
        return list_events(doc, list(doc._.events or []))

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events
