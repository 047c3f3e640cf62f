"""The ``pactum`` command line: each command parses options, calls one API function,
and turns :class:`PipelineError` into a clean ``Error: ...`` message."""

from __future__ import annotations

import json
import signal
import sys
import warnings

import click

from . import __version__
from .errors import PipelineError


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    click.echo(f"warning: {message}", err=True)


@click.group()
@click.version_option(__version__, prog_name="pactum")
def cli() -> None:
    """pactum: who agreed what with whom, when, and for how much.

    Reads news articles and writes one JSON line per agreement, acquisition,
    investment or funding event.
    """
    warnings.showwarning = _show_warning


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="-", show_default=True, help="JSONL file to write, or - for stdout.")
@click.option("--published", help="Publication date for inputs that carry none (2024-04-08, 2024-04, 2024).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (Ray actors). [default: the number of cores]")
@click.option("--resume", is_flag=True,
              help="Continue the interrupted run recorded beside --output (OUT.manifest.json).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run on this machine's processes, or on Ray.")
@click.option("--ray-address", metavar="ADDR",
              help="Ray cluster to run on (--engine ray); without it a local Ray is started.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar. [default: when stderr is a terminal]")
@click.option("--neural/--no-neural", default=False, show_default=True,
              help="Add the MiniLM sentence classifier stage (needs the 'neural' extra).")
@click.option("--rules-only", is_flag=True, default=False,
              help="Leave out the trained stage (events_decide): the hand-written rules alone.")
@click.option("--learned-decisions", is_flag=True, default=False,
              help="Also let the trained status model re-status events where it beats the rules' "
                   "status by the margin chosen in training (the shipped bundle's is 'never': see "
                   "docs/learned.md). The type model is on by default.")
@click.option("--parse-all", is_flag=True, default=False,
              help="Parse every sentence of an article with a trigger word, not only the sentences "
                   "that may hold a deal and their context (slower; see docs/throughput.md).")
def extract(inputs: tuple[str, ...], output: str, published: str | None, jobs: int | None, resume: bool,
            engine: str, ray_address: str | None, progress: bool | None, neural: bool, rules_only: bool,
            learned_decisions: bool, parse_all: bool) -> None:
    """Extract events from INPUTS into JSON Lines.

    INPUTS are any mix of files and folders: .txt (id = file stem), .html, and
    JSON Lines (.jsonl, optionally .gz) with id, text and optional title and
    published. Bad files and lines are reported with their file and line; the
    run goes on, and the exit status is 1 if any input failed. Records come
    out in input order whatever --jobs is. An output file gets a run manifest
    beside it (events.manifest.json: documents read, succeeded, failed with
    reasons); an interrupted run continues with --resume.

    Example:

        pactum extract corpus/articles -o outputs/events.jsonl --jobs 2
    """
    from .api import extract_files
    from .running.parallel import one_thread_per_process

    one_thread_per_process()  # this process is ours: one core's work, like each worker

    def stop(signum, frame):  # `kill` stops a run as cleanly as Ctrl-C: workers ended, manifest written
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        previous = None
    try:
        summary = extract_files(inputs, output, published=published, jobs=jobs, resume=resume,
                                progress=progress, engine=engine, ray_address=ray_address, neural=neural,
                                learned=not rules_only,
                                decisions=("confidence", "rescue", "type", "status", "event", "roles", "what")
                                if learned_decisions else None,
                                parse_all=parse_all)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    except KeyboardInterrupt:
        hint = " continue with --resume." if output != "-" else ""
        click.echo(f"interrupted;{hint}", err=True)
        sys.exit(130)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List every false positive and negative with its evidence.")
def evaluate(gold: str, predicted: str, as_json: bool, show_errors: bool) -> None:
    """Score PREDICTED events against GOLD labels (the rules of docs/format.md).

    Prints precision, recall and F1 for event, party, amount, when, what,
    type, status and slots.

    Example:

        pactum evaluate corpus/gold.jsonl outputs/events.jsonl --errors
    """
    from .api import evaluate_files
    from .evaluation.scoring_report import render_errors, render_table

    try:
        report = evaluate_files(gold, predicted)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        click.echo(render_table(report))
    if show_errors:
        click.echo(render_errors(report))


@cli.command()
@click.option("--deal", is_flag=True, help="Print the schema of a deal record (`pactum deals`) instead.")
def schema(deal: bool) -> None:
    """Print the JSON Schema of an event record.

    Example:

        pactum schema > event.schema.json
    """
    from .api import deal_schema, event_schema

    click.echo(json.dumps(deal_schema() if deal else event_schema(), indent=2))



@cli.command()
@click.argument("events", type=click.Path(exists=True, dir_okay=False))
@click.option("--docs", "docs", multiple=True, type=click.Path(),
              help="The articles the events came from (file or folder; repeat for more), to show whole texts.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--deals", "deals_file", type=click.Path(exists=True, dir_okay=False),
              help="A deals file of these events (`pactum deals`): adds a deals view with each deal's timeline.")
