"""Results: the HDF5 layout opens in xarray, matches the in-memory results, is reproducible
whatever the thread count, and the call log accounts for every attempt exactly once."""

import subprocess
import sys

import h5py
import numpy as np
import pytest
import xarray as xr

import cxsim
from conftest import SCENARIOS


@pytest.fixture(scope="module")
def baseline():
    return cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": 3, "simulation.warmup_days": 0})


@pytest.fixture(scope="module")
def recorded(baseline, tmp_path_factory):
    path = tmp_path_factory.mktemp("results") / "baseline.h5"
    return cxsim.run(baseline, replications=3, seed=7, threads=2, output=path, call_log=True)


def test_every_group_opens_in_xarray_with_named_dimensions(recorded):
    for group, dims in [("intervals", {"replication": 3, "interval": 144}), ("daily", {"replication": 3, "day": 3}),
                        ("replications", {"replication": 3}), ("summary", {"metric": len(cxsim._core.metrics())})]:
        ds = xr.open_dataset(recorded.path, group=group, engine="h5netcdf")
        assert dict(ds.sizes) == dims, group
        assert not any(d.startswith("phony_dim") for d in ds.dims)
        if group != "summary":
            assert ds["asa_s"].attrs["units"] == "s"
            assert ds["abandon_rate"].attrs["units"] == "1"
        ds.close()


def test_metadata_attributes(recorded, baseline):
    with h5py.File(recorded.path) as f:
        attrs = dict(f.attrs)
    assert attrs["root_seed"] == 7 and attrs["replications"] == 3
    assert cxsim.Scenario.from_dict(__import__("tomllib").loads(attrs["scenario_toml"])).values == baseline.values
    for key in ("cxsim_version", "git_revision", "started_utc", "wall_time_s"):
        assert key in attrs


def test_file_and_memory_hold_the_same_numbers(recorded, baseline):
    memory = cxsim.run(baseline, replications=3, seed=7, threads=1)
    # Every attempt is at least an arrival and an ending, and the same run simulates the same events.
    assert memory.attrs["events"] == recorded.attrs["events"] > 2 * recorded.replications["arrivals"].sum()
    for group in ("intervals", "daily", "replications"):
        xr.testing.assert_identical(getattr(memory, group).reset_coords(drop=True),
                                    getattr(recorded, group).reset_coords(drop=True))
    np.testing.assert_array_equal(memory.summary()["mean"].values, recorded.summary()["mean"].values)


def test_bit_identical_whatever_the_thread_count(baseline):
    one = cxsim.run(baseline, replications=4, seed=3, threads=1)
    two = cxsim.run(baseline, replications=4, seed=3, threads=2)
    for name in one.intervals.data_vars:
        assert one.intervals[name].values.tobytes() == two.intervals[name].values.tobytes(), name


def test_open_results_gives_the_object_the_run_returned(recorded):
    # cxsim.run builds its Results in memory without reading the file back; the file holds the
    # same groups, variables, coordinates and attributes.
    again = cxsim.open_results(recorded.path)
    for group in ("intervals", "daily", "replications", "_summary", "agents", "segments"):
        xr.testing.assert_identical(getattr(again, group), getattr(recorded, group))
    assert again.attrs == recorded.attrs
    assert again.summary().equals(recorded.summary())


def test_code_tables_come_from_the_file(recorded, baseline):
    # Outcome and call type names are stored beside the call log: no scenario is read to name them.
    calls = recorded.calls
    assert list(calls.outcome.cat.categories) == ["answered", "abandoned", "contained", "in_system"]
    assert list(calls.call_type.cat.categories) == [t["name"] for t in baseline.values["call_types"]]
    assert set(calls.call_type) == set(calls.call_type.cat.categories)


def test_call_log_accounts_for_every_attempt_once(recorded):
    calls = recorded.calls
    totals = recorded.intervals.sum("interval")
    for r in range(3):
        log = calls[calls.replication == r]
        assert log.call_id.is_unique
        assert len(log) == totals["arrivals"].sel(replication=r).item()
        counts = log.outcome.value_counts()
        assert counts["answered"] == totals["answered"].sel(replication=r).item()
        assert counts["abandoned"] == totals["abandoned"].sel(replication=r).item()
        assert counts["contained"] == totals["contained"].sel(replication=r).item()
        assert counts["in_system"] == totals["in_system_at_end"].sel(replication=r).item()
        offered = log[log.offer_s.notna()]
        assert len(offered) == totals["offered"].sel(replication=r).item()


def test_call_log_needs_a_file(baseline):
    with pytest.raises(ValueError, match="needs an output file"):
        cxsim.run(baseline, replications=1, call_log=True)
    with pytest.raises(ValueError, match="not written to a file"):
        _ = cxsim.run(baseline, replications=1).calls


@pytest.mark.parametrize(("order", "flags"), [
    (["h5py", "xarray", "cxsim"], "RTLD_NOW"), (["cxsim", "h5py", "xarray"], "RTLD_NOW"),
    (["xarray", "cxsim", "h5py"], "RTLD_NOW"),
    # Extensions loaded with global symbols: two shared HDF5 libraries would bind to each other.
    (["h5py", "cxsim", "xarray"], "RTLD_NOW | os.RTLD_GLOBAL"),
    (["cxsim", "h5py", "xarray"], "RTLD_NOW | os.RTLD_GLOBAL")])
