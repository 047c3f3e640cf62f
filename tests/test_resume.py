"""Run bookkeeping: the manifest beside the output, --resume, and the progress bar."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from pactum.pipeline.running import parallel
from pactum.pipeline.api import extract_files
from pactum.pipeline.cli import cli
from pactum.pipeline.errors import PipelineError
from pactum.pipeline.running.manifest import Manifest, replay_journal, sidecar_paths
from pactum.pipeline.running.progress import Progress
from scale_fixtures import paragraph_records, write_jsonl

BAD_AFTER = 10  # the input's broken line comes after this many documents


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """60 short documents with one broken line among them, and the output of one clean run."""
    folder = tmp_path_factory.mktemp("resume")
    records = paragraph_records(1)[:60]
    return write_jsonl(folder / "in.jsonl", records, bad_line_after=BAD_AFTER)


@pytest.fixture(scope="module")
def reference(articles, nlp, tmp_path_factory):
    output = tmp_path_factory.mktemp("reference") / "events.jsonl"
    summary = extract_files([articles], output, nlp=nlp)
    return output, summary


def _interrupt_after(monkeypatch, items: int) -> None:
    real = parallel.extract_parallel

    def interrupted(*args, **kwargs):
        for number, result in enumerate(real(*args, **kwargs)):
            if number == items:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(parallel, "extract_parallel", interrupted)


def test_sidecars_sit_beside_the_output():
    manifest, journal = sidecar_paths("out/events.jsonl")
    assert (str(manifest), str(journal)) == ("out/events.manifest.json", "out/events.progress.jsonl")


def test_a_finished_run_writes_a_complete_manifest_with_reasons(reference, articles):
    output, summary = reference
    manifest_path, journal_path = sidecar_paths(output)
    manifest = json.loads(manifest_path.read_text())
    lines = output.read_bytes().splitlines()
    assert manifest["status"] == "complete"
    assert manifest["inputs"] == [str(articles)]
    assert manifest["documents"] == {"read": 61, "succeeded": 60, "failed": 1}
    assert manifest["events"] == summary.events == len(lines) > 0
    failure = manifest["failures"][0]
    assert failure["path"] == str(articles) and failure["line"] == BAD_AFTER + 1
    assert failure["reason"].startswith("[E003]")
    assert manifest["pactum"] and manifest["seconds"] >= 0
    assert not journal_path.exists()  # the journal is only kept while a run is unfinished


def test_an_interrupted_run_resumes_without_duplicating_or_losing_a_record(
        reference, articles, nlp, tmp_path, monkeypatch):
    expected = reference[0].read_bytes()
    output = tmp_path / "events.jsonl"
    manifest_path, journal_path = sidecar_paths(output)
    _interrupt_after(monkeypatch, 25)
    with pytest.raises(KeyboardInterrupt):
        extract_files([articles], output, nlp=nlp)
    monkeypatch.undo()
    stopped = Manifest.load(manifest_path)
    assert stopped.status == "interrupted" and stopped.read == 25
    assert replay_journal(journal_path).done == 25
    # the worst moment to stop: a record written but not yet journaled, then a torn line
    first_line = expected.splitlines(keepends=True)[0]
    with open(output, "ab") as fh:
        fh.write(first_line + b'{"doc_id": "pactum-0')
    with open(journal_path, "ab") as fh:
        fh.write(b'{"n": 26, "id": "pac')

    summary = extract_files([articles], output, nlp=nlp, resume=True)

    assert output.read_bytes() == expected
    assert summary.resumed == 25 and summary.documents == 61 - 25
    manifest = Manifest.load(manifest_path)
    assert (manifest.status, manifest.read, manifest.succeeded, manifest.runs) == ("complete", 61, 60, 2)
    assert manifest.events == len(expected.splitlines())
    assert [f["line"] for f in manifest.failures] == [BAD_AFTER + 1]  # the failure of the first run is kept
    assert "resumed after 25 documents" in summary.line()


def test_resuming_a_complete_run_does_nothing(reference, articles, nlp):
    output = reference[0]
    before = output.read_bytes()
    summary = extract_files([articles], output, nlp=nlp, resume=True)
    assert (summary.documents, summary.resumed) == (0, 61)
    assert output.read_bytes() == before


def test_resume_without_a_previous_run_starts_afresh(reference, articles, nlp, tmp_path):
    output = tmp_path / "fresh.jsonl"
    extract_files([articles], output, nlp=nlp, resume=True)
    assert output.read_bytes() == reference[0].read_bytes()


def test_resume_refuses_a_run_of_other_inputs(reference, nlp, tmp_path):
    other = write_jsonl(tmp_path / "other.jsonl", paragraph_records(1)[:3])
    with pytest.raises(PipelineError, match="E041"):
        extract_files([other], reference[0], nlp=nlp, resume=True)


def test_resume_needs_an_output_file(articles, nlp):
    with pytest.raises(PipelineError, match="--resume needs an output file"):
        extract_files([articles], "-", nlp=nlp, resume=True)


def test_cli_takes_jobs_and_reports_the_failed_line(reference, articles, tmp_path):
    output = tmp_path / "cli.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(articles), "-o", str(output), "--jobs", "2", "--no-progress"])
    assert result.exit_code == 1  # one input line failed; the run still finished
    assert f"error: [E003] {articles}:{BAD_AFTER + 1}: not valid JSON" in result.stderr
    assert "60 documents" in result.stderr and "1 errors" in result.stderr
    assert output.read_bytes() == reference[0].read_bytes()
    assert Manifest.load(sidecar_paths(output)[0]).jobs == 2


def test_progress_bar_is_silent_off_a_terminal_and_counts_when_asked():
    quiet = io.StringIO()
    with Progress(file=quiet) as bar:
        bar.update(1, 2)
    assert quiet.getvalue() == "" and (bar.documents, bar.events) == (1, 2)
    shown = io.StringIO()
    with Progress(True, file=shown) as bar:
        for _ in range(3):
            bar.update(1, 4)
    assert "3 docs" in shown.getvalue() and "12 events" in shown.getvalue()
