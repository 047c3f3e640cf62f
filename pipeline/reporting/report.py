"""One self-contained HTML page for the people who read the results.

The page holds a sortable, filterable table of the events, counts by type and
status, a timeline of events by ``when``, and each article with its evidence
sentences and their arguments highlighted (after displaCy's span style: one
colour per role, stacked underlines where arguments overlap). It needs no
network: styles, script and data are inline, and a Content-Security-Policy
allows only the page's own script (by hash).

Everything taken from the inputs is escaped: Jinja2 autoescapes the template,
highlighted text is built from :func:`markupsafe.escape` pieces, and the event
data rides in a ``<script type="application/json">`` block with ``<``, ``>``,
``&``, U+2028 and U+2029 escaped. The table is built by the page's script with
``textContent``, never ``innerHTML``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from ...models import Document, Event, SCHEMA_VERSION
from ...models.common import EventStatus, EventType

from ..errors import Errors, InputError, PipelineError
from .export import load_events

TEMPLATES = Path(__file__).parent / "templates"
TYPES: tuple[str, ...] = EventType.__args__
STATUSES: tuple[str, ...] = EventStatus.__args__

#: Argument roles in legend order: (key, label, colour).
ROLES = (
    ("who", "who", "#1d4ed8"),
    ("with_whom", "with whom", "#be185d"),
    ("what", "what", "#15803d"),
    ("when", "when", "#c2410c"),
    ("amount", "amount", "#7e22ce"),
    ("where", "where", "#0f766e"),
)
TYPE_COLOURS = {"agreement": "#3b82f6", "acquisition": "#ef4444", "investment": "#10b981", "funding": "#f59e0b"}
#: Table rows the page draws at once; a "show all" button draws the rest.
ROW_LIMIT = 1000
#: Underline levels drawn for overlapping arguments; deeper ones share the last.
MAX_LEVEL = 3
#: A timeline spanning at most this many calendar years is drawn by month.
MONTHLY_UP_TO_YEARS = 2
#: A yearly timeline shows empty years between the first and last up to this span; longer, only years with events.
MAX_YEAR_GAPS_FILLED = 25


@dataclass
class ReportSummary:
    """What one ``report`` run wrote.

    events (int): events in the report.
    documents (int): documents those events come from.
    with_text (int): documents shown with their full text (from ``--docs``).
    errors (list[str]): problems reading the ``--docs`` inputs (the report is
        written anyway; affected articles show their evidence sentences only).
    output (str): the HTML file written.
    """

    events: int = 0
    documents: int = 0
    with_text: int = 0
    errors: list[str] = field(default_factory=list)
    output: str = ""

    def line(self) -> str:
        """RETURNS (str): the one-line summary printed at the end of a run."""
        return (f"{self.events} events from {self.documents} documents "
                f"({self.with_text} with article text) -> {self.output}")


# -- safe embedding ------------------------------------------------------------------------
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> Markup:
    """JSON that can sit inside a ``<script>`` element without ending it.

    data (object): JSON-serializable data.
    RETURNS (Markup): the JSON with ``<``, ``>``, ``&``, U+2028 and U+2029
        written as ``\\uXXXX`` escapes (still the same JSON value).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text))


# -- highlighting --------------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """A highlighted stretch of one text: an evidence sentence or an argument."""

    start: int
    end: int
    label: str  # the role key, or the event number for evidence
    level: int = 0


