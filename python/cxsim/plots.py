"""Figures of cxsim's results for the report, ``cxsim plot`` and the notebooks (matplotlib's
Figure API, no pyplot state): axes labelled with their units, uncertainty shown (bands of the
95% interval across replications, confidence intervals as error bars), readable in greyscale.

- :func:`daily_figure`, :func:`intraday_figure`: KPIs per day and by interval of the day.
- :func:`comparison_figure`: a comparison's paired differences from the base (forest plot).
- :func:`waterfall_figure`: one effect split into its pathways.
- :func:`sensitivity_figure`: Sobol or Morris indices of an experiment.
- :func:`draws_figure`: an experiment's outcomes against each uncertainty, per policy.
- :func:`save`: any of them to a file, whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .plot_effects import comparison_figure, waterfall_figure
from .plot_experiment import draws_figure, sensitivity_figure
from .plot_series import daily_figure, intraday_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["comparison_figure", "daily_figure", "draws_figure", "intraday_figure", "save", "sensitivity_figure",
           "waterfall_figure"]


def save(fig: Figure, path: str | Path) -> None:
    """Write `fig` whole or not at all; the suffix gives the format (png, svg, pdf)."""
    from ._files import replaced

    path = Path(path)
    with replaced(path, ".tmp") as tmp:
        fig.savefig(tmp, format=path.suffix.lstrip(".") or "png", dpi=150)
