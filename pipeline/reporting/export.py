"""Flat tables of events for pandas, DuckDB and spreadsheets: CSV and Parquet.

One row per event; the parties of a role are joined with ``"; "``, amounts are
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
    fmt = format_of(fmt, output)
    if Path(output).exists() and Path(events_path).exists() and os.path.samefile(output, events_path):
        raise PipelineError(Errors.E047.format(path=output, input=events_path))
    if fmt not in FORMATS:
        raise PipelineError(Errors.E040.format(fmt=fmt))
    try:
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise PipelineError(Errors.E045.format(feature="export", package="pyarrow", extra="export")) from err
    table = events_table(load_events(events_path), for_spreadsheet=fmt == "csv")
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
