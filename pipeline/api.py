"""pactum's Python API: every CLI command is a thin wrapper over one function here.

>>> from pactum.pipeline.api import extract
>>> from pactum.models import Document
>>> events = list(extract([Document(id="d1", published="1987-03-02",
...     text="Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs.")]))
>>> events[0].type, events[0].who[0].name, events[0].amount.value
('acquisition', 'Dixons Group Plc', 94500000.0)

In-process extraction (:func:`load_nlp`, :func:`extract`,
:func:`extract_documents`) lives in :mod:`pipeline.extraction.extractor` and is
re-exported here; the functions below run whole files, score and describe.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from ..models import Event

from .errors import Errors, PipelineError
from .extraction.extractor import (MAX_CHARS, MODEL, DocumentResult, _check_neural, extract, extract_documents,
                                   load_nlp, may_have_events)
from .normalization.dates import parse_published
from .reading.reader import read_documents
from .running.writer import EventWriter, OutputLock, check_output

__all__ = ["MAX_CHARS", "MODEL", "DocumentResult", "RunSummary", "check_output", "evaluate_files", "event_schema",
           "extract", "extract_documents", "extract_files", "load_nlp", "may_have_events"]


# -- files in, files out ---------------------------------------------------------------
@dataclass
class RunSummary:
    """What one ``extract`` run did (a resumed run: what this invocation did)."""

    documents: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0
    output: str = ""
    jobs: int = 1
    engine: str = "local"
    resumed: int = 0
    manifest: str | None = None

    @property
    def failed(self) -> int:
        return len(self.errors)

    def line(self) -> str:
        """RETURNS (str): the one-line summary printed at the end of a run."""
        rate = self.documents / self.seconds if self.seconds else 0.0
        resumed = f" (resumed after {self.resumed} documents)" if self.resumed else ""
        return (f"{self.documents} documents, {self.events} events, {self.failed} errors, "
                f"{self.seconds:.1f} seconds ({rate:.1f} docs/s) -> {self.output}{resumed}")


def extract_files(
    inputs: Iterable[str | Path],
    output: str | Path = "-",
    published: str | None = None,
    nlp: Language | None = None,
    jobs: int | None = 1,
    resume: bool = False,
    progress: bool | None = False,
    engine: str = "local",
    ray_address: str | None = None,
    neural: bool = False,
    learned: bool = True,
    decisions: tuple[str, ...] | None = None,
    parse_all: bool = False,
) -> RunSummary:
    """Extract events from files and folders into a JSONL file.

    inputs (Iterable[str | Path]): files and folders (.txt, .html, .jsonl[.gz]).
    output (str | Path): the JSONL file to write, or "-" for standard output.
        A file gets a run manifest beside it (:mod:`pipeline.running.manifest`).
    published (str | None): publication date for inputs that carry none.
    nlp (Language | None): a pipeline from :func:`load_nlp`; worker processes
        and Ray actors load the same pipeline by name.
    jobs (int | None): worker processes (Ray actors); None = one per core.
    resume (bool): continue the interrupted run recorded beside ``output``.
    progress (bool | None): show a progress bar; None = when stderr is a terminal.
    engine (str): ``local`` (processes on this machine) or ``ray``.
    ray_address (str | None): the Ray cluster to join (``ray`` engine); None
        starts a local Ray.
    neural (bool): add the neural stage (``events_classifier``) when ``nlp``
        is None; a given ``nlp`` is used as it is.
    learned (bool): add the trained decisions (``events_decide``) when ``nlp``
        is None; False runs the rules alone.
    decisions (tuple[str, ...] | None): what that stage applies when ``nlp`` is
        None: None = the trained confidence only; ``("event", "type", "status")``
        = the full learned decisions.
    parse_all (bool): when ``nlp`` is None, parse every sentence of a text with
        a trigger word, not only those that may hold a deal and the lead
        (slower; see :mod:`pipeline.extraction.focus`).
    RETURNS (RunSummary): counts, errors (each naming its file and line) and time.
    RAISES (PipelineError): before anything is written, when the output would
        overwrite or lie inside an input (E047, E048), cannot be written (E044)
        or is being written by another run (E049).
    """
    from .running.manifest import lock_path
    from .running.parallel import PipelineSpec, default_jobs

    if published:
        try:
            parse_published(published)
        except ValueError as err:
            raise PipelineError(str(err)) from err
    if engine not in ("local", "ray"):
        raise PipelineError(Errors.E050.format(engine=engine, error="choose local or ray"))
    if neural and nlp is None:
        _check_neural()
    jobs = default_jobs() if jobs is None else max(1, jobs)
    inputs = [str(path) for path in inputs]
    check_output(inputs, output)
    spec = PipelineSpec.of(nlp) if nlp is not None else PipelineSpec(neural=neural, learned=learned,
                                                                      decisions=decisions, parse_all=parse_all)
    run = (inputs, output, published, nlp, jobs, resume, progress, engine, ray_address, spec)
    if str(output) == "-":
        return _extract_files(*run)
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        lock = OutputLock(lock_path(output), output).acquire()
    except OSError as err:
        raise PipelineError(Errors.E044.format(path=output, error=err.strerror or err)) from err
    try:
        return _extract_files(*run)
    finally:
        lock.release()


def _extract_files(inputs: list[str], output: str | Path, published: str | None, nlp: Language | None,
                   jobs: int, resume: bool, progress: bool | None, engine: str, ray_address: str | None,
                   spec) -> RunSummary:
    from .running.manifest import RunRecorder
    from .running.parallel import extract_parallel
    from .running.progress import Progress

    started = time.perf_counter()
    try:
        recorder = RunRecorder(inputs, output, engine=engine, jobs=jobs, resume=resume)
        writer = EventWriter(output, append=recorder.append) if not recorder.complete else None
    except OSError as err:
        raise PipelineError(Errors.E044.format(path=output, error=err.strerror or err)) from err
    summary = RunSummary(output=str(output), jobs=jobs, engine=engine, resumed=recorder.done,
                         manifest=str(recorder.manifest_path) if recorder.enabled else None)
    if recorder.complete:  # resuming a run that had finished: nothing left to do
        return summary
    if engine == "ray":
        from .running.engine_ray import extract_ray

        results = extract_ray(inputs, published, ray_address, jobs, spec, recorder.point.at)
    else:
        stream = recorder.skip(read_documents(inputs, published))
        results = ((None, result) for result in extract_parallel(stream, jobs, nlp, spec=spec))
    status = "interrupted"
    try:
        with writer, Progress(progress, initial=recorder.done) as bar:
            for at, result in results:
                written = 0
                if result.error is not None:
                    summary.errors.append(str(result.error))
                else:
                    summary.documents += 1
                    summary.words += result.words
                    written = writer.write(result.events)
                    summary.events += written
                recorder.record(result, written, at)
                bar.update(1, written)
        status = "complete"
    finally:
        results.close()
        recorder.finish(status)
    summary.seconds = time.perf_counter() - started
    return summary


# -- evaluate and schema -----------------------------------------------------------------
def evaluate_files(gold: str | Path, predicted: str | Path):
    """Score a predictions file against a gold file (spec section 7).

    gold (str | Path): gold JSONL (spec section 5).
    predicted (str | Path): extractor output (spec section 6).
    RETURNS (scoring.Report): the figures and every mismatch.
    RAISES (PipelineError): when a file has invalid lines (each named with
        its line number), rather than scoring part of it silently.
    """
    from .evaluation.scoring import read_gold, read_predictions, score

    gold_docs, gold_errors = read_gold(gold)
    if gold_errors:
        raise PipelineError(Errors.E030.format(path=gold, count=len(gold_errors), first=gold_errors[0]))
    preds, pred_errors = read_predictions(predicted)
    if pred_errors:
        raise PipelineError(Errors.E031.format(path=predicted, count=len(pred_errors), first=pred_errors[0]))
    return score(gold_docs, preds)


def event_schema() -> dict:
    """RETURNS (dict): the JSON Schema of :class:`models.Event`."""
    return Event.model_json_schema()


# -- deals across articles ---------------------------------------------------------------
def link_deals(events, published=None):
    """Link the events of many articles into deals (see :mod:`pipeline.deals`).

    events (Iterable[Event | tuple[Event, int]]): events, optionally with their
        index among their article's events.
    published (Mapping[str, str] | None): article id → publication date.
    RETURNS (Iterator[models.deal.Deal]): one record per deal.
    """
    from .deals import link_deals as _link

    return _link(events, published)


def link_deal_files(events_paths, output="-", docs=None, mapping=None, skip_bad=False):
    """What ``pactum deals`` does: events files in, deals JSONL (and the event→deal mapping) out.

    RETURNS (pipeline.deals.DealRun): counts and time. See :func:`pipeline.deals.link_deal_files`.
    """
    from .deals import link_deal_files as _files

    return _files(events_paths, output, docs=docs, mapping=mapping, skip_bad=skip_bad)


def evaluate_deal_files(gold, deals, main_only=False):
    """What ``pactum evaluate-deals`` does; see :func:`pipeline.deals.evaluate.evaluate_deal_files`."""
    from .deals.evaluate import evaluate_deal_files as _evaluate

    return _evaluate(gold, deals, main_only=main_only)


def deal_schema() -> dict:
    """RETURNS (dict): the JSON Schema of :class:`models.deal.Deal`."""
    from ..models.deal import Deal

    return Deal.model_json_schema()
