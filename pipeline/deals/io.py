"""Reading events files for linking (every bad line named by file:line) and publication dates."""

from __future__ import annotations

import gzip
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
    """Read events files (the extractor's JSONL, optionally gzipped).

    paths (Iterable[str | Path]): the files, in order.
    skip_bad (bool): skip invalid lines (and count them) instead of failing.
    RETURNS (EventsRead): the events, each with its 0-based index among its
        article's events in file order; bad lines as ``file:line: problem``.
        An article whose events were already read from an earlier file is not
        read again (counted in ``duplicates``, with warning W021).
    RAISES (PipelineError): E001 for a missing file, E005 for an unreadable one,
        E090 naming the first bad line when ``skip_bad`` is False.
    """
    result = EventsRead()
    owner: dict[str, str] = {}
    for path in map(Path, paths):
        if not path.is_file():
            raise PipelineError(Errors.E001.format(path=path))
        counts: dict[str, int] = {}
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        try:
            with opener(path, "rb") as fh:
                for number, raw in enumerate(fh, start=1):
                    if number == 1:
                        raw = raw.removeprefix(b"\xef\xbb\xbf")
                    if not raw.strip():
                        continue
                    try:
                        event = Event.model_validate_json(raw)
                    except ValidationError as err:
                        result.bad.append(f"{path}:{number}: {_describe(err)}")
                        continue
                    if owner.setdefault(event.doc_id, str(path)) != str(path):
                        result.duplicates += 1
                        continue
                    index = counts.get(event.doc_id, 0)
                    counts[event.doc_id] = index + 1
                    result.events.append((event, index))
        except (OSError, EOFError, UnicodeDecodeError, zlib.error) as err:
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


def _fast_dates(path: Path) -> Iterator[tuple[str, str]] | None:
    """(id, published) of a JSON Lines corpus without validating the texts; None for other files."""
    name = path.name.lower()
    if not (name.endswith(".jsonl") or name.endswith(".jsonl.gz") or name.endswith(".ndjson")):
        return None

    def read() -> Iterator[tuple[str, str]]:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("id") and record.get("published"):
                    yield str(record["id"]), str(record["published"])

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
        for doc_id, value in fast:
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


def dates_for(events_paths: Iterable[str | Path], docs: Iterable[str | Path] | None,
              wanted: set[str]) -> tuple[dict[str, str], list[str]]:
    """Publication dates from ``docs``, or else from the inputs named in each events file's run manifest."""
    docs = list(docs or [])
    if not docs:
        for path in events_paths:
            docs.extend(p for p in _manifest_inputs(Path(path)) if p not in docs)
    if not docs:
        return {}, []
    return publication_dates(docs, wanted)
