"""pactum export: flat CSV and Parquet tables that pandas, DuckDB and spreadsheets read directly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactum.models import Event
from pactum.pipeline.cli import cli
from pactum.pipeline.errors import PipelineError
from pactum.pipeline.reporting.export import export_events, read_events, table_schema

ACME = "Acme Corp and Beta Inc agreed to buy Widget Ltd for 120 mln dlrs, or 24.50 dlrs a share."
LOAN = "The World Bank approved a 250 mln dlr loan to Indonesia."
PACT = 'France signed a "science; technology" pact with Taiwan.'


def record(doc_id: str, type_: str, who: list[str], with_whom: list[str], evidence: str, **more) -> str:
    event = Event.model_validate({
        "doc_id": doc_id, "type": type_, "status": more.pop("status", "agreed"),
        "who": [{"name": n} for n in who], "with_whom": [{"name": n} for n in with_whom],
        "evidence": {"text": evidence, "start": 10, "end": 10 + len(evidence)},
        "trigger": "agreed", "confidence": more.pop("confidence", 0.8), "extractor": "pactum 0.1.0", **more,
    })
    return event.model_dump_json() + "\n"


@pytest.fixture()
def events_path(tmp_path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join([
        record("acme", "acquisition", ["Acme Corp", "Beta Inc"], ["Widget Ltd"], ACME, what="Widget Ltd",
               when="2024-04-08", when_text="on Monday", amount={"value": 120e6, "currency": "USD"},
               amount_text="120 mln dlrs", price_per_share={"value": 24.5, "currency": "USD"}, confidence=0.9),
        record("loan", "funding", ["World Bank"], ["Indonesia"], LOAN, when="1987-03",
               amount={"value": 250e6, "currency": "USD"}, where="Java", confidence=0.75),
        "\n",
        record("pact", "agreement", ["France"], ["Taiwan"], PACT, what='"science; technology" pact', when="2024",
               status="planned", confidence=0.6),
        record("pact", "agreement", ["Germany"], [], "Germany too.", confidence=0.2),
    ]), encoding="utf-8")
    return path


def test_csv_has_one_row_per_event_with_parties_joined(events_path, tmp_path):
    output = tmp_path / "events.csv"
    assert export_events(events_path, "csv", output) == 4
    with output.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [f.name for f in table_schema()]
    assert len(rows) == 4
    acme = rows[0]
    assert acme["who"] == "Acme Corp; Beta Inc"
    assert acme["with_whom"] == "Widget Ltd"
    assert (acme["amount_value"], acme["amount_currency"], acme["amount_text"]) == ("120000000", "USD", "120 mln dlrs")
    assert (acme["price_per_share_value"], acme["price_per_share_currency"]) == ("24.5", "USD")
    assert (acme["evidence_text"], acme["evidence_start"], acme["evidence_end"]) == (ACME, "10", str(10 + len(ACME)))
    assert (acme["schema_version"], acme["extractor"], acme["confidence"]) == ("1.0", "pactum 0.1.0", "0.9")
    assert rows[2]["what"] == '"science; technology" pact'  # quotes and separators survive CSV quoting
    assert rows[3]["with_whom"] == "" and rows[3]["amount_value"] == ""


def test_csv_loads_into_pandas_with_numeric_amounts(events_path, tmp_path):
    pandas = pytest.importorskip("pandas")
    export_events(events_path, "csv", tmp_path / "events.csv")
    frame = pandas.read_csv(tmp_path / "events.csv")
    assert frame["amount_value"].dtype == "float64"
    assert frame.groupby("type").size().to_dict() == {"acquisition": 1, "agreement": 2, "funding": 1}
    assert frame["amount_value"].sum() == 370e6


def test_parquet_reads_back_in_duckdb(events_path, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    output = tmp_path / "events.parquet"
    assert export_events(events_path, "parquet", output) == 4
    by_type = duckdb.sql(f"select type, count(*) as n, sum(amount_value) as total from '{output}' "
                         "group by type order by type").fetchall()
    assert by_type == [("acquisition", 1, 120e6), ("agreement", 2, None), ("funding", 1, 250e6)]
    types = dict(duckdb.sql(f"select column_name, column_type from (describe select * from '{output}')").fetchall())
    assert types["amount_value"] == "DOUBLE" and types["confidence"] == "DOUBLE"
    assert types["when"] == "VARCHAR" and types["evidence_start"] == "BIGINT"
    dated = duckdb.sql(f"select doc_id, \"when\" from '{output}' where \"when\" like '1987%'").fetchall()
    assert dated == [("loan", "1987-03")]


def test_empty_events_file_gives_typed_empty_table(tmp_path):
    import pyarrow.parquet as pq

    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert export_events(empty, "parquet", tmp_path / "empty.parquet") == 0
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and table.schema.equals(table_schema())


def test_bad_lines_are_reported_and_nothing_is_written(events_path, tmp_path):
    with events_path.open("a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "x", "type": "agreement", "status": "agreed"}\n')
        fh.write("not json\n")
    events, bad = read_events(events_path)
    assert len(events) == 4
    assert [b.split(": ")[0] for b in bad] == [f"{events_path}:6", f"{events_path}:7"]
    output = tmp_path / "events.csv"
    with pytest.raises(PipelineError, match=r"^\[E043\] .*: 2 line\(s\) of the events file are not valid; first: .*:6: evidence: Field required"):
        export_events(events_path, "csv", output)
    assert not output.exists()
    assert not list(tmp_path.glob(".*partial"))


def test_unknown_format(events_path, tmp_path):
    with pytest.raises(PipelineError, match=r"^\[E040\] Unknown export format 'xlsx'"):
        export_events(events_path, "xlsx", tmp_path / "x.xlsx")


def test_cli_export(events_path, tmp_path):
    output = tmp_path / "out" / "events.parquet"
    result = CliRunner().invoke(cli, ["export", str(events_path), "--format", "parquet", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.output == f"4 rows -> {output}\n"
    import pyarrow.parquet as pq

    assert pq.read_table(output).column("who").to_pylist()[0] == "Acme Corp; Beta Inc"


def test_cli_export_reports_bad_lines(events_path, tmp_path):
    events_path.write_text(events_path.read_text(encoding="utf-8") + "{}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(events_path), "--format", "csv", "-o", str(tmp_path / "e.csv")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: [E043] {events_path}: 1 line(s) of the events file are not valid; "
                                    f"first: {events_path}:6: doc_id: Field required")
