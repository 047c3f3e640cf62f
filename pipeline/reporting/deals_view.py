"""The deals view of the HTML report: one row per deal, its status changes as coloured marks over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ...models.deal import Deal

from ..normalization.dates import day_of

#: Deals shown in the report (most-reported first); the rest are counted.
DEAL_ROWS = 300


def _amount(deal: Deal) -> str:
    if deal.amount is None:
        return ""
    value = deal.amount.value
    for scale, word in ((1e12, "trillion"), (1e9, "bln"), (1e6, "mln")):
        if value >= scale:
            return f"{value / scale:,.4g} {word} {deal.amount.currency}"
    return f"{value:,.0f} {deal.amount.currency}"


def deal_rows(deals: Sequence[Deal], doc_index: Mapping[str, int], limit: int = DEAL_ROWS) -> dict:
    """What the template shows: rows with their timeline marks, and the time axis.

    deals (Sequence[Deal]): the deals.
    doc_index (Mapping[str, int]): article id → its anchor number on the page (``#d<n>``);
        articles not on the page get no link.
    RETURNS (dict): ``rows``, ``start``, ``end`` (ISO dates of the axis), ``hidden`` (deals not shown).
    """
    ranked = sorted(deals, key=lambda d: (-len(d.documents), -len(d.events), d.first_reported or "", d.deal_id))
    shown = ranked[:limit]
    days = [day_of(h.date) for d in shown for h in d.history if h.date]
    days = [d for d in days if d is not None]
    lo, hi = (min(days), max(days)) if days else (0, 1)
    span = max(hi - lo, 1)
    rows = []
    for deal in shown:
        marks, previous = [], None
        for entry in deal.history:
            day = day_of(entry.date)
            change = entry.status != previous
            previous = entry.status
            if day is None:
                continue
            marks.append({
                "left": round(100 * (day - lo) / span, 2), "status": entry.status, "change": change,
                "title": f"{entry.date} {entry.status}: {entry.doc_id}",
                "href": f"#d{doc_index[entry.doc_id]}" if entry.doc_id in doc_index else None,
            })
        rows.append({
            "deal": deal,
            "who": "; ".join(p.name for p in deal.who[:3]) + (" …" if len(deal.who) > 3 else ""),
            "with_whom": "; ".join(p.name for p in deal.with_whom[:3]) + (" …" if len(deal.with_whom) > 3 else ""),
            "amount": _amount(deal),
            "marks": marks,
            "docs": [(d, f"#d{doc_index[d]}" if d in doc_index else None) for d in deal.documents],
        })
    return {"rows": rows, "start": date.fromordinal(lo).isoformat() if days else None,
            "end": date.fromordinal(hi).isoformat() if days else None, "hidden": len(ranked) - len(shown),
            "total": len(deals)}
