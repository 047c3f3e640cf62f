"""Flat tables of events and deals for pandas, DuckDB and spreadsheets: CSV and Parquet.

One row per event (or per deal, ``export --deals``); the parties of a role are joined with ``"; "``, amounts are
split into value and currency. Both formats come from one pyarrow table with
an explicit schema, so a column has the same type whatever the rows hold
(``float64`` amounts, dates as ISO strings at the precision the text gave).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ...models import Event
from ...models.deal import Deal

from ..errors import Errors, PipelineError

FORMATS = ("csv", "parquet")
#: The format an output's extension implies (``-o events.parquet``).
SUFFIX_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
#: A CSV cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Joins the names of several parties in one cell.
NAME_SEPARATOR = "; "


def _columns():
    import pyarrow as pa

    string, number, integer = pa.string(), pa.float64(), pa.int64()
    return [
        ("doc_id", string), ("type", string), ("status", string),
        ("who", string), ("with_whom", string), ("what", string),
        ("when", string), ("when_text", string),
        ("amount_value", number), ("amount_currency", string), ("amount_text", string),
        ("price_per_share_value", number), ("price_per_share_currency", string),
        ("where", string),
        ("evidence_text", string), ("evidence_start", integer), ("evidence_end", integer),
        ("evidence_field", string),
        ("trigger", string), ("confidence", number),
        ("schema_version", string), ("extractor", string),
    ]


def table_schema():
    """RETURNS (pyarrow.Schema): the columns of an exported table, in order."""
    import pyarrow as pa

    return pa.schema([pa.field(name, kind, nullable=True) for name, kind in _columns()])


# -- reading an events file ----------------------------------------------------------------
def _lines(path: Path) -> Iterator[bytes]:
    from ..reading.reader import _open_lines  # bounded lines; UTF-16/32 with a byte-order mark re-encoded

    yield from _open_lines(path)


def _describe(err: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in e['loc']) or 'line'}: {e['msg']}" for e in err.errors()]
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


def read_events(path: str | Path) -> tuple[list[Event], list[str]]:
    """Read an events file (the extractor's JSONL), validating every line.

    path (str | Path): a JSON Lines file of events, optionally gzipped.
    RETURNS (tuple[list[Event], list[str]]): the valid events in file order,
        and one ``file:line: problem`` message for each line that is not a
        valid event. Blank lines are skipped.
    RAISES (PipelineError): E001 when the file is missing, E005 when it cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise PipelineError(Errors.E001.format(path=path))
    from ..reading.reader import LineTooLong, too_deep

    events: list[Event] = []
    bad: list[str] = []
    try:
        for number, raw in enumerate(_lines(path), start=1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark from some editors
            if not raw.strip():
                continue
            if isinstance(raw, LineTooLong) or too_deep(raw):
                what = f"line of {raw.size:,} bytes is too long" if isinstance(raw, LineTooLong) else "nested too deep"
                bad.append(f"{path}:{number}: {what}")
                continue
            try:
                events.append(Event.model_validate_json(raw))
            except ValidationError as err:
                bad.append(f"{path}:{number}: {_describe(err)}")
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as err:
        raise PipelineError(Errors.E005.format(path=path, error=err)) from err
    return events, bad


def load_events(path: str | Path) -> list[Event]:
    """Read an events file and refuse it if any line is bad.

    RETURNS (list[Event]): every event of the file.
    RAISES (PipelineError): E043 naming the first bad line and how many there are,
        so that no table or report silently leaves events out.
    """
    events, bad = read_events(path)
    if bad:
        raise PipelineError(Errors.E043.format(path=path, count=len(bad), first=bad[0]))
    return events


# -- rows and tables -----------------------------------------------------------------------
def event_row(event: Event) -> dict:
    """Flatten one event into a row (see :func:`table_schema` for the columns)."""
    amount, per_share = event.amount, event.price_per_share
    return {
        "doc_id": event.doc_id,
        "type": event.type,
        "status": event.status,
        "who": NAME_SEPARATOR.join(p.name for p in event.who),
        "with_whom": NAME_SEPARATOR.join(p.name for p in event.with_whom),
        "what": event.what,
        "when": event.when,
        "when_text": event.when_text,
        "amount_value": amount.value if amount else None,
        "amount_currency": amount.currency if amount else None,
        "amount_text": event.amount_text,
        "price_per_share_value": per_share.value if per_share else None,
        "price_per_share_currency": per_share.currency if per_share else None,
        "where": event.where,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "evidence_field": event.evidence.field,
        "trigger": event.trigger,
        "confidence": event.confidence,
        "schema_version": event.schema_version,
        "extractor": event.extractor,
    }


def neutralize(value: object) -> object:
    """RETURNS (object): a text cell a spreadsheet would run as a formula, with a leading
    ``'`` (the usual defence against CSV injection); anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def events_table(events: list[Event], for_spreadsheet: bool = False):
    """RETURNS (pyarrow.Table): one row per event, typed by :func:`table_schema`;
    ``for_spreadsheet`` neutralizes formula-leading text cells (:func:`neutralize`)."""
    import pyarrow as pa

    rows = [event_row(e) for e in events]
    if for_spreadsheet:
        rows = [{key: neutralize(value) for key, value in row.items()} for row in rows]
    return pa.Table.from_pylist(rows, schema=table_schema())


def format_of(fmt: str | None, output: str | Path) -> str:
    """RETURNS (str): the format asked for, else the one the output's extension names.

    RAISES (PipelineError): E040 for an unknown format or an extension that names none.
    """
    if fmt:
        return fmt.lower()
    suffixes = [s.lower() for s in Path(output).suffixes if s.lower() != ".gz"]
    inferred = SUFFIX_FORMATS.get(suffixes[-1] if suffixes else "")
    if inferred is None:
        raise PipelineError(Errors.E040.format(fmt=Path(output).suffix or str(output)))
    return inferred


def _check_format(fmt: str | None, source: str | Path, output: str | Path) -> str:
    """RETURNS (str): the format (:func:`format_of`). RAISES (PipelineError): E047 when the output
    is the input file, E040 for an unknown format, E045 without pyarrow."""
    fmt = format_of(fmt, output)
    if Path(output).exists() and Path(source).exists() and os.path.samefile(output, source):
        raise PipelineError(Errors.E047.format(path=output, input=source))
    if fmt not in FORMATS:
        raise PipelineError(Errors.E040.format(fmt=fmt))
    try:
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise PipelineError(Errors.E045.format(feature="export", package="pyarrow", extra="export")) from err
    return fmt


def _write(table, fmt: str, output: str | Path) -> int:
    """Write a pyarrow table as CSV or Parquet, whole or not at all. RETURNS (int): rows written."""
    output = Path(output)
    partial = output.with_name(f".{output.name}.partial")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            import pyarrow.csv as pcsv

            pcsv.write_csv(table, partial)
        else:
            import pyarrow.parquet as pq

            pq.write_table(table, partial, compression="zstd")
        os.replace(partial, output)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise PipelineError(Errors.E044.format(path=output, error=err)) from err
    return table.num_rows


def export_events(events_path: str | Path, fmt: str | None, output: str | Path) -> int:
    """Write an events file as a flat CSV or Parquet table.

    events_path (str | Path): the extractor's JSONL output.
    fmt (str | None): ``"csv"`` or ``"parquet"``; None = from the extension of
        ``output`` (``.csv``, ``.parquet``, ``.pq``). Text cells of a CSV that
        start with ``=``, ``+``, ``-``, ``@``, a tab or CR get a leading ``'``.
    output (str | Path): the file to write; written whole or not at all.
    RETURNS (int): the number of rows written (one per event).
    RAISES (PipelineError): E040 for an unknown format, E043 when the events
        file has bad lines, E044 when the output cannot be written, E045
        when pyarrow is not installed, E047 when the output is the events file.
    """
    fmt = _check_format(fmt, events_path, output)
    table = events_table(load_events(events_path), for_spreadsheet=fmt == "csv")
    return _write(table, fmt, output)


# Deals (``pactum deals`` output): one row per deal.

def _deal_columns():
    import pyarrow as pa

    string, number, integer = pa.string(), pa.float64(), pa.int64()
    return [
        ("deal_id", string), ("type", string), ("status", string),
        ("who", string), ("with_whom", string), ("what", string),
        ("amount_value", number), ("amount_currency", string), ("amount_doc_id", string),
        ("first_reported", string), ("last_reported", string),
        ("statuses", string), ("articles", integer), ("events", integer), ("documents", string),
        ("schema_version", string),
    ]


def deals_table_schema():
    """RETURNS (pyarrow.Schema): the columns of an exported deals table, in order."""
    import pyarrow as pa

    return pa.schema([pa.field(name, kind, nullable=True) for name, kind in _deal_columns()])


def deal_row(deal: Deal) -> dict:
    """Flatten one deal: parties joined with "; ", its statuses in time order joined with " > "
    (repeats of one status collapsed), its articles joined with "; "."""
    statuses: list[str] = []
    for entry in deal.history:
        if not statuses or statuses[-1] != entry.status:
            statuses.append(entry.status)
    return {
        "deal_id": deal.deal_id, "type": deal.type, "status": deal.status,
        "who": NAME_SEPARATOR.join(p.name for p in deal.who),
        "with_whom": NAME_SEPARATOR.join(p.name for p in deal.with_whom),
        "what": deal.what,
        "amount_value": deal.amount.value if deal.amount else None,
        "amount_currency": deal.amount.currency if deal.amount else None,
        "amount_doc_id": deal.amount.doc_id if deal.amount else None,
        "first_reported": deal.first_reported, "last_reported": deal.last_reported,
        "statuses": " > ".join(statuses), "articles": len(deal.documents), "events": len(deal.events),
        "documents": NAME_SEPARATOR.join(deal.documents), "schema_version": deal.schema_version,
    }


def load_deals(path: str | Path) -> list[Deal]:
    """Read a deals file (``pactum deals`` output), refusing it if a line is bad.

    RAISES (PipelineError): E001 missing file, E092 naming file:line of the first bad line.
    """
    path = Path(path)
    if not path.is_file():
        raise PipelineError(Errors.E001.format(path=path))
    deals, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            deals.append(Deal.model_validate_json(line))
        except ValidationError as err:
            bad.append(f"{path}:{number}: {err.errors()[0]['msg']}")
    if bad:
        raise PipelineError(Errors.E092.format(count=len(bad), first=bad[0]))
    return deals


def export_deals(deals_path: str | Path, fmt: str | None, output: str | Path) -> int:
    """Write a deals file as a flat CSV or Parquet table (written whole or not at all).

    fmt (str | None): ``"csv"`` or ``"parquet"``; None = from the extension of ``output``.
        Formula-leading text cells of a CSV get a leading ``'``, as for events.
    RETURNS (int): rows written, one per deal.
    RAISES (PipelineError): E040 unknown format, E092 bad deals line, E044 unwritable output,
        E045 without pyarrow, E047 when the output is the deals file.
    """
    fmt = _check_format(fmt, deals_path, output)
    import pyarrow as pa

    rows = [deal_row(d) for d in load_deals(deals_path)]
    if fmt == "csv":
        rows = [{key: neutralize(value) for key, value in row.items()} for row in rows]
    table = pa.Table.from_pylist(rows, schema=deals_table_schema())
    return _write(table, fmt, output)
