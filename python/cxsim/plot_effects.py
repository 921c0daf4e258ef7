"""Effects with their 95% confidence intervals: a comparison's paired differences (a forest
plot) and one effect split into its pathways (a waterfall)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ._plot_bands import style
from ._plot_units import axis_label, unit_of

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr
    from matplotlib.figure import Figure


def comparison_figure(differences: xr.Dataset, metrics: Sequence[str] | None = None) -> Figure:
    """A forest plot: one panel per KPI, each scenario's paired difference from the base (the
    first scenario) with its 95% confidence interval as an error bar, and the zero line.

    Args:
        differences: :attr:`cxsim.Comparison.dataset` (dims ``(scenario, metric)``: ``diff``,
            ``diff_ci95_low``, ``diff_ci95_high``, ``units``).
        metrics: the KPIs to show, in this order (default: all).
    """
    from matplotlib.figure import Figure

    names = [str(s) for s in differences["scenario"].values]
    base, others = names[0], names[1:]
    metrics = list(metrics) if metrics is not None else [str(m) for m in differences["metric"].values]
    cols = min(3, len(metrics))
    rows = math.ceil(len(metrics) / cols)
    fig = Figure(figsize=(3.8 * cols, 1.0 + (0.9 + 0.35 * len(others)) * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, metric in zip(axes, metrics, strict=False):
        d = differences.sel(metric=metric)
        unit = unit_of(metric, {**differences.attrs, "units": str(d["units"].values)}, difference=True)
        for i, name in enumerate(others):
            s = d.sel(scenario=name)
            mean, low, high = (float(s[k]) * unit.factor for k in ("diff", "diff_ci95_low", "diff_ci95_high"))
            ax.errorbar(mean, i, xerr=[[mean - low], [high - mean]], fmt=style(i)["marker"], color=style(i)["color"],
                        linestyle="none", capsize=4, markersize=6, label=name)
        ax.axvline(0, color="0.3", linestyle="--", linewidth=0.9)
        ax.margins(x=0.15)
        if d["diff"].isel(scenario=slice(1, None)).isnull().all():
            ax.text(0.5, 0.5, "not defined in these runs", transform=ax.transAxes, ha="center", va="center")
        ax.set_yticks(range(len(others)), others)
        ax.set_ylim(len(others) - 0.5, -0.5)
        ax.set_xlabel(axis_label("difference", unit))  # from the base, as the title says
        ax.set_title(metric, fontsize="medium")
    for ax in axes[len(metrics):]:
        ax.set_visible(False)
    fig.suptitle(f"Paired difference from {base} under common random numbers, with its 95% confidence interval",
                 fontsize="medium", wrap=True)
    return fig


def waterfall_figure(parts: pd.DataFrame, total: Mapping[str, float], metric: str, units: str,
                     currency: str | None = None) -> Figure:
    """An effect on `metric` split into its pathways: each part's bar steps on from where the
    previous one ended, with the part's 95% interval as an error bar at its end; the total's bar
    from zero closes the row, with its interval.

    Args:
        parts: indexed by part name (the channels in order, then ``other`` for the remainder),
            columns ``mean``, ``ci95_low``, ``ci95_high``; the means add up to the total's.
        total: ``mean``, ``ci95_low``, ``ci95_high`` of the whole effect.
        metric, units: the KPI and its stored units (``1``, ``s``, ``currency``, ...).
        currency: the currency code of a money KPI, if the file names one.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    unit = unit_of(metric, {"units": units, **({"currency": currency} if currency else {})}, difference=True)
    f = unit.factor
    fig = Figure(figsize=(1.6 + 1.1 * (len(parts) + 1), 4.2), layout="constrained")
    ax = fig.subplots()
    start = 0.0
    for i, (mean, low, high) in enumerate(parts[["mean", "ci95_low", "ci95_high"]].to_numpy() * f):
        ax.bar(i, mean, bottom=start, facecolor="white" if mean >= 0 else "0.8", edgecolor="black",
               hatch="//" if mean >= 0 else "\\\\")
        ax.errorbar(i, start + mean, yerr=[[mean - low], [high - mean]], color="black", capsize=4)
        ax.plot([i + 0.4, i + 0.6], [start + mean] * 2, color="0.4", linestyle=":")  # to the next bar
        start += mean
    mean, low, high = (total[k] * f for k in ("mean", "ci95_low", "ci95_high"))
    ax.bar(len(parts), mean, facecolor="0.35", edgecolor="black")
    ax.errorbar(len(parts), mean, yerr=[[mean - low], [high - mean]], color="black", capsize=4)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(parts) + 1), [*map(str, parts.index), "total"], rotation=20, ha="right")
    ax.set_xlabel("pathway")
    ax.set_ylabel(axis_label("effect", unit))
    ax.legend(handles=[Patch(facecolor="white", edgecolor="black", hatch="//", label="raises"),
                       Patch(facecolor="0.8", edgecolor="black", hatch="\\\\", label="lowers"),
                       Patch(facecolor="0.35", edgecolor="black", label="total")], fontsize="small")
    ax.set_title(f"Effect on {metric} by pathway: {mean:+.3g} {unit.text} in all (95% CI {low:+.3g} to "
                 f"{high:+.3g}); error bars: 95% CIs", fontsize="medium", wrap=True)
    return fig
