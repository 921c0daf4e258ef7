"""The AHT-target policy: compression arithmetic, and its effects through the documented
mechanism, measured as paired differences with 95% confidence intervals."""

import math

import pytest
from scipy import integrate

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


def fcr_loss(target: float, compression: float, effect: float, fcr: float, mean_talk: float) -> float:
    """FCR change when exponential talk times over `target` lose `compression` of the excess and
    resolution falls by `effect` x the cut share on the logit scale (docs/model.md)."""
    logit = math.log(fcr / (1 - fcr))

    def resolved(t: float) -> float:
        cut = compression * (t - target) / t
        return 1 / (1 + math.exp(-(logit - effect * cut))) * math.exp(-t / mean_talk) / mean_talk

    return integrate.quad(resolved, target, math.inf)[0] - fcr * math.exp(-target / mean_talk)


def test_no_resolution_effect_means_no_fcr_loss():
    # With the effect switched off compression only shortens calls: FCR stays at its level. An
    # equivalence test: the whole 95% interval of the paired difference lies within ±margin.
    # Margin: a tenth of the FCR the default effect would cost at this target (about 0.012 of
    # 0.116), so a switch that left more than about a tenth of the effect on fails.
    target, compression = 120.0, 0.8
    v = base().values
    margin = 0.1 * abs(fcr_loss(target, compression, v["policy.compression_resolution_effect"], v["customers.fcr"],
                                v["service.mean_handle_time_s"]))
    strict = base(**{"policy.aht_target_s": target, "policy.aht_compression": compression,
                     "policy.compression_resolution_effect": 0.0, "name": "strict"})
    cmp = cxsim.compare([base(), strict], replications=6, seed=4)
    d = cmp.dataset.sel(scenario="strict", metric="fcr")
    assert -margin < d["diff_ci95_low"] <= d["diff_ci95_high"] < margin
