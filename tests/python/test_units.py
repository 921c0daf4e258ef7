"""Units that tools understand (issue 12): every file cxsim writes states CF conventions, every
``units`` attribute parses with UDUNITS-2 (cf-units bundles the library), money carries its
currency code, code tables are CF flags, and the time coordinates decode to the nominal dates."""

import cf_units
import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import cxsim
from cxsim._units import shown_units
from cxsim.schema import WEEKDAYS


def attributes(path):
    """``{object path: attributes}`` of every group and dataset of an HDF5 file, the root included."""
    found = {}
    with h5py.File(path, "r") as f:
        found["/"] = dict(f.attrs)
        f.visititems(lambda name, obj: found.__setitem__(name, dict(obj.attrs)))
    return found


def parses(units):
    try:
        cf_units.Unit(units)
    except ValueError:  # a string UDUNITS-2 does not know
        return False
    return True


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


@pytest.mark.parametrize("kind", ["run", "comparison", "experiment"])
def test_every_file_states_cf_conventions_and_every_units_attribute_parses(tiny_files, kind):
    found = attributes(getattr(tiny_files, kind))
    assert text(found["/"]["Conventions"]) == cxsim._core.CONVENTIONS == "CF-1.10"
    units = {name: text(a["units"]) for name, a in found.items() if "units" in a}
    assert len(units) >= 3
    assert [(name, u) for name, u in units.items() if not parses(u)] == []
    money = [name for name, a in found.items() if "currency" in a]
    assert money, "no money variable found"
    for name in money:
        assert units[name] in ("1", "1/month"), name


def test_money_carries_the_scenarios_currency(tiny_files):
    assert tiny_files.scenario.values["money.currency"] == "EUR"
    results = cxsim.open_results(tiny_files.run)
    money = {name for name, _, _, is_money in cxsim._core.metrics() if is_money}
    assert {"cost_total", "net_value", "revenue"} <= money
    for name in money:
        assert results.daily[name].attrs["currency"] == "EUR"
        assert results.summary().loc[name, "units"] == "EUR"
    assert results.segments["value_monthly_churned"].attrs["currency"] == "EUR"
    assert results.summary().loc["aht_s", "units"] == "s" and "currency" not in results.daily["aht_s"].attrs
    assert shown_units({"units": "1/month", "currency": "EUR"}) == "EUR/month"


def test_the_currency_key_takes_an_iso_code_and_one_per_comparison(scenarios):
    base = cxsim.Scenario.load(scenarios / "erlang_a.toml")
    assert base.values["money.currency"] == "USD"
    for bad in ("usd", "US", "EURO", 840):
        with pytest.raises(cxsim.ScenarioError, match="money.currency: .* ISO 4217"):
            base.with_overrides({"money.currency": bad})
    with pytest.raises(cxsim.ScenarioError, match="money.currency: scenarios in \\['EUR', 'USD'\\]"):
        cxsim.compare([base, base.with_overrides({"name": "euro", "money.currency": "EUR"})], replications=2)


def test_code_tables_are_cf_flags(tiny_files):
    found = attributes(tiny_files.run)
    for group, field in (("calls", "outcome"), ("calls", "call_type"), ("customers", "segment")):
        a = found[group]
        names = [text(n) for n in a[f"{field}_categories"]]
        assert text(a[f"{field}_flag_meanings"]).split() == [n.replace(" ", "_") for n in names]
        np.testing.assert_array_equal(a[f"{field}_flag_values"], np.arange(len(names)))
        assert a[f"{field}_flag_values"].dtype == np.uint8  # the type of the field it describes
    status = cxsim.open_results(tiny_files.run).agents["status"]
    meanings = status.attrs["flag_meanings"].split()
    assert meanings == ["working", "absent", "in_training", "vacant", "no_position"]
    np.testing.assert_array_equal(status.attrs["flag_values"], np.arange(len(meanings)))
    assert set(np.unique(status.values)) <= set(status.attrs["flag_values"])


def test_time_coordinates_decode_to_nominal_dates_from_the_start_weekday(tiny_files):
    start = pd.Timestamp("2001-01-01") + pd.Timedelta(days=WEEKDAYS.index("Wed"))  # 2001-01-01 is a Monday
    with xr.open_dataset(tiny_files.run, group="daily", engine="h5netcdf") as daily:
        assert np.issubdtype(daily["date"].dtype, np.datetime64) and "date" in daily.coords
        assert list(pd.DatetimeIndex(daily["date"].values)) == [start + pd.Timedelta(days=int(d))
                                                               for d in daily["day"].values]
        assert pd.Timestamp(daily["date"].values[0]).day_name() == "Wednesday"
    with xr.open_dataset(tiny_files.run, group="intervals", engine="h5netcdf") as intervals:
        seconds = (pd.DatetimeIndex(intervals["time"].values) - start).total_seconds()
        np.testing.assert_array_equal(seconds, intervals["interval"].values)
    for group in ("agents", "segments_daily", "call_types_daily", "call_types_intervals"):
        with xr.open_dataset(tiny_files.run, group=group, engine="h5netcdf") as ds:
            assert {"date", "time"} & set(ds.coords), group


def test_readers_give_the_same_datasets_from_memory_and_from_file(tiny_files):
    memory = cxsim.run(tiny_files.scenario, replications=2, seed=1)
    stored = cxsim.open_results(tiny_files.run)
    for group in ("intervals", "daily", "replications", "agents", "segments", "segments_daily", "call_types",
                  "call_types_daily", "call_types_intervals", "_summary"):
        xr.testing.assert_identical(getattr(memory, group), getattr(stored, group))
    assert memory.summary().equals(stored.summary())
    comparison = cxsim.open_comparison(tiny_files.comparison)
    assert comparison.dataset["units"].sel(metric="cost_total") == "USD"
    xr.testing.assert_identical(comparison.results["baseline"].daily,
                                xr.open_dataset(tiny_files.comparison, group="baseline/daily",
                                                engine="h5netcdf").load())
