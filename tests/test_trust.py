"""Issue 15: nothing a user gives is lost or can stall a run.

One test (or a few) per row of the issue's table, each building its hostile
input in ``tmp_path`` and bounded in time: a coded error or the right
behaviour, never a traceback, a silent skip or a run that hangs.
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from pactum.models import Document
from pactum.pipeline.errors import InputError, PipelineError

ROOT = Path(__file__).resolve().parents[1]
DEAL = "Acme Corp said it agreed to buy Beta Inc for 5 mln dlrs."


def pactum(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "pactum.pipeline.cli", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=timeout)


def _read(*paths):
    from pactum.pipeline.reading.reader import read_documents

    items = list(read_documents(paths))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


@contextmanager
def _lock_held_by_another_process(lock: Path):
    """A separate process holding ``lock`` as a pactum run does (flock + its pid); yields that process."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "os.write(fd, f'{os.getpid()}\\n'.encode())\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def _refused_while_another_process_holds(lock: Path, command: str, source: Path, out: Path) -> None:
    """``pactum COMMAND SOURCE -o OUT`` while another process holds ``lock``: refused, naming that
    process, and OUT is not written."""
    with _lock_held_by_another_process(lock) as holder:
        result = pactum(command, source, "-o", out)
        assert result.returncode == 1
        assert f"Error: [E049] {out}: another pactum run (pid {holder.pid}) is writing this output" in result.stderr
        assert not out.exists()


def _jsonl(path: Path, *records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


# -- 1, 6: the output is an input, or inside an input folder ------------------------------------------
def test_row1_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", {"id": "d1", "text": DEAL})
    before = source.read_bytes()
    result = pactum("extract", source, "-o", source)
    assert result.returncode == 1
    assert f"Error: [E047] {source}: the output is an input" in result.stderr
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_row1_a_sidecar_that_is_an_input_is_refused(tmp_path):
    source = _jsonl(tmp_path / "events.progress.jsonl", {"id": "d1", "text": DEAL})
    with pytest.raises(PipelineError, match=r"^\[E047\]"):
        from pactum.pipeline.api import extract_files

        extract_files([source], tmp_path / "events.jsonl")


def test_row6_output_inside_an_input_folder_is_refused(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", {"id": "d1", "text": DEAL})
    result = pactum("extract", folder, "-o", folder / "out" / "events.jsonl")
    assert result.returncode == 1
    assert "Error: [E048]" in result.stderr and f"inside the input folder {folder}" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.jsonl"]


# -- 2: one writer per output ----------------------------------------------------------------------------
def test_row2_a_second_writer_is_refused_naming_the_first(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", {"id": "d1", "text": DEAL})
    out = tmp_path / "events.jsonl"
    lock = tmp_path / "events.lock"
    _refused_while_another_process_holds(lock, "extract", source, out)


def test_row2_a_stale_lock_of_a_dead_run_is_taken_over(tmp_path, nlp):
    from pactum.pipeline.api import extract_files

    source = _jsonl(tmp_path / "in.jsonl", {"id": "d1", "text": DEAL})
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / "events.lock").write_text(dead.stdout)  # a run killed with SIGKILL leaves this
    summary = extract_files([source], tmp_path / "events.jsonl", nlp=nlp)
    assert summary.events == 1
    assert not (tmp_path / "events.lock").exists()


# -- 3: deep nesting and huge lines are one error each, never the run ------------------------------------
DEEP = '{"id": "deep", "text": "x", "z": ' + "[" * 100_000 + "]" * 100_000 + "}"


def test_row3_a_deeply_nested_line_is_one_error_and_the_rest_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", *({"id": f"a{i}", "text": DEAL} for i in range(3)))
    (folder / "b.jsonl").write_text(json.dumps({"id": "b1", "text": DEAL}) + "\n" + DEEP + "\n"
                                    + json.dumps({"id": "b3", "text": DEAL}) + "\n")
    docs, errors = _read(folder)
    assert [d.id for d in docs] == ["a0", "a1", "a2", "b1", "b3"]
    assert [(str(e).split()[0], e.line) for e in errors] == [("[E009]", 2)]
    assert f"{folder / 'b.jsonl'}:2: JSON nested deeper than" in str(errors[0])


def test_row3_a_line_over_the_size_limit_is_one_error(tmp_path, monkeypatch):
    from pactum.pipeline.reading import reader

    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + json.dumps({"id": "ok", "text": DEAL}) + "\n")
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["ok"]
    assert str(errors[0]).startswith(f"[E008] {path}:1: line of 5,")


def test_row3_evaluate_and_report_name_the_deep_line(tmp_path):
    from pactum.pipeline.api import evaluate_files
    from pactum.pipeline.reporting.report import write_report

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "d1", "events": []}) + "\n" + DEEP.replace('"id"', '"doc_id"') + "\n")
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text("")
    with pytest.raises(PipelineError, match=r"^\[E030\] .*gold.jsonl:2: JSON nested deeper"):
        evaluate_files(gold, predicted)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "d.jsonl").write_text(DEEP + "\n")
    summary = write_report(predicted, [docs], tmp_path / "report.html")
    assert [e.split()[0] for e in summary.errors] == ["[E009]"]


