"""Export (issue 12): every table of a run, comparison and experiment file as CSV, Excel and Parquet,
holding the file's values under headers with units; bad input is one line, exit 2, nothing
written; an export is written whole or not at all."""

import importlib
import os
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import cxsim
from conftest import cxsim_main
from cxsim._h5 import seal
from cxsim._units import shown_units
from cxsim.export import KINDS, WRITERS, tables, write

FORMATS = ("csv", "xlsx", "parquet")


def read(path, format):
    """The tables written at `path`, as pandas reads them back."""
    if format == "xlsx":
        return pd.read_excel(path, sheet_name=None)
    if format == "csv":
        return {p.stem: pd.read_csv(p) for p in sorted(path.iterdir())}
    return {p.stem: pd.read_parquet(p) for p in sorted(path.iterdir())}


def group(path, name):
    with xr.open_dataset(path, group=name, engine="h5netcdf") as ds:
        return ds.load()


def assert_holds(frame, ds, format, rows=slice(None)):
    """Each variable of `ds` is a column of `frame` (its rows `rows`) headed with its units and
    holding its values, cells in the order of the dataset's dimensions; so are the dates."""
    frame = frame.iloc[rows]
    for name in ds.data_vars:
        units = shown_units(ds[name].attrs)
        column = frame[f"{name} [{units}]" if units else name].to_numpy()
        expected = ds[name].broadcast_like(ds).transpose(*ds.dims).values.ravel()
        if expected.dtype.kind == "f" and format == "xlsx":  # a sheet keeps 16 significant digits
            np.testing.assert_allclose(column.astype(float), expected, rtol=1e-15, err_msg=name)
        else:
            np.testing.assert_array_equal(column, expected, err_msg=name)
    for name in ("date", "time"):
        if name in ds.coords:
            expected = ds[name].broadcast_like(ds).transpose(*ds.dims).values.ravel()
            np.testing.assert_array_equal(pd.to_datetime(frame[name]).to_numpy(), expected)


@pytest.fixture(scope="module")
def run(tiny_files):
    """The run file's tables as exported, and its groups as xarray reads them (each read once)."""
    groups = {name: group(tiny_files.run, name) for name in ("replications", "daily", "intervals", "segments",
                                                             "call_types")}
    return tables(tiny_files.run), groups


@pytest.mark.parametrize("format", FORMATS)
def test_a_run_exports_every_table_with_its_values_and_units(tiny_files, run, tmp_path, format):
    frames, groups = run
    out = tmp_path / ("run.xlsx" if format == "xlsx" else "run")
    write(frames, format, out)
    back = read(out, format)
    # The baseline has customers and call types: every table a run has.
    assert sorted(back) == sorted(KINDS["run"]) == sorted(
        ["summary", "replications", "daily", "intervals", "segments", "call_types"])
    for name, ds in groups.items():
        assert_holds(back[name], ds, format)
    daily = back["daily"]
    assert {"aht_s [s]", "abandon_rate [1]", "cost_total [EUR]", "engagement_q50 [1]"} <= set(daily.columns)
    assert "value_monthly_churned [EUR/month]" in back["segments"].columns
    assert list(daily.columns[:3]) == ["replication", "day", "date"]
    assert len(daily) == groups["daily"].sizes["replication"] * groups["daily"].sizes["day"]
    summary = cxsim.open_results(tiny_files.run).summary()
    table = back["summary"].set_index("metric")
    assert list(table.index) == list(summary.index)
    assert (table["units"] == summary["units"]).all() and table.loc["cost_total", "units"] == "EUR"
    for column in ("mean", "ci95_low", "ci95_high", "std", "n"):
        np.testing.assert_allclose(table[column], summary[column], rtol=1e-15)


def test_a_table_the_file_lacks_is_left_out(scenarios, tmp_path):
    path = tmp_path / "erlang_a.h5"  # customers off: no segments
    scenario = cxsim.Scenario.load(scenarios / "erlang_a.toml").with_overrides(
        {"simulation.horizon_days": 1, "simulation.warmup_days": 0})
    cxsim.run(scenario, replications=2, output=path)
    assert list(tables(path)) == ["summary", "replications", "daily", "intervals", "call_types"]


def test_a_comparison_exports_the_differences_and_each_scenarios_tables(tiny_files, tmp_path):
    out = tmp_path / "cmp"
    cxsim.export(tiny_files.comparison, "parquet", out)
    back = read(out, "parquet")
    assert set(back) == {"differences", "segment_differences", "summary", "replications", "daily", "intervals",
                         "segments"}  # no call types in a comparison file
    assert_holds(back["differences"], group(tiny_files.comparison, "differences"), "parquet")
    assert_holds(back["segment_differences"], group(tiny_files.comparison, "segment_differences"), "parquet")
    assert back["differences"].set_index(["scenario", "metric"]).loc[("aht_target", "cost_total"), "units"] == "USD"
    with h5py.File(tiny_files.comparison) as f:
        names = f.attrs["scenarios"].split(",")
    daily = back["daily"]
    assert list(daily["scenario"].unique()) == names and daily.columns[0] == "scenario"
    for name in names:
        assert_holds(daily, group(tiny_files.comparison, f"{name}/daily"), "parquet",
                     rows=(daily["scenario"] == name).to_numpy())
    assert set(back["summary"]["scenario"]) == set(names)


