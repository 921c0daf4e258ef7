"""Results files as tables for spreadsheets and data tools: CSV, Excel (xlsx) and Parquet.

What each kind of file exports is declared once, in :data:`KINDS`: per kind (cxsim.files tells
a file's kind from its root ``title``), its tables and how each is built from the file's
groups. Another kind of file is one more entry, its tables built from the same pieces
(:func:`group` for a group as it is, :func:`each_scenario` for one table over a comparison's
scenarios).

Tables are tidy: one row per cell of the group's dimensions (a replication and a day, say),
the coordinates first (``day`` and its nominal ``date``), then one column per variable with its
units in the header: ``aht_s [s]``, ``abandon_rate [1]``, money in its currency
(``cost_total [USD]``). A table whose rows differ in units (a summary) has a ``units`` column.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import swapped_in
from ._units import shown_units
from .experiment_store import with_design
from .results import _plain

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

EXCEL_ROWS = 1_048_576  # rows of an Excel sheet, its header included


class Source:
    """A results file, its seal checked and its kind told (cxsim.files); each group is read when
    a table first asks for it."""

    def __init__(self, path: str | Path):
        import h5py

        from .files import kind_of

        self.path = Path(path)
        self.kind = kind_of(self.path)
        with h5py.File(self.path, "r") as f:
            self.attrs = {k: _plain(v) for k, v in f.attrs.items()}
            self.groups: set[str] = set()
            f.visititems(lambda name, obj: self.groups.add(name) if isinstance(obj, h5py.Group) else None)
        self._read: dict[str, xr.Dataset] = {}

    def group(self, name: str) -> xr.Dataset | None:
        """The group `name` (e.g. ``"daily"``, ``"base/daily"``) in memory, or None if the file has none."""
        import xarray as xr

        if name not in self.groups:
            return None
        if name not in self._read:
            with xr.open_dataset(self.path, group=name, engine="h5netcdf") as ds:
                self._read[name] = ds.load()
        return self._read[name]


# A table of a file: built from the file, reading the groups under a prefix ("" or "<scenario>/");
# None when the file lacks what it needs (segments of a run without customers).
Table = Callable[[Source, str], "pd.DataFrame | None"]


def header(name: str, attrs: dict[str, Any]) -> str:
    """A column's header: its name and, if it has units, the units as read (``cost_total [USD]``)."""
    units = shown_units(attrs)
    return f"{name} [{units}]" if units else name


def tidy(ds: xr.Dataset | None) -> pd.DataFrame | None:
    """One row per cell of the dataset's dimensions: the dimensions' coordinates, the other
    coordinates (dates, an experiment's design), then each variable headed with its units."""
    if ds is None:
        return None
    frame = ds.to_dataframe().reset_index()
    coords = [*ds.dims, *(c for c in ds.coords if c not in ds.dims)]
    return frame[[*coords, *ds.data_vars]].rename(columns={n: header(n, ds[n].attrs) for n in ds.data_vars})


def group(name: str) -> Table:
    """The table of a group as it is."""
    return lambda src, prefix: tidy(src.group(prefix + name))


def summary(src: Source, prefix: str) -> pd.DataFrame | None:
    """One row per KPI: its units (from the replications' variables), mean, 95% interval, std and n."""
    ds, replications = src.group(prefix + "summary"), src.group(prefix + "replications")
    if ds is None or replications is None:
        return None
    frame = ds.to_dataframe().reset_index()[["metric", "mean", "ci95_low", "ci95_high", "std", "n"]]
    frame.insert(1, "units", [shown_units(replications[m].attrs) for m in frame["metric"]])
    return frame.astype({"n": int})


def each_scenario(table: Table) -> Table:
    """`table` of each scenario of a comparison (groups ``/<scenario>/...``), stacked with a
    ``scenario`` column first; None if no scenario has it."""
    def build(src: Source, prefix: str) -> pd.DataFrame | None:
        import pandas as pd

        frames = []
        for name in src.attrs["scenarios"].split(","):
            frame = table(src, f"{prefix}{name}/")
            if frame is not None:
                frames.append(frame.assign(scenario=name)[["scenario", *frame.columns]])
        return pd.concat(frames, ignore_index=True) if frames else None
    return build


def outcomes(daily: bool) -> Table:
    """An experiment's outcomes per point and replication (``daily``: and day), with the design."""
    def build(src: Source, prefix: str) -> pd.DataFrame | None:
        ds = with_design(src.group(prefix + "outcomes"), src.group(prefix + "design"))
        chosen = [v for v in ds.data_vars if ("day" in ds[v].dims) == daily]
        return tidy(ds[chosen]) if chosen else None
    return build