# -- 4, 5: unreadable folders and output paths that cannot be written ------------------------------------
def _without_root_override() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    bounding set, so that even root meets file modes (PR_CAPBSET_DROP)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _as_unprivileged(code: str, folder: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in ``folder`` as a process that file modes apply to (root without its override)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    try:
        return subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True,
                              timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              preexec_fn=_without_root_override if root else None)
    except subprocess.SubprocessError as err:  # pragma: no cover - no CAP_SETPCAP here
        pytest.skip(f"cannot drop root's override of file modes: {err}")


@pytest.fixture
def open_tmp(tmp_path):
    """tmp_path, with every folder made writable again afterwards (for pytest's clean-up)."""
    yield tmp_path
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def test_row4_unreadable_folders_are_errors_naming_them(open_tmp):
    root = open_tmp / "in"
    for name, mode in (("good", 0o755), ("no-x", 0o644), ("none", 0o000)):
        sub = root / name
        sub.mkdir(parents=True)
        sub.chmod(0o777)
        _jsonl(sub / "a.jsonl", {"id": f"{name}-1", "text": DEAL})
        sub.chmod(mode)
    locked = _jsonl(root / "good" / "locked.jsonl", {"id": "locked-1", "text": DEAL})
    locked.chmod(0o000)
    code = ("import json; from pactum.pipeline.reading.reader import read_documents\n"
            "print(json.dumps([getattr(i, 'id', None) or str(i) for i in read_documents(['in'])]))\n")
    result = _as_unprivileged(code, open_tmp)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items[0] == "good-1"
    assert items[1].startswith("[E005] in/good/locked.jsonl: cannot read file")
    assert sorted(i.split(" ", 2)[:2] for i in items[2:]) == [["[E007]", "in/no-x:"], ["[E007]", "in/none:"]]


def test_row5_output_paths_that_cannot_be_written_are_e044(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", {"id": "d1", "text": DEAL})
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("")
    for output, reason in ((tmp_path / "folder", "it is a folder"),
                           (tmp_path / "file" / "events.jsonl", "is a file, not a folder")):
        result = pactum("extract", source, "-o", output)
        assert result.returncode == 1
        assert f"Error: [E044] {output}: cannot write the output" in result.stderr and reason in result.stderr
        assert "Traceback" not in result.stderr


def test_row5_a_read_only_output_folder_is_e044(open_tmp):
    _jsonl(open_tmp / "in.jsonl", {"id": "d1", "text": DEAL})
    (open_tmp / "ro").mkdir()
    (open_tmp / "ro").chmod(0o555)
    code = ("from pactum.pipeline.api import extract_files\n"
            "from pactum.pipeline.errors import PipelineError\n"
            "try:\n    extract_files(['in.jsonl'], 'ro/events.jsonl')\n"
            "except PipelineError as err:\n    print(err)\n")
    result = _as_unprivileged(code, open_tmp)
    assert result.stdout.startswith("[E044] ro/events.jsonl: cannot write the output"), result.stderr
    assert list((open_tmp / "ro").iterdir()) == []


# -- 7: workers die with their parent ----------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_row7_workers_die_when_the_parent_is_killed(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", *({"id": f"d{i}", "text": DEAL * 20} for i in range(2000)))
    run = subprocess.Popen([sys.executable, "-m", "pactum.pipeline.cli", "extract", str(source), "-o",
                            str(tmp_path / "out.jsonl"), "--jobs", "2"], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 240
        while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.5)
            workers = _children(run.pid)
        assert len(workers) >= 2, "the run never started its workers"
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 20
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in workers if _running(pid)]
    finally:
        if run.poll() is None:
            run.kill()
        for pid in workers:  # never leave them behind, even when the test fails
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


