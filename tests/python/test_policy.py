"""The AHT-target policy: compression arithmetic, and its effects through the documented
mechanism, measured as paired differences with 95% confidence intervals."""

import pytest

import cxsim
from conftest import SCENARIOS

EASY = {"agents.count": 60, "callers.patience_dist": "none", "simulation.warmup_days": 6,
        "simulation.horizon_days": 26, "customers.enabled": True, "customers.count": 20000}


def base(**keys) -> cxsim.Scenario:
    return cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({**EASY, **keys})


def test_compression_cuts_the_configured_share_of_the_excess():
    # Needed talk 200 s, target 120 s, half the excess cut: 160 s, compression 0.2.
    s = base(**{"service.handle_time_dist": "deterministic", "service.mean_handle_time_s": 200.0,
                "policy.aht_target_s": 120.0, "policy.aht_compression": 0.5, "customers.repeat_handle_factor": 1.0})
    summary = cxsim.run(s, replications=2, seed=1).summary()
    assert summary.loc["aht_s", "mean"] == pytest.approx(160.0, rel=1e-12)
    assert summary.loc["compression", "mean"] == pytest.approx(0.2, rel=1e-12)


def test_calls_under_the_target_are_untouched():
    s = base(**{"service.handle_time_dist": "deterministic", "service.mean_handle_time_s": 100.0,
                "policy.aht_target_s": 120.0, "customers.repeat_handle_factor": 1.0})
    summary = cxsim.run(s, replications=2, seed=1).summary()
    assert summary.loc["aht_s", "mean"] == pytest.approx(100.0, rel=1e-12)
    assert summary.loc["compression", "mean"] == 0


def test_strict_target_lowers_aht_and_fcr_and_raises_repeats_and_churn():
    strict = base(**{"policy.aht_target_s": 120.0, "policy.aht_compression": 0.8})
    cmp = cxsim.compare([base(), strict.with_overrides({"name": "strict"})], replications=6, seed=3)
    d = cmp.dataset.sel(scenario="strict")
    assert d["diff_ci95_high"].sel(metric="aht_s") < 0
    assert d["diff_ci95_high"].sel(metric="fcr") < 0
    assert d["diff_ci95_low"].sel(metric="repeat_contact_rate") > 0
    assert d["diff_ci95_low"].sel(metric="customers_churned_service") > 0


def test_no_resolution_effect_means_no_fcr_loss():
    # With the effect switched off compression only shortens calls: FCR stays at its level.
    strict = base(**{"policy.aht_target_s": 120.0, "policy.aht_compression": 0.8,
                     "policy.compression_resolution_effect": 0.0, "name": "strict"})
    cmp = cxsim.compare([base(), strict], replications=6, seed=4)
    d = cmp.dataset.sel(scenario="strict", metric="fcr")
    assert d["diff_ci95_low"] <= 0 <= d["diff_ci95_high"]
