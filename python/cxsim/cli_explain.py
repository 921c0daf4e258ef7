"""The command line's ``explain`` (registered on :data:`cxsim.cli.cli` when that module is imported)."""

from __future__ import annotations

import json

import click

from ._words import HEADLINE
from .cli import BadInput, _metrics, _output, _scenario, _warn_few, _with_progress, cli
from .errors import ScenarioError


@cli.command()
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("policy", type=click.Path(dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a key in both scenarios (repeatable).")
@click.option("-r", "--replications", default=10, show_default=True, type=click.IntRange(2, 100_000))
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0, 2**64 - 1))
@click.option("-j", "--threads", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("--channels", "asked", default="", metavar="A,B,...",
              help="Decompose only these channels (default: every channel in play); the others count in 'other'.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="HDF5 file for the explanation.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the total and contributions as JSON.")
@click.option("--metrics", default="", metavar="A,B,...",
              help="The KPIs to show (default: those of " + ", ".join(HEADLINE) + " the runs define; with --json: "
                   "every KPI).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def explain(base, policy, overrides, replications, seed, threads, asked, output, overwrite, as_json, metrics,
            quiet) -> None:
    """Decompose POLICY's paired effect against BASE into the channels its levers act through:
    each channel's Shapley contribution with its 95% CI (docs/model.md, "Explaining a policy's
    effect")."""
    from . import _core
    from .explain import explain as run_explanation
    from .explain import runs_needed
    from .scenario import parse_override

    _metrics(metrics, [name for name, *_ in _core.metrics()])  # before any run: a typo costs nothing
    channels = [c.strip() for c in asked.split(",") if c.strip()] or None
    out = _output(output, overwrite)
    base_sc, policy_sc = _scenario(base, overrides), _scenario(policy, overrides)
    try:
        parsed = dict(parse_override(o) for o in overrides)
        runs = runs_needed(base_sc, policy_sc, channels)
        days = runs * replications * policy_sc.values["simulation.horizon_days"]
        result = _with_progress(quiet, f"{runs} runs", days,
                                lambda progress: run_explanation(base, policy, replications, seed, threads, parsed,
                                                                 channels, out, overwrite, progress))
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    if out is not None:
        click.echo(f"wrote {out}", err=True)
    _warn_few(replications)
    print_explanation(result, metrics, as_json)


def print_explanation(result, metrics: str, as_json: bool) -> None:
    """The contributions of --metrics (default: the headline KPIs; every KPI with --json)."""
    known = [str(m) for m in result.total["metric"].values]
    shown = _metrics(metrics, known) if metrics else (known if as_json else result.defined())
    if as_json:
        click.echo(json.dumps(result.to_json(shown), indent=2))
        return
    from ._tables import print_explanation as table

    table(result, shown)
