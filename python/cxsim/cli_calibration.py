"""The command line's calibration commands: calibrate, backtest (registered on
:data:`cxsim.cli.cli` when that module is imported)."""

from __future__ import annotations

import json

import click

from .cli import BadInput, _output, _scenario, cli
from .cli_experiments import _figure_path
from .errors import ScenarioError


def _log_options(command):
    """The call log's format and, for the generic one, its column and outcome mappings."""
    from .calllog import FORMATS

    for option in reversed((
            click.option("--format", "log_format", default="anonymous_bank", show_default=True,
                         type=click.Choice(FORMATS), help="The call log's format (docs/calibration.md)."),
            click.option("--column", "columns", multiple=True, metavar="OURS=THEIRS",
                         help="generic format: the file's name of a call-log column (repeatable)."),
            click.option("--outcome", "outcomes", multiple=True, metavar="THEIRS=OURS",
                         help="generic format: an outcome value of the file as served, abandoned or contained "
                              "(repeatable)."))):
        command = option(command)
    return command


def _pairs(items: tuple[str, ...], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise BadInput(f"{option}: {item!r} is not NAME=VALUE")
        out[key] = value
    return out


def _read_log(log, log_format, columns, outcomes):
    from .calllog import read

    try:
        return read(log, log_format, _pairs(columns, "--column"), _pairs(outcomes, "--outcome"))
    except ScenarioError as e:
        raise BadInput(str(e)) from None


@cli.command()
@click.argument("log", type=click.Path(dir_okay=False))
@_log_options
@click.option("--train", required=True, metavar="START:END", help="Training window: dates YYYY-MM-DD, inclusive.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Scenario file to write (.toml).")
@click.option("--slot-minutes", default=60, show_default=True, type=click.IntRange(min=1),
              help="Length of the slots the day is cut into.")
@click.option("--patience", default="auto", show_default=True,
              type=click.Choice(("auto", "survival", "exponential", "lognormal")),
              help="Patience model (auto: a parametric fit close to Kaplan–Meier, else the curve).")
@click.option("--handle-time", default="auto", show_default=True, type=click.Choice(("auto", "lognormal", "empirical")),
              help="Handle-time model per call type (auto: lognormal unless a KS test rejects it).")
@click.option("--redials", default="count", show_default=True, type=click.Choice(("count", "model")),
              help="Keep redials in the arrivals (count) or take them out and let the model generate them from its "
                   "abandonment (model).")
@click.option("--redial-window-hours", default=24.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="A caller's next call within this time of abandoning is a redial.")
@click.option("--roster", type=click.Path(dir_okay=False),
              help="CSV of agents on the phone (weekday,start,agents) instead of estimating them from the log.")
@click.option("--threshold", default=20.0, show_default=True, type=click.FloatRange(min=0),
              help="Service-level threshold, seconds.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
def calibrate(log, log_format, columns, outcomes, train, output, slot_minutes, patience, handle_time, redials,
              redial_window_hours, roster, threshold, overwrite) -> None:
    """Calibrate a scenario from the call LOG over the training window and write it as a
    commented TOML file that `cxsim run` accepts as it is."""
    from .calibrate import calibrate as fit
    from .scenario import Scenario

    out = _output(output, overwrite)
    calls = _read_log(log, log_format, columns, outcomes)
    try:
        result = fit(calls, train, slot_minutes=slot_minutes, patience=patience, handle_time=handle_time,
                     redials=redials, redial_window_h=redial_window_hours, roster=roster, threshold_s=threshold,
                     name=out.stem)
        Scenario.from_dict(result.scenario, str(out))  # what is written runs as it is
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    result.write(out)
    click.echo(calls.report(), err=True)
    click.echo(f"wrote {out}", err=True)


@cli.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("log", type=click.Path(dir_okay=False))
@_log_options
@click.option("--test", required=True, metavar="START:END", help="Test window: dates YYYY-MM-DD, inclusive.")
@click.option("--train", metavar="START:END", help="Training window of the naive prediction "
              "[default: the scenario's calibration.train].")
@click.option("-r", "--replications", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--seed", default=1, show_default=True, type=click.IntRange(min=0))
@click.option("--inputs", default="test", show_default=True, type=click.Choice(("test", "scenario")),
              help="Simulate with the arrivals and staffing seen in the test days (as Erlang A is given), or with "
                   "the scenario's own forecast and staffing.")
@click.option("--min-calls", default=20, show_default=True, type=click.IntRange(min=1),
              help="Score only cells with this many offered calls.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--plot", metavar="FILE", help="Write a figure of the cells through the test days (.png, .svg, .pdf).")
@click.option("--cells", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write every cell's observed and predicted metrics as CSV.")
def backtest(scenario, log, log_format, columns, outcomes, test, train, replications, seed, inputs, min_calls,
             as_json, plot, cells) -> None:
    """Simulate SCENARIO over the test days of LOG and compare, per (date, hour) cell, its abandonment,
    mean wait and service level with the observed ones, beside Erlang A with the cells' own inputs
    (perfect information) and the same cell of the training window (naive)."""
    from .backtest import backtest as run_backtest
    from .backtest import write_cells

    figure = _figure_path(plot)
    cells_path = _output(cells, True)
    sc = _scenario(scenario, ())
    calls = _read_log(log, log_format, columns, outcomes)
    try:
        bt = run_backtest(sc, calls, test, train=train, replications=replications, seed=seed, inputs=inputs,
                          min_calls=min_calls)
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    if as_json:
        click.echo(json.dumps(bt.to_json(), indent=2))
    else:
        from ._tables import print_backtest

        print_backtest(bt)
    if cells_path is not None:
        write_cells(bt, cells_path)
        click.echo(f"wrote {cells_path}", err=True)
    if figure is not None:
        from .plots import save

        save(bt.figure(), figure)
        click.echo(f"wrote {figure}", err=True)
