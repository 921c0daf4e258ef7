"""An experiment's results on disk: a resumable work file while the sweep runs, then the final file.

While a sweep runs, ``<output>.partial`` records each finished (point, replication) as it
finishes; the driver alone writes it, so a killed sweep keeps what it finished. When every slot
is done, the final file is written afresh from the work file (so it is the same bytes however
often the sweep was interrupted), sealed, and the work file removed. Layout of the final file
(netCDF-4, readable by xarray and h5py):

- ``/`` attributes: ``title``, ``experiment`` (the experiment as TOML), ``root_seed``
- ``/design``: dim ``point``: one variable per uncertainty and lever, ``policy`` and ``draw``
- ``/outcomes``: dims ``(point, replication)``: one variable per outcome
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._h5 import check_sealed, seal
from .errors import ScenarioError

if TYPE_CHECKING:
    import xarray as xr

    from .experiment import Experiment

TITLE = "cxsim experiment"


class WorkFile:
    """The resumable work file of a sweep (``<output>.partial``): a header line naming the
    experiment (the SHA-256 of its TOML), then one JSON line per finished (point, replication),
    appended and flushed as each finishes. A sweep killed at any moment leaves at worst a cut
    last line, which is ignored on resuming: that task runs again."""

    def __init__(self, path: Path, experiment: Experiment, points: int):
        import hashlib
        import json

        self.path = path
        self.names = [o.name for o in experiment.outcomes]
        self.shape = (points, experiment.replications)
        header = json.dumps({"cxsim_sweep": hashlib.sha256(experiment.to_toml().encode()).hexdigest(),
                             "outcomes": self.names})
        self.values: dict[tuple[int, int], list[float]] = {}
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            lines = text.split("\n")
            if lines[0] != header:
                raise ScenarioError(f"{path}: the unfinished sweep of another experiment; delete it to start afresh")
            for line in lines[1:]:
                try:
                    p, r, values = json.loads(line)
                except (ValueError, TypeError):  # the line a kill cut short
                    continue
                self.values[(p, r)] = values
            self.file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()
            if not text.endswith("\n"):
                self.file.write("\n")  # end the cut line: the next record starts clean
        else:
            self.file = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
            self.file.write(header + "\n")
        self.file.flush()

    def missing(self) -> list[tuple[int, int]]:
        """The (point, replication) slots not yet done, in order."""
        return [(p, r) for p in range(self.shape[0]) for r in range(self.shape[1]) if (p, r) not in self.values]

    def put(self, point: int, replication: int, values: dict[str, float]) -> None:
        import json

        row = [values[n] for n in self.names]
        self.file.write(json.dumps([point, replication, row]) + "\n")
        self.file.flush()
        self.values[(point, replication)] = row

    def close(self) -> None:
        self.file.close()

    def outcomes(self) -> dict[str, np.ndarray]:
        """Each outcome's (point, replication) array (NaN where not done)."""
        out = {n: np.full(self.shape, np.nan) for n in self.names}
        for (p, r), row in self.values.items():
            for n, v in zip(self.names, row, strict=True):
                out[n][p, r] = v
        return out


def write_final(path: Path, experiment: Experiment, design: list[dict[str, Any]],
                values: dict[str, np.ndarray]) -> None:
    """The final file from the completed outcomes: written as ``<path>.final``, sealed, renamed."""
    import xarray as xr

    from . import _core

    units = {name: u for name, u, _ in _core.metrics()}
    draws = len(design) // len(experiment.policies())
    coords = {"point": np.arange(len(design)), "replication": np.arange(experiment.replications)}
    factors = {}
    for f in experiment.levers + experiment.uncertainties:
        column = [point[f.key] for point in design]
        factors[f.key] = ("point", np.array(column, dtype=object if f.kind == "values" and
                                            any(isinstance(v, str) for v in column) else None))
    factors["policy"] = ("point", np.arange(len(design)) // draws)
    factors["draw"] = ("point", np.arange(len(design)) % draws)
    outcomes = {o.name: (("point", "replication"), values[o.name], {"units": units[o.kpi], "kpi": o.kpi,
                                                                      "aggregate": o.aggregate})
                for o in experiment.outcomes}
    tmp = Path(f"{path}.final")
    try:
        xr.Dataset(attrs={"title": TITLE, "experiment": experiment.to_toml(), "root_seed": str(experiment.seed)}
                   ).to_netcdf(tmp, mode="w", engine="h5netcdf")
        xr.Dataset(factors, coords={"point": coords["point"]}).to_netcdf(tmp, mode="a", group="design",
                                                                          engine="h5netcdf")
        xr.Dataset(outcomes, coords=coords).to_netcdf(tmp, mode="a", group="outcomes", engine="h5netcdf")
        seal(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def is_experiment_file(path: Path) -> bool:
    """Whether `path` is an HDF5 file (a sweep's results) rather than an experiment TOML file."""
    if not path.is_file():
        return False
    with open(path, "rb") as f:
        return f.read(8) == b"\x89HDF\r\n\x1a\n"


def open_experiment(path: str | Path) -> xr.Dataset:
    """An experiment file as one Dataset: the outcomes, dims ``(point, replication)``, with the
    design (each uncertainty and lever, ``policy``, ``draw``) as coordinates along ``point``."""
    import xarray as xr

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such experiment file")
    check_sealed(path)
    with xr.open_dataset(path, engine="h5netcdf") as root, \
            xr.open_dataset(path, group="design", engine="h5netcdf") as design, \
            xr.open_dataset(path, group="outcomes", engine="h5netcdf") as outcomes:
        ds = outcomes.load().assign_coords({k: design[k].load() for k in design.data_vars})
        ds.attrs = dict(root.attrs)
    return ds
