"""Figures of cxsim's results for the report, ``cxsim plot`` and the notebooks (matplotlib's
Figure API, no pyplot state): axes labelled with their units, uncertainty shown (bands of the
95% interval across replications, confidence intervals as error bars), readable in greyscale.

- :func:`daily_figure`, :func:`intraday_figure`: KPIs per day and by interval of the day.
- :func:`comparison_figure`: a comparison's paired differences from the base (forest plot).
- :func:`waterfall_figure`: one effect split into its pathways.
- :func:`sensitivity_figure`: Sobol or Morris indices of an experiment.
- :func:`save`: any of them to a file, whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .plot_effects import comparison_figure, waterfall_figure
from .plot_series import daily_figure, intraday_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["comparison_figure", "daily_figure", "intraday_figure", "save", "sensitivity_figure", "waterfall_figure"]


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


def save(fig: Figure, path: str | Path) -> None:
    """Write `fig` whole or not at all; the suffix gives the format (png, svg, pdf)."""
    from ._files import replaced

    path = Path(path)
    with replaced(path, ".tmp") as tmp:
        fig.savefig(tmp, format=path.suffix.lstrip(".") or "png", dpi=150)