def test_h5py_xarray_and_cxsim_in_one_process_in_any_order(tmp_path, order, flags):
    # PyPI's h5py bundles its own HDF5; the engine's is static and hidden in cxsim._core.
    script = f"""
import importlib, os, sys
sys.setdlopenflags(os.{flags})
mods = {{m: importlib.import_module(m) for m in {order!r}}}
cxsim, h5py, xr = mods["cxsim"], mods["h5py"], mods["xarray"]
s = cxsim.Scenario.load({str(SCENARIOS / 'erlang_a.toml')!r}).with_overrides({{"simulation.horizon_days": 2}})
cxsim.run(s, replications=2, output={str(tmp_path / 'x.h5')!r})
assert cxsim._core.hdf5_version().startswith("1.10."), cxsim._core.hdf5_version()  # its own (cmake/hdf5.cmake)
with h5py.File({str(tmp_path / 'x.h5')!r}, "r") as f:
    assert f["intervals/asa_s"].dims[1][0].name == "/intervals/interval"
ds = xr.open_dataset({str(tmp_path / 'x.h5')!r}, group="intervals", engine="h5netcdf")
assert "interval" in ds.dims
ds.to_netcdf({str(tmp_path / 'copy.nc')!r}, engine="h5netcdf")
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_common_random_numbers_across_staffing():
    # Same callers whatever the staffing: arrivals are identical, outcomes differ.
    base = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({"simulation.horizon_days": 3})
    few = cxsim.run(base.with_overrides({"agents.count": 11}), replications=2, seed=5)
    many = cxsim.run(base.with_overrides({"agents.count": 16}), replications=2, seed=5)
    np.testing.assert_array_equal(few.intervals["arrivals"].values, many.intervals["arrivals"].values)
    assert (few.replications["abandon_rate"] > many.replications["abandon_rate"]).all()


def test_days_and_run_aggregate_the_intervals():
    # Counts add up; ratios are recomputed from summed counts, not averaged.
    scenario = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": 3, "simulation.warmup_days": 1})
    r = cxsim.run(scenario, replications=2, seed=4)
    per_day = r.intervals["offered"].values.reshape(2, 3, 48).sum(axis=2)
    np.testing.assert_array_equal(r.daily["offered"].values, per_day)
    after_warmup = r.intervals.isel(interval=slice(48, None)).sum("interval")
    np.testing.assert_array_equal(r.replications["abandoned"].values, after_warmup["abandoned"].values)
    np.testing.assert_allclose(r.replications["abandon_rate"].values,
                               after_warmup["abandoned"].values / after_warmup["offered"].values, rtol=1e-12)
    staffed = r.intervals["agents_staffed"].values.reshape(2, 3, 48).mean(axis=2)
    np.testing.assert_allclose(r.daily["agents_staffed"].values, staffed, rtol=1e-12)


def test_call_log_bytes_are_identical_between_identical_runs(baseline, tmp_path):
    # The record's padding is stored as zeros, so the compressed chunks are the same bytes.
    paths = [tmp_path / f"{i}.h5" for i in range(2)]
    for path in paths:
        cxsim.run(baseline, replications=1, seed=5, threads=1, output=path, call_log=True)
    chunks = []
    for path in paths:
        with h5py.File(path) as f:
            table = f["calls/replication_0000"]
            chunks.append([table.id.read_direct_chunk((offset,))[1] for offset in range(0, table.shape[0],
                                                                                         table.chunks[0])])
    assert chunks[0] == chunks[1]


def test_call_type_kpis_add_up_and_equal_the_totals_for_one_type(recorded):
    # Counts per call type add up to the totals in every interval and day (in memory and in
    # the file); with a single type, every per-type KPI is the overall one.
    results = cxsim.open_results(recorded.path)
    for name in ("arrivals", "offered", "answered", "abandoned", "handled"):
        np.testing.assert_array_equal(results.call_types_intervals[name].sum("call_type").values,
                                      results.intervals[name].values)
        np.testing.assert_array_equal(results.call_types_daily[name].sum("call_type").values,
                                      results.daily[name].values)
    one = cxsim.run(cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({"simulation.horizon_days": 2}),
                    replications=2, seed=4)
    for name in one.call_types.data_vars:
        np.testing.assert_array_equal(one.call_types[name].isel(call_type=0).values, one.replications[name].values,
                                      err_msg=name)


def test_the_largest_seed_is_stored_as_given(tmp_path):
    # Issue 9: a seed of 2^64 − 1 was stored as −1.
    seed = 2**64 - 1
    scenario = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({"simulation.horizon_days": 2})
    results = cxsim.run(scenario, replications=1, seed=seed, output=tmp_path / "s.h5")
    assert results.attrs["root_seed"] == seed
    assert int(cxsim.open_results(tmp_path / "s.h5").attrs["root_seed"]) == seed


def test_intervals_hold_only_values_a_metric_can_take():
    # Issue 9: two replications gave a Student-t interval reaching below zero for counts and rates.
    # Counts, times and costs are never negative, shares never above 1, CSAT lies in 1..5.
    scenario = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {"simulation.horizon_days": 2, "arrivals.calls_per_hour": 60, "agents.count": 3})
    s = cxsim.run(scenario, replications=2, seed=3).summary()
    signed = {"engagement_mean", "net_value"}
    shares = [m for m in s.index if m.endswith(("_rate", "_share")) and "annual" not in m and
              m not in ("customer_churn_rate", "agent_attrition_rate")] + [
        "p_wait", "service_level", "service_level_g1", "service_level_g2", "occupancy", "shrinkage", "fcr",
        "compression", "csat_top_box"]
    assert (s.loc[[m for m in s.index if m not in signed], "ci95_low"].dropna() >= 0).all()
    assert (s.loc[shares, "ci95_high"].dropna() <= 1).all()
    unclipped_low = 2 * s.loc["abandoned", "mean"] - s.loc["abandoned", "ci95_high"]  # the interval is symmetric
    assert unclipped_low < 0 and s.loc["abandoned", "ci95_low"] == 0, "the case no longer reaches below zero"