def test_an_explanation_exports_its_total_and_contributions(scenarios, tmp_path):
    target = tmp_path / "target.toml"
    target.write_text(f'extends = "{scenarios / "erlang_a.toml"}"\n[policy]\naht_target_s = 120.0\n')
    queue = {"simulation.horizon_days": 2, "agents.count": 12, "arrivals.calls_per_hour": 200.0}
    path = tmp_path / "explain.h5"
    explanation = cxsim.explain(scenarios / "erlang_a.toml", target, replications=2, seed=1, overrides=queue,
                                output=path)
    back = tables(path)
    assert {"total", "contributions", "coalitions", "differences", "summary", "daily"} <= set(back)
    parts = back["contributions"].set_index(["part", "metric"])
    for part in explanation.contributions["part"].values:
        assert parts.loc[(part, "mean_wait_s"), "mean"] == pytest.approx(
            float(explanation.contributions["mean"].sel(part=part, metric="mean_wait_s")))
    assert len(back["coalitions"]) == 16 * 2 * len(explanation.total["metric"])  # coalition x replication x KPI


def test_an_experiment_exports_its_outcomes_with_the_design(tiny_files, tmp_path):
    out = tmp_path / "exp.xlsx"
    cxsim.export(tiny_files.experiment, "xlsx", out)
    back = read(out, "xlsx")
    assert list(back) == ["outcomes", "outcomes_daily"]
    ds = cxsim.open_experiment(tiny_files.experiment)
    outcomes = back["outcomes"]
    assert len(outcomes) == ds.sizes["point"] * ds.sizes["replication"]
    assert {"abandon_rate [1]", "cost_total [USD]"} <= set(outcomes.columns)
    assert_holds(outcomes, ds[["abandon_rate", "cost_total"]], "xlsx")
    np.testing.assert_array_equal(outcomes["agents.count"], np.repeat(ds["agents.count"].values,
                                                                      ds.sizes["replication"]))
    assert_holds(back["outcomes_daily"], ds[["aht_s_daily"]], "xlsx")


def test_the_command_line_writes_the_directory_and_replaces_it_whole(tiny_files, tmp_path):
    out = tmp_path / "exp"
    r = subprocess.run([sys.executable, "-m", "cxsim", "export", tiny_files.experiment, "--format", "csv", "-o", out],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr == f"wrote {out} (outcomes, outcomes_daily)\n" and r.stdout == ""
    (out / "stale.csv").write_text("from an older export\n")
    assert cxsim_main("export", tiny_files.experiment, "--format", "csv", "-o", out, "--overwrite")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["outcomes.csv", "outcomes_daily.csv"]
    assert sorted(os.listdir(tmp_path)) == ["exp"]  # nothing temporary left beside it


def test_bad_input_is_one_line_exit_2_and_writes_nothing(tiny_files, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not HDF5\n")
    unsealed = tmp_path / "unsealed.h5"
    with h5py.File(unsealed, "w") as f:
        f.attrs["title"] = cxsim._core.RUN_TITLE
    other = tmp_path / "optimisation.h5"
    xr.Dataset(attrs={"title": "cxsim optimisation"}).to_netcdf(other, engine="h5netcdf")
    seal(other)
    taken = tmp_path / "taken"
    taken.mkdir()
    cases = [
        ((tmp_path / "missing.h5", "--format", "csv"), "missing.h5: no such results file"),
        ((tiny_files.run, "--format", "json"), "'json' is not one of 'csv', 'xlsx', 'parquet'"),
        ((text, "--format", "csv"), "notes.txt: not a cxsim results file"),
        ((unsealed, "--format", "csv"), "unsealed.h5: not a cxsim results file"),
        ((other, "--format", "xlsx"), "titled 'cxsim optimisation' is not a results file; allowed: a run, "
                                      "comparison, explanation or experiment file"),
    ]
    before = sorted(os.listdir(tmp_path))
    for args, message in cases:
        code, out, err = cxsim_main("export", *args, "-o", tmp_path / "out")
        assert (code, out, err.count("\n")) == (2, "", 1), err
        assert err.startswith("error: ") and message in err, err
    code, _, err = cxsim_main("export", tiny_files.run, "--format", "csv", "-o", taken)
    assert code == 2 and err == f"error: {taken}: exists; pass --overwrite to replace it\n"
    assert sorted(os.listdir(tmp_path)) == before and list(taken.iterdir()) == []


def test_a_table_too_long_for_a_sheet_is_refused_before_anything_is_written(tiny_files, tmp_path, monkeypatch):
    outcomes = group(tiny_files.experiment, "outcomes")
    rows = outcomes.sizes["point"] * outcomes.sizes["replication"]  # of the first table, outcomes
    monkeypatch.setattr(importlib.import_module("cxsim.export"), "EXCEL_ROWS", rows)  # a row short: the header
    code, _, err = cxsim_main("export", tiny_files.experiment, "--format", "xlsx", "-o", tmp_path / "exp.xlsx")
    assert code == 2 and err.count("\n") == 1, err
    assert f"outcomes: {rows} rows, more than an Excel sheet holds ({rows - 1})" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_what_was_there(tiny_files, tmp_path, monkeypatch):
    out = tmp_path / "run"
    out.mkdir()
    (out / "kept.csv").write_text("an older export\n")

    def fail_halfway(frames, at):
        at.mkdir()
        (at / "summary.csv").write_text("half\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(WRITERS, "csv", fail_halfway)
    with pytest.raises(OSError, match="No space left"):
        cxsim.export(tiny_files.experiment, "csv", out, overwrite=True)
    assert sorted(os.listdir(tmp_path)) == ["run"] and os.listdir(out) == ["kept.csv"]
