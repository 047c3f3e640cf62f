"""The README documents every command, its generated parts are current, and its examples run."""

from __future__ import annotations

import subprocess
from pathlib import Path
import sys

import pytest

from pactum.pipeline.cli import cli

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


def test_readme_python_api_example_runs(nlp):
    """The first python block of the README (the API example) runs as written."""
    start = README.index("```python\nfrom pactum.models import Document")
    code = README[start + len("```python\n") : README.index("```", start + 10)]
    namespace: dict = {}
    exec(compile(code.replace("extract([doc])", "extract([doc], nlp)")
                 .replace('extract_files(["corpus/articles"], "outputs/events.jsonl")',
                          'extract_files([ROOT / "corpus/articles"], OUT, nlp=nlp)')
                 .replace('evaluate_files("corpus/gold.jsonl", "outputs/events.jsonl")',
                          'evaluate_files(ROOT / "corpus/gold.jsonl", OUT)'), "README", "exec"),
         {"nlp": nlp, "ROOT": ROOT, "OUT": str(ROOT / "outputs" / "readme-example.jsonl"), **namespace})


def test_readme_example_record_is_what_extract_writes_for_the_example_article(nlp):
    import json

    from pactum.pipeline.api import extract
    from pactum.pipeline.reading.reader import read_documents

    start = README.index("and the record `pactum extract` writes")
    block = README[README.index("```json\n", start) + 8 : README.index("```", README.index("```json\n", start) + 8)]
    shown = json.loads(block)
    article = next(d for d in read_documents([ROOT / "corpus" / "articles"]) if d.id == shown["doc_id"])
    first = next(extract([article], nlp))
    assert first.model_dump(mode="json") == shown
