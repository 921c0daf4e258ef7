"""The command line's tables: a run's summary and a comparison, fitted to the terminal.

The width is the terminal's, or ``COLUMNS`` when set (also when the output is piped; 80
otherwise). Nothing is cut: long names fold onto a second line, and a comparison too wide
for one table is printed as one table per scenario against the base.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr
    from rich.console import Console
    from rich.table import Table

    from .compare import Comparison
    from .optimise import Optimisation
    from .results import Results


def fmt(x: float) -> str:
    """A number as the tables show it: thousands separated from 1,000 up, else 4 significant digits."""
    if math.isnan(x):
        return "–"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def _console() -> Console:
    from rich.console import Console

    return Console()  # the terminal's width, or COLUMNS, or 80


def _table(title: str, columns: list[str], numeric_from: int = 1) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for i, name in enumerate(columns):  # the label never wraps: the widest columns give way
        table.add_column(name, justify="right" if i >= numeric_from else "left", overflow="fold", no_wrap=i == 0)
    return table


def print_summary(results: Results) -> None:
    """Mean and 95% CI of every KPI, then the per-call-type and per-segment means."""
    console = _console()
    table = _table(f"{results.attrs.get('scenario_name', '')}: {results.attrs.get('replications')} replications, "
                   "mean and 95% CI", ["metric", "mean", "95% CI", "units"])
    table.columns[-1].justify = "left"
    for metric, mean, low, high, _, _, units in results.summary_rows():
        table.add_row(metric, fmt(mean), "" if math.isnan(low) else f"{fmt(low)} – {fmt(high)}", units)
    console.print(table)
    for title, first, rows in (
            ("per call type, after the warm-up, mean over replications", "KPI", results.call_type_summary()),
            ("per customer segment, whole horizon, mean over replications", "total", results.segment_summary())):
        if rows is None:
            continue
        table = _table(title, [first, *map(str, rows.index)])
        for total, column in rows.items():
            table.add_row(str(total), *(fmt(v) for v in column))
        console.print(table)


def print_comparison(result: Comparison, metrics: list[str]) -> None:
    """Each scenario's mean of `metrics` and its paired difference from the first with the 95% CI:
    one table if it fits the width, else one per scenario against the base."""
    from rich.measure import Measurement

    console = _console()
    names, base = result.names, result.names[0]
    head = f"{result.replications} replications, seed {result.attrs.get('root_seed')}"
    rows: list[tuple[str, dict[str, Any]]] = [(m, {"metric": m}) for m in metrics]
    seg = result.segments
    seg_rows = [] if seg is None else [(f"{s}: {t}", {"segment": s, "total": t})
                                       for s in seg["segment"].values
                                       for t in ("churned", "churn_rate", "value_monthly_churned")]
    wide = [_comparison_table(f"{head}: mean, and paired difference from {base} with 95% CI", "metric",
                              result.dataset, names, rows)]
    if seg_rows:
        wide.append(_comparison_table("per customer segment, whole horizon: mean, and paired difference with 95% CI",
                                      "segment: total", seg, names, seg_rows))
    unlimited = console.options.update_width(1_000_000)
    if all(Measurement.get(console, unlimited, t).maximum <= console.width for t in wide):
        for t in wide:
            console.print(t)
        return
    for name in names[1:]:  # short headers: the title says which scenario is which
        pair = [base, name]
        console.print(_comparison_table(f"{head}: {name} (scenario) against {base} (base), mean and paired "
                                        "difference with 95% CI", "metric", result.dataset, pair, rows, short=True))
        if seg_rows:
            console.print(_comparison_table(f"per customer segment, whole horizon: {name} against {base}",
                                            "segment: total", seg, pair, seg_rows, short=True))


def _comparison_table(title: str, label: str, ds: xr.Dataset, names: list[str],
                      rows: list[tuple[str, dict[str, Any]]], short: bool = False) -> Table:
    """A label, each scenario's mean, then each paired difference from the first with its CI
    (`short`: two scenarios, headed base, scenario and difference)."""
    headers = ["base", "scenario", "difference [95% CI]"] if short else \
        [*names, *(f"{n} − {names[0]}" for n in names[1:])]
    table = _table(title, [label, *headers])
    for text, at in rows:
        cells = [text] + [fmt(ds["mean"].sel(scenario=n, **at).item()) for n in names]
        for n in names[1:]:
            d = ds.sel(scenario=n, **at)
            low, high = d["diff_ci95_low"].item(), d["diff_ci95_high"].item()
            cells.append(fmt(d["diff"].item()) + ("" if math.isnan(low) else f" [{fmt(low)}, {fmt(high)}]"))
        table.add_row(*cells)
    return table


def _interval(mean: float, low: float, high: float) -> str:
    return fmt(mean) + ("" if math.isnan(low) else f" [{fmt(low)}, {fmt(high)}]")


def print_sensitivity(indices: pd.DataFrame) -> None:
    """One table per (outcome, policy): each uncertainty's Sobol or Morris indices with 95% intervals."""
    console = _console()
    sobol = "S1" in indices.columns
    for (outcome, policy), rows in indices.groupby(level=["outcome", "policy"], sort=False):
        if sobol:
            table = _table(f"{outcome} under {policy}: Sobol indices [95% CI]",
                           ["uncertainty", "first order S1", "total order ST"])
            for (_, _, factor), r in rows.iterrows():
                table.add_row(factor, _interval(r.S1, r.S1 - r.S1_conf, r.S1 + r.S1_conf),
                              _interval(r.ST, r.ST - r.ST_conf, r.ST + r.ST_conf))
        else:
            table = _table(f"{outcome} under {policy}: Morris elementary effects", ["uncertainty", "μ* [95% CI]",
                                                                                      "σ", "μ"])
            for (_, _, factor), r in rows.iterrows():
                table.add_row(factor, _interval(r.mu_star, r.mu_star - r.mu_star_conf, r.mu_star + r.mu_star_conf),
                              fmt(r.sigma), fmt(r.mu))
        console.print(table)