def _find(text: str, needle: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text[lo:hi]``: whole words and exact case first."""
    if not needle or not needle.strip():
        return None
    window = text[lo:hi]
    quoted = re.escape(needle.strip())
    for pattern in (rf"(?<!\w){quoted}(?!\w)", quoted):
        for flags in (0, re.IGNORECASE):
            match = re.search(pattern, window, flags)
            if match:
                return lo + match.start(), lo + match.end()
    return None


def _role_strings(event: Event) -> Iterable[tuple[str, list[str]]]:
    """Each argument as (role, the strings to look for, best first)."""
    for role in ("who", "with_whom"):
        for party in getattr(event, role):
            yield role, [party.name, *party.aliases]
    yield "what", [event.what] if event.what else []
    yield "when", [event.when_text] if event.when_text else []
    yield "amount", [event.amount_text] if event.amount_text else []
    yield "where", [event.where] if event.where else []


def argument_spans(event: Event, text: str, lo: int, hi: int) -> list[Span]:
    """Find the event's arguments inside ``text[lo:hi]`` (its evidence sentence).

    RETURNS (list[Span]): one span per argument found, labelled with its role;
        arguments the sentence does not spell out (a party resolved from
        "it") are not highlighted.
    """
    spans = []
    for role, candidates in _role_strings(event):
        for candidate in candidates:
            found = _find(text, candidate, lo, hi)
            if found:
                spans.append(Span(found[0], found[1], role))
                break
    return spans


def _levels(spans: Iterable[Span]) -> list[Span]:
    """Give overlapping spans different underline levels: the earliest, longest one nearest the text."""
    placed: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end, s.label)):
        taken = {p.level for p in placed if p.start < span.end and span.start < p.end}
        level = next(n for n in range(len(taken) + 1) if n not in taken)
        placed.append(Span(span.start, span.end, span.label, level))
    return placed


def highlight(text: str, evidence: Iterable[Span], arguments: Iterable[Span]) -> Markup:
    """Render ``text`` as escaped HTML with evidence and argument highlights.

    text (str): a document field (or an evidence sentence on its own).
    evidence (Iterable[Span]): evidence sentences; ``label`` is the event
        number, used for the ``ev-N`` anchor the events table links to.
    arguments (Iterable[Span]): argument spans labelled with their role.
    RETURNS (Markup): the HTML; every piece of ``text`` passes through ``escape``.
    """
    evidence = sorted(evidence, key=lambda s: (s.start, int(s.label)))
    arguments = _levels(arguments)
    cuts = {0, len(text)}
    for span in (*evidence, *arguments):
        cuts.update((span.start, span.end))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        out.extend(f'<span class="anchor" id="ev-{int(s.label)}"></span>' for s in evidence if s.start == a)
        for span in arguments:
            if span.start == a:
                out.append(f'<span class="lbl r-{span.label}" aria-hidden="true">{escape(_role_label(span.label))}</span>')
        piece = str(escape(text[a:b]))
        for span in sorted((s for s in arguments if s.start <= a and b <= s.end), key=lambda s: s.level):
            piece = f'<span class="u r-{span.label} l{min(span.level, MAX_LEVEL)}">{piece}</span>'
        covering = [int(s.label) for s in evidence if s.start <= a and b <= s.end]
        if covering:
            numbers = " ".join(f"#{n}" for n in covering)
            piece = f'<span class="ev" title="event {numbers}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))


def _role_label(role: str) -> str:
    return next(label for key, label, _ in ROLES if key == role)


# -- the page's parts ----------------------------------------------------------------------
def _locate(event: Event, fields: dict[str, str]) -> tuple[str, int, int] | None:
    """The evidence's place in the document: (field, start, end), checked against the text."""
    ev = event.evidence
    text = fields.get(ev.field) or ""
    if text[ev.start : ev.end] == ev.text:
        return ev.field, ev.start, ev.end
    for name in (ev.field, "text", "title"):
        found = (fields.get(name) or "").find(ev.text) if ev.text else -1
        if found >= 0:
            return name, found, found + len(ev.text)
    return None


def _sentences_only(numbered: list[tuple[int, Event]]) -> list[Markup]:
    """Each distinct evidence sentence on its own, with its events' arguments."""
    groups: dict[str, list[tuple[int, Event]]] = {}
    for number, event in numbered:
        groups.setdefault(event.evidence.text, []).append((number, event))
    rendered = []
    for sentence, group in groups.items():
        evidence = [Span(0, len(sentence), str(n)) for n, _ in group]
        arguments = [s for _, e in group for s in argument_spans(e, sentence, 0, len(sentence))]
        rendered.append(highlight(sentence, evidence, arguments))
    return rendered


def _article(index: int, doc_id: str, numbered: list[tuple[int, Event]], document: Document | None,
             docs_given: bool) -> dict:
    """Everything the template shows for one document."""
    article = {
        "index": index, "doc_id": doc_id, "events": [(n, e.type, e.status) for n, e in numbered],
        "title": None, "published": None, "source": None, "text": None, "sentences": [], "note": None,
    }
    if document is None:
        article["sentences"] = _sentences_only(numbered)
        article["note"] = ("not found in the --docs inputs; showing the evidence sentences only"
                           if docs_given else None)
        return article
    fields = {"text": document.text, "title": document.title or ""}
    evidence: dict[str, list[Span]] = {"text": [], "title": []}
    arguments: dict[str, list[Span]] = {"text": [], "title": []}
    detached = []
    for number, event in numbered:
        place = _locate(event, fields)
        if place is None:
            detached.append((number, event))
            continue
        name, start, end = place
        evidence[name].append(Span(start, end, str(number)))
        arguments[name].extend(argument_spans(event, fields[name], start, end))
    article.update(
        published=document.published, source=document.source,
        title=highlight(document.title, evidence["title"], arguments["title"]) if document.title else None,
        text=highlight(document.text, evidence["text"], arguments["text"]),
        sentences=_sentences_only(detached),
        note="evidence not found in the article text" if detached else None,
    )
    return article


def _amount(event: Event) -> str:
    amount = event.amount
    if amount is None:
        return ""
    value = amount.value
    for scale, word in ((1e12, "trn"), (1e9, "bln"), (1e6, "mln")):
        if value >= scale:
            return f"{amount.currency} {value / scale:,.6g} {word}"
    return f"{amount.currency} {value:,.2f}".removesuffix(".00")


def _row(number: int, event: Event, doc_index: int) -> dict:
    """One event as the table's script sees it (all values plain data)."""
    return {
        "i": number, "doc": event.doc_id, "d": doc_index, "type": event.type, "status": event.status,
        "who": "; ".join(p.name for p in event.who),
        "with_whom": "; ".join(p.name for p in event.with_whom),
        "what": event.what or "", "when": event.when or "", "where": event.where or "",
        "amount": _amount(event), "amount_value": event.amount.value if event.amount else None,
        "evidence": event.evidence.text, "trigger": event.trigger,
        "confidence": round(event.confidence, 3),
    }


def timeline(events: list[Event]) -> dict:
    """Events counted by ``when``: by month when they fall within two calendar years, else by year.

    RETURNS (dict): ``unit`` ("month" or "year"), ``bars`` (each with ``key``,
        ``label``, ``total``, ``height`` in percent and ``parts`` per type) and
        ``undated`` (events with no ``when``).
    """
    dated = [e for e in events if e.when]
    years = sorted({int(e.when[:4]) for e in dated})
    monthly = bool(years) and years[-1] - years[0] < MONTHLY_UP_TO_YEARS and any(len(e.when) >= 7 for e in dated)
    counts: dict[str, Counter] = {}
    for event in dated:
        key = event.when[:7] if monthly and len(event.when) >= 7 else event.when[:4]
        counts.setdefault(key, Counter())[event.type] += 1
    keys: list[str] = []
    if monthly:
        for year in range(years[0], years[-1] + 1):
            keys.extend(f"{year}-{month:02d}" for month in range(1, 13))
            keys.append(str(year))  # events dated to the year only
        present = [k for k in keys if k in counts]
        first, last = keys.index(present[0]), keys.index(present[-1])
        keys = [k for k in keys[first : last + 1] if len(k) == 7 or k in counts]
    elif years:
        span = range(years[0], years[-1] + 1)
        keys = [str(y) for y in span] if len(span) <= MAX_YEAR_GAPS_FILLED else [str(y) for y in years]
    top = max((sum(c.values()) for c in counts.values()), default=0)
    bars = []
    for key in keys:
        counter = counts.get(key, Counter())
        total = sum(counter.values())
        label = key if not monthly or len(key) == 7 else f"{key} (year)"
        bars.append({
            "key": key, "label": label, "total": total,
            "height": round(100 * total / top, 1) if top else 0,
            "parts": [(t, counter[t], round(100 * counter[t] / total, 1)) for t in TYPES if counter[t]],
        })
    return {"unit": "month" if monthly else "year", "bars": bars, "undated": len(events) - len(dated)}


def _render(context: dict) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("report.html.j2").render(script=Markup(script), script_hash=digest, **context)


def build_report(events: list[Event], documents: dict[str, Document] | None = None,
                 source: str = "events.jsonl", row_limit: int = ROW_LIMIT, deals: list | None = None) -> str:
    """Render the report page.

    events (list[Event]): the events, in the order to number them (1, 2, ...).
    documents (dict[str, Document] | None): articles by id, to show whole
        texts; None to show the evidence sentences only.
    source (str): the events file's name, shown in the header.
    row_limit (int): table rows drawn at once (the page offers "show all").
    deals (list[models.deal.Deal] | None): deals of these events (``pactum deals``), shown as
        a deals view with their timelines; None for no deals view.
    RETURNS (str): the HTML page.
    """
    by_doc: dict[str, list[tuple[int, Event]]] = {}
    for number, event in enumerate(events, start=1):
        by_doc.setdefault(event.doc_id, []).append((number, event))
    doc_index = {doc_id: n for n, doc_id in enumerate(by_doc, start=1)}
    articles = [
        _article(doc_index[doc_id], doc_id, numbered, (documents or {}).get(doc_id), documents is not None)
        for doc_id, numbered in by_doc.items()
    ]
    counts = Counter((e.type, e.status) for e in events)
    context = {
        "source": source,
        "total": len(events),
        "documents": len(by_doc),
        "with_text": sum(1 for a in articles if a["text"] is not None),
        "docs_given": documents is not None,
        "schema_version": SCHEMA_VERSION,
        "extractors": sorted({e.extractor for e in events}),
        "types": TYPES,
        "statuses": STATUSES,
        "counts": {(t, s): counts[(t, s)] for t in TYPES for s in STATUSES},
        "type_totals": Counter(e.type for e in events),
        "status_totals": Counter(e.status for e in events),
        "timeline": timeline(events),
        "roles": ROLES,
        "type_colours": TYPE_COLOURS,
        "articles": articles,
        "deals": _deals_view(deals, doc_index) if deals is not None else None,
        "data": script_json({"limit": row_limit,
                             "events": [_row(n, e, doc_index[e.doc_id]) for n, e in enumerate(events, start=1)]}),
    }
    return _render(context)


def _deals_view(deals: list, doc_index: dict[str, int]) -> dict:
    from .deals_view import deal_rows

    return deal_rows(deals, doc_index)


def write_report(events_path: str | Path, docs_inputs: Iterable[str | Path] | None, output: str | Path,
                 deals_path: str | Path | None = None) -> ReportSummary:
    """Write the HTML report of an events file.

    events_path (str | Path): the extractor's JSONL output.
    docs_inputs (Iterable[str | Path] | None): the inputs the events came from
        (files and folders, as for ``extract``), to show whole articles; empty
        or None to show the evidence sentences only.
    output (str | Path): the HTML file to write.
    deals_path (str | Path | None): a deals file of these events, for the deals view.
    RETURNS (ReportSummary): counts, and the problems met reading ``docs_inputs``.
    RAISES (PipelineError): E043 when the events file has bad lines, E044 when
        the output cannot be written.
    """
    from ..reading.reader import read_documents

    if Path(output).exists() and Path(events_path).exists() and os.path.samefile(output, events_path):
        raise PipelineError(Errors.E047.format(path=output, input=events_path))
    events = load_events(events_path)
    summary = ReportSummary(output=str(output))
    documents = None
    docs_inputs = list(docs_inputs or [])
    if docs_inputs:
        wanted = {e.doc_id for e in events}
        documents = {}
        for item in read_documents(docs_inputs):
            if isinstance(item, InputError):
                summary.errors.append(str(item))
            elif item.id in wanted:
                documents[item.id] = item
    deals = None
    if deals_path is not None:
        from .export import load_deals

        deals = load_deals(deals_path)
    page = build_report(events, documents, source=Path(events_path).name, deals=deals)
    output = Path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(page, encoding="utf-8")
    except OSError as err:
        raise PipelineError(Errors.E044.format(path=output, error=err)) from err
    summary.events = len(events)
    summary.documents = len({e.doc_id for e in events})
    summary.with_text = len(documents or {})
    return summary