def report(events: str, docs: tuple[str, ...], output: str, deals_file: str | None) -> None:
    """Write a self-contained HTML report of EVENTS.

    The page has a sortable, filterable table of the events, counts by type
    and status, a timeline by date, and each article with its evidence
    sentence and arguments highlighted. Without --docs it shows the evidence
    sentences only. It needs no network to view.

    Example:

        pactum report outputs/events.jsonl --docs corpus/articles -o outputs/report.html
    """
    from .reporting.report import write_report

    try:
        summary = write_report(events, docs, output, deals_path=deals_file)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    for error in summary.errors:
        click.echo(f"warning: {error}", err=True)
    click.echo(summary.line(), err=True)


@cli.command()
@click.argument("events", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"], case_sensitive=False), default=None,
              help="Table format. [default: from the extension of -o: .csv, .parquet]")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--deals", "is_deals", is_flag=True,
              help="EVENTS is a deals file (`pactum deals`): write one row per deal.")
def export(events: str, fmt: str | None, output: str, is_deals: bool) -> None:
    """Export EVENTS as a flat table: one row per event, parties joined with "; ".

    Loads straight into pandas, DuckDB or a spreadsheet. With --deals, the
    input is a deals file and the table has one row per deal.

    Example:

        pactum export outputs/events.jsonl -o outputs/events.parquet
    """
    from .reporting.export import export_deals, export_events

    try:
        rows = (export_deals if is_deals else export_events)(events, fmt, output)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{rows} rows -> {output}", err=True)


@cli.command()
@click.argument("events", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default="-", show_default=True, help="Deals JSONL file to write, or - for stdout.")
@click.option("--docs", "docs", multiple=True, type=click.Path(),
              help="The articles the events came from (file or folder; repeat for more), for their publication "
                   "dates. [default: the inputs named in EVENTS' run manifest]")
@click.option("--mapping", type=click.Path(dir_okay=False),
              help="Also write one line per event: doc_id, index (among its article's events) and deal_id.")
@click.option("--skip-bad", is_flag=True, help="Skip invalid event lines (each listed, and counted) instead of failing.")
def deals(events: tuple[str, ...], output: str, docs: tuple[str, ...], mapping: str | None, skip_bad: bool) -> None:
    """Link the EVENTS of many articles into deals: one JSON line per deal.

    Events of different articles are one deal when they name the same parties
    (by name key and alias, roles pooled) in compatible types within 180 days;
    each deal has a stable deal_id, parties by role, the best amount, the
    latest status and its history in time order. EVENTS are read under the
    bounds extract reads with; each bad line (not JSON, not an event, over
    64 MB) is a coded error with its file:line. Bad lines stop the run once
    all are counted, or with --skip-bad are skipped and each listed. As with
    extract, an output that is an input (or lies in an input folder) is
    refused, and so is a second run writing the same output (OUT.lock).

    Example:

        pactum deals outputs/events.jsonl --docs corpus/articles -o outputs/deals.jsonl --mapping outputs/deal-map.jsonl
    """
    from .deals import link_deal_files  # not through .api: linking needs no spaCy

    try:
        run = link_deal_files(events, output, docs=docs or None, mapping=mapping, skip_bad=skip_bad)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    for skipped in run.skipped:
        click.echo(f"skipped: {skipped}", err=True)
    click.echo(run.line(), err=True)


@cli.command("evaluate-deals")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("deals_file", metavar="DEALS", type=click.Path(exists=True, dir_okay=False))
@click.option("--main-only", is_flag=True, help="Leave out articles that mention a labelled deal only in passing.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_deals(gold: str, deals_file: str, main_only: bool, as_json: bool) -> None:
    """Score DEALS (from `pactum deals`) against labelled deals in GOLD.

    Prints pairwise precision, recall and F1 of article-to-article links (two
    articles are linked when they share a deal) and B-cubed, on the labelled
    articles.

    Example:

        pactum evaluate-deals ../shared/gold/deals_dev.jsonl outputs/deals.jsonl
    """
    from .deals.evaluate import evaluate_deal_files

    try:
        scores = evaluate_deal_files(gold, deals_file, main_only=main_only)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(scores.to_json(), indent=2) if as_json else scores.table())


def skip_unused_torch(argv: list[str]) -> bool:
    """Mark torch absent for a command that does not use it, before spaCy is imported.

    spaCy's thinc imports torch whenever it is installed (the ``neural``
    extra and ``make test`` install it): about a second of every command's
    start-up here, for nothing unless ``--neural`` runs the MiniLM stage.
    Only the ``pactum`` command does this, for its own process; the Python
    API and ``--neural`` runs import torch as usual.

    argv (list[str]): the command's arguments.
    RETURNS (bool): whether torch was marked absent.
    """
    if "--neural" in argv or "torch" in sys.modules:
        return False
    sys.modules["torch"] = None  # `import torch` now raises ImportError, which thinc takes for "not installed"
    return True


def main() -> None:
    """The ``pactum`` command (console script)."""
    skip_unused_torch(sys.argv[1:])
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
