"""The ``cxsim`` command: run, compare, summary, validate, schema (and the commands of the cli_* modules)."""

from __future__ import annotations

import json
import signal
import sys
import warnings
from pathlib import Path

import click

from .errors import CorruptFileError, ScenarioError, ScenarioWarning

EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A user mistake: one line on stderr, exit status 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"error: {self.format_message()}", err=True)


def _scenario(path: str, overrides: tuple[str, ...]):
    from .scenario import Scenario, parse_override

    try:
        scenario = Scenario.load(path)
        if overrides:
            scenario = scenario.with_overrides(dict(parse_override(o) for o in overrides))
        for warning in scenario.warnings:
            click.echo(f"warning: {warning}", err=True)
        return scenario
    except ScenarioError as e:
        raise BadInput(str(e)) from None


def _output(output: str | None, overwrite: bool) -> Path | None:
    from .api import output_path

    try:
        return output_path(output, overwrite)
    except (FileExistsError, FileNotFoundError) as e:
        raise BadInput(str(e).replace("overwrite=True (--overwrite)", "--overwrite")) from None


def _print_summary(results, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(results.summary_json(), indent=2))
        return
    from ._tables import print_summary

    print_summary(results)


def _progress(label: str, total: int | None, unit: str = "replication-days"):
    """A progress bar on stderr, updated by the callback it yields as ``progress(done, total)``."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn

    class Rate(ProgressColumn):
        def render(self, task):
            return f"{task.speed:.3g}/s" if task.speed else ""

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total} " + unit),
                   Rate(), TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task(label, total=total)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


def _with_progress(quiet: bool, label: str, total: int, work):
    """``work(progress)`` with a progress bar on a terminal (``work(None)`` when `quiet` or piped)."""
    if quiet or not sys.stderr.isatty():
        return work(None)
    bar, progress = _progress(label, total)
    with bar:
        return work(progress)


def _warn_few(replications: int) -> None:
    """Intervals from a handful of replications are too wide (or too narrow by chance) to trust."""
    from ._words import MIN_RUNS

    if replications < MIN_RUNS:
        click.echo(f"warning: {replications} replications: the 95% intervals mean little below {MIN_RUNS}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cxsim")
def cli() -> None:
    """cxsim: contact-centre simulation from TOML scenarios to HDF5 results."""


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a scenario key (repeatable), e.g. --set agents.count=50.")
@click.option("-r", "--replications", default=10, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0, 2**64 - 1),
              help="Root seed of the random streams.")
@click.option("-j", "--threads", default=0, show_default=True, type=click.IntRange(min=0),
              help="Worker threads (0: all cores); results do not depend on it.")
@click.option("--call-log", is_flag=True, help="Record every call attempt in the file.")
@click.option("--customer-summary", is_flag=True, help="Record every customer at the end of each replication.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="HDF5 file to write.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, and no summary unless --json asks for it.")
def run(scenario, overrides, replications, seed, threads, call_log, customer_summary, output, overwrite, as_json,
        quiet) -> None:
    """Simulate SCENARIO and write the results to OUTPUT."""
    from . import api

    sc = _scenario(scenario, overrides)
    out = _output(output, overwrite)

    results = _with_progress(quiet, sc.name, replications * sc.values["simulation.horizon_days"],
                             lambda progress: api.run(sc, replications, seed, threads, out, call_log, overwrite,
                                                      progress=progress, customer_summary=customer_summary))
    click.echo(f"wrote {out} ({results.attrs['wall_time_s']:.2f} s)", err=True)
    _warn_few(replications)
    if as_json or not quiet:  # -q silences the progress and the table, never requested output
        _print_summary(results, as_json)


@cli.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a key in every scenario (repeatable).")
@click.option("-r", "--replications", default=10, show_default=True, type=click.IntRange(2, 100_000))
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0, 2**64 - 1))
@click.option("-j", "--threads", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="HDF5 file for the comparison.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the differences as JSON.")
@click.option("--metrics", default="", metavar="A,B,...", help="Show only these KPIs, in this order.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def compare(scenarios, overrides, replications, seed, threads, output, overwrite, as_json, metrics, quiet) -> None:
    """Run SCENARIOS with common random numbers; print each KPI's mean per scenario and the
    paired difference from the first with its 95% confidence interval."""
    from . import _core
    from .compare import compare as run_comparison
    from .scenario import parse_override

    if len(scenarios) < 2:
        raise BadInput("compare needs at least two scenarios")
    shown = _metrics(metrics, [name for name, *_ in _core.metrics()])  # before any run: a typo costs nothing
    out = _output(output, overwrite)
    try:
        parsed = dict(parse_override(o) for o in overrides)
        loaded = [_scenario(path, overrides) for path in scenarios]  # every file checked before any run
        days = sum(sc.values["simulation.horizon_days"] for sc in loaded)
        result = _with_progress(quiet, f"{len(scenarios)} scenarios", replications * days,
                                lambda progress: run_comparison(list(scenarios), replications, seed, threads, parsed,
                                                                out, overwrite, progress))
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    if out is not None:
        click.echo(f"wrote {out}", err=True)
    _warn_few(replications)
    _print_differences(result, shown, metrics, as_json)


def _metrics(asked: str, known) -> list[str]:
    """The KPIs --metrics names (all of `known` if none), checked."""
    known = [str(m) for m in known]
    shown = [m.strip() for m in asked.split(",") if m.strip()] or known
    unknown = [m for m in shown if m not in known]
    if unknown:
        raise BadInput(f"--metrics: unknown KPI {unknown[0]!r}; see docs/results.md")
    return shown


def _print_differences(result, shown: list[str], asked: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_json(shown if asked else None), indent=2))
        return
    from ._tables import print_comparison

    print_comparison(result, shown)


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--metrics", default="", metavar="A,B,...",
              help="For a comparison or an explanation: only these KPIs, in this order.")
def summary(results_file, as_json, metrics) -> None:
    """Print the replication summary of a run file, the differences in a comparison file, the
    contributions by channel in an explanation file, or each outcome under each policy in an
    experiment file."""
    kind, opened = open_results_file(results_file)
    if kind == "run":
        _print_summary(opened, as_json)
    elif kind == "comparison":
        _print_differences(opened, _metrics(metrics, opened.dataset["metric"].values), metrics, as_json)
    elif kind == "explanation":
        from .cli_explain import print_explanation

        print_explanation(opened, metrics, as_json)
    else:
        from .cli_experiments import print_experiment

        print_experiment(opened, results_file, as_json)


def open_results_file(results_file: str):
    """``(kind, object)`` as :func:`cxsim.files.open_any` gives it, or one line of what is wrong
    with the file."""
    from .files import open_any

    path = Path(results_file)
    if not path.is_file():
        raise BadInput(f"{path}: no such results file")
    try:
        return open_any(path)
    except CorruptFileError as e:
        raise BadInput(str(e)) from None
    except (OSError, KeyError, ValueError) as e:
        raise BadInput(f"{path}: not a cxsim results file ({e.__class__.__name__}: {e})") from None


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override a scenario key.")
def validate(scenario, overrides) -> None:
    """Check SCENARIO without running it."""
    from . import _core

    sc = _scenario(scenario, overrides)
    _core.engine_spec(sc.engine_spec())
    click.echo(f"{scenario}: ok ({sc.name})")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the scenario reference (docs/scenarios.md).")
def schema(markdown) -> None:
    """Print every scenario key with its type, unit, default and allowed range."""
    from .schema import PARAMS
    from .schema import markdown as to_markdown

    if markdown:
        click.echo(to_markdown(), nl=False)
        return
    for p in PARAMS:
        click.echo(f"{p.key} ({p.kind}{', ' + p.unit if p.unit else ''}): default {p.default!r}; {p.allowed()}")


from . import (  # noqa: E402, F401 - register their commands
    cli_calibration,
    cli_experiments,
    cli_explain,
    cli_export,
    cli_plot,
    cli_report,
)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as an interrupt so that a run is cancelled as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """Entry point: exit 0 on success, 2 on bad input, 1 on anything else, 130 on Ctrl-C
    (143 on SIGTERM)."""
    signal.signal(signal.SIGTERM, _terminate)
    warnings.filterwarnings("ignore", category=ScenarioWarning)  # printed as one line each when read
    try:
        cli.main(standalone_mode=False, prog_name="cxsim")
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.UsageError as e:  # one line, not click's usage block
        where = f"cxsim {e.ctx.info_name}" if e.ctx and e.ctx.info_name != "cxsim" else "cxsim"
        click.echo(f"error: {where}: {e.format_message()} (see '{where} --help')", err=True)
        sys.exit(2)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except ScenarioError as e:  # found while running (an overloaded centre): still the user's input
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    except OSError as e:  # the machine's, not the input's: a full disk, a file that cannot be written
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except (click.exceptions.Abort, KeyboardInterrupt) as e:  # click turns Ctrl-C into Abort
        if isinstance(e, Terminated) or isinstance(e.__cause__, Terminated):
            click.echo("terminated: no output written", err=True)
            sys.exit(128 + signal.SIGTERM)
        click.echo("interrupted: no output written", err=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the last line of defence prints one line
        click.echo(f"error: {e.__class__.__name__}: {e}", err=True)
        sys.exit(1)
