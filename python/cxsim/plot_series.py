"""KPIs through time: the daily series and the intraday profile, each scenario's mean over
replications with its 95% band."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ._plot_bands import draw_band
from ._plot_units import Unit, axis_label, long_name, unit_of

if TYPE_CHECKING:
    import numpy as np
    import xarray as xr
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .compare import Comparison
    from .results import Results

    Runs = Results | Comparison | Mapping[str, Results]

DAY_S = 86400.0


def daily_figure(results: Runs, metrics: Sequence[str]) -> Figure:
    """One panel per KPI of `metrics`: its value per simulated day, each scenario's mean over
    replications with the 95% Student-t band across replications; the warm-up, which no summary
    counts, shaded.

    Args:
        results: a run's :class:`~cxsim.Results`, a :class:`~cxsim.Comparison` (every scenario)
            or a mapping of names to Results.
        metrics: KPIs of ``Results.daily``.
    """
    from matplotlib.ticker import MaxNLocator

    runs = _runs(results)
    fig, axes = _panels(len(metrics))
    warmup = max(r.attrs["warmup_s"] for r in runs.values()) / DAY_S
    for ax, metric in zip(axes, metrics, strict=True):
        for i, (name, r) in enumerate(runs.items()):
            series = r.daily[metric].transpose("replication", "day")
            unit = unit_of(metric, series.attrs)
            draw_band(ax, series["day"].values, series.values * unit.factor, name, i)
        if warmup > 0:
            ax.axvspan(-0.5, warmup - 0.5, facecolor="0.93", edgecolor="0.7", hatch="xx", linewidth=0, zorder=0,
                       label="warm-up (in no summary)")
        _label(ax, metric, unit)
    axes[-1].xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].legend(fontsize="small")
    axes[-1].set_xlabel("day of the simulation (days since the start)")
    fig.suptitle(f"Per day: mean over {_replications(runs)} replications, band: its 95% interval", fontsize="medium")
    return fig


def intraday_figure(results: Runs, metrics: Sequence[str]) -> Figure:
    """One panel per KPI of `metrics`: its mean by interval of the day over the days after the
    warm-up (the mean of the intervals' values), each scenario's mean over replications with the
    95% Student-t band across replications. `results` as in :func:`daily_figure`."""
    runs = _runs(results)
    fig, axes = _panels(len(metrics))
    for ax, metric in zip(axes, metrics, strict=True):
        for i, (name, r) in enumerate(runs.items()):
            hours, values = _profile(r.intervals, metric)
            unit = unit_of(metric, r.intervals[metric].attrs)
            draw_band(ax, hours, values * unit.factor, name, i)
        ax.set_xlim(0, 24)
        ax.set_xticks(range(0, 25, 3))
        _label(ax, metric, unit)
    axes[0].legend(fontsize="small")
    axes[-1].set_xlabel("hour of the day (midpoint of each interval, hours)")
    minutes = next(iter(runs.values())).intervals.attrs["interval_s"] / 60
    fig.suptitle(f"By {minutes:g}-minute interval of the day after the warm-up: mean over {_replications(runs)} "
                 "replications, band: its 95% interval", fontsize="medium")
    return fig


def _runs(results: Runs) -> dict[str, Results]:
    """Results by scenario name."""
    from .compare import Comparison
    from .results import Results

    if isinstance(results, Comparison):
        return {name: results.results[name] for name in results.names}
    if isinstance(results, Results):
        return {results.attrs.get("scenario_name", "run"): results}
    return dict(results)


def _panels(n: int) -> tuple[Figure, list[Axes]]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 1.2 + 2.4 * n), layout="constrained")
    return fig, list(fig.subplots(n, 1, sharex=True, squeeze=False)[:, 0])


def _label(ax: Axes, metric: str, unit: Unit) -> None:
    ax.set_ylabel(axis_label(metric, unit))
    ax.set_title(long_name(metric), fontsize="small", loc="left")


def _replications(runs: dict[str, Results]) -> str:
    return "/".join(sorted({str(r.daily.sizes["replication"]) for r in runs.values()}))




def _profile(intervals: xr.Dataset, metric: str) -> tuple[np.ndarray, np.ndarray]:
    """Hours of the day (interval midpoints) and the KPI's mean by interval of the day over the
    days after the warm-up, shape (replication, interval of the day)."""
    step = intervals.attrs["interval_s"]
    kept = intervals[metric].isel(interval=slice(intervals.attrs["first_reported_interval"], None))
    by_slot = kept.groupby((kept["interval"] % DAY_S).rename("slot")).mean().transpose("replication", "slot")
    return (by_slot["slot"].values + step / 2) / 3600, by_slot.values