RUN_TABLES: dict[str, Table] = {
    "summary": summary,
    "replications": group("replications"),
    "daily": group("daily"),
    "intervals": group("intervals"),
    "segments": group("segments"),
    "call_types": group("call_types"),
}

# Each kind of results file's tables, in export order.
KINDS: dict[str, dict[str, Table]] = {
    "run": RUN_TABLES,
    "comparison": {
        "differences": group("differences"),
        "segment_differences": group("segment_differences"),
        **{name: each_scenario(table) for name, table in RUN_TABLES.items()},
    },
    "explanation": {
        "total": group("explanation/total"),
        "contributions": group("explanation/contributions"),
        "coalitions": group("explanation/coalitions"),
        "differences": group("differences"),
        **{name: each_scenario(table) for name, table in RUN_TABLES.items()},
    },
    "experiment": {"outcomes": outcomes(daily=False), "outcomes_daily": outcomes(daily=True)},
}


def tables(path: str | Path | Source) -> dict[str, pd.DataFrame]:
    """Every table of a run, comparison or experiment file (a table the file lacks is left out).

    Raises FileNotFoundError for a missing file, cxsim.errors.CorruptFileError for one without
    cxsim's intact seal, ValueError for a cxsim file with no tables to export.
    """
    src = path if isinstance(path, Source) else Source(path)
    built = {name: table(src, "") for name, table in KINDS[src.kind].items()}
    return {name: frame for name, frame in built.items() if frame is not None}


def _xlsx(frames: dict[str, pd.DataFrame], at: Path) -> None:
    import pandas as pd

    with pd.ExcelWriter(at, engine="openpyxl") as workbook:
        for name, frame in frames.items():
            frame.to_excel(workbook, sheet_name=name, index=False)


def _directory(extension: str, save: Callable[[pd.DataFrame, Path], None]) -> Callable[..., None]:
    """A writer of one ``<table>.<extension>`` file per table in the directory it creates."""
    def write(frames: dict[str, pd.DataFrame], at: Path) -> None:
        at.mkdir()
        for name, frame in frames.items():
            save(frame, at / f"{name}.{extension}")
    return write


WRITERS: dict[str, Callable[[dict[str, pd.DataFrame], Path], None]] = {
    "csv": _directory("csv", lambda frame, at: frame.to_csv(at, index=False)),
    "xlsx": _xlsx,
    "parquet": _directory("parquet", lambda frame, at: frame.to_parquet(at, index=False)),
}
FORMATS = tuple(WRITERS)


def _writer(format: str) -> Callable[[dict[str, pd.DataFrame], Path], None]:
    if format not in WRITERS:
        raise ValueError(f"format: {format!r} is not allowed; allowed: {', '.join(FORMATS)}")
    return WRITERS[format]


def check_fits(frames: dict[str, pd.DataFrame], format: str) -> None:
    """Refuses (ValueError) an unknown format, and tables with more rows than an Excel sheet holds."""
    _writer(format)
    for name, frame in frames.items():
        if format == "xlsx" and len(frame) + 1 > EXCEL_ROWS:
            raise ValueError(f"{name}: {len(frame)} rows, more than an Excel sheet holds ({EXCEL_ROWS - 1}); "
                             "allowed: --format csv or parquet")


def write(frames: dict[str, pd.DataFrame], format: str, output: Path) -> None:
    """Writes the tables at `output`, whole or not at all, replacing what is there: for csv and
    parquet a directory with a ``<table>.csv`` or ``<table>.parquet`` each, for xlsx one workbook
    with a sheet per table (refused as :func:`check_fits` does)."""
    check_fits(frames, format)
    with swapped_in(output) as tmp:
        _writer(format)(frames, tmp)


def export(path: str | Path, format: str, output: str | Path, overwrite: bool = False) -> Path:
    """Export the tables of a run, comparison or experiment file (see :data:`KINDS`) as CSV or
    Parquet files in the directory `output`, or as an Excel workbook `output`; returns `output`.

    Raises as :func:`tables`, FileExistsError if `output` exists (unless `overwrite`), and
    ValueError for an unknown `format` or a table too long for an Excel sheet.
    """
    from .api import output_path

    _writer(format)
    src = Source(path)
    out = output_path(output, overwrite)
    write(tables(src), format, out)
    return out
