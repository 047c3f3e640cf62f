"""Deals as a flat table (CSV or Parquet): one row per deal, for pandas, DuckDB and spreadsheets."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from models.deal import Deal

from ..errors import Errors, PipelineError
from ..export import FORMATS, NAME_SEPARATOR


def _columns():
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

    return pa.schema([pa.field(name, kind, nullable=True) for name, kind in _columns()])


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

    RAISES (PipelineError): E001 missing file, E072 naming file:line of the first bad line.
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
        raise PipelineError(Errors.E072.format(count=len(bad), first=bad[0]))
    return deals


def export_deals(deals_path: str | Path, fmt: str, output: str | Path) -> int:
    """Write a deals file as a flat CSV or Parquet table (written whole or not at all).

    RETURNS (int): rows written, one per deal.
    RAISES (PipelineError): E040 unknown format, E072 bad deals line, E044 unwritable output,
        E045 without pyarrow.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise PipelineError(Errors.E040.format(fmt=fmt))
    try:
        import pyarrow as pa
    except ImportError as err:
        raise PipelineError(Errors.E045.format(feature="export", package="pyarrow", extra="export")) from err
    table = pa.Table.from_pylist([deal_row(d) for d in load_deals(deals_path)], schema=deals_table_schema())
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
