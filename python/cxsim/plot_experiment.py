"""Figures of an experiment (a sweep's results): the sensitivity indices of its outcomes to its
uncertainties, and each outcome against each uncertainty, per policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._plot_bands import style
from ._plot_units import axis_label, unit_of

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr
    from matplotlib.figure import Figure

    from .experiment import Experiment


def sensitivity_figure(indices: pd.DataFrame) -> Figure:
    """One panel per (outcome, policy): Sobol S1 and ST per uncertainty as bars with 95%
    intervals, or Morris μ* against σ with μ*'s interval."""
    from matplotlib.figure import Figure

    groups = list(indices.groupby(level=["outcome", "policy"], sort=False))
    fig = Figure(figsize=(7, 2.2 + 1.6 * len(groups) * max(1, len(indices) // len(groups)) / 3), layout="constrained")
    for ax, ((outcome, policy), rows) in zip(fig.subplots(len(groups), 1, squeeze=False)[:, 0], groups, strict=True):
        factors = [f for _, _, f in rows.index]
        if "S1" in rows.columns:
            y = range(len(factors))
            ax.barh([i + 0.2 for i in y], rows["S1"], 0.4, xerr=rows["S1_conf"], color="0.35", label="first order S1")
            ax.barh([i - 0.2 for i in y], rows["ST"], 0.4, xerr=rows["ST_conf"], color="0.75", hatch="//",
                    label="total order ST")
            ax.set_yticks(list(y), factors)
            ax.invert_yaxis()
            ax.set_xlabel("share of the outcome's variance (1), 95% CI")
            ax.legend(loc="lower right", fontsize="small")
        else:
            ax.errorbar(rows["mu_star"], rows["sigma"], xerr=rows["mu_star_conf"], fmt="o", color="0.2", capsize=3)
            for f, x, s in zip(factors, rows["mu_star"], rows["sigma"], strict=True):
                ax.annotate(f, (x, s), textcoords="offset points", xytext=(4, 4), fontsize="small")
            units = rows["units"].iloc[0]
            ax.set_xlabel(f"μ*: mean |change over the factor's range| ({units}), 95% CI")
            ax.set_ylabel(f"σ ({units})")
            ax.set_xlim(0, 1.3 * max(rows["mu_star"] + rows["mu_star_conf"]))  # room for the labels
            ax.set_ylim(0, 1.3 * max(rows["sigma"]) or 1.0)
        ax.set_title(f"{outcome} under {policy}", fontsize="medium")
    return fig


def draws_figure(experiment: Experiment, results: xr.Dataset) -> Figure:
    """One panel per (scalar outcome, numeric uncertainty): each draw's outcome (its replication
    mean) against the uncertainty's value, one marker style per policy."""
    from matplotlib.figure import Figure

    from .analysis import _draws, per_draw, policy_labels, scalar_outcomes

    draws = _draws(experiment, results)
    outcomes = scalar_outcomes(experiment)
    labels = policy_labels(experiment)
    fig = Figure(figsize=(3.2 * max(1, len(draws.columns)), 0.6 + 2.6 * len(outcomes)), layout="constrained")
    axes = fig.subplots(len(outcomes), max(1, len(draws.columns)), squeeze=False)
    for row, o in zip(axes, outcomes, strict=True):
        unit = unit_of(o.kpi, results[o.name].attrs)
        values = per_draw(experiment, results, o.name) * unit.factor
        for ax, factor in zip(row, draws.columns, strict=False):
            for i, (label, y) in enumerate(zip(labels, values, strict=True)):
                s = style(i)
                ax.plot(draws[factor], y, linestyle="none", marker=s["marker"], color=s["color"], markersize=4,
                        alpha=0.8, label=label)
            ax.set_xlabel(factor, fontsize="small")
            ax.set_ylabel(axis_label(o.name, unit), fontsize="small")
        if not len(draws.columns):
            row[0].text(0.5, 0.5, "no numeric uncertainty", transform=row[0].transAxes, ha="center", va="center")
    if len(labels) > 1:
        fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=min(len(labels), 3),
                   fontsize="small")
    fig.suptitle("Each draw of the uncertainties: the outcome's mean over replications", fontsize="medium")
    return fig
