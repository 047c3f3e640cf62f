"""Deal records from groups of linked events: parties by role, best amount, history, stable id."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence

from ...models.deal import Deal, DealAmount, DealParty, EventRef, HistoryEntry

from ..normalization.parties import name_key
from .linker import Item

#: Deal type on a tie of votes: the more specific first.
TYPE_ORDER = ("acquisition", "funding", "investment", "agreement")
#: On the latest date, the status that settles most wins.
STATUS_ORDER = ("rejected", "agreed", "negotiating", "planned")
_NO_DAY = 10**9


def _time_order(item: Item) -> tuple:
    return (item.day if item.day is not None else _NO_DAY, item.event.doc_id, item.index)


def _parties(members: Sequence[Item]) -> tuple[list[DealParty], list[DealParty]]:
    """Group the party mentions of a deal's events by shared keys; each goes to the role it has most."""
    groups: list[dict] = []
    for item in members:
        for role in ("who", "with_whom"):
            for party in getattr(item.event, role):
                keys = {name_key(n) for n in (party.name, *party.aliases)} - {""}
                if party.country_code:
                    keys.add(f"country:{party.country_code}")
                if not keys:
                    continue
                hit = [g for g in groups if g["keys"] & keys]
                if hit:
                    group = hit[0]
                    for other in hit[1:]:  # a mention that bridges two groups joins them
                        group["keys"] |= other["keys"]
                        group["names"].update(other["names"])
                        group["roles"].update(other["roles"])
                        group["kinds"].update(other["kinds"])
                        groups.remove(other)
                else:
                    group = {"keys": set(), "names": Counter(), "roles": Counter(), "kinds": Counter()}
                    groups.append(group)
                group["keys"] |= keys
                group["names"][party.name] += 1
                for alias in party.aliases:
                    group["names"].setdefault(alias, 0)
                group["roles"][role] += 1
                group["kinds"][party.kind] += 1
    who: list[DealParty] = []
    with_whom: list[DealParty] = []
    for group in groups:
        name = max(group["names"], key=lambda n: (group["names"][n], len(n), n))
        role = "who" if group["roles"]["who"] >= group["roles"]["with_whom"] else "with_whom"
        party = DealParty(name=name, key=name_key(name) or name.casefold(),
                          aliases=sorted(n for n in group["names"] if n != name),
                          kind=max(group["kinds"], key=lambda k: (group["kinds"][k], k)),
                          mentions=group["roles"][role])
        (who if role == "who" else with_whom).append(party)
    order = lambda p: (-p.mentions, p.key)  # noqa: E731
    return sorted(who, key=order), sorted(with_whom, key=order)


def _amount(members: Sequence[Item]) -> DealAmount | None:
    """The amount most reports give (to three significant figures); on a tie, the earliest."""
    votes: dict[tuple[str, float], list[Item]] = defaultdict(list)
    for item in members:
        amount = item.event.amount
        if amount is not None and amount.value > 0:
            votes[(amount.currency, float(f"{amount.value:.3g}"))].append(item)
    if not votes:
        return None
    key = max(votes, key=lambda k: (len(votes[k]), -min(_time_order(i) for i in votes[k])[0], k[1]))
    source = min(votes[key], key=_time_order)
    return DealAmount(value=source.event.amount.value, currency=source.event.amount.currency,
                      doc_id=source.event.doc_id, text=source.event.amount_text, reports=len(votes[key]))


def deal_id_of(kind: str, parties: Sequence[DealParty], first: Item) -> str:
    """A stable id: the hash of the type, the sorted party keys and the first report."""
    keys = sorted({p.key for p in parties})
    text = "|".join([kind, "+".join(keys), first.event.doc_id, str(first.index)])
    return "deal-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def build_deal(members: Sequence[Item]) -> Deal:
    """One deal record from the items of one group.

    members (Sequence[Item]): the linked items (any order).
    RETURNS (Deal): the validated record.
    """
    members = sorted(members, key=_time_order)
    types = Counter(i.event.type for i in members)
    kind = max(types, key=lambda t: (types[t], -TYPE_ORDER.index(t)))
    who, with_whom = _parties(members)
    dated = [i for i in members if i.day is not None]
    latest = [i for i in dated if i.day == dated[-1].day] if dated else members[-1:]
    status = min((i.event.status for i in latest), key=STATUS_ORDER.index)
    whats = [i for i in members if i.event.what]
    what_item = max(whats, key=lambda i: (i.event.type == kind, i.event.confidence, -_time_order(i)[0]),
                    default=None)
    documents = list(dict.fromkeys(i.event.doc_id for i in members))
    history = [HistoryEntry(date=i.date, when=i.event.when, status=i.event.status, type=i.event.type,
                            doc_id=i.event.doc_id, index=i.index, evidence=i.event.evidence.text)
               for i in members]
    return Deal(
        deal_id=deal_id_of(kind, who + with_whom, members[0]),
        type=kind, status=status, who=who, with_whom=with_whom,
        what=what_item.event.what if what_item else None,
        amount=_amount(members),
        first_reported=dated[0].date if dated else None,
        last_reported=dated[-1].date if dated else None,
        documents=documents, history=history,
        events=[EventRef(doc_id=i.event.doc_id, index=i.index)
                for i in sorted(members, key=lambda i: (i.event.doc_id, i.index))],
    )
