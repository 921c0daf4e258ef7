"""Comparing scenarios: common random numbers, paired differences, JSON and file output."""

import json
import subprocess
import sys

import numpy as np
import pytest
import xarray as xr

import cxsim
from conftest import SCENARIOS


def variant(tmp_path, name, agents):
    path = tmp_path / f"{name}.toml"
    path.write_text(f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[agents]\ncount = {agents}\n'
                    "[simulation]\nhorizon_days = 4\n")
    return path


def test_paired_difference_has_the_right_sign_and_is_tighter_than_unpaired(tmp_path):
    cmp = cxsim.compare([variant(tmp_path, "few", 11), variant(tmp_path, "many", 13)], replications=8, seed=2)
    ds = cmp.dataset
    d = ds.sel(scenario="many", metric="abandon_rate")
    assert d["diff_ci95_high"] < 0  # more agents: fewer abandons, significantly
    assert ds.sel(scenario="few", metric="abandon_rate")["diff"] == 0
    # Arrivals are the same callers in both: the difference is exactly zero.
    assert ds.sel(scenario="many", metric="arrivals")["diff"] == 0
    # Common random numbers: the paired interval is narrower than one from independent samples.
    a = cmp.results["few"].replications["asa_s"].values
    b = cmp.results["many"].replications["asa_s"].values
    unpaired = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    paired = (b - a).std(ddof=1) / np.sqrt(len(a))
    assert paired < unpaired
    assert set(cmp.table.index.get_level_values("scenario")) == {"few", "many"}


def test_overrides_apply_to_every_scenario(tmp_path):
    cmp = cxsim.compare([variant(tmp_path, "a", 11), variant(tmp_path, "b", 12)], replications=2,
                        overrides={"simulation.horizon_days": 2, "simulation.warmup_days": 0})
    for r in cmp.results.values():
        assert r.daily.sizes["day"] == 2


def test_cli_compare_json_and_file(tmp_path):
    out = tmp_path / "cmp.h5"
    r = subprocess.run([sys.executable, "-m", "cxsim", "compare", variant(tmp_path, "base", 11),
                        variant(tmp_path, "more", 14), "-r", "4", "--seed", "3", "-o", out, "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["scenarios"] == ["base", "more"]
    diff = data["differences"]["more"]["p_wait"]
    assert diff["ci95_high"] < 0  # three more agents: fewer callers wait
    with xr.open_dataset(out, group="differences", engine="h5netcdf") as ds:
        assert list(ds["scenario"].values) == ["base", "more"]
        stored = ds.sel(scenario="more", metric="p_wait")
        assert diff == pytest.approx({"mean": float(stored["diff"]), "ci95_low": float(stored["diff_ci95_low"]),
                                      "ci95_high": float(stored["diff_ci95_high"])}, rel=1e-12)
    with xr.open_dataset(out, group="more/daily", engine="h5netcdf") as ds:
        assert "abandon_rate" in ds


def test_compare_bad_input(tmp_path):
    r = subprocess.run([sys.executable, "-m", "cxsim", "compare", variant(tmp_path, "x", 11),
                        tmp_path / "missing.toml"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "missing.toml: scenario file not found" in r.stderr
    with pytest.raises(cxsim.ScenarioError, match="names must differ"):
        cxsim.compare([variant(tmp_path, "x", 11), variant(tmp_path, "x", 12)], replications=2)


def test_compare_file_keeps_each_scenarios_segment_totals(tmp_path):
    out = tmp_path / "seg.h5"
    base = cxsim.Scenario.load(SCENARIOS / "baseline.toml")
    cmp = cxsim.compare([base, base.with_overrides({"name": "flat_menu", "ivr.levels": 1})], replications=2,
                        overrides={"simulation.horizon_days": 2, "simulation.warmup_days": 0,
                                   "customers.count": 20000}, output=out)
    for name in ("baseline", "flat_menu"):
        with xr.open_dataset(out, group=f"{name}/segments", engine="h5netcdf") as ds:
            xr.testing.assert_identical(ds.load(), cmp.results[name].segments)
    with xr.open_dataset(out, group="segment_differences", engine="h5netcdf") as ds:
        xr.testing.assert_allclose(ds.load(), cmp.segments)


def test_segment_differences_are_paired_by_replication():
    base = cxsim.Scenario.load(SCENARIOS / "baseline.toml")
    cmp = cxsim.compare([base, base.with_overrides({"name": "deep", "ivr.levels": 4})], replications=3,
                        overrides={"simulation.horizon_days": 2, "simulation.warmup_days": 0, "customers.count": 20000})
    seg = cmp.segments
    assert dict(seg.sizes) == {"scenario": 2, "segment": 2, "total": 9}
    a, b = cmp.results["baseline"].segments, cmp.results["deep"].segments
    d = (b["churned"] - a["churned"]).sel(segment="premium").values
    half = __import__("scipy").stats.t.ppf(0.975, 2) * d.std(ddof=1) / np.sqrt(3)
    got = seg.sel(scenario="deep", segment="premium", total="churned")
    np.testing.assert_allclose([got["diff"], got["diff_ci95_low"], got["diff_ci95_high"]],
                               [d.mean(), d.mean() - half, d.mean() + half], rtol=1e-12)
    assert float(seg.sel(scenario="baseline", segment="mass", total="issues")["diff"]) == 0.0
    np.testing.assert_allclose(seg["mean"].sel(scenario="deep", total="customers"), b["customers"].mean("replication"))
    j = cmp.to_json()["segment_differences"]["deep"]["premium"]["churned"]
    assert (j["mean"], j["ci95_low"], j["ci95_high"]) == (float(got["diff"]), float(got["diff_ci95_low"]),
                                                           float(got["diff_ci95_high"]))


def test_no_segment_differences_without_customers(tmp_path):
    cmp = cxsim.compare([variant(tmp_path, "a", 11), variant(tmp_path, "b", 12)], replications=2)
    assert cmp.segments is None


def test_cli_compare_refuses_an_unknown_metric_before_running(tmp_path):
    out = tmp_path / "cmp.h5"
    r = subprocess.run([sys.executable, "-m", "cxsim", "compare", variant(tmp_path, "a", 11),
                        variant(tmp_path, "b", 12), "--metrics", "abandon_rate,churn", "-o", out],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == ["error: --metrics: unknown KPI 'churn'; see docs/results.md"]
    assert not out.exists() and not list(tmp_path.glob("*.partial"))


def test_cli_compare_prints_segment_differences(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(f'extends = "{SCENARIOS / "baseline.toml"}"\n[simulation]\nhorizon_days = 2\nwarmup_days = 0\n'
                    "[customers]\ncount = 20000\n")
    deep = tmp_path / "deep.toml"
    deep.write_text('extends = "base.toml"\n[ivr]\nlevels = 4\n')
    r = subprocess.run([sys.executable, "-m", "cxsim", "compare", base, deep, "-r", "2", "--metrics", "fcr"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "per customer segment" in r.stdout and "premium: churn_rate" in r.stdout and "deep against base" in r.stdout
