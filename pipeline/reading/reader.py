"""Read articles from files and folders, one :class:`models.Document` at a time.

Inputs are any mix of files and folders (searched recursively, in sorted
order): ``.txt`` (id = file stem), ``.html``/``.htm`` (main text extracted),
and JSON Lines (``.jsonl``, ``.json``, optionally ``.gz``) with the fields
``id``, ``text`` and optional ``title``, ``published``. Problems never stop the
stream: each bad file or line is yielded as an :class:`InputError` naming the
file and line, and reading goes on with the rest.
"""

from __future__ import annotations

import gzip
import json
import zlib
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from ...models import Document

from ..errors import Errors, InputError, Warnings

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".json", ".ndjson"}


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in TEXT_SUFFIXES:
        return "text"
    if last in HTML_SUFFIXES:
        return "html"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    return None


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand files and folders into files, in a stable order.

    inputs (Iterable[str | Path]): files and folders given by the user.
    RETURNS (Iterator[Path | InputError]): each file, or an error for a path
        that does not exist. Hidden files inside folders are passed over.
    """
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(Errors.E001.format(path=path), path=str(path))


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.warn(Warnings.W001.format(where=where), stacklevel=3)
        return raw.decode("utf-8", errors="replace")


def _read_bytes(path: Path) -> bytes:
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def _open_lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        yield from fh


def _whole_file(path: Path) -> tuple[str, str] | InputError:
    """RETURNS (tuple[str, str] | InputError): the file's id (its stem) and decoded text, or the error."""
    try:
        text = _decode(_read_bytes(path), str(path))
    except (OSError, EOFError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        return InputError(Errors.E005.format(path=path, error=err), path=str(path))
    return path.name.split(".")[0], text


def read_text_file(path: Path, published: str | None = None) -> Iterator[Document | InputError]:
    """Read one plain-text article; its id is the file stem (without .txt/.gz)."""
    read = _whole_file(path)
    if isinstance(read, InputError):
        yield read
        return
    stem, text = read
    yield from _validated({"id": stem, "text": text, "published": published}, str(path), None)


def read_jsonl_file(path: Path, published: str | None = None) -> Iterator[Document | InputError]:
    """Read a JSON Lines file, one document a line; bad lines become errors."""
    try:
        for number, raw in enumerate(_open_lines(path), start=1):
            where = f"{path}:{number}"
            line = _decode(raw, where).strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputError(Errors.E003.format(where=where, error=err.msg), str(path), number)
                continue
            if isinstance(record, dict) and published and not record.get("published"):
                record["published"] = published
            yield from _validated(record, str(path), number)
    except (OSError, EOFError, zlib.error) as err:
        yield InputError(Errors.E005.format(path=path, error=err), path=str(path))


def read_html_file(path: Path, published: str | None = None) -> Iterator[Document | InputError]:
    """Read one HTML page: main text through :mod:`pipeline.reading.html_input`."""
    from .html_input import document_from_html

    read = _whole_file(path)
    if isinstance(read, InputError):
        yield read
        return
    stem, html = read
    try:
        record = document_from_html(html, doc_id=stem, published=published)
    except ValueError as err:
        yield InputError(Errors.E004.format(where=path, error=err), path=str(path))
        return
    yield from _validated(record, str(path), None)


def _validated(record: object, path: str, line: int | None) -> Iterator[Document | InputError]:
    where = f"{path}:{line}" if line else path
    if not isinstance(record, dict):
        yield InputError(Errors.E004.format(where=where, error="expected a JSON object"), path, line)
        return
    try:
        doc = Document.model_validate(record)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'document'}: {e['msg']}" for e in err.errors()
        )
        yield InputError(Errors.E004.format(where=where, error=problems), path, line)
        return
    if not doc.text.strip() and not (doc.title or "").strip():
        yield InputError(Warnings.W002.format(where=where), path, line)
        return
    yield doc


READERS = {"text": read_text_file, "jsonl": read_jsonl_file, "html": read_html_file}


def read_documents(
    inputs: Iterable[str | Path], published: str | None = None
) -> Iterator[Document | InputError]:
    """Stream documents from files and folders, with errors in line.

    inputs (Iterable[str | Path]): files and folders.
    published (str | None): publication date for documents that carry none
        (``.txt`` and ``.html`` files, JSON lines without ``published``).
    RETURNS (Iterator[Document | InputError]): documents in input order; an
        :class:`InputError` (never raised) for each path or line that fails.
        Duplicate ids are reported as errors and not extracted twice.
    """
    seen: set[str] = set()
    for path in iter_paths(inputs):
        if isinstance(path, InputError):
            yield path
            continue
        kind = _kind(path)
        if kind is None:
            suffix = "".join(path.suffixes) or "(none)"
            yield InputError(Errors.E002.format(path=path, suffix=suffix), path=str(path))
            continue
        for item in READERS[kind](path, published):
            if isinstance(item, Document):
                if item.id in seen:
                    yield InputError(Errors.E006.format(where=path, doc_id=item.id), str(path))
                    continue
                seen.add(item.id)
            yield item
