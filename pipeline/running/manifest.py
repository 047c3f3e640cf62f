"""The run manifest and the resume journal, written beside the output.

For ``-o out/events.jsonl`` a run writes two files next to it:

- ``out/events.manifest.json``: what the run did: its inputs, documents read,
  succeeded and failed (each failure with its reason), events, words,
  seconds, engine, jobs, pactum's version, and ``status`` (``running``,
  ``interrupted`` or ``complete``).
- ``out/events.progress.jsonl``: the journal ``--resume`` needs, one line per
  finished input item in input order, with the size the output had after
  that item's records. Documents without events leave no line in the output,
  so the output alone cannot tell how far a run got. The journal is deleted
  when the run completes.

Resuming truncates the output to the size recorded for the last finished item
(dropping any records, whole or partial, written after it) and skips that many
items of the input, so an interrupted run continues without duplicating or
losing a record.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from ...models import Document

from .. import __version__
from ..errors import Errors, InputError, PipelineError

OUTPUT_SUFFIXES = (".jsonl", ".ndjson", ".json")


def sidecar_paths(output: str | Path) -> tuple[Path, Path]:
    """The manifest and journal paths for an output file.

    output (str | Path): the JSONL output, e.g. ``out/events.jsonl``.
    RETURNS (tuple[Path, Path]): ``out/events.manifest.json`` and ``out/events.progress.jsonl``.
    """
    path = Path(output)
    stem = path.name
    for suffix in OUTPUT_SUFFIXES:
        if stem.lower().endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    return path.with_name(f"{stem}.manifest.json"), path.with_name(f"{stem}.progress.jsonl")


def lock_path(output: str | Path) -> Path:
    """RETURNS (Path): the lock file of an output, ``out/events.lock`` for ``out/events.jsonl``."""
    manifest, _ = sidecar_paths(output)
    return manifest.with_name(manifest.name[: -len(".manifest.json")] + ".lock")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def failure_of(result) -> dict:
    """RETURNS (dict): a failed result as ``{doc_id, path, line, reason}``."""
    error = result.error
    return {
        "doc_id": result.doc_id,
        "path": getattr(error, "path", None),
        "line": getattr(error, "line", None),
        "reason": str(error),
    }


@dataclass
class Manifest:
    """``OUT.manifest.json``: a run's inputs, counts and failures."""

    inputs: list[str]
    output: str
    engine: str = "local"
    jobs: int = 1
    status: str = "running"
    read: int = 0
    succeeded: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    runs: int = 1
    started: str = field(default_factory=_now)
    finished: str | None = None
    failures: list[dict] = field(default_factory=list)
    version: str = __version__

    def to_json(self) -> dict:
        """RETURNS (dict): the manifest as written (documents counted read/succeeded/failed)."""
        data = asdict(self)
        failures = data.pop("failures")
        documents = {"read": data.pop("read"), "succeeded": data.pop("succeeded"), "failed": len(failures)}
        head = {key: data.pop(key) for key in ("version", "status", "inputs", "output")}
        return {"pactum": head.pop("version"), **head, "documents": documents, **data, "failures": failures}

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        documents = data.get("documents", {})
        return cls(
            inputs=list(data["inputs"]), output=data["output"], engine=data.get("engine", "local"),
            jobs=data.get("jobs", 1), status=data.get("status", "running"),
            read=documents.get("read", 0), succeeded=documents.get("succeeded", 0),
            events=data.get("events", 0), words=data.get("words", 0), seconds=data.get("seconds", 0.0),
            runs=data.get("runs", 1), started=data.get("started", ""), finished=data.get("finished"),
            failures=list(data.get("failures", [])), version=data.get("pactum", __version__),
        )

    def save(self, path: str | Path) -> None:
        """Write the manifest atomically (a reader never sees half of it)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass
class ResumePoint:
    """How far a journal says a run got.

    done (int): input items finished (documents and input errors).
    offset (int): output bytes written by those items.
    last_id (str | None): the id of the last finished document, if it was one.
    at (list | None): the engine's position of the last finished item (Ray).
    succeeded, events, words (int): totals over the finished items.
    failures (list[dict]): the failed items, as in the manifest.
    """

    done: int = 0
    offset: int = 0
    last_id: str | None = None
    at: list | None = None
    succeeded: int = 0
    events: int = 0
    words: int = 0
    failures: list[dict] = field(default_factory=list)


def replay_journal(path: str | Path) -> ResumePoint:
    """Read a journal, ignoring a last line cut off by an interruption.

    path (str | Path): the ``.progress.jsonl`` file.
    RETURNS (ResumePoint): where the run stopped and what it had done.
    """
    point = ResumePoint()
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return point
    with handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # torn write: that item did not finish
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError:
                break
            point.done = entry["n"]
            point.offset = entry["offset"]
            point.last_id = entry.get("id")
            point.at = entry.get("at")
            if "error" in entry:
                point.failures.append({k: entry.get(k) for k in ("doc_id", "path", "line")} | {"reason": entry["error"]})
            else:
                point.succeeded += 1
                point.events += entry.get("events", 0)
                point.words += entry.get("words", 0)
    return point


class RunRecorder:
    """Keeps the manifest and the journal of one ``extract`` run.

    inputs (list[str]): the inputs as given.
    output (str | Path): the JSONL output; "-" (standard output) keeps no records.
    engine (str): ``local`` or ``ray``.
    jobs (int): worker processes (or Ray actors).
    resume (bool): continue the run recorded beside ``output`` if there is one.
    RAISES (PipelineError): when resuming a run of other inputs or output (E041),
        or when ``resume`` is asked for standard output.
    """

    def __init__(self, inputs: list[str], output: str | Path, engine: str = "local", jobs: int = 1,
                 resume: bool = False) -> None:
        self.output = str(output)
        self.enabled = self.output != "-"
        self.point = ResumePoint()
        self.complete = False
        self.manifest = Manifest(inputs=list(inputs), output=self.output, engine=engine, jobs=jobs)
        self.append = False
        self.manifest_path: Path | None = None
        self.journal_path: Path | None = None
        if not self.enabled:
            if resume:
                raise PipelineError(Errors.E046)
            return
        self.manifest_path, self.journal_path = sidecar_paths(self.output)
        Path(self.output).parent.mkdir(parents=True, exist_ok=True)
        if resume and self.manifest_path.exists():
            self._resume()
        self._started = time.perf_counter()
        self._previous_seconds = self.manifest.seconds
        if not self.complete:
            self.manifest.status = "running"
            self.manifest.save(self.manifest_path)
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if self.append else os.O_TRUNC)
            self._journal = os.open(self.journal_path, flags, 0o644)

    def _resume(self) -> None:
        previous = Manifest.load(self.manifest_path)
        if previous.inputs != self.manifest.inputs or Path(previous.output) != Path(self.output):
            raise PipelineError(Errors.E041.format(path=self.manifest_path))
        if previous.status == "complete":
            self.manifest = previous
            self.point = ResumePoint(done=previous.read)
            self.complete = True
            return
        point = replay_journal(self.journal_path)
        if self.manifest.engine == "ray" and point.done and point.at is None:
            raise PipelineError(Errors.E041.format(path=self.manifest_path)
                                + " A run of the local engine resumes with --engine local.")
        out = Path(self.output)
        size = out.stat().st_size if out.exists() else 0
        if size < point.offset:
            raise PipelineError(Errors.E041.format(path=self.manifest_path))
        if size > point.offset:  # records of unfinished items, or a torn line: done again
            os.truncate(out, point.offset)
        self.point = point
        self.append = True
        manifest = self.manifest
        manifest.runs = previous.runs + 1
        manifest.started = previous.started
        manifest.seconds = previous.seconds
        manifest.read, manifest.succeeded = point.done, point.succeeded
        manifest.events, manifest.words = point.events, point.words
        manifest.failures = list(point.failures)
        self._trim_journal(point.done)  # keep exactly the lines of the finished items

    def _trim_journal(self, done: int) -> None:
        keep = 0
        if not self.journal_path.exists():
            return
        with open(self.journal_path, "rb") as handle:
            for raw in islice(handle, done):
                keep += len(raw)
        os.truncate(self.journal_path, keep)

    @property
    def done(self) -> int:
        """RETURNS (int): input items finished by earlier runs (skipped by this one)."""
        return self.point.done

    def skip(self, items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        """Drop the items earlier runs finished, checking that the input is the same.

        items (Iterable[Document | InputError]): the full input stream.
        RETURNS (Iterator): the items still to do.
        """
        stream = iter(items)
        if self.point.done:
            skipped = list(islice(stream, self.point.done - 1))
            last = next(stream, None)
            if len(skipped) < self.point.done - 1 or last is None:
                raise PipelineError(Errors.E041.format(path=self.manifest_path))
            if self.point.last_id is not None and getattr(last, "id", None) != self.point.last_id:
                raise PipelineError(Errors.E041.format(path=self.manifest_path))
        return stream

    def record(self, result, events: int = 0, at: list | None = None) -> None:
        """Note one finished item, after its records are written.

        result (DocumentResult): the item's outcome.
        events (int): records written for it.
        at (list | None): the engine's position of the item (Ray), for resuming.
        """
        if not self.enabled:
            return
        manifest = self.manifest
        manifest.read += 1
        entry: dict = {"n": manifest.read, "id": result.doc_id}
        if result.error is not None:
            failure = failure_of(result)
            manifest.failures.append(failure)
            entry.update(doc_id=failure["doc_id"], path=failure["path"], line=failure["line"], error=failure["reason"])
        else:
            manifest.succeeded += 1
            manifest.events += events
            manifest.words += result.words
            entry.update(events=events, words=result.words)
        if events:
            self.point.offset = os.path.getsize(self.output)
        entry["offset"] = self.point.offset
        if at is not None:
            entry["at"] = list(at)
        data = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        os.write(self._journal, data)

    def finish(self, status: str = "complete") -> Manifest:
        """Write the final manifest; a complete run's journal is deleted.

        status (str): ``complete``, or ``interrupted`` when the run stopped early.
        RETURNS (Manifest): what was written.
        """
        if not self.enabled or self.complete:
            return self.manifest
        os.close(self._journal)
        self.manifest.status = status
        self.manifest.seconds = round(self._previous_seconds + time.perf_counter() - self._started, 3)
        self.manifest.finished = _now()
        self.manifest.save(self.manifest_path)
        if status == "complete":
            self.journal_path.unlink(missing_ok=True)
        self.complete = status == "complete"
        return self.manifest