# -- 8, 9: bounded time per document -----------------------------------------------------------------------
@pytest.mark.parametrize("char", ["<", "(", "!", '"', "$", "*", "'s"])
def test_row8_a_long_punctuation_run_around_a_deal_is_quick_and_offsets_hold(nlp, char):
    from pactum.pipeline.api import extract

    run = char * (50_000 // len(char))
    text = f"{run} {DEAL} {run}"
    started = time.perf_counter()
    [event] = extract([Document(id="p", text=text)], nlp)
    assert time.perf_counter() - started < 30
    assert "Beta Inc" in [p.name for p in event.who + event.with_whom]  # (an empty side fails, not errors)
    ev = event.evidence
    assert text[ev.start : ev.end] == ev.text and DEAL in ev.text


def test_row8_a_document_past_its_time_limit_fails_alone_and_order_is_kept(blank_nlp, monkeypatch):
    import spacy
    from spacy.language import Language

    from pactum.pipeline.running import parallel

    @Language.component("pactum_test_sleepy")
    def sleepy(doc):
        if "SLOW" in doc.text:
            time.sleep(30)
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("pactum_test_sleepy")
    monkeypatch.setattr(parallel, "TIME_BASE", 0.5)
    monkeypatch.setattr(parallel, "TIME_PER_CHAR", 0.0)
    chunk = [Document(id=name, text=f"{name.upper()}: Acme agreed to buy Beta.") for name in ("a", "slow", "c")]
    started = time.perf_counter()
    results = parallel.extract_chunk(chunk, nlp, 8)
    assert time.perf_counter() - started < 10
    assert [r.doc_id for r in results] == ["a", "slow", "c"]
    assert [r.error.split()[0] if r.error else None for r in results] == [None, "[E070]", None]
    assert "slow: extraction took longer than" in results[1].error


def test_row9_a_huge_headline_is_cut_into_parts_like_a_body(blank_nlp):
    from pactum.pipeline.extraction.extractor import MAX_CHARS, _parts

    title = (DEAL + " ") * (255_000 // (len(DEAL) + 1))
    parts = _parts(Document(id="t", title=title, text=DEAL), blank_nlp)
    titles = [p for p in parts if p.field == "title"]
    assert len(titles) >= 3 and all(len(p.original) <= MAX_CHARS for p in titles)
    assert "".join(p.original for p in titles) == title
    assert all(title[p.offset : p.offset + len(p.original)] == p.original for p in titles)


# -- 10: CSV injection; the format from the extension -------------------------------------------------------
def _event_line(**changes) -> str:
    record = {"schema_version": "1.0", "doc_id": "d1", "type": "acquisition", "status": "agreed",
              "who": [{"name": "=HYPERLINK(\"http://x\")", "aliases": [], "kind": "organization"}],
              "with_whom": [], "what": "+1+2", "when": None, "when_text": None, "amount": None,
              "amount_text": None, "price_per_share": None, "where": "@SUM(A1)",
              "evidence": {"text": "-2+3 said", "start": 0, "end": 9, "field": "text"},
              "trigger": "\tbuy", "confidence": 0.5, "extractor": "pactum 0.1.0"}
    record.update(changes)
    return json.dumps(record) + "\n"


def test_row10_csv_cells_that_start_a_formula_are_neutralized(tmp_path):
    pytest.importorskip("pyarrow")
    import csv

    events = tmp_path / "events.jsonl"
    events.write_text(_event_line())
    result = pactum("export", events, "-o", tmp_path / "events.csv")
    assert result.returncode == 0, result.stderr
    [row] = list(csv.DictReader((tmp_path / "events.csv").open(newline="")))
    assert row["who"] == "'=HYPERLINK(\"http://x\")"
    assert (row["what"], row["where"], row["evidence_text"], row["trigger"]) == ("'+1+2", "'@SUM(A1)", "'-2+3 said", "'\tbuy")
    assert row["type"] == "acquisition" and row["confidence"] == "0.5"


def test_export_infers_the_format_from_the_extension(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    events = tmp_path / "events.jsonl"
    events.write_text(_event_line(who=[{"name": "Acme", "aliases": [], "kind": "organization"}]))
    result = pactum("export", events, "-o", tmp_path / "events.parquet")
    assert result.returncode == 0, result.stderr
    assert pq.read_table(tmp_path / "events.parquet").column("who").to_pylist() == ["Acme"]  # unquoted in Parquet
    result = pactum("export", events, "-o", tmp_path / "events.xlsx")
    assert result.returncode == 1 and "Error: [E040]" in result.stderr
    result = pactum("export", events, "--format", "csv", "-o", events)
    assert result.returncode == 1 and "Error: [E047]" in result.stderr
    assert events.read_text().startswith("{")


# -- 11, 12: encodings with a byte-order mark; unique ids of .txt files ------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_row11_utf16_and_utf32_with_a_bom_are_decoded(tmp_path, encoding, recwarn):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    (tmp_path / "note.txt").write_bytes(bom + DEAL.encode(encoding))
    (tmp_path / "wire.jsonl").write_bytes(bom + (json.dumps({"id": "w1", "text": "Café " + DEAL}, ensure_ascii=False)
                                                 + "\n").encode(encoding))
    docs, errors = _read(tmp_path)
    assert errors == [] and not [w for w in recwarn if "W001" in str(w.message)]
    assert [(d.id, d.text) for d in docs] == [("note", DEAL), ("w1", "Café " + DEAL)]


def test_row12_txt_files_of_one_name_in_two_folders_keep_both(tmp_path):
    for sub in ("a", "b/c"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "report.txt").write_text(f"{sub}: {DEAL}")
    (tmp_path / "report.txt").write_text(DEAL)
    docs, errors = _read(tmp_path)
    assert errors == []
    assert [d.id for d in docs] == ["a/report", "b/c/report", "report"]


# -- 13: evaluate refuses numbers that are not finite ------------------------------------------------------
def test_row13_evaluate_rejects_infinity_and_nan(tmp_path):
    from pactum.pipeline.api import evaluate_files

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "d1", "events": [{"type": "acquisition", "status": "agreed", '
                    '"amount": {"value": Infinity, "currency": "USD"}}]}\n')
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text(_event_line().replace('"confidence": 0.5', '"confidence": NaN'))
    with pytest.raises(PipelineError, match=r"^\[E030\] .*gold.jsonl:1: not a finite number \(Infinity\)"):
        evaluate_files(gold, predicted)
    gold.write_text('{"doc_id": "d1", "events": []}\n')
    with pytest.raises(PipelineError, match=r"^\[E031\] .*pred.jsonl:1: not a finite number \(NaN\)"):
        evaluate_files(gold, predicted)
    predicted.write_text(_event_line().replace('"confidence": 0.5', '"confidence": 1e999'))
    with pytest.raises(PipelineError, match=r"^\[E031\] .*not a finite number \(1e999\)"):
        evaluate_files(gold, predicted)


# -- evidence after ticker markup ---------------------------------------------------------------------------
def test_evidence_keeps_the_bracket_of_a_name_that_starts_the_sentence(nlp):
    from pactum.pipeline.api import extract

    text = "<Pellham Corp> said it sold its Arden Plastics Inc unit to <Helvag AG> for 54 mln dlrs."
    [event] = extract([Document(id="p", text=text)], nlp)
    assert event.evidence.text == text and event.evidence.start == 0


# -- install layers ------------------------------------------------------------------------------------------
def test_neural_without_its_extra_is_one_coded_error_before_any_document(tmp_path, monkeypatch):
    from pactum.pipeline.extraction import classifier
    from pactum.pipeline.api import extract_files

    monkeypatch.setattr(classifier, "encoder_available", lambda: False)
    source = _jsonl(tmp_path / "in.jsonl", {"id": "d1", "text": DEAL})
    with pytest.raises(PipelineError, match=r"^\[E045\] --neural needs .*pactum\[neural\]"):
        extract_files([source], tmp_path / "events.jsonl", neural=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# -- 14: `pactum deals` reads, locks and guards its outputs as extract does ----------------------------------
ACME = {"name": "Acme Corp", "aliases": [], "kind": "organization"}
BETA = {"name": "Beta Inc", "aliases": [], "kind": "organization"}


def _events_file(path: Path, *lines: str) -> Path:
    """An events file: two good events of one deal around the given raw lines."""
    good = [_event_line(doc_id=d, who=[ACME], with_whom=[BETA], what="Beta Inc", trigger="buy") for d in ("d1", "d2")]
    path.write_text(good[0] + "".join(lines) + good[1])
    return path


@pytest.mark.filterwarnings(r"ignore:\[W022\]")
def test_row14_deals_reads_events_under_the_bounds_and_names_each_bad_line(tmp_path, monkeypatch):
    from pactum.pipeline.deals import link_deal_files
    from pactum.pipeline.reading import reader

    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 1000)
    long_event = _event_line(doc_id="long", who=[ACME], evidence={"text": "x" * 5000, "start": 0, "end": 5000})
    deep = '{"doc_id": "deep", "who": ' + "[" * 100 + "]" * 100 + "}\n"  # under the size limit
    path = _events_file(tmp_path / "events.jsonl", long_event, "{not json\n", deep,
                        _event_line(doc_id="d3", type="merger"), _event_line(doc_id="d4", confidence=1e999))
    out = tmp_path / "deals.jsonl"
    with pytest.raises(PipelineError) as err:
        link_deal_files([path], out)
    assert str(err.value).startswith(f"[E090] 5 line(s) of the events files are not valid events; "
                                     f"first: [E008] {path}:2: line of 5,")
    assert not out.exists() and not (tmp_path / "deals.lock").exists()
    with pytest.warns(UserWarning, match=r"\[W020\] 5 bad line"):
        run = link_deal_files([path], out, skip_bad=True)
    assert [s.split(":", 1)[0] for s in run.skipped] == [f"[E008] {path}", f"[E003] {path}", f"[E009] {path}",
                                                          f"[E093] {path}", f"[E032] {path}"]
    assert [s.split(": ", 2)[0].rsplit(":", 1)[1] for s in run.skipped] == ["2", "3", "4", "5", "6"]
    assert run.skipped[3].endswith("not a valid event (type: Input should be 'agreement', 'acquisition', "
                                   "'investment' or 'funding').")
    assert (run.events, run.deals) == (2, 1)


def test_row14_deals_never_holds_an_over_long_line_in_memory(tmp_path, monkeypatch):
    import tracemalloc

    from pactum.pipeline.deals.io import read_event_files
    from pactum.pipeline.reading import reader

    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 10_000)
    huge = _event_line(doc_id="huge", evidence={"text": "x" * 5_000_000, "start": 0, "end": 5_000_000})
    path = _events_file(tmp_path / "events.jsonl", huge)
    size = len(huge)
    del huge
    tracemalloc.start()
    try:
        read = read_event_files([path], skip_bad=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.doc_id for e, _ in read.events] == ["d1", "d2"]
    assert read.bad == [f"[E008] {path}:2: line of {size:,} bytes is longer than the limit of 10,000; skipped."]
    assert peak < 1_000_000, f"{peak:,} bytes traced while reading a 5 MB line"


def test_row14_deals_skip_bad_lists_every_skipped_line(tmp_path):
    path = _events_file(tmp_path / "events.jsonl", "{not json\n", _event_line(doc_id="d3", evidence=None))
    result = pactum("deals", path, "-o", tmp_path / "deals.jsonl", "--skip-bad")
    assert result.returncode == 0, result.stderr
    assert f"skipped: [E003] {path}:2: not valid JSON (Expecting property name" in result.stderr
    assert f"skipped: [E093] {path}:3: not a valid event (evidence: " in result.stderr
    assert "2 events -> 1 deals (1 with 2+ articles, largest 2 events), 2 bad line(s) skipped" in result.stderr
    assert len((tmp_path / "deals.jsonl").read_text().splitlines()) == 1


def test_row14_deals_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path):
    events = _events_file(tmp_path / "events.jsonl")
    docs = tmp_path / "articles"
    docs.mkdir()
    corpus = _jsonl(docs / "a.jsonl", {"id": "d1", "text": DEAL, "published": "1987-03-02"})
    before = events.read_bytes(), corpus.read_bytes()
    for args, code, named in (
        (["-o", events], "E047", f"{events}: the output is an input ({events})"),
        (["-o", tmp_path / "deals.jsonl", "--mapping", events], "E047", f"{events}: the output is an input"),
        (["--docs", docs, "-o", docs / "deals.jsonl"], "E048", f"inside the input folder {docs}"),
        (["-o", tmp_path / "deals.jsonl", "--mapping", tmp_path / "deals.jsonl"], "E094", "are the same file"),
    ):
        result = pactum("deals", events, *args)
        assert result.returncode == 1 and f"Error: [{code}]" in result.stderr and named in result.stderr, args
    # without --docs the articles named in the events' run manifest are inputs too
    (tmp_path / "events.manifest.json").write_text(json.dumps({"inputs": [str(corpus)], "output": str(events)}))
    result = pactum("deals", events, "-o", corpus)
    assert result.returncode == 1 and f"Error: [E047] {corpus}: the output is an input" in result.stderr
    assert (events.read_bytes(), corpus.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "events.jsonl", "events.manifest.json"]
    assert sorted(p.name for p in docs.iterdir()) == ["a.jsonl"]


def test_row14_a_second_deals_run_on_one_output_is_refused_naming_the_first(tmp_path):
    events = _events_file(tmp_path / "events.jsonl")
    out = tmp_path / "deals.jsonl"
    lock = tmp_path / "deals.lock"
    _refused_while_another_process_holds(lock, "deals", events, out)
    result = pactum("deals", events, "-o", out)  # the lock of a run that is gone is taken over, then removed
    assert result.returncode == 0, result.stderr
    assert out.exists() and not lock.exists()


@pytest.mark.filterwarnings(r"ignore:\[W022\]")
def test_row14_deals_reports_bad_article_lines_it_reads_for_dates(tmp_path):
    import gzip

    from pactum.pipeline.deals import link_deal_files

    events = _events_file(tmp_path / "events.jsonl")
    docs = tmp_path / "articles.jsonl"
    docs.write_text(json.dumps({"id": "d1", "published": "1987-03-02", "text": "x"}) + "\n{not json\n"
                    + DEEP + "\n" + json.dumps({"id": "d2", "published": "1987-03-09", "text": "x"}) + "\n")
    with pytest.warns(UserWarning, match=rf"\[W023\] 2 problem\(s\) .*; first: \[E003\] {docs}:2: not valid JSON"):
        run = link_deal_files([events], tmp_path / "deals.jsonl", docs=[docs])
    assert run.undated == 0
    whole = gzip.compress("".join(json.dumps({"id": f"a{i}", "published": "1987-03-02", "text": f"{i} " * 50}) + "\n"
                                  for i in range(2000)).encode())
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    with pytest.warns(UserWarning, match=rf"\[W023\] .*first: \[E005\] {truncated}: cannot read file"):
        link_deal_files([events], tmp_path / "deals.jsonl", docs=[truncated])