def print_experiment_summary(levels: pd.DataFrame) -> None:
    """Each outcome under each policy: its mean [95% CI] over the draws, in its units."""
    table = _table("each outcome under each policy: mean [95% CI] over the draws of the uncertainties",
                   ["policy", "outcome", "units", "mean [95% CI]", "over"], numeric_from=3)
    table.columns[0].no_wrap = False  # lever settings can be long
    for (policy, outcome), r in levels.iterrows():
        table.add_row(policy, outcome, r.units, _interval(r["mean"], r.ci95_low, r.ci95_high), f"{r.n} {r.over}")
    _console().print(table)


def print_robustness(robust: pd.DataFrame) -> None:
    """Each policy's paired effect on each outcome across the uncertainty sample, the shares of
    draws where it lowers and raises the outcome, and where it fails."""
    failing = bool(robust["fails_where"].any())
    table = _table(f"paired effect against the base policy over {int(robust['draws'].iloc[0])} draws of the "
                   "uncertainties", ["policy: outcome", "mean effect [95% CI]", "lowers in", "raises in"]
                   + ["fails where"] * failing)
    table.columns[-1].justify = "left" if failing else "right"
    for (policy, outcome), r in robust.iterrows():
        table.add_row(f"{policy}: {outcome}", _interval(r.effect, r.ci95_low, r.ci95_high), f"{r.share_lower:.0%}",
                      f"{r.share_higher:.0%}", *[r.fails_where] * failing)
    _console().print(table)


def print_optimisation(answer: Optimisation) -> None:
    """The finalists, best first: lever settings, each outcome's mean [95% CI] over the final
    replications, and the paired difference of the first objective from the best."""
    settings = answer.experiment.optimise_settings
    levers = [f.key for f in answer.experiment.levers]
    outcomes = [o.name for o in answer.experiment.outcomes]
    first = settings.objectives[0].outcome
    table = _table(f"finalists over {settings.final_replications} replications (common random numbers), best first: "
                   "mean [95% CI]", ["#", *levers, *outcomes, f"{first} − best", "meets constraints"])
    for rank, r in answer.finalists.iterrows():
        table.add_row(str(rank), *(str(r[k]) if not isinstance(r[k], float) else fmt(r[k]) for k in levers),
                      *(_interval(r[o], r[f"{o}_ci95_low"], r[f"{o}_ci95_high"]) for o in outcomes),
                      _interval(r.diff_from_best, r.diff_ci95_low, r.diff_ci95_high), "yes" if r.feasible else "no")
    _console().print(table)


def print_backtest(bt: Any) -> None:
    """Per metric and predictor, the mean absolute error and bias over the scored cells."""
    from .backtest import METRICS, PREDICTORS

    summary = bt.summary()
    table = _table(f"back-test on {bt.test}: {len(bt.scored)} (date, hour) cells with ≥ {bt.min_calls} offered calls; "
                   f"cxsim: {bt.replications} replications, arrivals and staffing from the {bt.inputs}; "
                   f"naive: {bt.train}", ["metric", "predictor", "MAE", "bias"], numeric_from=2)
    for metric, _ in METRICS:
        for predictor, _ in PREDICTORS:
            row = summary.loc[(metric, predictor)]
            table.add_row(metric if predictor == PREDICTORS[0][0] else "", predictor, fmt(row["mae"]),
                          fmt(row["bias"]))
    _console().print(table)


def print_explanation(result: Any, metrics: list[str]) -> None:
    """Per metric: the policy's paired effect and each channel's contribution to it with 95% CIs,
    then the decomposition in one line."""
    from ._plot_units import unit_of
    from ._words import CURRENCY, currency_of, unit_attrs

    console = _console()
    token = CURRENCY.set(currency_of(result.comparison.results[result.base]))
    for metric in metrics:
        parts = result.contributions.sel(metric=metric)
        total = result.total.sel(metric=metric)
        unit = unit_of(metric, unit_attrs(metric), difference=True)  # a share's effect in percentage points

        def cell(ds: xr.Dataset, factor: float = unit.factor) -> str:
            return _interval(*(float(ds[k]) * factor for k in ("mean", "ci95_low", "ci95_high")))

        table = _table(f"{metric} ({unit.text}): {result.policy} against {result.base}, {result.replications} "
                       "paired replications; contribution by channel [95% CI]",
                       ["channel", "contribution [95% CI]", "share of the total"])
        for part in parts["part"].values:
            p = parts.sel(part=part)
            share = float(p["mean"]) / float(total["mean"]) if float(total["mean"]) else math.nan
            table.add_row(str(part), cell(p), "–" if math.isnan(share) else f"{share:.0%}")
        table.add_row("total", cell(total), "100%", style="bold")
        console.print(table)
        console.print(result.sentence(metric), soft_wrap=False)
    CURRENCY.reset(token)
