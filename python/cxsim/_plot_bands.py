"""A series drawn as its mean over replications with the 95% Student-t band, in a style that
stays distinguishable in greyscale (line style and marker, not colour alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Okabe and Ito's colour-blind-safe palette, each colour with its own line style and marker.
STYLES = (
    {"color": "#000000", "linestyle": "-", "marker": "o"},
    {"color": "#0072B2", "linestyle": "--", "marker": "s"},
    {"color": "#D55E00", "linestyle": ":", "marker": "^"},
    {"color": "#009E73", "linestyle": "-.", "marker": "D"},
    {"color": "#CC79A7", "linestyle": (0, (5, 1, 1, 1, 1, 1)), "marker": "v"},
)


def style(i: int) -> dict:
    """The `i`-th series' colour, line style and marker."""
    return STYLES[i % len(STYLES)]


def replication_band(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean over axis 0 (replications) and its two-sided 95% Student-t interval, ignoring NaN;
    the interval is NaN where fewer than two replications have a value."""
    from scipy import stats

    n = np.sum(~np.isnan(values), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(values, axis=0) / n
        sd = np.sqrt(np.nansum((values - mean) ** 2, axis=0) / (n - 1))
        half = np.where(n > 1, stats.t.ppf(0.975, np.maximum(n - 1, 1)) * sd / np.sqrt(n), np.nan)
    return mean, mean - half, mean + half


def draw_band(ax: Axes, x: np.ndarray, values: np.ndarray, label: str, i: int) -> None:
    """The mean of `values` (replications × len(x)) against `x`, labelled `label`, and its 95% band
    (unlabelled: the figure's title says what the bands are), in style `i`."""
    mean, low, high = replication_band(values)
    s = style(i)
    ax.fill_between(x, low, high, color=s["color"], alpha=0.18, linewidth=0)
    ax.plot(x, mean, color=s["color"], linestyle=s["linestyle"], marker=s["marker"], markersize=3.5,
            markevery=max(1, len(x) // 12), linewidth=1.4, label=label)
