"""Agents' exhaustion and engagement: their dynamics and the direction and size of the effects
through which hostile callers and AHT pressure act, as paired differences with 95% intervals."""

import math

import numpy as np

import cxsim
from conftest import SCENARIOS

BASE = {"workforce.enabled": True, "simulation.horizon_days": 42}


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
    # With no effect of exhaustion on absence, hostility changes exhaustion but not absence.
    keys = {"workforce.absence_exhaustion_effect": 0.0}
    cmp = cxsim.compare([baseline(**keys), baseline(**keys, **{"callers.hostile_probability": 0.4, "name": "hostile"})],
                        replications=4, seed=4)
    d = cmp.dataset.sel(scenario="hostile", metric="absence_rate")
    assert d["diff_ci95_low"] <= 0 <= d["diff_ci95_high"]
