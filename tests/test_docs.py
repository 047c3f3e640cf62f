"""The README and docs/ document every command, their generated parts are current, and their examples run."""

from __future__ import annotations

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


def test_readme_spacy_example_runs(nlp):
    """The README's spaCy block: a user's own pipeline adds the stages by factory name."""
    start = README.index("```python\nimport spacy")
    code = README[start + len("```python\n") : README.index("```", start + 10)]
    namespace: dict = {}
    exec(compile(code, "README", "exec"), namespace)
    assert namespace["mention"].trigger is not None and namespace["mention"].type == "agreement"
