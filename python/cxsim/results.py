"""Results of a run: KPIs per interval, day and replication, the replication summary, the agent
panel, segment totals, the call log and the customer summary.

The layout (groups, variables, units, code tables) is the engine's (models/results_layout.*):
a run's in-memory result and its file hold the same groups, and this module builds xarray
datasets from either without naming any of their variables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._h5 import check_file
from ._units import shown_units

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

    from . import _core


class Results:
    """What a run produced, from memory (:func:`cxsim.run`) or a file (:func:`open_results`).

    Each group becomes an xarray Dataset on first use, so :meth:`summary_rows` and
    :meth:`summary_json` without customers import neither pandas nor xarray.

    Attributes:
        intervals: KPIs per reporting interval, dims ``(replication, interval)``; the
            ``interval`` coordinate is the interval's start in seconds since the start.
        daily: KPIs per simulated day, dims ``(replication, day)``.
        replications: KPIs over the whole run after the warm-up, dim ``replication``.
        agents: the daily agent panel, dims ``(replication, day, agent)`` (None when the
            workforce is off).
        segments: end-of-run totals per customer segment over the whole horizon, dims
            ``(replication, segment)`` (None when customers are off); ``segments_daily`` what
            each segment's customers did each day (churned, after an issue, issues, contacts,
            unresolved), dims ``(replication, day, segment)``.
        call_types: the call KPIs per call type over the run after the warm-up, dims
            ``(replication, call_type)``; ``call_types_daily`` and ``call_types_intervals`` per
            day and per interval.
        attrs: run metadata (scenario TOML, root seed, versions, start time, wall time).
        path: the HDF5 file, if the run was recorded.
    """

    def __init__(self, groups: Mapping[str, Callable[[], xr.Dataset]], summary: Callable[[], dict[str, Any]],
                 attrs: dict[str, Any], path: Path | None = None):
        self._groups = dict(groups)
        self._loaded: dict[str, xr.Dataset] = {}
        self._summary_table = summary
        self.attrs: dict[str, Any] = attrs
        self.path = path

    def _group(self, name: str) -> xr.Dataset | None:
        if name not in self._loaded and name in self._groups:
            self._loaded[name] = self._groups[name]()
        return self._loaded.get(name)

    intervals = property(lambda self: self._group("intervals"))
    daily = property(lambda self: self._group("daily"))
    replications = property(lambda self: self._group("replications"))
    agents = property(lambda self: self._group("agents"))
    segments = property(lambda self: self._group("segments"))
    segments_daily = property(lambda self: self._group("segments_daily"))
    call_types = property(lambda self: self._group("call_types"))
    call_types_daily = property(lambda self: self._group("call_types_daily"))
    call_types_intervals = property(lambda self: self._group("call_types_intervals"))
    _summary = property(lambda self: self._group("summary"))

    def summary_rows(self) -> list[tuple[str, float, float, float, float, int, str]]:
        """The summary without pandas: one ``(metric, mean, ci95_low, ci95_high, std, n, units)``
        per KPI."""
        t = self._summary_table()
        return [(str(m), float(t["mean"][i]), float(t["ci95_low"][i]), float(t["ci95_high"][i]), float(t["std"][i]),
                 int(t["n"][i]), t["units"][i]) for i, m in enumerate(t["metric"])]

    def summary(self) -> pd.DataFrame:
        """One row per KPI: the mean over replications and its 95% Student-t interval.

        Columns: ``mean``, ``ci95_low``, ``ci95_high``, ``std``, ``n`` (replications with a
        defined value) and ``units`` (``s`` for times, ``1`` for counts and ratios, the
        currency code for money: ``USD``).
        """
        import pandas as pd

        columns = ["metric", "mean", "ci95_low", "ci95_high", "std", "n", "units"]
        return pd.DataFrame(self.summary_rows(), columns=columns).set_index("metric")

    def segment_summary(self) -> pd.DataFrame | None:
        """Per customer segment, the mean over replications of each end-of-run total in
        :attr:`segments` (rows: segments; None when customers are off)."""
        if self.segments is None:
            return None
        return self.segments.mean("replication").to_dataframe()

    def call_type_summary(self) -> pd.DataFrame | None:
        """Per call type, the mean over replications of each call KPI in :attr:`call_types`
        (rows: call types; None for files written before per-type KPIs existed)."""
        if self.call_types is None:
            return None
        return self.call_types.mean("replication").to_dataframe()

    def summary_json(self) -> dict[str, Any]:
        """The summary as ``{"metrics": {name: {mean, ci95_low, ci95_high}}, "replications": n}``,
        plus ``"call_types": {type: {metric: mean}}`` and, when customers are on,
        ``"segments": {segment: {total: mean}}``."""
        def clean(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        out: dict[str, Any] = {
            "metrics": {m: {"mean": clean(mean), "ci95_low": clean(low), "ci95_high": clean(high)}
                        for m, mean, low, high, *_ in self.summary_rows()},
            "replications": int(self.attrs["replications"]),
        }
        for key, table in (("call_types", self.call_type_summary()), ("segments", self.segment_summary())):
            if table is not None:
                out[key] = {str(s): {k: clean(v) for k, v in row.items()} for s, row in table.iterrows()}
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
        import h5py

        with h5py.File(self.path, "r") as f:
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
    """Open a results file written by :func:`cxsim.run` or ``cxsim run``; each group is read
    when first used."""
    import h5py

    path = Path(path)
    check_file(path, "results")
    with h5py.File(path, "r") as f:
        attrs = {k: _plain(v) for k, v in f.attrs.items()}
        tables = {g for g in f if any(f[g][d].dtype.names for d in f[g])}
        present = [g for g in f if g not in tables]
        summary = {k: f["summary"][k][()] for k in ("mean", "ci95_low", "ci95_high", "std", "n")}
        summary["metric"] = [m.decode() if isinstance(m, bytes) else str(m) for m in f["summary"]["metric"][()]]
        units = {m: shown_units({k: _plain(v) for k, v in f["replications"][m].attrs.items()})
                 for m in summary["metric"]}
    summary["units"] = [units[m] for m in summary["metric"]]
    return Results({g: group_reader(path, g) for g in present}, lambda: summary, attrs, path)


def group_reader(path: Path, group: str) -> Callable[[], xr.Dataset]:
    """A function reading `group` of the file at `path` into memory."""
    def read() -> xr.Dataset:
        import xarray as xr

        with xr.open_dataset(path, group=group, engine="h5netcdf") as ds:
            return ds.load()
    return read


def from_core(result: _core.RunResult, path: Path | None) -> Results:
    """Results from the engine's in-memory layout: the same groups as the file's, decoded as
    xarray decodes the file (CF time coordinates become dates)."""
    names = [n for n in result.group_names() if n]

    def load(name: str) -> Callable[[], xr.Dataset]:
        def build() -> xr.Dataset:
            import xarray as xr

            d = result.dataset(name)
            coords = {n: (n, values, _attrs(units, long_name)) for n, values, units, long_name in d["dims"]}
            variables = {n: (dims, data, {**_attrs(units, long_name), **attrs})
                         for n, dims, data, units, long_name, attrs in d["variables"]}
            return xr.decode_cf(xr.Dataset(variables, coords=coords, attrs=d["attrs"]))
        return build

    def summary() -> dict[str, Any]:
        d = result.dataset("summary")
        table = {n: data for n, _, data, *_ in d["variables"]}
        table["metric"] = d["dims"][0][1]
        units = {n: shown_units({"units": units, **attrs})
                 for n, _, _, units, _, attrs in result.dataset("replications")["variables"]}
        table["units"] = [units[m] for m in table["metric"]]
        return table

    return Results({n: load(n) for n in names}, summary, result.dataset("")["attrs"], path)


def _attrs(units: str, long_name: str) -> dict[str, str]:
    return {k: v for k, v in (("units", units), ("long_name", long_name)) if v}


def _plain(value: Any) -> Any:
    """An attribute read by h5py as the engine (or h5netcdf, which stores a number as a one-element
    array) wrote it: numpy scalars and one-element arrays as Python numbers, bytes as text."""
    if isinstance(value, bytes):
        return value.decode()
    return value.item() if hasattr(value, "item") and getattr(value, "size", 0) == 1 else value
