"""Agents' exhaustion and engagement: their dynamics and the direction and size of the effects
through which hostile callers and AHT pressure act, as paired differences with 95% intervals."""

import math

import numpy as np

import cxsim
from conftest import SCENARIOS

BASE = {"workforce.enabled": True, "simulation.horizon_days": 42, "simulation.warmup_days": 14}


def baseline(**keys) -> cxsim.Scenario:
    return cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides({**BASE, **keys})


def test_exhaustion_recovers_exponentially_without_load():
    # No load at all: from the typical level 1, exhaustion decays as e^(-d/tau) day by day.
    s = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({
        "workforce.enabled": True, "simulation.horizon_days": 6, "simulation.warmup_days": 0,
        "workforce.exhaustion_per_call": 0.0, "workforce.exhaustion_per_hostile_call": 0.0,
        "workforce.exhaustion_per_excess_occupancy": 0.0, "workforce.quit_rate_monthly": 0.0,
        "workforce.exhaustion_recovery_days": 2.0})
    daily = cxsim.run(s, replications=1, seed=1).daily["exhaustion_mean"].values[0]
    np.testing.assert_allclose(daily, [math.exp(-d / 2.0) for d in range(6)], rtol=1e-12)


def test_hostile_callers_raise_exhaustion_absence_and_quits():
    cmp = cxsim.compare([baseline(), baseline(**{"callers.hostile_probability": 0.4, "name": "hostile"})],
                        replications=4, seed=2)
    d = cmp.dataset.sel(scenario="hostile")
    for metric in ("exhaustion_mean", "absence_rate", "hostile_calls"):
        assert d["diff_ci95_low"].sel(metric=metric) > 0, metric
    assert d["diff_ci95_high"].sel(metric="engagement_mean") < 0


def test_aht_pressure_lowers_engagement_and_raises_exhaustion():
    strict = baseline(**{"policy.aht_target_s": 150.0, "policy.aht_compression": 0.8, "name": "strict"})
    cmp = cxsim.compare([baseline(), strict], replications=4, seed=3)
    d = cmp.dataset.sel(scenario="strict")
    assert d["diff_ci95_high"].sel(metric="engagement_mean") < 0
    assert d["diff_ci95_low"].sel(metric="exhaustion_mean") > 0


def test_exhaustion_effects_off_leave_absence_at_its_rate():
    # With no effect of exhaustion on absence, hostility changes exhaustion but not absence:
    # the whole 95% interval of the paired difference lies within ±margin (an equivalence test;
    # "the interval contains 0" passes ever more easily the fewer the replications).
    # Margin: a tenth of the configured absence rate (0.006 at the default 0.06), under one
    # agent more or less absent on the baseline's 150 or so. A smaller customer base and a shorter
    # horizon than BASE keep it quick; the call volume is set by arrivals.daily_volume either way.
    keys = {"workforce.absence_exhaustion_effect": 0.0, "customers.count": 300000, "simulation.horizon_days": 28,
            "simulation.warmup_days": 0}
    defaults = baseline().values
    rate, coupling = defaults["workforce.absence_probability"], defaults["workforce.absence_exhaustion_effect"]
    margin = 0.1 * rate
    cmp = cxsim.compare([baseline(**keys), baseline(**keys, **{"callers.hostile_probability": 0.4, "name": "hostile"})],
                        replications=8, seed=4)
    d = cmp.dataset.sel(scenario="hostile")
    absence = d.sel(metric="absence_rate")
    assert -margin < absence["diff_ci95_low"] <= absence["diff_ci95_high"] < margin
    # The test can fail: absence is rate x e^(coupling (X - 1)) (docs/model.md), so had the switch
    # left the default coupling on, the rise in exhaustion X would move absence by at least
    # about rate x (e^(coupling dX) - 1), more than the margin.
    assert rate * math.expm1(coupling * float(d["diff_ci95_low"].sel(metric="exhaustion_mean"))) > margin
