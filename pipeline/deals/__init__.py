"""Deals across articles: the events of many articles linked into one record per transaction.

- :mod:`.linker`: which events are one deal (blocking by party keys, union-find, the buyer check);
- :mod:`.build`: the deal record (parties by role, best amount, history, stable id);
- :mod:`.io`: events files (bad lines named file:line) and publication dates;
- :mod:`.evaluate`: pairwise and B-cubed scores of article links against labelled deals.

It reads events files and the run manifest (:mod:`pipeline.running.manifest`)
and writes deals files; reading a deals file back, the deals table of
``export --deals`` and the deals view of ``report --deals`` belong to
:mod:`pipeline.reporting`. Linking imports no spaCy.
"""

from __future__ import annotations

import os
import time
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...models import Event
from ...models.deal import Deal

from ..errors import Errors, PipelineError, Warnings
from .build import build_deal
from .io import docs_for, publication_dates, read_event_files
from .linker import LinkStats, link, prepare

__all__ = ["link_deals", "link_events", "link_deal_files", "DealRun"]


def link_events(events: Iterable[Event | tuple[Event, int]], published: Mapping[str, str] | None = None,
                stats: LinkStats | None = None) -> tuple[list[Deal], dict[tuple[str, int], str]]:
    """Link events into deals.

    events (Iterable[Event | tuple[Event, int]]): events, or events with their
        index among their article's events; bare events are numbered in the
        order given, per article.
    published (Mapping[str, str] | None): article id → publication date; events
        of articles without one are dated by their ``when``.
    stats (LinkStats | None): filled with the linker's counts.
    RETURNS (tuple[list[Deal], dict[tuple[str, int], str]]): the deals, ordered
        by first report and id, and (doc_id, index) → deal_id for every event.
    """
    numbered: list[tuple[Event, int]] = []
    counts: dict[str, int] = defaultdict(int)
    for entry in events:
        if isinstance(entry, tuple):
            numbered.append(entry)
        else:
            numbered.append((entry, counts[entry.doc_id]))
            counts[entry.doc_id] += 1
    items = prepare(numbered, published)
    roots = link(items, stats=stats)
    groups: dict[int, list] = defaultdict(list)
    for item, root in zip(items, roots):
        groups[root].append(item)
    deals = [build_deal(members) for members in groups.values()]
    deals.sort(key=lambda d: (d.first_reported or "9999", d.deal_id))
    mapping = {(ref.doc_id, ref.index): deal.deal_id for deal in deals for ref in deal.events}
    return deals, mapping


def link_deals(events: Iterable[Event | tuple[Event, int]], published: Mapping[str, str] | None = None) -> Iterator[Deal]:
    """Link events into deals: the library entry point.

    >>> from pactum.pipeline.api import link_deals
    >>> deals = list(link_deals(events, published={"reuters-06410": "1987-03-18"}))  # doctest: +SKIP

    RETURNS (Iterator[Deal]): one record per deal (see :func:`link_events`).
    """
    deals, _ = link_events(events, published)
    yield from deals


@dataclass
class DealRun:
    """What one ``deals`` run did."""

    events: int = 0
    deals: int = 0
    multi: int = 0
    largest: int = 0
    skipped: list[str] = field(default_factory=list)
    duplicates: int = 0
    undated: int = 0
    seconds: float = 0.0
    output: str = ""
    stats: LinkStats = field(default_factory=LinkStats)

    def line(self) -> str:
        """RETURNS (str): the one-line summary printed at the end of a run."""
        skipped = f", {len(self.skipped)} bad line(s) skipped" if self.skipped else ""
        return (f"{self.events} events -> {self.deals} deals ({self.multi} with 2+ articles, largest "
                f"{self.largest} events){skipped}, {self.seconds:.1f} seconds -> {self.output}")


def _partial(path: Path) -> Path:
    """RETURNS (Path): where an output is written before it replaces ``path`` (hidden, beside it)."""
    return path.with_name(f".{path.name}.partial")


