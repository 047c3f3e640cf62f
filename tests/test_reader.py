"""The reader: every input format, and every kind of bad input, named by file and line."""

from __future__ import annotations

import gzip
import json

import pytest

from pactum.models import Document
from pactum.pipeline.errors import InputError
from pactum.pipeline.reading.reader import read_documents


def _read(*paths, published=None):
    items = list(read_documents(paths, published=published))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_txt_file_id_is_stem_and_published_applies(tmp_path):
    path = tmp_path / "taiwan-canada.txt"
    path.write_text("Taiwan signed a science and technology arrangement with Canada last week.")
    docs, errors = _read(path, published="2024-04")
    assert errors == []
    assert docs[0].id == "taiwan-canada"
    assert docs[0].published == "2024-04"


def test_jsonl_gz_and_folder_recursion_in_sorted_order(tmp_path):
    sub = tmp_path / "b"
    sub.mkdir()
    (tmp_path / "a.txt").write_text("Cyclops agreed to sell its retail unit to Dixons.")
    with gzip.open(sub / "wire.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "r1", "text": "Unilever acquired Chesebrough.", "published": "1987-04-08"}) + "\n")
    docs, errors = _read(tmp_path)
    assert errors == []
    assert [d.id for d in docs] == ["a", "r1"]
    assert docs[1].published == "1987-04-08"


def test_bad_json_line_and_missing_text_name_file_and_line_and_go_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok-1", "text": "Japan signed a pact with Chile."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "no-text"}) + "\n"
        + json.dumps({"id": "ok-2", "text": "France signed a pact with Taiwan."}) + "\n"
    )
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["ok-1", "ok-2"]
    assert [(e.line, str(e).split(" ", 1)[0]) for e in errors] == [(2, "[E003]"), (3, "[E004]")]
    assert f"{path}:2" in str(errors[0])
    assert "text" in str(errors[1])


def test_missing_path_unknown_extension_and_empty_file(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty.txt").write_text("")
    docs, errors = _read(tmp_path / "nope.jsonl", tmp_path / "notes.docx", tmp_path / "empty.txt")
    assert docs == []
    codes = [str(e)[:6] for e in errors]
    assert codes == ["[E001]", "[E002]", "[W002]"]
    assert "nope.jsonl" in str(errors[0]) and "notes.docx" in str(errors[1]) and "empty.txt" in str(errors[2])


def test_non_utf8_is_decoded_with_replacement_and_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Société Générale agreed to buy a stake in Crédit du Nord.".encode("latin-1"))
    with pytest.warns(UserWarning, match=r"\[W001\].*latin1.txt"):
        docs, errors = _read(path)
    assert errors == []
    assert "agreed to buy" in docs[0].text and "\ufffd" in docs[0].text


def test_duplicate_ids_are_reported_not_extracted_twice(tmp_path):
    path = tmp_path / "dup.jsonl"
    line = json.dumps({"id": "same", "text": "Japan signed a pact with Chile."}) + "\n"
    path.write_text(line + line)
    docs, errors = _read(path)
    assert len(docs) == 1
    assert str(errors[0]).startswith("[E006]")


def test_a_corrupt_gzip_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    (tmp_path / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    docs, errors = _read(tmp_path / "broken.txt.gz", tmp_path / "broken.jsonl.gz")
    assert docs == []
    assert [str(e)[:6] for e in errors] == ["[E005]", "[E005]"]
    assert "broken.txt.gz" in str(errors[0]) and "broken.jsonl.gz" in str(errors[1])
