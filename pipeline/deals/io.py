"""Reading events files for linking and publication dates, under the bounds of
:mod:`pipeline.reading.reader` (every bad line a coded error naming file:line)."""

from __future__ import annotations

import json
import warnings
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ...models import Event

from ..errors import Errors, InputError, PipelineError, Warnings


@dataclass
class EventsRead:
    """Events read from one or more files, with each event's index in its article."""

    events: list[tuple[Event, int]] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    duplicates: int = 0


def _describe(err: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in e['loc']) or 'line'}: {e['msg']}" for e in err.errors()]
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


def read_event_files(paths: Iterable[str | Path], skip_bad: bool = False) -> EventsRead:
    """Read events files (the extractor's JSONL, optionally gzipped), under the reader's bounds.

    Lines are read as ``extract`` reads its inputs (:mod:`pipeline.reading.reader`):
    in pieces of at most ``MAX_LINE_BYTES``, refused when nested deeper than
    ``MAX_DEPTH``, so no line can exhaust memory. A bad line is one coded error
    naming ``file:line`` and reading goes on with the next.

    paths (Iterable[str | Path]): the files, in order.
    skip_bad (bool): skip invalid lines (and count them) instead of failing.
    RETURNS (EventsRead): the events, each with its 0-based index among its
        article's events in file order; one coded message per bad line
        (E008 too long, E009 nested too deep, E003 not JSON, E032 not a finite
        number, E093 not a valid event). An article whose events were already
        read from an earlier file is not read again (counted in ``duplicates``,
        with warning W021).
    RAISES (PipelineError): E001 for a missing file, E005 for an unreadable one,
        E090 with the count and the first bad line when ``skip_bad`` is False
        (after every file is read, so the count is complete).
    """
    from ..reading.reader import _open_lines, parse_json_line

    result = EventsRead()
    owner: dict[str, str] = {}
    for path in map(Path, paths):
        if not path.is_file():
            raise PipelineError(Errors.E001.format(path=path))
        counts: dict[str, int] = {}
        try:
            for number, raw in enumerate(_open_lines(path), start=1):
                if not raw.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = parse_json_line(raw, where, finite=True)
                except InputError as err:
                    result.bad.append(str(err))
                    continue
                try:
                    event = Event.model_validate(record)
                except ValidationError as err:
                    result.bad.append(Errors.E093.format(where=where, error=_describe(err)))
                    continue
                if owner.setdefault(event.doc_id, str(path)) != str(path):
                    result.duplicates += 1
                    continue
                index = counts.get(event.doc_id, 0)
                counts[event.doc_id] = index + 1
                result.events.append((event, index))
        except (OSError, EOFError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
            raise PipelineError(Errors.E005.format(path=path, error=err)) from err
    if result.bad and not skip_bad:
        raise PipelineError(Errors.E090.format(count=len(result.bad), first=result.bad[0]))
    if result.duplicates:
        warnings.warn(Warnings.W021.format(count=result.duplicates), stacklevel=2)
    return result


def _manifest_inputs(events_path: Path) -> list[str]:
    from ..running.manifest import sidecar_paths

    manifest, _ = sidecar_paths(events_path)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data.get("inputs", []) if Path(p).exists()]


def _fast_dates(path: Path) -> Iterator[tuple[str, str] | InputError] | None:
    """(id, published) of a JSON Lines corpus without validating the texts, under the
    reader's bounds, with an error for each line that cannot be parsed; None for other files."""
    name = path.name.lower()
    if not (name.endswith(".jsonl") or name.endswith(".jsonl.gz") or name.endswith(".ndjson")):
        return None
    from ..reading.reader import _open_lines, parse_json_line

    def read() -> Iterator[tuple[str, str] | InputError]:
        try:
            for number, raw in enumerate(_open_lines(path), start=1):
                if not raw.strip():
                    continue
                try:
                    record = parse_json_line(raw, f"{path}:{number}")
                except InputError as err:
                    yield err
                    continue
                if isinstance(record, dict) and record.get("id") and record.get("published"):
                    yield str(record["id"]), str(record["published"])
        except (OSError, EOFError, zlib.error) as err:
            yield InputError(Errors.E005.format(path=path, error=err), path=str(path))

    return read()


def publication_dates(docs: Iterable[str | Path], wanted: set[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Publication dates of the articles, from the inputs given to ``extract``.

    docs (Iterable[str | Path]): files and folders of articles.
    wanted (set[str] | None): only these ids (all if None).
    RETURNS (tuple[dict[str, str], list[str]]): id → ISO date, and the input errors met.
    """
    from ..normalization.dates import parse_published
    from ..reading.reader import read_documents

    dates: dict[str, str] = {}
    errors: list[str] = []
    slow: list[str] = []
    for entry in map(Path, docs):
        fast = _fast_dates(entry) if entry.is_file() else None
        if fast is None:
            slow.append(str(entry))
            continue
        for found in fast:
            if isinstance(found, InputError):
                errors.append(str(found))
                continue
            doc_id, value = found
            if wanted is None or doc_id in wanted:
                dates[doc_id] = value
    if slow:
        for item in read_documents(slow):
            if isinstance(item, InputError):
                errors.append(str(item))
            elif item.published and (wanted is None or item.id in wanted):
                dates[item.id] = item.published
    clean: dict[str, str] = {}
    for doc_id, value in dates.items():
        try:
            parse_published(value)
        except ValueError:
            continue
        clean[doc_id] = value.strip()[:10]
    return clean, errors


def docs_for(events_paths: Iterable[str | Path], docs: Iterable[str | Path] | None) -> list[str]:
    """RETURNS (list[str]): the articles to date the events by: ``docs``, or else the
    inputs named in each events file's run manifest (those that exist)."""
    found = [str(d) for d in docs or []]
    if not found:
        for path in events_paths:
            found.extend(p for p in _manifest_inputs(Path(path)) if p not in found)
    return found
