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
              help="Also let the trained models retype and re-status events "
                   "(better on train cross-validation, worse on validation: see docs/learned.md).")
def extract(inputs: tuple[str, ...], output: str, published: str | None, jobs: int | None, resume: bool,
            engine: str, ray_address: str | None, progress: bool | None, neural: bool, rules_only: bool,
            learned_decisions: bool) -> None:
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
                                decisions=("confidence", "rescue", "type", "status", "event") if learned_decisions else None)
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
def schema() -> None:
    """Print the JSON Schema of an event record.

    Example:

        pactum schema > event.schema.json
    """
    from .api import event_schema

    click.echo(json.dumps(event_schema(), indent=2))



@cli.command()
@click.argument("events", type=click.Path(exists=True, dir_okay=False))
@click.option("--docs", "docs", multiple=True, type=click.Path(),
              help="The articles the events came from (file or folder; repeat for more), to show whole texts.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
def report(events: str, docs: tuple[str, ...], output: str) -> None:
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
        summary = write_report(events, docs, output)
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
def export(events: str, fmt: str | None, output: str) -> None:
    """Export EVENTS as a flat table: one row per event, parties joined with "; ".

    Loads straight into pandas, DuckDB or a spreadsheet.

    Example:

        pactum export outputs/events.jsonl -o outputs/events.parquet
    """
    from .reporting.export import export_events

    try:
        rows = export_events(events, fmt, output)
    except PipelineError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{rows} rows -> {output}", err=True)


if __name__ == "__main__":  # pragma: no cover
    cli()