def _write_lines(path: str | Path, lines: Iterable[str]) -> None:
    """Write whole, or not at all; "-" is standard output."""
    import sys

    if str(path) == "-":
        for line in lines:
            sys.stdout.write(line)
        sys.stdout.flush()
        return
    path = Path(path)
    partial = _partial(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
        os.replace(partial, path)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise PipelineError(Errors.E044.format(path=path, error=err)) from err


def _guard_outputs(inputs: list[str], outputs: list[str | Path]) -> dict[Path, Path]:
    """Refuse outputs that would overwrite or feed an input, or each other, before anything is written.

    RETURNS (dict[Path, Path]): the lock file to take for each output file (not "-").
    RAISES (PipelineError): E047/E048 (an output, its partial file or its lock
        is an input, or lies in an input folder), E044, E094.
    """
    from ..running.manifest import lock_path
    from ..running.writer import check_output

    files = [Path(out) for out in outputs if str(out) != "-"]
    if len(files) == 2 and (os.path.realpath(files[0]) == os.path.realpath(files[1])
                            or (files[0].exists() and files[1].exists() and os.path.samefile(*files))):
        raise PipelineError(Errors.E094.format(path=files[1]))
    for out in files:
        check_output(inputs, out, written=[_partial(out), lock_path(out)])
    locks: dict[Path, Path] = {}
    for out in files:
        locks.setdefault(lock_path(out), out)  # deals.jsonl and deals.json share one lock
    return locks


def link_deal_files(events_paths: Iterable[str | Path], output: str | Path = "-",
                    docs: Iterable[str | Path] | None = None, mapping: str | Path | None = None,
                    skip_bad: bool = False) -> DealRun:
    """Link the events of one or more files into deals and write them as JSON Lines.

    Inputs and outputs are guarded as ``extract``'s are: an output (or the lock
    beside it) that is an input, or lies inside an input folder, is refused
    before anything is read, and each output file is locked (``OUT.lock``) for
    the whole run. Events files are read under the reader's bounds.

    events_paths (Iterable[str | Path]): the extractor's JSONL outputs.
    output (str | Path): the deals file to write, or "-" for standard output.
    docs (Iterable[str | Path] | None): the articles (files, folders), for their
        publication dates; None = the inputs named in each events file's run
        manifest (``events.manifest.json``), when they are there.
    mapping (str | Path | None): also write one line per event,
        ``{"doc_id", "index", "deal_id"}``, in input order.
    skip_bad (bool): skip invalid event lines (counted, listed in ``skipped``,
        warning W020) instead of failing.
    RETURNS (DealRun): counts and time.
    RAISES (PipelineError): E090 naming file:line of the first bad line (each bad
        line is E003, E008, E009, E032 or E093), E001/E005 for missing or
        unreadable files; before anything is read: E047/E048 when an output
        would overwrite or lie inside an input (events files, ``docs`` or the
        manifest's inputs), E094 when ``output`` and ``mapping`` are one file,
        E049 when another run is writing an output, E044 when an output cannot
        be written.
    """
    from ..running.writer import OutputLock

    started = time.perf_counter()
    events_paths = [str(p) for p in events_paths]
    docs = docs_for(events_paths, docs)
    outputs = [output] + ([mapping] if mapping is not None else [])
    locks: list[OutputLock] = []
    try:
        for lock, out in _guard_outputs(events_paths + docs, outputs).items():
            try:
                lock.parent.mkdir(parents=True, exist_ok=True)
                locks.append(OutputLock(lock, out).acquire())
            except OSError as err:
                raise PipelineError(Errors.E044.format(path=out, error=err.strerror or err)) from err
        return _link_deal_files(events_paths, output, docs, mapping, skip_bad, started)
    finally:
        for lock in reversed(locks):
            lock.release()


def _link_deal_files(events_paths: list[str], output: str | Path, docs: list[str], mapping: str | Path | None,
                     skip_bad: bool, started: float) -> DealRun:
    read = read_event_files(events_paths, skip_bad=skip_bad)
    if read.bad:
        warnings.warn(Warnings.W020.format(count=len(read.bad), first=read.bad[0]), stacklevel=3)
    wanted = {event.doc_id for event, _ in read.events}
    published, doc_errors = publication_dates(docs, wanted) if docs else ({}, [])
    run = DealRun(events=len(read.events), skipped=read.bad, duplicates=read.duplicates, output=str(output))
    if doc_errors:
        warnings.warn(Warnings.W023.format(count=len(doc_errors), first=doc_errors[0]), stacklevel=3)
    run.undated = len(wanted - set(published))
    if run.undated:
        warnings.warn(Warnings.W022.format(count=run.undated, total=len(wanted)), stacklevel=3)
    deals, links = link_events(read.events, published, stats=run.stats)
    _write_lines(output, (deal.model_dump_json() + "\n" for deal in deals))
    if mapping is not None:
        import json

        _write_lines(mapping, (json.dumps({"doc_id": e.doc_id, "index": i, "deal_id": links[(e.doc_id, i)]}) + "\n"
                               for e, i in read.events))
    run.deals = len(deals)
    run.multi = sum(1 for d in deals if len(d.documents) > 1)
    run.largest = max((len(d.events) for d in deals), default=0)
    run.seconds = time.perf_counter() - started
    return run
