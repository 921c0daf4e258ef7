"""Back-testing a scenario on held-out days of a call log: per (date, slot) cell, the observed
abandonment rate, mean wait and service level against three predictions:

- ``cxsim``: the scenario simulated over the test days (their weekdays), given the arrivals and
  staffing seen in the test days' log, as Erlang A is (``inputs="test"``), or with the scenario's
  own forecast and staffing (``inputs="scenario"``);
- ``erlang_a``: Erlang A (M/M/n+M) on each cell's own arrivals, handle time and staffing and the
  test days' patience: perfect information;
- ``naive``: the same weekday and slot in the training window.

docs/calibration.md describes the method.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import estimators as est
from .calibrate import in_window, staffing_keys, window
from .calllog import CallLog, simulated
from .errors import ScenarioError
from .scenario import Scenario
from .schema import WEEKDAYS

# (metric, description); observed and predicted alike, per cell.
METRICS = (
    ("abandon_rate", "abandoned / offered"),
    ("mean_wait_s", "mean wait of offered calls (answered and abandoned), s"),
    ("service_level", "answered within the threshold / offered"),
)
PREDICTORS = (
    ("cxsim", "the scenario simulated over the test days"),
    ("erlang_a", "Erlang A on each cell's own arrivals, handle time and staffing (perfect information)"),
    ("naive", "the same weekday and slot in the training window"),
)
PRIOR = 10  # calls' worth of expectation shrinking a cell's handle-time factor to 1
INPUTS = ("test", "scenario")  # where the simulation's arrivals and staffing come from


def cell_sums(calls: pd.DataFrame, days: pd.DatetimeIndex, slot_minutes: int, threshold_s: float) -> pd.DataFrame:
    """Per (date, slot) of `days`, by the time calls reached the queue: offered, abandoned, the
    total wait of offered calls and the answered within `threshold_s` (zero rows included)."""
    off = calls[est.offered(calls)]
    date, slot = est.date_slot(est.offer_time(off), slot_minutes)
    sums = pd.DataFrame({
        "offered": 1.0,
        "abandoned": (off["outcome"] == "abandoned").astype(float),
        "wait_s": off["wait_s"],
        "within": ((off["outcome"] == "served") & (off["wait_s"] <= threshold_s)).astype(float),
    }).groupby([date, slot]).sum()
    index = pd.MultiIndex.from_product([days, range(1440 // slot_minutes)], names=["date", "slot"])
    return sums.reindex(index, fill_value=0.0)


def rates(sums: pd.DataFrame) -> pd.DataFrame:
    """The metrics of METRICS from cell sums (NaN where nothing was offered)."""
    offered = sums["offered"].where(sums["offered"] > 0)
    return pd.DataFrame({"abandon_rate": sums["abandoned"] / offered, "mean_wait_s": sums["wait_s"] / offered,
                         "service_level": sums["within"] / offered})


def erlang_a(lam: float, mu: float, theta: float, n: float, t: float) -> dict[str, float]:
    """Erlang A's metrics of METRICS with a fractional staffing n: linear between ⌊n⌋ and ⌈n⌉
    agents; with no agent every caller waits until they abandon."""
    from . import _core

    def whole(k: int) -> dict[str, float]:
        if k == 0:
            return {"abandon_rate": 1.0, "mean_wait_s": 1 / theta, "service_level": 0.0}
        r = _core.erlang_a(lam, mu, theta, k, t)
        return {"abandon_rate": r["p_abandon"], "mean_wait_s": r["mean_wait"], "service_level": r["service_level"]}

    low = math.floor(n)
    frac = n - low
    a = whole(low)
    b = whole(low + 1) if frac > 0 else a
    return {k: (1 - frac) * a[k] + frac * b[k] for k in a}


@dataclass(frozen=True)
class Backtest:
    """The cells (observed and predicted metrics with the cell's inputs) and their summary: per
    metric and predictor, the mean absolute error and the bias over cells with `min_calls`
    offered calls or more."""

    cells: pd.DataFrame
    test: str
    train: str
    replications: int
    inputs: str
    min_calls: int

    @property
    def scored(self) -> pd.DataFrame:
        """The cells the summary scores."""
        return self.cells[self.cells["offered"] >= self.min_calls]

    def summary(self) -> pd.DataFrame:
        """MAE and bias (mean of predicted − observed) per metric (rows) and predictor (columns)."""
        rows = {}
        s = self.scored
        for metric, _ in METRICS:
            for predictor, _ in PREDICTORS:
                err = s[f"{predictor}_{metric}"] - s[f"observed_{metric}"]
                rows[(metric, predictor)] = {"mae": err.abs().mean(), "bias": err.mean(), "cells": int(err.count())}
        return pd.DataFrame(rows).T.rename_axis(["metric", "predictor"])

    def to_json(self) -> dict[str, Any]:
        summary = self.summary()
        return {
            "test": self.test, "train": self.train, "replications": self.replications, "inputs": self.inputs,
            "min_calls": self.min_calls, "cells": len(self.scored),
            "metrics": {m: {p: {k: _clean(summary.loc[(m, p), k]) for k in ("mae", "bias")} for p, _ in PREDICTORS}
                        for m, _ in METRICS},
        }

    def figure(self):  # noqa: ANN201 - matplotlib is imported on use
        """Observed and predicted metrics through the test days, one panel per metric."""
        import matplotlib.pyplot as plt

        cells = self.cells
        x = np.arange(len(cells))
        fig, axes = plt.subplots(len(METRICS), 1, figsize=(11, 8), sharex=True)
        for ax, (metric, description) in zip(axes, METRICS, strict=True):
            seen = cells["offered"] >= self.min_calls
            ax.plot(x[seen], cells[f"observed_{metric}"][seen], "o", ms=3, color="black", label="observed")
            for (predictor, _), style in zip(PREDICTORS, ("-", "--", ":"), strict=True):
                ax.plot(x, cells[f"{predictor}_{metric}"].where(seen), style, lw=1.2, label=predictor)
            ax.set_ylabel(metric)
            ax.set_title(description, fontsize="small", loc="left")
        starts = np.flatnonzero(cells["slot"].to_numpy() == 0)
        axes[-1].set_xticks(starts, [f"{WEEKDAYS[d.day_of_week]} {d:%m-%d}" for d in cells["date"].iloc[starts]])
        for ax in axes:
            for s in starts:
                ax.axvline(s, color="grey", lw=0.3)
        axes[0].legend(ncol=4, fontsize="small")
        fig.suptitle(f"Back-test on {self.test} (cells with ≥ {self.min_calls} offered calls)")
        fig.tight_layout()
        return fig


def _clean(x: float) -> float | None:
    return None if pd.isna(x) else float(x)


def backtest(scenario: Scenario, log: CallLog, test: str, *, train: str | None = None, replications: int = 10,
             seed: int = 1, inputs: str = "test", min_calls: int = 20, slot_minutes: int = 60) -> Backtest:
    """Back-test `scenario` on the calls of `log` arriving in `test` (``START:END``). `train` is
    the window of the naive prediction (default: the scenario's ``calibration.train``)."""
    if inputs not in INPUTS:
        raise ScenarioError(f"inputs: {inputs!r} is not allowed; allowed: " + ", ".join(INPUTS))
    train = train or scenario.values.get("calibration.train")
    if train is None:
        raise ScenarioError(f"{scenario.source}: calibration.train is not set; give the training window (--train)")
    test_days, train_days = window(test, "test"), window(train, "train")
    observed = in_window(log, test_days, "test")
    threshold = scenario.values["simulation.service_level_threshold_s"]
    sums = cell_sums(observed, test_days, slot_minutes, threshold)
    cells = rates(sums).add_prefix("observed_")
    cells.insert(0, "offered", sums["offered"])
    agents, _ = est.agents_per_slot(observed, test_days, slot_minutes)
    cells["agents"] = agents.ravel()

    if inputs == "test":
        scenario = _observed(scenario, observed, test_days, agents, slot_minutes)
    sim = _simulate(scenario, test_days, replications, seed)
    cells = cells.join(rates(cell_sums(sim, test_days, slot_minutes, threshold)).add_prefix("cxsim_"))
    cells = cells.join(_erlang_a(observed, sums, agents.ravel(), test_days, slot_minutes, threshold))
    train_sums = cell_sums(in_window(log, train_days, "train"), train_days, slot_minutes, threshold).reset_index()
    naive = rates(train_sums.groupby([train_sums["date"].dt.day_of_week, "slot"]).sum(numeric_only=True))
    date, slot = cells.index.get_level_values("date"), cells.index.get_level_values("slot")
    same_cell = naive.reindex(pd.MultiIndex.from_arrays([date.weekday, slot])).to_numpy()
    cells = cells.join(pd.DataFrame(same_cell, index=cells.index, columns=[f"naive_{m}" for m in naive.columns]))
    return Backtest(cells.reset_index(), test, train, replications, inputs, min_calls)


def _observed(scenario: Scenario, calls: pd.DataFrame, days: pd.DatetimeIndex, agents: np.ndarray,
              slot_minutes: int) -> Scenario:
    """`scenario` with the load and staffing seen in `calls` over `days`, averaged over the dates
    of each weekday: fresh calls per (weekday, slot) as the profile (redials too when the
    scenario does not generate them) with no day-to-day variation; the handle time's level per
    (weekday, slot), as a factor of the scenario's mean handle time (est.factors, shrunk to 1 by
    PRIOR calls); and the agents on the phone per slot (`agents`, from est.agents_per_slot)."""
    weight = None
    if scenario.values["callers.redial_probability"] > 0:
        r = est.redials(calls.reset_index(drop=True), 86400)
        weight = r.weight if r is not None else None
    a = est.arrivals(calls.reset_index(drop=True), days, slot_minutes, weight)
    served = calls[calls["outcome"] == "served"]
    weekday, slot = est.weekday_slot(served["arrival"], slot_minutes)
    slots = 1440 // slot_minutes
    expected = np.full(len(served), _mean_handle(scenario))
    handle, _ = est.factors(served["handle_s"].to_numpy(), expected, weekday * slots + slot, 7 * slots, PRIOR)
    raw = scenario.to_dict()
    raw["arrivals"] = {"weekly_profile": a.profile.tolist(), "daily_volume": max(a.daily_volume.value, 1e-9)}
    raw["service"]["handle_time_profile"] = np.round(handle.reshape(7, slots), 3).tolist()
    for key in ("count", "shifts"):
        raw["agents"].pop(key, None)
    raw["agents"] |= staffing_keys(est.weekday_mean(agents, days), slot_minutes)
    raw.setdefault("planning", {})["enabled"] = False
    return Scenario.from_dict(raw, scenario.source)


def _mean_handle(scenario: Scenario) -> float:
    """The scenario's mean talk time over its call types, weighted by their shares (an empirical
    table's mean is that of its piecewise-linear quantile function, as in the engine)."""
    v = scenario.values
    types = v["call_types"] or [{"share": 1.0}]
    total = 0.0
    for t in types:
        dist = t.get("handle_time_dist") or v["service.handle_time_dist"]
        if dist == "empirical":
            table = np.sort(t.get("handle_time_table_s") or v["service.handle_time_table_s"])
            mean = float(np.mean((table[1:] + table[:-1]) / 2)) if len(table) > 1 else float(table[0])
        else:
            mean = t.get("mean_handle_time_s") or v["service.mean_handle_time_s"]
        total += t["share"] * mean
    return total / sum(t["share"] for t in types)


def _simulate(scenario: Scenario, days: pd.DatetimeIndex, replications: int, seed: int) -> pd.DataFrame:
    """The scenario's calls over `days` (their weekdays, from an empty centre), every replication's
    as one call log with time 0 at the first day's midnight."""
    import tempfile

    from .api import run

    raw = scenario.to_dict()
    raw["simulation"] |= {"horizon_days": len(days), "warmup_days": 0.0, "start_weekday": WEEKDAYS[days[0].day_of_week]}
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Scenario.from_dict(raw, scenario.source), replications=replications, seed=seed, call_log=True,
                      output=Path(tmp) / "backtest.h5")
        calls = results.calls
    return pd.concat([simulated(g, days[0], "simulation").calls for _, g in calls.groupby("replication")])


def _erlang_a(calls: pd.DataFrame, sums: pd.DataFrame, agents: np.ndarray, days: pd.DatetimeIndex,
              slot_minutes: int, threshold: float) -> pd.DataFrame:
    """Erlang A per cell on the cell's own offered rate, mean handle time (the window's where the
    cell served nobody) and agents, with the window's patience (exponential, censored MLE)."""
    off = calls[est.offered(calls)]
    theta = 1 / est.patience(off["wait_s"].to_numpy(), (off["outcome"] == "abandoned").to_numpy(),
                             "exponential").exponential.value
    served = calls[calls["outcome"] == "served"]
    cell = list(est.date_slot(served["service_start"], slot_minutes))
    handle = served.groupby(cell)["handle_s"].mean().reindex(sums.index).fillna(served["handle_s"].mean())
    slot_s = slot_minutes * 60
    rows = [erlang_a(o / slot_s, 1 / h, theta, n, threshold) if o > 0 else dict.fromkeys(("abandon_rate",
            "mean_wait_s", "service_level"), np.nan) for o, h, n in zip(sums["offered"], handle, agents, strict=True)]
    return pd.DataFrame(rows, index=sums.index).add_prefix("erlang_a_")


def write_cells(bt: Backtest, path: str | Path) -> None:
    """The cells as CSV, whole or not at all."""
    from ._files import replaced

    with replaced(path) as tmp:
        bt.cells.to_csv(tmp, index=False)
