"""The README documents every command, its generated parts are current, and its examples run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
import sys

import pytest

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parents[1]

README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    command = cli.commands[name]
    assert command.help and "Example:" in command.help, f"pactum {name} needs help with an Example: block"
    assert f"pactum {name}" in README, f"README.md does not mention `pactum {name}`"


def test_readme_starts_with_the_two_commands():
    lines = [line for line in README.splitlines()[:8] if line.strip()]
    assert lines[0] == "# pactum"
    assert any(line.startswith("make run") for line in lines)
    assert any(line.startswith("make test") for line in lines)


def test_generated_readme_sections_are_current():
    """`cog -r README.md` regenerates them; CI fails when someone forgot."""
    pytest.importorskip("cogapp")
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _python_block(starting: str, text: str = README) -> str:
    start = text.index("```python\n" + starting)
    return text[start + len("```python\n") : text.index("```", start + 10)]


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working directory other than the repository's, with the sample corpus linked in (read only)."""
    (tmp_path / "corpus").symlink_to(ROOT / "corpus", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_python_api_example_runs(nlp, elsewhere):
    """The first python block of the README (the API example) runs as written, outside the repository
    (with the session's pipeline, so as not to load it again); its output lands in the temporary folder."""
    code = _python_block("from models import Document")
    code = (code.replace("extract([doc])", "extract([doc], nlp)")
            .replace('extract_files(["corpus/articles"], "outputs/events.jsonl")',
                     'extract_files(["corpus/articles"], "outputs/events.jsonl", nlp=nlp)'))
    exec(compile(code, "README", "exec"), {"nlp": nlp})
    assert (elsewhere / "outputs" / "events.jsonl").stat().st_size > 0


def test_readme_spacy_component_example_runs(nlp, elsewhere):
    """The spaCy block shows party names through the clusters (who/with_whom hold indices)."""
    exec(compile(_python_block("import spacy"), "README", "exec"), {})


def test_readme_duckdb_example_runs(elsewhere, capsys):
    duckdb = pytest.importorskip("duckdb")  # noqa: F841 - the snippet imports it
    pytest.importorskip("pyarrow")
    from pipeline.export import export_events

    (elsewhere / "outputs").mkdir()
    events = elsewhere / "outputs" / "events.jsonl"
    start = README.index('```json\n{"schema_version"') + len("```json\n")
    record = json.loads(README[start : README.index("```", start)])
    events.write_text(json.dumps(record) + "\n")
    export_events(events, None, "outputs/events.parquet")
    exec(compile(_python_block("import duckdb"), "README", "exec"), {})
    assert "acquisition" in capsys.readouterr().out


def test_format_doc_examples_are_valid_records():
    """docs/format.md's output and gold examples validate against the models."""
    from models import Event, GoldDocument

    text = (ROOT / "docs" / "format.md").read_text()
    blocks = [block.split("```", 1)[0] for block in text.split("```json\n")[1:]]
    event, gold = (json.loads(block) for block in blocks)
    event = Event.model_validate(event)
    assert event.evidence.end - event.evidence.start == len(event.evidence.text)
    GoldDocument.model_validate(gold)


def test_readme_example_record_is_what_extract_writes_for_the_example_article(nlp):
    from pipeline.api import extract
    from pipeline.reader import read_documents

    start = README.index("and the record `pactum extract` writes")
    block = README[README.index("```json\n", start) + 8 : README.index("```", README.index("```json\n", start) + 8)]
    shown = json.loads(block)
    article = next(d for d in read_documents([ROOT / "corpus" / "articles"]) if d.id == shown["doc_id"])
    first = next(extract([article], nlp))
    assert first.model_dump(mode="json") == shown


@pytest.mark.slow
def test_readme_report_and_export_commands_run_outside_the_repository(elsewhere):
    """The shell block of "Reports and exports" runs as written, after the README's first extract."""
    pytest.importorskip("pyarrow")
    start = README.index("```sh\n", README.index("## Reports and exports")) + len("```sh\n")
    commands = [line.split("#")[0].strip() for line in README[start : README.index("```", start)].splitlines()]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in ["pactum extract corpus/articles -o outputs/events.jsonl", *filter(None, commands)]:
        done = subprocess.run(command, shell=True, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    assert {p.name for p in (elsewhere / "outputs").iterdir()} >= {"events.jsonl", "report.html", "events.parquet",
                                                                    "events.csv"}
