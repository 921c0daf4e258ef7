"""Results of a run: KPIs per interval, day and replication, the replication summary, the call log."""

from __future__ import annotations

import math
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from . import _core

GROUPS = ("intervals", "daily", "replications", "summary")
PANEL = (("engagement", "1", "engagement during the day (SD from baseline)"),
         ("exhaustion", "1", "exhaustion during the day (1 is typical)"),
         ("tenure_days", "day", "tenure at the end of the day (NaN: seat vacant)"),
         ("calls", "1", "calls handled during the day"),
         ("aht_s", "s", "mean handle time of the day's calls"),
         ("fcr", "1", "share of the day's calls that resolved the issue"),
         ("praise", "1", "customer praise passed on to the agent that day"),
         ("status", "1", "0 working, 1 absent, 2 in training, 3 seat vacant"))
OUTCOMES = ("answered", "abandoned", "contained", "in_system")


class Results:
    """What a run produced, from memory (:func:`cxsim.run`) or a file (:func:`open_results`).

    Attributes:
        intervals: KPIs per reporting interval, dims ``(replication, interval)``; the
            ``interval`` coordinate is the interval's start in seconds since the start.
        daily: KPIs per simulated day, dims ``(replication, day)``.
        replications: KPIs over the whole run after the warm-up, dim ``replication``.
        agents: the daily agent panel, dims ``(replication, day, agent)`` (None when the
            workforce is off).
        segments: end-of-run totals per customer segment over the whole horizon, dims
            ``(replication, segment)``: customers, customers_at_end, churned, churn_rate,
            issues, contacts, unresolved, effort, value_monthly_churned (None when customers
            are off).
        attrs: run metadata (scenario TOML, root seed, versions, start time, wall time).
        path: the HDF5 file, if the run was recorded.
    """

    def __init__(self, groups: dict[str, xr.Dataset], attrs: dict[str, Any], path: Path | None = None):
        self.intervals: xr.Dataset = groups["intervals"]
        self.daily: xr.Dataset = groups["daily"]
        self.replications: xr.Dataset = groups["replications"]
        self._summary: xr.Dataset = groups["summary"]
        self.agents: xr.Dataset | None = groups.get("agents")
        self.segments: xr.Dataset | None = groups.get("segments")
        self.attrs: dict[str, Any] = attrs
        self.path = path

    def summary(self) -> pd.DataFrame:
        """One row per KPI: the mean over replications and its 95% Student-t interval.

        Columns: ``mean``, ``ci95_low``, ``ci95_high``, ``std``, ``n`` (replications with a
        defined value) and ``units`` (``s`` for times, ``1`` for counts and ratios).
        """
        df = self._summary.to_dataframe()[["mean", "ci95_low", "ci95_high", "std", "n"]]
        df["n"] = df["n"].astype(int)
        df["units"] = [self.replications[m].attrs.get("units", "") for m in df.index]
        df.index.name = "metric"
        return df

    def segment_summary(self) -> pd.DataFrame | None:
        """Per customer segment, the mean over replications of each end-of-run total in
        :attr:`segments` (rows: segments; None when customers are off)."""
        if self.segments is None:
            return None
        return self.segments.mean("replication").to_dataframe()

    def summary_json(self) -> dict[str, Any]:
        """The summary as ``{"metrics": {name: {mean, ci95_low, ci95_high}}, "replications": n}``,
        plus ``"segments": {segment: {total: mean}}`` when customers are on."""
        def clean(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        df = self.summary()
        out: dict[str, Any] = {
            "metrics": {m: {"mean": clean(r["mean"]), "ci95_low": clean(r["ci95_low"]),
                            "ci95_high": clean(r["ci95_high"])} for m, r in df.iterrows()},
            "replications": int(self.attrs["replications"]),
        }
        segments = self.segment_summary()
        if segments is not None:
            out["segments"] = {str(s): {k: clean(v) for k, v in row.items()} for s, row in segments.iterrows()}
        return out

    @cached_property
    def calls(self) -> pd.DataFrame:
        """The call log, one row per call attempt (read from the file on first use).

        Times are seconds since the simulation start; ``outcome`` is one of answered,
        abandoned, contained, in_system. Only present when the run recorded it.
        """
        calls = self._tables("calls", "no call log", "call_log=True (--call-log)")
        calls["outcome"] = pd.Categorical.from_codes(calls["outcome"], categories=list(OUTCOMES))
        return calls

    @cached_property
    def customers(self) -> pd.DataFrame:
        """Every customer at the end of each replication (read from the file on first use):
        ``customer``, ``segment`` (its name), ``value_monthly``, ``churned``, ``churn_day`` (NaN if
        active), ``issues``, ``contacts``, ``unresolved``, ``effort``, ``tenure_days`` (at churn or the
        horizon). Only when the run recorded it."""
        customers = self._tables("customers", "no customer summary", "customer_summary=True (--customer-summary)")
        segments = tomllib.loads(self.attrs["scenario_toml"]).get("customers", {}).get("segments", [])
        names = [s["name"] for s in segments] or ["all"]
        customers["segment"] = pd.Categorical.from_codes(customers["segment"], categories=names)
        return customers

    def _tables(self, group: str, missing: str, how: str) -> pd.DataFrame:
        """The per-replication compound datasets of `group`, as one DataFrame with a replication column."""
        import h5py

        if self.path is None:
            raise ValueError(f"{missing}: the run was not written to a file (pass output=)")
        with h5py.File(self.path, "r") as f:
            if group not in f:
                raise ValueError(f"{self.path}: {missing}: run with {how}")
            frames = []
            for name in sorted(f[group]):
                df = pd.DataFrame(f[group][name][()])
                df.insert(0, "replication", int(name.rsplit("_", 1)[1]))
                frames.append(df)
        return pd.concat(frames, ignore_index=True)

    def __repr__(self) -> str:
        reps = self.attrs.get("replications")
        name = self.attrs.get("scenario_name", "?")
        return f"<cxsim.Results scenario={name!r} replications={reps} intervals={self.intervals.sizes.get('interval')}>"


def open_results(path: str | Path) -> Results:
    """Open a results file written by :func:`cxsim.run` or ``cxsim run``."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such results file")
    groups = {}
    import h5py

    with h5py.File(path, "r") as f:
        present = [g for g in (*GROUPS, "agents", "segments") if g in f]
    for g in present:
        with xr.open_dataset(path, group=g, engine="h5netcdf") as ds:
            groups[g] = ds.load()
    with xr.open_dataset(path, engine="h5netcdf") as root:
        attrs = dict(root.attrs)
    return Results(groups, attrs, path)


def from_core(result: _core.RunResult, attrs: dict[str, Any], path: Path | None) -> Results:
    """Results from the engine's in-memory arrays, laid out exactly as in the file."""
    metrics = _core.metrics()
    reps = np.arange(result.replications, dtype=np.int64)

    def dataset(values: np.ndarray, dims: tuple[str, ...], coords: dict[str, Any]) -> xr.Dataset:
        return xr.Dataset(
            {name: (dims, values[i], {"units": units, "long_name": long_name})
             for i, (name, units, long_name) in enumerate(metrics)},
            coords=coords,
        )

    rep_coord = ("replication", reps, {"units": "1", "long_name": "replication index"})
    starts = np.arange(result.intervals) * result.interval_s
    intervals = dataset(result.interval_metrics, ("replication", "interval"), {
        "replication": rep_coord,
        "interval": ("interval", starts, {"units": "s", "long_name": "start of the interval since the simulation start"}),
    })
    intervals.attrs.update(interval_s=result.interval_s, first_reported_interval=result.first_reported_interval)
    daily = dataset(result.daily_metrics, ("replication", "day"), {
        "replication": rep_coord,
        "day": ("day", np.arange(result.days, dtype=np.int64), {"units": "day", "long_name": "day since the simulation start"}),
    })
    for name, values in zip(_core.quartile_names(), result.daily_quartiles):
        daily[name] = (("replication", "day"), values, {"units": "1", "long_name": "quartile over active employees"})
    replications = dataset(result.run_metrics, ("replication",), {"replication": rep_coord})
    replications.attrs["period"] = "the horizon after the warm-up"
    s = result.summary
    summary = xr.Dataset(
        {"mean": ("metric", s[:, 0]), "std": ("metric", s[:, 1]), "ci95_low": ("metric", s[:, 2]),
         "ci95_high": ("metric", s[:, 3]), "n": ("metric", s[:, 4])},
        coords={"metric": [m[0] for m in metrics]},
    )
    summary.attrs["confidence_level"] = 0.95
    groups = {"intervals": intervals, "daily": daily, "replications": replications, "summary": summary}
    if result.agents:
        panel = result.agent_panel.astype(np.float64)
        groups["agents"] = xr.Dataset(
            {name: (("replication", "day", "agent"), panel[..., i], {"units": units, "long_name": long_name})
             for i, (name, units, long_name) in enumerate(PANEL)},
            coords={"replication": rep_coord,
                    "day": ("day", np.arange(result.days, dtype=np.int64), {"units": "day", "long_name": "day since the simulation start"}),
                    "agent": ("agent", np.arange(result.agents, dtype=np.int64), {"units": "1", "long_name": "seat index (shifts in scenario order)"})})
    if result.segments:
        groups["segments"] = xr.Dataset(
            {name: (("replication", "segment"), result.segment_totals[..., i], {"units": units, "long_name": long_name})
             for i, (name, units, long_name) in enumerate(_core.segment_fields())},
            coords={"replication": rep_coord, "segment": ("segment", list(result.segments), {"long_name": "customer segment"})},
            attrs={"period": "the whole horizon, at its end"})
    return Results(groups, attrs, path)
