"""Caller frustration and the IVR: deeper menus frustrate callers, who then abandon sooner,
are hostile more often, score lower and churn more; a callback offer keeps them from hanging up."""

import cxsim
from conftest import SCENARIOS

# The baseline's shifts (behaviour needs people who go home), busy but stable.
LOADED = {"simulation.horizon_days": 21, "simulation.warmup_days": 7, "customers.enabled": True,
          "customers.count": 1000000, "workforce.enabled": True, "arrivals.daily_volume": 8500.0, "ivr.levels": 1}


def loaded(**keys) -> cxsim.Scenario:
    return cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides({**LOADED, **keys})


def test_more_ivr_levels_raise_frustration_abandonment_and_churn():
    cmp = cxsim.compare([loaded(), loaded(**{"ivr.levels": 5, "name": "deep"})], replications=4, seed=1)
    d = cmp.dataset.sel(scenario="deep")
    for metric in ("frustration_mean", "abandon_rate", "customers_churned_service", "hostile_calls"):
        assert d["diff_ci95_low"].sel(metric=metric) > 0, metric
    assert d["diff_ci95_high"].sel(metric="csat_mean") < 0


def test_callback_offer_lowers_abandonment():
    # Callers on a callback no longer abandon, but they are all served, so the others wait a
    # little longer: the net fall in abandonment is modest and needs more replications.
    cmp = cxsim.compare([loaded(), loaded(**{"callback.enabled": True, "callback.threshold_s": 30.0,
                                              "name": "callback"})], replications=8, seed=2)
    d = cmp.dataset.sel(scenario="callback")
    assert d["diff_ci95_low"].sel(metric="callbacks") > 0
    assert d["diff_ci95_high"].sel(metric="abandon_rate") < 0
