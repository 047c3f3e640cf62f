"""The Ray engine: the same pipeline on a local Ray or on an existing cluster.

A Ray Data pipeline in three steps:

1. read: one row per input file; ``flat_map`` reads each file with pactum's
   own readers (the same ``.txt``/``.html``/``.jsonl[.gz]`` handling and the
   same per-line errors as the local engine) into one row per document;
2. extract: ``map_batches`` over a pool of ``_Extractor`` actors, each
   loading the pipeline once, returning each document's records as JSON;
3. write: the driver takes the rows in input order (``preserve_order``) and
   writes the JSONL with the same writer as the local engine, so both engines
   write the same records in the same order.

Actors ask for a fraction of a CPU (:data:`ACTOR_CPUS`), read tasks for less
(:data:`READ_CPUS`): actors that each claim a whole CPU would leave none for
the read tasks on a small machine, and the dataset would wait forever.

With no address a local Ray is started with ``jobs`` CPUs and shut down at the
end; with ``--ray-address`` (or ``RAY_ADDRESS``) the run joins that cluster.
There, every node needs pactum and the spaCy model installed, and the input
paths must be readable at the same path on every node (a shared filesystem).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ...models import Document, Event

from ..errors import Errors, InputError, PipelineError
from .parallel import CHUNK_SIZE, PipelineSpec, extract_chunk, one_thread_per_process
from ..reading.reader import READERS, _iter_paths, _kind

#: CPUs each extraction actor asks for: below 1 so read tasks always find room.
ACTOR_CPUS = 0.75
#: CPUs each read task asks for.
READ_CPUS = 0.25
#: Bytes per Ray block: small blocks (a few dozen articles) spread even one input file over all actors.
BLOCK_BYTES = 32 * 1024
#: At most this many read tasks (a folder of many small files is read in groups).
READ_TASKS = 64


def _file_rows(inputs: Iterable[str | Path]) -> list[dict]:
    """One row per input file (or per missing path / unsupported file), in read order."""
    rows = []
    for number, (path, prefix) in enumerate(_iter_paths(inputs)):
        row = {"file": number, "path": "", "kind": "", "error": "", "prefix": prefix or ""}
        if isinstance(path, InputError):
            row.update(path=path.path or "", error=str(path))
        else:
            kind = _kind(path)
            row["path"] = str(path)
            if kind is None:
                suffix = "".join(path.suffixes) or "(none)"
                row["error"] = Errors.E002.format(path=path, suffix=suffix)
            else:
                row["kind"] = kind
        rows.append(row)
    return rows


def _item_row(file: int, item: int, kind: str, **values) -> dict:
    row = {"file": file, "item": item, "kind": kind, "doc": "", "id": "", "error": "", "path": "", "line": -1}
    row.update(values)
    return row


def _read_file(row: dict, published: str | None, after: tuple[int, int] | None) -> Iterator[dict]:
    """flat_map: the documents of one input file, one row each.

    Items at or before ``after`` (finished by an interrupted run) come out as
    ``skip`` rows carrying only their id, so the driver still sees every id.
    """
    file = int(row["file"])
    if row["error"]:
        yield _item_row(file, 0, "error", error=row["error"], path=row["path"])
        return
    # ids as the local engine gives them (sub-folder/stem for .txt and .html)
    extra = {"prefix": row["prefix"]} if row.get("prefix") and row["kind"] != "jsonl" else {}
    for number, item in enumerate(READERS[row["kind"]](Path(row["path"]), published, **extra)):
        done = after is not None and (file, number) <= after
        if isinstance(item, InputError):
            kind = "skip" if done else "error"
            yield _item_row(file, number, kind, error=str(item), path=item.path or "", line=item.line or -1)
        elif done:
            yield _item_row(file, number, "skip", id=item.id, path=row["path"])
        else:
            yield _item_row(file, number, "doc", doc=item.model_dump_json(), id=item.id, path=row["path"])


class _Extractor:
    """map_batches actor: loads the pipeline once, extracts batch after batch."""

    def __init__(self, spec: PipelineSpec) -> None:
        one_thread_per_process()
        self.nlp = spec.load()

    def __call__(self, batch):
        rows = batch.to_dict("records")
        todo = [Document.model_validate_json(r["doc"]) for r in rows if r["kind"] == "doc"]
        results = iter(extract_chunk(todo, self.nlp, CHUNK_SIZE))
        for row in rows:
            row["events"], row["words"], row["lines"] = 0, 0, ""
            if row["kind"] != "doc":
                continue
            result = next(results)
            row["doc"] = ""
            if result.error is not None:
                row["kind"], row["error"] = "failed", str(result.error)
            else:
                row["events"], row["words"] = len(result.events), result.words
                row["lines"] = "".join(e.model_dump_json() + "\n" for e in result.events)
        import pandas as pd

        return pd.DataFrame(rows)


def _result(row: dict, seen: set[str]):
    from ..extraction.extractor import DocumentResult

    kind = row["kind"]
    if kind == "error":
        line = int(row["line"])
        return DocumentResult(None, error=InputError(row["error"], row["path"] or None, line if line > 0 else None))
    doc_id = row["id"]
    if doc_id in seen:  # as the local reader does: the second document with an id is an error
        return DocumentResult(None, error=InputError(Errors.E006.format(where=row["path"], doc_id=doc_id), row["path"]))
    seen.add(doc_id)
    if kind == "failed":
        return DocumentResult(doc_id, error=row["error"])
    events = [Event.model_validate_json(line) for line in row["lines"].splitlines()]
    return DocumentResult(doc_id, events, words=int(row["words"]))


def _connect(address: str | None, jobs: int) -> bool:
    """Join ``address`` or start a local Ray; RETURNS (bool): whether this call started it."""
    import ray

    if ray.is_initialized():
        return False
    address = address or os.environ.get("RAY_ADDRESS") or None
    options = dict(include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    if address is None:
        ray.init(num_cpus=jobs, **options)
    else:
        ray.init(address=address, **options)
    return True


def extract_ray(
    inputs: Iterable[str | Path],
    published: str | None = None,
    address: str | None = None,
    jobs: int = 2,
    spec: PipelineSpec | None = None,
    after: list | tuple | None = None,
) -> Iterator[tuple[list, object]]:
    """Run the pipeline on Ray; the results come back to this process in input order.

    inputs (Iterable[str | Path]): files and folders, as for ``read_documents``.
    published (str | None): publication date for inputs that carry none.
    address (str | None): a Ray cluster (``ray://host:10001`` or ``host:6379``);
        None starts a local Ray with ``jobs`` CPUs (or joins ``RAY_ADDRESS``).
    jobs (int): extraction actors.
    spec (PipelineSpec | None): the pipeline each actor loads.
    after (list | None): position ``[file, item]`` of the last item an
        interrupted run finished; items up to it are not extracted again.
    RETURNS (Iterator[tuple[list, DocumentResult]]): each input item's
        position and result, in input order (items up to ``after`` left out).
    RAISES (PipelineError): E050 when Ray is not installed or cannot start.
    """
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise PipelineError(Errors.E050.format(engine="ray", error=f"{err}; pip install 'ray[data]'")) from err
    spec = spec or PipelineSpec()
    after_key = tuple(after) if after is not None else None
    files = _file_rows(inputs)
    if not files:
        return
    try:
        started = _connect(address, jobs)
    except Exception as err:  # a bad address, a cluster of another version, ...
        raise PipelineError(Errors.E050.format(engine="ray", error=err)) from err
    try:
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # pactum reports progress and errors itself
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.target_max_block_size = BLOCK_BYTES
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        dataset = (
            ray.data.from_items(files, override_num_blocks=min(len(files), READ_TASKS))
            .flat_map(_read_file, fn_kwargs={"published": published, "after": after_key}, num_cpus=READ_CPUS)
            .map_batches(
                _Extractor, fn_constructor_kwargs={"spec": spec}, batch_size=CHUNK_SIZE,
                batch_format="pandas", compute=ray.data.ActorPoolStrategy(size=jobs), num_cpus=ACTOR_CPUS,
            )
        )
        seen: set[str] = set()
        for row in dataset.iter_rows():
            if row["kind"] == "skip":
                if row["id"]:
                    seen.add(row["id"])
                continue
            yield [int(row["file"]), int(row["item"])], _result(row, seen)
    finally:
        if started:
            ray.shutdown()
