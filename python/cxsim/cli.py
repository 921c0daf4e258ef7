"""The ``cxsim`` command: run, summary, validate, schema."""

from __future__ import annotations

import json
import math
import signal
import sys
from pathlib import Path

import click

from .errors import CorruptFileError, ScenarioError

EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A user mistake: one line on stderr, exit status 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"error: {self.format_message()}", err=True)


def _scenario(path: str, overrides: tuple[str, ...]):
    from .errors import ScenarioError
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
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{results.attrs.get('scenario_name', '')}: "
                        f"{results.attrs.get('replications')} replications, mean and 95% CI")
    for col in ("metric", "mean", "95% CI", "units"):
        table.add_column(col, justify="left" if col in ("metric", "units") else "right")
    for metric, mean, low, high, _, _, units in results.summary_rows():
        ci = "" if math.isnan(low) else f"{_fmt(low)} – {_fmt(high)}"
        table.add_row(metric, _fmt(mean), ci, units)
    Console().print(table)
    for title, rows in (("per call type, after the warm-up, mean over replications", results.call_type_summary()),
                        ("per customer segment, whole horizon, mean over replications", results.segment_summary())):
        if rows is None:
            continue
        table = Table(title=title)
        table.add_column("KPI" if "call type" in title else "total")
        for name in rows.index:
            table.add_column(str(name), justify="right")
        for total, column in rows.items():
            table.add_row(str(total), *(_fmt(v) for v in column))
        Console().print(table)


def _warn_few(replications: int) -> None:
    """Intervals from a handful of replications are too wide (or too narrow by chance) to trust."""
    if replications < 5:
        click.echo(f"warning: {replications} replications: the 95% intervals mean little below 5", err=True)


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "–"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


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

    if quiet or not sys.stderr.isatty():
        results = api.run(sc, replications, seed, threads, out, call_log, overwrite,
                          customer_summary=customer_summary)
    else:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        total = replications * sc.values["simulation.horizon_days"]
        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed}/{task.total} replication-days"),
                      TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(sc.name, total=total)
            results = api.run(sc, replications, seed, threads, out, call_log, overwrite,
                              progress=lambda done, total: bar.update(task, completed=done, total=total),
                              customer_summary=customer_summary)
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
def compare(scenarios, overrides, replications, seed, threads, output, overwrite, as_json, metrics) -> None:
    """Run SCENARIOS with common random numbers; print each KPI's mean per scenario and the
    paired difference from the first with its 95% confidence interval."""
    from . import _core
    from .compare import compare as run_comparison
    from .errors import ScenarioError
    from .scenario import parse_override

    if len(scenarios) < 2:
        raise BadInput("compare needs at least two scenarios")
    known = [name for name, _, _ in _core.metrics()]
    shown = [m.strip() for m in metrics.split(",") if m.strip()] or known
    unknown = [m for m in shown if m not in known]
    if unknown:  # before any run: a typo must not cost the whole comparison
        raise BadInput(f"--metrics: unknown KPI {unknown[0]!r}; see docs/results.md")
    out = _output(output, overwrite)
    try:
        parsed = dict(parse_override(o) for o in overrides)
        for path in scenarios:  # validate every file before running any
            _scenario(path, overrides)
        result = run_comparison(list(scenarios), replications, seed, threads, parsed, out, overwrite)
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    if out is not None:
        click.echo(f"wrote {out}", err=True)
    _warn_few(replications)
    if as_json:
        click.echo(json.dumps(result.to_json(shown if metrics else None), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    names = result.names
    table = Table(title=f"{replications} replications, seed {seed}: mean, and paired difference from "
                        f"{names[0]} with 95% CI")
    table.add_column("metric")
    for name in names:
        table.add_column(name, justify="right")
    for name in names[1:]:
        table.add_column(f"{name} − {names[0]}", justify="right")
    for m in shown:
        table.add_row(*_comparison_row(result.dataset, names, str(m), metric=m))
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    seg = result.segments
    if seg is not None:
        table = Table(title="per customer segment, whole horizon: mean, and paired difference with 95% CI")
        table.add_column("segment: total")
        for name in names:
            table.add_column(name, justify="right")
        for name in names[1:]:
            table.add_column(f"{name} − {names[0]}", justify="right")
        for s in seg["segment"].values:
            for total in ("churned", "churn_rate", "value_monthly_churned"):
                table.add_row(*_comparison_row(seg, names, f"{s}: {total}", segment=s, total=total))
        console.print(table)


def _comparison_row(ds, names: list[str], label: str, **at) -> list[str]:
    """A label, each scenario's mean, then each paired difference from the first with its CI."""
    import numpy as np

    row = [label] + [_fmt(ds["mean"].sel(scenario=n, **at).item()) for n in names]
    for n in names[1:]:
        d = ds.sel(scenario=n, **at)
        ci = "" if np.isnan(d["diff_ci95_low"].item()) else \
            f" [{_fmt(d['diff_ci95_low'].item())}, {_fmt(d['diff_ci95_high'].item())}]"
        row.append(_fmt(d["diff"].item()) + ci)
    return row


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def summary(results_file, as_json) -> None:
    """Print the replication summary of a results file."""
    from .results import open_results

    path = Path(results_file)
    if not path.is_file():
        raise BadInput(f"{path}: no such results file")
    try:
        results = open_results(path)
    except CorruptFileError as e:
        raise BadInput(str(e)) from None
    except (OSError, KeyError, ValueError) as e:
        raise BadInput(f"{path}: not a cxsim results file ({e.__class__.__name__}: {e})") from None
    _print_summary(results, as_json)


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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as an interrupt so that a run is cancelled as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """Entry point: exit 0 on success, 2 on bad input, 1 on anything else, 130 on Ctrl-C
    (143 on SIGTERM)."""
    signal.signal(signal.SIGTERM, _terminate)
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
