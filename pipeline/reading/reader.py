"""Read articles from files and folders, one :class:`models.Document` at a time.

Inputs are any mix of files and folders (searched recursively, in sorted
order): ``.txt`` (id = file stem; inside a sub-folder of a given folder, the
path from that folder: ``a/report``), ``.html``/``.htm`` (main text extracted),
and JSON Lines (``.jsonl``, ``.json``, optionally ``.gz``) with the fields
``id``, ``text`` and optional ``title``, ``published``. Problems never stop the
stream: each bad file or line is yielded as an :class:`InputError` naming the
file and line, and reading goes on with the rest. Reading is bounded: a line
longer than :data:`MAX_LINE_BYTES` or nested deeper than :data:`MAX_DEPTH` is
one error, never the run; folders that cannot be listed are errors naming them.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
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
#: A JSON line longer than this is refused (read in bounded pieces, never whole).
MAX_LINE_BYTES = 64 * 2**20
#: JSON lines nested deeper than this are refused before they are parsed.
MAX_DEPTH = 64
#: Byte-order marks other than UTF-8's, longest first (UTF-32's starts with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: What counts for nesting: brackets outside strings.
_JSON_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


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


def _walk(folder: Path) -> list[tuple[Path, InputError | None]]:
    """RETURNS (list): the files under ``folder`` (hidden ones passed over) and an
    error (E007) for each folder that cannot be listed or entered, in sorted order."""
    found: list[tuple[Path, InputError | None]] = []

    def refuse(where: str, error: object) -> None:
        found.append((Path(where), InputError(Errors.E007.format(path=where, error=error), path=where)))

    def unreadable(err: OSError) -> None:
        refuse(err.filename or str(folder), err.strerror or err)

    for top, dirs, files in os.walk(folder, onerror=unreadable):
        if not os.access(top, os.R_OK | os.X_OK):  # listed, but its entries cannot be opened
            refuse(top, "permission denied")
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend((Path(top, name), None) for name in files if not name.startswith("."))
    found.sort(key=lambda item: item[0])
    return found


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand files and folders into files, in a stable order.

    inputs (Iterable[str | Path]): files and folders given by the user.
    RETURNS (Iterator[Path | InputError]): each file, or an error for a path
        that does not exist (E001) or a folder that cannot be read (E007).
        Hidden files inside folders are passed over.
    """
    for path, _ in _iter_paths(inputs):
        yield path


def _iter_paths(inputs: Iterable[str | Path]) -> Iterator[tuple[Path | InputError, str | None]]:
    """As :func:`iter_paths`, with each file's id prefix: its folder relative to the
    given folder (``"a/b/"``), ``""`` at the top, None for a file given by name."""
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for child, error in _walk(path):
                if error is not None:
                    yield error, None
                    continue
                parent = child.parent.relative_to(path).as_posix()
                yield child, ("" if parent == "." else parent + "/")
        elif path.is_file():
            yield path, None
        else:
            try:
                path.stat()
            except PermissionError as err:  # in a folder that cannot be entered
                yield InputError(Errors.E005.format(path=path, error=err.strerror), path=str(path)), None
                continue
            except OSError:
                pass
            yield InputError(Errors.E001.format(path=path), path=str(path)), None


