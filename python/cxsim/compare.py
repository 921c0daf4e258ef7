"""Comparing scenarios under common random numbers: paired differences with confidence intervals."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._h5 import check_file, sealed_output
from ._units import shown_units
from .api import ProgressCallback, output_path, run
from .errors import ScenarioError
from .results import Results, _plain, group_reader
from .scenario import Scenario

TITLE = "cxsim scenario comparison"
GROUPS = ("intervals", "daily", "replications", "summary", "segments")  # of each scenario, in the file
UNITS_ATTRS = {"long_name": "units as read (money in its currency, e.g. USD)"}  # of the tables' units variables

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import xarray as xr


class Comparison:
    """Scenarios run with the same seed and replications, so replication r of every scenario
    sees the same callers; each KPI's difference from the first scenario is paired by
    replication, which removes most of the noise the scenarios share.

    Attributes:
        names: the scenarios, the first being the base.
        attrs: ``root_seed`` and ``overrides`` (as text) shared by every scenario.
        results: each scenario's :class:`Results`.
        dataset: xarray Dataset, dims ``(scenario, metric)``: ``mean``, ``ci95_low``,
            ``ci95_high`` of each scenario and ``diff``, ``diff_ci95_low``, ``diff_ci95_high``
            of its paired difference from the base (zero for the base itself); ``units`` per
            metric (money in its currency: ``USD``).
        segments: the same for the segment totals, dims ``(scenario, segment, total)``:
            ``mean``, ``diff``, ``diff_ci95_low``, ``diff_ci95_high``, and ``units`` per total
            (None unless every scenario has customers and the same segments).
    """

    def __init__(self, names: list[str], results: dict[str, Results], attrs: dict[str, Any]):
        self.names = names
        self.results = results
        self.attrs = attrs
        self.dataset = _differences(names, results)
        self.segments = _segment_differences(names, results)

    @property
    def replications(self) -> int:
        return self.results[self.names[0]].replications.sizes["replication"]

    @property
    def table(self) -> pd.DataFrame:
        """The dataset as a DataFrame indexed by (metric, scenario)."""
        return self.dataset.to_dataframe().reorder_levels(["metric", "scenario"]).sort_index(
            level="metric", sort_remaining=False)

    def to_json(self, metrics: list[str] | None = None) -> dict[str, Any]:
        """``{"scenarios": [...], "differences": {scenario: {metric: {mean, ci95_low, ci95_high}}}}``
        for every scenario but the base (only `metrics`, in that order, if given), plus
        ``"segment_differences": {scenario: {segment: {total: {mean, ci95_low, ci95_high}}}}``
        when there are segment totals."""
        import numpy as np

        def clean(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        def diff(ds: xr.Dataset, **at: Any) -> dict[str, float | None]:
            return {"mean": clean(ds["diff"].sel(**at).item()), "ci95_low": clean(ds["diff_ci95_low"].sel(**at).item()),
                    "ci95_high": clean(ds["diff_ci95_high"].sel(**at).item())}

        ds, seg = self.dataset, self.segments
        out: dict[str, Any] = {
            "scenarios": self.names,
            "differences": {name: {str(m): diff(ds, scenario=name, metric=m)
                                   for m in (metrics or ds["metric"].values)}
                            for name in self.names[1:]},
        }
        if seg is not None:
            out["segment_differences"] = {
                name: {str(s): {str(t): diff(seg, scenario=name, segment=s, total=t) for t in seg["total"].values}
                       for s in seg["segment"].values}
                for name in self.names[1:]}
        return out

    def write(self, path: Path) -> None:
        """Each scenario's run attributes (its scenario TOML, versions, seed) on ``/<name>`` and its
        groups (KPIs, and segment totals when customers are on) under it, the differences in
        ``/differences``; written as ``<path>.partial`` and renamed when complete."""
        with sealed_output(path) as partial:
            self.write_into(partial, TITLE)

    def write_into(self, partial: Path, title: str, **attrs: str) -> None:
        """The comparison's groups into a new file `partial` whose root says `title` (and `attrs`)."""
        import xarray as xr

        from . import _core

        root = xr.Dataset(attrs={"Conventions": _core.CONVENTIONS, "title": title, "scenarios": ",".join(self.names),
                                 **self.attrs, **attrs})
        root.to_netcdf(partial, mode="w", engine="h5netcdf")
        for name in self.names:
            r = self.results[name]
            run_attrs = {k: v for k, v in r.attrs.items() if isinstance(v, (str, int, float))}
            xr.Dataset(attrs=run_attrs).to_netcdf(partial, mode="a", group=name, engine="h5netcdf")
            for group in GROUPS:
                if r._group(group) is not None:
                    r._group(group).to_netcdf(partial, mode="a", group=f"{name}/{group}", engine="h5netcdf")
        self.dataset.to_netcdf(partial, mode="a", group="differences", engine="h5netcdf")
        if self.segments is not None:
            self.segments.to_netcdf(partial, mode="a", group="segment_differences", engine="h5netcdf")

