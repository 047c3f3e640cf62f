"""models/event.schema.json is the committed output of ``pactum schema``: it must not drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pactum.models import SCHEMA_VERSION, Event
from pactum.pipeline.cli import cli

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "models" / "event.schema.json"
REGENERATE = "the models changed: regenerate the committed schema with `pactum schema > models/event.schema.json`"


def current_schema_text() -> str:
    return json.dumps(Event.model_json_schema(), indent=2) + "\n"


def test_committed_schema_matches_the_models():
    assert SCHEMA_FILE.is_file(), f"models/event.schema.json is missing; {REGENERATE}"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == current_schema_text(), REGENERATE


def test_schema_command_prints_the_committed_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.output == SCHEMA_FILE.read_text(encoding="utf-8"), REGENERATE


def test_every_record_carries_the_schema_version():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    version = schema["properties"]["schema_version"]
    assert version.get("const", (version.get("enum") or [None])[0]) == SCHEMA_VERSION
    record = Event.model_validate({
        "doc_id": "d1", "type": "funding", "status": "agreed",
        "who": [{"name": "World Bank"}], "with_whom": [{"name": "Indonesia", "kind": "country", "country_code": "ID"}],
        "evidence": {"text": "The World Bank approved a loan to Indonesia.", "start": 0, "end": 44},
        "trigger": "approved", "confidence": 0.9, "extractor": "pactum 0.1.0",
    })
    line = json.loads(record.model_dump_json())
    assert line["schema_version"] == SCHEMA_VERSION


def test_written_records_validate_against_the_committed_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    record = json.loads(Event.model_validate({
        "doc_id": "d1", "type": "acquisition", "status": "agreed",
        "who": [{"name": "Acme Corp", "aliases": ["Acme"], "kind": "organization"}],
        "with_whom": [{"name": "Widget Ltd"}], "what": "Widget Ltd", "when": "2024-04-08",
        "amount": {"value": 120e6, "currency": "USD"}, "amount_text": "120 mln dlrs",
        "evidence": {"text": "Acme Corp agreed to buy Widget Ltd for 120 mln dlrs.", "start": 0, "end": 52},
        "trigger": "agreed to buy", "confidence": 0.9, "extractor": "pactum 0.1.0",
    }).model_dump_json())
    jsonschema.validate(record, schema)
    record["when"] = "April 2024"
    try:
        jsonschema.validate(record, schema)
    except jsonschema.ValidationError as err:
        assert list(err.absolute_path) == ["when"]
    else:
        raise AssertionError("a non-ISO date passed the committed schema")