def _bom_encoding(raw: bytes) -> str | None:
    """RETURNS (str | None): the UTF-16/32 encoding a byte-order mark announces."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def _decode(raw: bytes, where: str) -> str:
    encoding = _bom_encoding(raw[:4])
    if encoding:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
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


class LineTooLong(bytes):
    """Stands for a line longer than :data:`MAX_LINE_BYTES`: its first bytes; ``size`` its length."""

    size: int = 0


def _bounded_lines(fh, limit: int) -> Iterator[bytes]:
    while raw := fh.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw)
            while more := fh.readline(limit):  # skip the rest of the line, in bounded pieces
                size += len(more)
                if more.endswith(b"\n"):
                    break
            long_line = LineTooLong(raw[:64])
            long_line.size = size
            yield long_line
            continue
        yield raw


def _open_lines(path: Path, limit: int | None = None) -> Iterator[bytes]:
    """RETURNS (Iterator[bytes]): the file's lines in UTF-8 (a UTF-16/32 file with a
    byte-order mark is re-encoded); a line over ``limit`` bytes comes as :class:`LineTooLong`."""
    limit = limit or MAX_LINE_BYTES
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        encoding = _bom_encoding(fh.peek(4)[:4]) if hasattr(fh, "peek") else None
        if encoding:
            text = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
            while line := text.readline(limit + 1):
                yield line.encode("utf-8")
            return
        yield from _bounded_lines(fh, limit)


def too_deep(line: bytes, limit: int = MAX_DEPTH) -> bool:
    """RETURNS (bool): whether a JSON text nests arrays and objects deeper than
    ``limit`` (a cheap count first; brackets inside strings do not count)."""
    if line.count(b"[") + line.count(b"{") <= limit:
        return False
    depth = 0
    for m in _JSON_NESTING.finditer(line):
        token = m.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def parse_json_line(raw: bytes, where: str, finite: bool = False) -> object:
    """Parse one JSON line within the reader's bounds.

    raw (bytes): the line, as from :func:`_open_lines`.
    where (str): ``file:line``, for messages.
    finite (bool): refuse ``NaN``, ``Infinity`` and numbers too large for a float.
    RETURNS (object): the parsed value.
    RAISES (InputError): E008 (line too long), E009 (nested too deep), E003 (not
        JSON) or E032 (a non-finite number), each naming ``where``.
    """
    path, _, number = where.rpartition(":")
    line = int(number) if number.isdigit() else None
    if isinstance(raw, LineTooLong):
        raise InputError(Errors.E008.format(where=where, size=raw.size, limit=MAX_LINE_BYTES), path, line)
    if too_deep(raw):
        raise InputError(Errors.E009.format(where=where, limit=MAX_DEPTH), path, line)
    text = _decode(raw, where).strip()

    def refuse(value: str):
        raise InputError(Errors.E032.format(where=where, value=value), path, line)

    def finite_float(value: str) -> float:
        parsed = float(value)
        if parsed != parsed or parsed in (float("inf"), float("-inf")):
            refuse(value)
        return parsed

    try:
        if finite:
            return json.loads(text, parse_constant=refuse, parse_float=finite_float)
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(Errors.E003.format(where=where, error=err.msg), path, line) from err
    except RecursionError as err:
        raise InputError(Errors.E009.format(where=where, limit=MAX_DEPTH), path, line) from err


def _whole_file(path: Path, prefix: str | None = None) -> tuple[str, str] | InputError:
    """RETURNS (tuple[str, str] | InputError): the file's id (its stem, after
    ``prefix``) and decoded text, or the error."""
    try:
        text = _decode(_read_bytes(path), str(path))
    except (OSError, EOFError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        return InputError(Errors.E005.format(path=path, error=err), path=str(path))
    return (prefix or "") + path.name.split(".")[0], text


def read_text_file(path: Path, published: str | None = None, prefix: str | None = None
                   ) -> Iterator[Document | InputError]:
    """Read one plain-text article; its id is the file stem (without .txt/.gz)
    after ``prefix`` (its sub-folder inside the folder given, ``a/b/``)."""
    read = _whole_file(path, prefix)
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
            if not raw.strip():
                continue
            try:
                record = parse_json_line(raw, where)
            except InputError as err:
                yield err
                continue
            if isinstance(record, dict) and published and not record.get("published"):
                record["published"] = published
            yield from _validated(record, str(path), number)
    except (OSError, EOFError, zlib.error) as err:
        yield InputError(Errors.E005.format(path=path, error=err), path=str(path))


def read_html_file(path: Path, published: str | None = None, prefix: str | None = None
                   ) -> Iterator[Document | InputError]:
    """Read one HTML page: main text through :mod:`pipeline.reading.html_input`; its id as for ``.txt``."""
    from .html_input import document_from_html

    read = _whole_file(path, prefix)
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
    for path, prefix in _iter_paths(inputs):
        if isinstance(path, InputError):
            yield path
            continue
        kind = _kind(path)
        if kind is None:
            suffix = "".join(path.suffixes) or "(none)"
            yield InputError(Errors.E002.format(path=path, suffix=suffix), path=str(path))
            continue
        extra = {"prefix": prefix} if prefix and kind != "jsonl" else {}
        for item in READERS[kind](path, published, **extra):
            if isinstance(item, Document):
                if item.id in seen:
                    yield InputError(Errors.E006.format(where=path, doc_id=item.id), str(path))
                    continue
                seen.add(item.id)
            yield item
