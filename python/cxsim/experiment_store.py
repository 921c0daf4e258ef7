"""An experiment's results on disk: a resumable work file while the sweep runs, then the final file.

While a sweep runs, ``<output>.partial`` records each finished (point, replication) as it
finishes; the driver alone writes it, so a killed sweep keeps what it finished. When every slot
is done, the final file is written afresh from the work file (so it is the same bytes however
often the sweep was interrupted), sealed, and the work file removed. Layout of the final file
(netCDF-4, readable by xarray and h5py):

- ``/`` attributes: ``Conventions``, ``title``, ``experiment`` (the experiment as TOML), ``root_seed``,
  ``cxsim_version``, ``git_revision``
- ``/design``: dim ``point``: one variable per uncertainty and lever, ``policy`` and ``draw``
- ``/outcomes``: one variable per outcome, dims ``(point, replication)``, or
  ``(point, replication, day)`` for a ``daily`` outcome (days a point does not simulate are NaN);
  attributes ``units`` (and ``currency`` for money), ``kpi``, ``aggregate``
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._h5 import check_file, sealed_output
from ._units import kpi_attrs
from .errors import ScenarioError

if TYPE_CHECKING:
    import xarray as xr

    from .experiment import Experiment

TITLE = "cxsim experiment"
BLOCK_POINTS = 256  # points read from the work file and written to the final file at a time


class WorkFile:
    """The resumable work file of a sweep (``<output>.partial``): a header line naming the
    experiment (the SHA-256 of its TOML), then one JSON line per finished (point, replication),
    appended and flushed as each finishes. A sweep killed at any moment leaves at worst a cut
    last line, which is ignored on resuming: that task runs again. Only which tasks are done is
    held in memory; the values stay on disk until the final file is written."""

    def __init__(self, path: Path, experiment: Experiment, points: int):
        import hashlib
        import json

        self.path = path
        self.names = [o.name for o in experiment.outcomes]
        self.shape = (points, experiment.replications)
        self.header = json.dumps({"cxsim_sweep": hashlib.sha256(experiment.to_toml().encode()).hexdigest(),
                                  "outcomes": self.names})
        self.done: set[tuple[int, int]] = set()
        if path.exists():
            with open(path, "rb") as f:
                if f.readline().rstrip(b"\n") != self.header.encode():
                    raise ScenarioError(f"{path}: the unfinished sweep of another experiment; delete it to start "
                                        "afresh")
            self.done = set(self._offsets())
            self.file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()
            with open(path, "rb") as f:
                f.seek(max(path.stat().st_size - 1, 0))
                if f.read(1) != b"\n":
                    self.file.write("\n")  # end the cut line: the next record starts clean
        else:
            self.file = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
            self.file.write(self.header + "\n")
        self.file.flush()

    def missing(self) -> list[tuple[int, int]]:
        """The (point, replication) slots not yet done, in order."""
        return [(p, r) for p in range(self.shape[0]) for r in range(self.shape[1]) if (p, r) not in self.done]

    def put(self, point: int, replication: int, values: dict[str, Any]) -> None:
        import json

        self.file.write(json.dumps([point, replication, [values[n] for n in self.names]]) + "\n")
        self.file.flush()
        self.done.add((point, replication))

    def close(self) -> None:
        self.file.close()

    def _offsets(self) -> dict[tuple[int, int], int]:
        """Where each complete record starts in the file (a cut or garbled line is skipped)."""
        import json

        offsets = {}
        with open(self.path, "rb") as f:
            f.readline()
            while True:
                at, line = f.tell(), f.readline()
                if not line:
                    return offsets
                try:
                    p, r, _ = json.loads(line)
                except (ValueError, TypeError):  # the line a kill cut short
                    continue
                offsets[(p, r)] = at

    def blocks(self, size: int) -> Iterator[tuple[int, int, dict[str, np.ndarray]]]:
        """``(first, stop, values)`` for each block of `size` points in order: each outcome's
        values of points first..stop-1, shape (points, replications[, days])."""
        import json

        offsets = self._offsets()
        with open(self.path, "rb") as f:
            for first in range(0, self.shape[0], size):
                stop = min(first + size, self.shape[0])
                block: dict[str, list] = {n: [[None] * self.shape[1] for _ in range(stop - first)] for n in self.names}
                for p in range(first, stop):
                    for r in range(self.shape[1]):
                        f.seek(offsets[(p, r)])
                        for n, v in zip(self.names, json.loads(f.readline())[2], strict=True):
                            block[n][p - first][r] = v
                yield first, stop, {n: np.array(v, dtype=float) for n, v in block.items()}


def write_final(path: Path, experiment: Experiment, design: list[dict[str, Any]], work: WorkFile) -> None:
    """The final file from the completed work file, BLOCK_POINTS points at a time (never the
    whole experiment in memory): written as ``<path>.final``, sealed, renamed."""
    import h5netcdf
    import xarray as xr

    from . import _core

    currency = experiment.scenario_at({}).values["money.currency"]  # no factor may change it
    units = {name: kpi_attrs(u, money, currency) for name, u, _, money in _core.metrics()}
    draws = len(design) // len(experiment.policies())
    factors = {}
    for f in experiment.levers + experiment.uncertainties:
        column = [point[f.key] for point in design]
        factors[f.key] = ("point", np.array(column, dtype=object if f.kind == "values" and
                                            any(isinstance(v, str) for v in column) else None))
    factors["policy"] = ("point", np.arange(len(design)) // draws)
    factors["draw"] = ("point", np.arange(len(design)) % draws)
    days = max([experiment.scenario_at({}).values["simulation.horizon_days"]]
               + [p["simulation.horizon_days"] for p in design if "simulation.horizon_days" in p])
    with sealed_output(path, ".final") as tmp:  # <path>.partial is the work file
        root = {"Conventions": _core.CONVENTIONS, "title": TITLE, "experiment": experiment.to_toml(),
                "root_seed": str(experiment.seed), **_core.provenance()}
        xr.Dataset(attrs=root).to_netcdf(tmp, mode="w", engine="h5netcdf")
        xr.Dataset(factors, coords={"point": np.arange(len(design))}).to_netcdf(tmp, mode="a", group="design",
                                                                                 engine="h5netcdf")
        with h5netcdf.File(tmp, "a") as f:
            g = f.create_group("outcomes")
            daily = {"day": days} if any(o.aggregate == "daily" for o in experiment.outcomes) else {}
            g.dimensions = {"point": len(design), "replication": experiment.replications, **daily}
            for dim in g.dimensions:
                g.create_variable(dim, (dim,), data=np.arange(g.dimensions[dim].size))
            for o in experiment.outcomes:
                dims = ("point", "replication", "day") if o.aggregate == "daily" else ("point", "replication")
                v = g.create_variable(o.name, dims, dtype="f8", fillvalue=np.nan)
                v.attrs.update({**units[o.kpi], "kpi": o.kpi, "aggregate": o.aggregate})
            for first, stop, values in work.blocks(BLOCK_POINTS):
                for o in experiment.outcomes:
                    x = values[o.name]
                    if o.aggregate == "daily":
                        g[o.name][first:stop, :, :x.shape[2]] = x
                    else:
                        g[o.name][first:stop] = x


def is_experiment_file(path: Path) -> bool:
    """Whether `path` is an HDF5 file (a sweep's results) rather than an experiment TOML file."""
    if not path.is_file():
        return False
    with open(path, "rb") as f:
        return f.read(8) == b"\x89HDF\r\n\x1a\n"


def stored_experiment(path: Path) -> str:
    """The experiment TOML a sweep's file holds (its root attribute), without reading the outcomes."""
    import h5py

    check_file(path, "experiment")
    with h5py.File(path, "r") as f:
        text = f.attrs["experiment"]
    return text.decode() if isinstance(text, bytes) else str(text)


def open_experiment(path: str | Path) -> xr.Dataset:
    """An experiment file as one Dataset: the outcomes, dims ``(point, replication)``, with the
    design (each uncertainty and lever, ``policy``, ``draw``) as coordinates along ``point``."""
    import xarray as xr

    path = Path(path)
    check_file(path, "experiment")
    with xr.open_dataset(path, engine="h5netcdf") as root, \
            xr.open_dataset(path, group="design", engine="h5netcdf") as design, \
            xr.open_dataset(path, group="outcomes", engine="h5netcdf") as outcomes:
        ds = with_design(outcomes.load(), design.load())
        ds.attrs = dict(root.attrs)
    return ds


def with_design(outcomes: xr.Dataset, design: xr.Dataset) -> xr.Dataset:
    """The outcomes with the design's variables as coordinates along ``point``."""
    return outcomes.assign_coords({k: design[k] for k in design.data_vars})
