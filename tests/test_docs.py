"""The README and docs/ document every command, their generated parts are current, and their examples run."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
import sys

import pytest

from pactum.pipeline.cli import cli

ROOT = Path(__file__).resolve().parents[1]

README = (ROOT / "README.md").read_text()
DOCS = sorted((ROOT / "docs").glob("*.md"))
#: The pages with generated parts (cog blocks).
COGGED = [ROOT / "README.md", *(page for page in DOCS if "[[[cog" in page.read_text())]


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


def test_generated_sections_are_current():
    """`cog -r README.md docs/commands.md` regenerates them; CI fails when someone forgot."""
    pytest.importorskip("cogapp")
    assert ROOT / "docs" / "commands.md" in COGGED
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", *map(str, COGGED)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_its_generated_help_in_the_commands_page(name):
    page = (ROOT / "docs" / "commands.md").read_text()
    assert f"### `pactum {name} --help`" in page


def test_every_docs_page_is_linked_from_the_readme_and_every_link_resolves():
    assert DOCS, "docs/ is empty"
    for page in DOCS:
        assert f"](docs/{page.name}" in README, f"README.md does not link docs/{page.name}"
    for page in [ROOT / "README.md", *DOCS]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" in target or target.startswith("../shared") or target.startswith("../../shared"):
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to a missing {target}"


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
    code = _python_block("from pactum.models import Document")
    code = (code.replace("extract([doc])", "extract([doc], nlp)")
            .replace('extract_files(["corpus/articles"], "outputs/events.jsonl")',
                     'extract_files(["corpus/articles"], "outputs/events.jsonl", nlp=nlp)'))
    exec(compile(code, "README", "exec"), {"nlp": nlp})
    assert (elsewhere / "outputs" / "events.jsonl").stat().st_size > 0


def test_readme_example_record_is_what_extract_writes_for_the_example_article(nlp):
    from pactum.pipeline.api import extract
    from pactum.pipeline.reading.reader import read_documents

    start = README.index("and the record `pactum extract` writes")
    block = README[README.index("```json\n", start) + 8 : README.index("```", README.index("```json\n", start) + 8)]
    shown = json.loads(block)
    article = next(d for d in read_documents([ROOT / "corpus" / "articles"]) if d.id == shown["doc_id"])
    first = next(extract([article], nlp))
    assert first.model_dump(mode="json") == shown


def test_readme_spacy_example_runs(nlp, elsewhere):
    """The README's spaCy block: a user's own pipeline adds the stages by factory name, and shows
    party names through the clusters (who/with_whom hold indices)."""
    namespace: dict = {}
    exec(compile(_python_block("import spacy"), "README", "exec"), namespace)
    assert namespace["mention"].trigger is not None and namespace["mention"].type == "agreement"


REPORTS = (ROOT / "docs" / "reports-and-exports.md").read_text()


def test_reports_page_duckdb_example_runs(elsewhere, capsys):
    duckdb = pytest.importorskip("duckdb")  # noqa: F841 - the snippet imports it
    pytest.importorskip("pyarrow")
    from pactum.pipeline.reporting.export import export_events

    (elsewhere / "outputs").mkdir()
    events = elsewhere / "outputs" / "events.jsonl"
    start = README.index('```json\n{"schema_version"') + len("```json\n")
    record = json.loads(README[start : README.index("```", start)])
    events.write_text(json.dumps(record) + "\n")
    export_events(events, None, "outputs/events.parquet")
    exec(compile(_python_block("import duckdb", REPORTS), "docs/reports-and-exports.md", "exec"), {})
    assert "acquisition" in capsys.readouterr().out


def test_format_doc_examples_are_valid_records():
    """docs/format.md's output and gold examples validate against the models."""
    from pactum.models import Event, GoldDocument

    text = (ROOT / "docs" / "format.md").read_text()
    blocks = [block.split("```", 1)[0] for block in text.split("```json\n")[1:]]
    event, gold = (json.loads(block) for block in blocks)
    event = Event.model_validate(event)
    assert event.evidence.end - event.evidence.start == len(event.evidence.text)
    GoldDocument.model_validate(gold)


@pytest.mark.slow
def test_reports_page_commands_run_outside_the_repository(elsewhere):
    """The shell block of docs/reports-and-exports.md runs as written, after the README's first extract."""
    pytest.importorskip("pyarrow")
    start = REPORTS.index("```sh\n") + len("```sh\n")
    commands = [line.split("#")[0].strip() for line in REPORTS[start : REPORTS.index("```", start)].splitlines()]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in ["pactum extract corpus/articles -o outputs/events.jsonl", *filter(None, commands)]:
        done = subprocess.run(command, shell=True, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    assert {p.name for p in (elsewhere / "outputs").iterdir()} >= {"events.jsonl", "report.html", "events.parquet",
                                                                    "events.csv"}
