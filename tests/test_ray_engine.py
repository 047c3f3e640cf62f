"""The Ray engine writes the local engine's records, on a local Ray with 2 CPUs."""

from __future__ import annotations

import json

import pytest

from pactum.pipeline.api import extract_files
from pactum.pipeline.running.manifest import sidecar_paths
from scale_fixtures import paragraph_records, write_jsonl

pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'pactum[ray]')")


@pytest.mark.slow
def test_ray_records_equal_the_local_engines(nlp, tmp_path):
    records = paragraph_records(3)  # a few hundred short documents
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", records[:150], bad_line_after=70)
    write_jsonl(folder / "b.jsonl", records[150:] + records[:2])  # ends with two duplicate ids
    (folder / "notes.md").write_text("not an input\n")

    local = extract_files([folder], tmp_path / "local.jsonl", nlp=nlp)
    remote = extract_files([folder], tmp_path / "ray.jsonl", nlp=nlp, jobs=2, engine="ray")

    expected = (tmp_path / "local.jsonl").read_bytes()
    assert expected.count(b"\n") > 20
    assert (tmp_path / "ray.jsonl").read_bytes() == expected
    assert (remote.documents, remote.events, remote.words) == (local.documents, local.events, local.words)
    assert remote.errors == local.errors
    assert any("[E003]" in e for e in remote.errors) and any("[E006]" in e for e in remote.errors)
    assert any("[E002]" in e for e in remote.errors)
    manifest = json.loads(sidecar_paths(tmp_path / "ray.jsonl")[0].read_text())
    assert (manifest["engine"], manifest["jobs"], manifest["status"]) == ("ray", 2, "complete")
    assert manifest["documents"]["read"] == len(records) + 2 + 1 + 1
