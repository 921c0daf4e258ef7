"""The command line's experiment commands: sweep, sensitivity, robustness, optimise (registered on
:data:`cxsim.cli.cli` when that module is imported)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli import BadInput, _output, _progress, cli
from .errors import CorruptFileError, ScenarioError

FIGURE_FORMATS = ("png", "svg", "pdf")


def _executor_options(command):
    """Where the tasks run: --workers, --threads, --scheduler."""
    for option in reversed((
            click.option("-w", "--workers", default=0, show_default=True, type=click.IntRange(min=0),
                         help="Worker processes (0: all cores); results do not depend on it."),
            click.option("--threads", is_flag=True, help="Run tasks on threads of this process instead of processes."),
            click.option("--scheduler", metavar="ADDR",
                         help="Run tasks on the Dask cluster of this scheduler (tcp://host:port)."))):
        command = option(command)
    return command


def _print_table(frame, as_json: bool, printer) -> None:
    """`frame` as JSON records, or through `printer` (a function of cxsim._tables)."""
    if as_json:
        click.echo(json.dumps(frame.reset_index().to_dict(orient="records"), indent=2))
    else:
        printer(frame)


@cli.command()
@click.argument("experiment", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Experiment file to write.")
@_executor_options
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def sweep(experiment, output, workers, threads, scheduler, overwrite, quiet) -> None:
    """Run every point of EXPERIMENT and write OUTPUT; rerun after an interruption to resume."""
    from .experiment import Experiment
    from .sweep import sweep as run_sweep

    try:
        exp = Experiment.load(experiment)
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    out = _output(output, overwrite)
    if quiet or not sys.stderr.isatty():
        run_sweep(exp, out, workers, threads, scheduler, overwrite)
    else:
        bar, progress = _progress(Path(experiment).stem, None, "tasks")  # the sweep reports its total
        with bar:
            run_sweep(exp, out, workers, threads, scheduler, overwrite, progress)
    click.echo(f"wrote {out}", err=True)


def _swept(path: str):
    """The experiment and the results of a sweep's file, or one line of what is wrong with it."""
    from .experiment import Experiment
    from .experiment_store import is_experiment_file, open_experiment

    if not Path(path).is_file():
        raise BadInput(f"{path}: no such experiment results file")
    try:
        if not is_experiment_file(Path(path)):
            raise BadInput(f"{path}: not an experiment results file (cxsim sweep writes them)")
        results = open_experiment(path)
        return Experiment.from_toml(results.attrs["experiment"], path), results
    except CorruptFileError as e:
        raise BadInput(str(e)) from None
    except (OSError, KeyError, ValueError) as e:
        raise BadInput(f"{path}: not an experiment results file ({e.__class__.__name__}: {e})") from None


def print_experiment(results, path: str, as_json: bool) -> None:
    """Each outcome under each policy of an experiment file (cxsim summary)."""
    from ._tables import print_experiment_summary
    from .experiment import Experiment

    _print_table(Experiment.from_toml(results.attrs["experiment"], path).summary(results), as_json,
                 print_experiment_summary)


def _figure_path(plot: str | None, option: str = "--plot") -> Path | None:
    if plot is not None and Path(plot).suffix.lstrip(".") not in FIGURE_FORMATS:
        allowed = ", ".join(f".{f}" for f in FIGURE_FORMATS)
        raise BadInput(f"{option}: {plot!r} has no figure suffix; allowed: {allowed}")
    return None if plot is None else Path(plot)


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the indices as JSON records.")
@click.option("--plot", metavar="FILE", help="Write a figure of the indices (.png, .svg or .pdf).")
def sensitivity(results_file, as_json, plot) -> None:
    """Sobol S1/ST (a sobol sweep) or Morris μ*/σ (a morris sweep) of each outcome to each
    uncertainty, under each policy, with 95% confidence intervals."""
    figure = _figure_path(plot)
    exp, results = _swept(results_file)
    try:
        indices = exp.sensitivity(results)
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    if figure is not None:
        from .plots import save, sensitivity_figure

        save(sensitivity_figure(indices), figure)
        click.echo(f"wrote {figure}", err=True)
    from ._tables import print_sensitivity

    _print_table(indices, as_json, print_sensitivity)


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--baseline", default=0, show_default=True, type=click.IntRange(min=0),
              help="The policy the others are compared with (its index in the design).")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON records.")
def robustness(results_file, baseline, as_json) -> None:
    """Each policy's paired effect on each outcome across the uncertainty sample: the share of
    plausible worlds in which it lowers or raises the outcome, and where it fails (PRIM)."""
    exp, results = _swept(results_file)
    if baseline >= len(exp.policies()):
        raise BadInput(f"--baseline: {baseline} is not a policy; allowed: 0 to {len(exp.policies()) - 1}")
    try:
        table = exp.robustness(results, baseline)
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    from ._tables import print_robustness

    _print_table(table, as_json, print_robustness)


@cli.command()
@click.argument("experiment", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the history and the finalists here.")
@_executor_options
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the best settings, the finalists and the history as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def optimise(experiment, output, workers, threads, scheduler, overwrite, as_json, quiet) -> None:
    """Find the lever settings of EXPERIMENT that best meet its [optimise] objectives and
    constraints; print the finalists with 95% intervals."""
    from .experiment import Experiment

    try:
        exp = Experiment.load(experiment)
        if exp.optimise_settings is None or not exp.levers:
            raise ScenarioError(f"{experiment}: optimise: needs [[levers]] and an [optimise] table with objectives "
                                "(see docs/experiments.md)")
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    out = _output(output, overwrite)
    if quiet or as_json or not sys.stderr.isatty():
        answer = exp.optimise(workers, threads, scheduler)
    else:
        bar, progress = _progress(Path(experiment).stem, None, "trials")
        with bar:
            answer = exp.optimise(workers, threads, scheduler, progress)
    if out is not None:
        answer.write(out, overwrite)
        click.echo(f"wrote {out}", err=True)
    if as_json:
        click.echo(json.dumps(answer.to_json(), indent=2))
        return
    from ._tables import print_optimisation

    print_optimisation(answer)
    if answer.best is not None:
        click.echo("best: " + ", ".join(f"{k} = {v!r}" for k, v in answer.best.items()))
    elif len(exp.optimise_settings.objectives) == 1:
        click.echo("no candidate met the constraints")