def compare(
    scenarios: Sequence[Scenario | str | Path],
    replications: int = 10,
    seed: int = 0,
    threads: int = 0,
    overrides: Mapping[str, Any] | None = None,
    output: str | Path | None = None,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
) -> Comparison:
    """Run scenarios with common random numbers and compare each with the first.

    Args:
        scenarios: Scenario objects or TOML paths (named after their file's stem); at least two.
        replications, seed, threads: as in :func:`cxsim.run`, shared by every scenario.
        overrides: dotted keys applied to every scenario (``--set``).
        output: HDF5 file for the comparison; None keeps it in memory.
        overwrite: replace an existing ``output``.
    """
    if len(scenarios) < 2:
        raise ValueError("compare needs at least two scenarios")
    loaded: list[tuple[str, Scenario]] = []
    for s in scenarios:
        name = s.name if isinstance(s, Scenario) else Path(s).stem
        scenario = s if isinstance(s, Scenario) else Scenario.load(s)
        loaded.append((name, scenario.with_overrides(overrides or {})))
    names = [n for n, _ in loaded]
    if len(set(names)) != len(names):
        raise ScenarioError(f"scenario names must differ, got {names}")
    currencies = {s.values["money.currency"] for _, s in loaded}
    if len(currencies) > 1:
        raise ScenarioError(f"money.currency: scenarios in {sorted(currencies)} cannot be compared; allowed: one "
                            "currency for every scenario")
    path = output_path(output, overwrite)
    results = {}
    for i, (name, scenario) in enumerate(loaded):
        step = (lambda d, t, i=i: progress(i * t + d, len(loaded) * t)) if progress else None
        results[name] = run(scenario, replications=replications, seed=seed, threads=threads, progress=step)
    comparison = Comparison(names, results, {"root_seed": seed, "overrides": repr(dict(overrides or {}))})
    if path is not None:
        comparison.write(path)
    return comparison


def open_comparison(path: str | Path) -> Comparison:
    """A comparison file written by :func:`compare` or ``cxsim compare -o``; the differences are
    computed again from the replications it holds, as when it was written. Each scenario's
    :class:`Results` has its run's attributes, ``scenario_name`` and ``warmup_s`` among them."""
    path = Path(path)
    check_file(path, "comparison")
    return read_comparison(path)


