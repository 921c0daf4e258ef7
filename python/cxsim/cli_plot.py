"""The command line's figures: cxsim plot (registered on :data:`cxsim.cli.cli` when that module
is imported)."""

from __future__ import annotations

import math

import click

from ._words import HEADLINE
from .cli import BadInput, _output, cli, open_results_file
from .cli_experiments import FIGURE_FORMATS, _figure_path

KINDS = ("daily", "intraday", "comparison", "waterfall")


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--kind", required=True, type=click.Choice(KINDS),
              help="daily: KPIs per day; intraday: by interval of the day; comparison: paired differences from "
                   "the base (a comparison file); waterfall: an effect by channel (an explanation file).")
@click.option("--metric", "metrics", multiple=True, metavar="NAME",
              help="A KPI to plot (repeatable) [default: the headline KPIs the file has values for].")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Figure to write: " + ", ".join(f".{f}" for f in FIGURE_FORMATS) + ".")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
def plot(results_file, kind, metrics, output, overwrite) -> None:
    """Draw KPIs of RESULTS_FILE (a run or a comparison) with their uncertainty: per day or by
    interval of the day with 95% bands across replications, or each scenario's paired difference
    from the base with its 95% CI."""
    from . import _core, plots

    _figure_path(output, "-o")
    known = {name for name, *_ in _core.metrics()}
    unknown = [m for m in metrics if m not in known]
    if unknown:  # before the file is read: a typo costs nothing
        raise BadInput(f"{results_file}: --metric: unknown KPI {unknown[0]!r}; allowed: a KPI of docs/results.md")
    out = _output(output, overwrite)
    file_kind, opened = open_results_file(results_file)
    if file_kind == "experiment":
        raise BadInput(f"{results_file}: an experiment file; its figures are drawn by cxsim sensitivity --plot and "
                       "cxsim report; allowed here: a run, comparison or explanation file")
    if kind == "waterfall":
        _waterfall(results_file, file_kind, opened, metrics, out)
        return
    if file_kind == "explanation":  # its comparison of base and policy
        opened = opened.comparison
    comparison = file_kind != "run"
    if kind == "comparison" and not comparison:
        raise BadInput(f"{results_file}: --kind: 'comparison' needs a comparison file (cxsim compare -o), "
                       "this is a run file; allowed here: daily, intraday")
    shown = list(metrics) or _defined(opened, comparison)
    if kind == "comparison":
        figure = plots.comparison_figure(opened.dataset, shown)
    else:
        figure = (plots.daily_figure if kind == "daily" else plots.intraday_figure)(opened, shown)
    plots.save(figure, out)
    click.echo(f"wrote {out}", err=True)


def _waterfall(results_file: str, file_kind: str, explanation, metrics, out) -> None:
    """The explanation's waterfall of the first --metric (or of its first defined headline effect)."""
    from . import plots

    if file_kind != "explanation":
        allowed = "daily, intraday" + (", comparison" if file_kind != "run" else "")
        raise BadInput(f"{results_file}: --kind: 'waterfall' needs an explanation file (cxsim explain -o), this is a "
                       f"{file_kind} file; allowed here: {allowed}")
    plots.save(explanation.figure(metrics[0] if metrics else explanation.defined()[0]), out)
    click.echo(f"wrote {out}", err=True)


def _defined(opened, comparison: bool) -> list[str]:
    """The headline KPIs the file has a value for (the base scenario's, in a comparison)."""
    if comparison:
        means = opened.dataset["mean"].isel(scenario=0)
        values = dict(zip(map(str, means["metric"].values), means.values.tolist(), strict=True))
    else:
        values = {m: mean for m, mean, *_ in opened.summary_rows()}
    return [m for m in HEADLINE if m in values and not math.isnan(values[m])]
