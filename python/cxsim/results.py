"""Results of a run: KPIs per interval, day and replication, the replication summary, the agent
panel, segment totals, the call log and the customer summary.

The layout (groups, variables, units, code tables) is the engine's (models/results_layout.*):
a run's in-memory result and its file hold the same groups, and this module builds xarray
datasets from either without naming any of their variables.
"""

from __future__ import annotations

import math
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._h5 import h5py

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

    from . import _core


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
            ``(replication, segment)`` (None when customers are off).
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

        Times are seconds since the simulation start; ``outcome`` (answered, abandoned,
        contained, in_system) and ``call_type`` are categorical. Only present when the run
        recorded it.
        """
        return self._tables("calls", "no call log", "call_log=True (--call-log)")

    @cached_property
    def customers(self) -> pd.DataFrame:
        """Every customer at the end of each replication (read from the file on first use):
        ``customer``, ``segment`` (its name), ``value_monthly``, ``churned``, ``churn_day`` (NaN if
        active), ``issues``, ``contacts``, ``unresolved``, ``effort``, ``tenure_days`` (at churn or the
        horizon). Only when the run recorded it."""
        return self._tables("customers", "no customer summary", "customer_summary=True (--customer-summary)")

    def _tables(self, group: str, missing: str, how: str) -> pd.DataFrame:
        """The per-replication compound datasets of `group` as one DataFrame with a replication
        column; a field with a code table in the group's ``<field>_categories`` is categorical."""
        import pandas as pd

        if self.path is None:
            raise ValueError(f"{missing}: the run was not written to a file (pass output=)")
        with h5py().File(self.path, "r") as f:
            if group not in f:
                raise ValueError(f"{self.path}: {missing}: run with {how}")
            frames = []
            for name in sorted(f[group]):
                df = pd.DataFrame(f[group][name][()])
                df.insert(0, "replication", int(name.rsplit("_", 1)[1]))
                frames.append(df)
            codes = {k.removesuffix("_categories"): [str(c) for c in v]
                     for k, v in f[group].attrs.items() if k.endswith("_categories")}
        table = pd.concat(frames, ignore_index=True)
        for field, names in codes.items():
            table[field] = pd.Categorical.from_codes(table[field], categories=names)
        return table

    def __repr__(self) -> str:
        reps = self.attrs.get("replications")
        name = self.attrs.get("scenario_name", "?")
        return f"<cxsim.Results scenario={name!r} replications={reps} intervals={self.intervals.sizes.get('interval')}>"


def open_results(path: str | Path) -> Results:
    """Open a results file written by :func:`cxsim.run` or ``cxsim run``."""
    import xarray as xr

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such results file")
    with h5py().File(path, "r") as f:
        attrs = {k: _plain(v) for k, v in f.attrs.items()}
        tables = {g for g in f if any(f[g][d].dtype.names for d in f[g])}
        present = [g for g in f if g not in tables]
    groups = {}
    for g in present:
        with xr.open_dataset(path, group=g, engine="h5netcdf") as ds:
            groups[g] = ds.load()
    return Results(groups, attrs, path)


def from_core(result: _core.RunResult, path: Path | None) -> Results:
    """Results from the engine's in-memory layout: the same groups as the file's."""
    import xarray as xr

    groups, attrs = {}, {}
    for d in result.datasets():
        if not d["name"]:
            attrs = d["attrs"]
            continue
        coords = {name: (name, values, _attrs(units, long_name)) for name, values, units, long_name in d["dims"]}
        variables = {name: (dims, data, _attrs(units, long_name))
                     for name, dims, data, units, long_name in d["variables"]}
        groups[d["name"]] = xr.Dataset(variables, coords=coords, attrs=d["attrs"])
    return Results(groups, attrs, path)


def _attrs(units: str, long_name: str) -> dict[str, str]:
    return {k: v for k, v in (("units", units), ("long_name", long_name)) if v}


def _plain(value: Any) -> Any:
    """An attribute read by h5py as the engine wrote it: numpy scalars as Python numbers."""
    return value.item() if hasattr(value, "item") and getattr(value, "ndim", 1) == 0 else value