def read_comparison(path: Path) -> Comparison:
    """The comparison in a file with its layout (a comparison or an explanation file, checked);
    root attributes other than the title and the scenarios stay in ``attrs``."""
    import h5py

    with h5py.File(path, "r") as f:
        attrs = {k: _plain(v) for k, v in f.attrs.items()}
        names = attrs.pop("scenarios").split(",")
        present = {name: [g for g in GROUPS if g in f[name]] for name in names}
        run_attrs = {name: {k: _plain(v) for k, v in f[name].attrs.items()} for name in names}
        warmup_s = {name: _plain(f[name]["intervals"].attrs["first_reported_interval"])
                    * _plain(f[name]["intervals"].attrs["interval_s"]) for name in names}
    attrs.pop("title")
    attrs.pop("Conventions", None)  # files written before issue 12 have none

    def summary(name: str) -> Callable[[], dict[str, Any]]:
        def table() -> dict[str, Any]:
            ds = group_reader(path, f"{name}/summary")()
            out = {k: ds[k].values for k in ("mean", "ci95_low", "ci95_high", "std", "n")}
            out["metric"] = [str(m) for m in ds["metric"].values]
            units = group_reader(path, f"{name}/replications")()
            out["units"] = [shown_units(units[m].attrs) for m in out["metric"]]
            return out
        return table

    results = {name: Results({g: group_reader(path, f"{name}/{g}") for g in present[name]}, summary(name),
                             {**run_attrs[name], "scenario_name": name, "warmup_s": warmup_s[name]}, path)
               for name in names}
    return Comparison(names, results, attrs)


def _paired(d: np.ndarray) -> tuple[float, float, float]:
    """Mean of paired differences and its two-sided 95% Student-t interval (NaN where undefined)."""
    import numpy as np
    from scipy import stats  # slow to import: only when comparing

    d = d[~np.isnan(d)]
    if len(d) == 0:
        return np.nan, np.nan, np.nan
    mean = d.mean()
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else np.nan
    return mean, mean - half, mean + half


def _segment_differences(names: list[str], results: dict[str, Results]) -> xr.Dataset | None:
    import numpy as np
    import xarray as xr
    segments = [results[n].segments for n in names]
    if any(s is None for s in segments) or any(list(s.segment.values) != list(segments[0].segment.values)
                                               for s in segments):
        return None
    base = segments[0].to_array("total")
    out = {k: [] for k in ("mean", "diff", "diff_ci95_low", "diff_ci95_high")}
    for s in segments:
        values = s.to_array("total")
        out["mean"].append(values.mean("replication"))
        paired = np.apply_along_axis(_paired, values.get_axis_num("replication"), (values - base).values)
        parts = np.moveaxis(paired, values.get_axis_num("replication"), 0)
        for k, part in zip(("diff", "diff_ci95_low", "diff_ci95_high"), parts, strict=True):
            out[k].append(xr.DataArray(part, dims=[d for d in values.dims if d != "replication"],
                                       coords={d: values[d] for d in values.dims if d != "replication"}))
    ds = xr.Dataset({k: xr.concat(v, dim="scenario") for k, v in out.items()}).assign_coords(scenario=names)
    ds["units"] = ("total", [shown_units(segments[0][t].attrs) for t in ds["total"].values], UNITS_ATTRS)
    ds.attrs["paired_by"] = "replication (common random numbers)"
    ds.attrs["confidence_level"] = 0.95
    return ds.transpose("scenario", "segment", "total")


def _differences(names: list[str], results: dict[str, Results]) -> xr.Dataset:
    import numpy as np
    import xarray as xr
    base = results[names[0]].replications
    metrics = list(base.data_vars)
    fields = {k: np.full((len(names), len(metrics)), np.nan)
              for k in ("mean", "ci95_low", "ci95_high", "diff", "diff_ci95_low", "diff_ci95_high")}
    for i, name in enumerate(names):
        summary = results[name].summary()
        reps = results[name].replications
        for j, m in enumerate(metrics):
            fields["mean"][i, j] = summary.loc[m, "mean"]
            fields["ci95_low"][i, j] = summary.loc[m, "ci95_low"]
            fields["ci95_high"][i, j] = summary.loc[m, "ci95_high"]
            fields["diff"][i, j], fields["diff_ci95_low"][i, j], fields["diff_ci95_high"][i, j] = _paired(
                reps[m].values - base[m].values)
    units = {m: shown_units(base[m].attrs) for m in metrics}
    ds = xr.Dataset({k: (("scenario", "metric"), v) for k, v in fields.items()},
                    coords={"scenario": names, "metric": metrics})
    ds["units"] = ("metric", [units[m] for m in metrics], UNITS_ATTRS)
    ds.attrs["paired_by"] = "replication (common random numbers)"
    ds.attrs["confidence_level"] = 0.95
    return ds
