"""Satisfaction (ordered logit), praise, and recognition programmes: the arithmetic of the score,
and the effects on engagement, attrition and resolution as paired differences with 95% CIs."""

import math

import cxsim
from conftest import SCENARIOS, within_ci

# The baseline's people on shifts; a high quit rate so attrition effects show within two months.
EASY = {"simulation.horizon_days": 60, "customers.count": 500000, "workforce.quit_rate_monthly": 0.3,
        "workforce.hiring_delay_days": 0.0, "workforce.training_days": 0.0}


def easy(**keys) -> cxsim.Scenario:
    return cxsim.Scenario.load(SCENARIOS / "no_management_response.toml").with_overrides({**EASY, **keys})


def sigma(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_csat_is_an_ordered_logit_of_resolution():
    # Every contact resolved, no other effect: P(score > k) = sigma(1.5 - c_k).
    cuts = [-2.5, -1.2, -0.2, 0.88]
    neutral = {f"satisfaction.{k}": 0.0 for k in ("repeat_effect", "wait_effect", "transfer_effect",
                                                  "engagement_effect", "exhaustion_effect", "hostile_effect")}
    s = easy(**neutral, **{"customers.fcr": 1.0, "simulation.horizon_days": 3, "simulation.warmup_days": 0,
                           "workforce.enabled": False,
                           "customers.transfer_fcr_penalty": 0.0, "ivr.misroute_probability": 0.0,
                           "customers.new_hire_fcr_penalty": 0.0, "frustration.satisfaction_effect": 0.0})
    results = cxsim.run(s, replications=4, seed=1)
    within_ci(results, "csat_top_box", sigma(1.5 - cuts[3]))
    within_ci(results, "csat_mean", 1 + sum(sigma(1.5 - c) for c in cuts))


def test_praise_programme_raises_engagement_and_lowers_attrition():
    programme = easy(**{"recognition.praise_solicitation": 10.0, "recognition.praise_forwarded_share": 1.0,
                        "name": "praise"})
    cmp = cxsim.compare([easy(), programme], replications=6, seed=2)
    d = cmp.dataset.sel(scenario="praise")
    assert d["diff_ci95_low"].sel(metric="praise_forwarded") > 0
    assert d["diff_ci95_low"].sel(metric="engagement_mean") > 0
    assert d["diff_ci95_high"].sel(metric="agent_attrition_rate") < 0


def test_announced_tangible_rewards_crowd_out_engagement():
    awards = {"recognition.manager_cadence_days": 7, "recognition.manager_awards": 30}
    surprise = easy(**awards, **{"recognition.criterion": "surprise", "name": "surprise"})
    announced = easy(**awards, **{"recognition.criterion": "surprise", "recognition.announced_tangible": True,
                                  "name": "announced"})
    cmp = cxsim.compare([easy(), surprise, announced], replications=4, seed=3)
    ds = cmp.dataset
    assert ds["diff_ci95_low"].sel(scenario="surprise", metric="engagement_mean") > 0
    assert ds["diff_ci95_high"].sel(scenario="announced", metric="engagement_mean") < 0
    assert ds["diff"].sel(scenario="surprise", metric="cost_recognition") > 0


def test_recognising_low_aht_rushes_calls_and_costs_resolution():
    # The perverse case: agents chase the award by rushing, resolution falls, repeat contacts
    # (longer than first contacts) rise; AHT itself may even go up.
    awards = {"recognition.manager_cadence_days": 7, "recognition.manager_awards": 30}
    on_csat = easy(**awards, **{"name": "on_csat"})
    on_aht = easy(**awards, **{"recognition.criterion": "aht", "recognition.aht_chasing": 0.6, "name": "on_aht"})
    cmp = cxsim.compare([on_csat, on_aht], replications=4, seed=4)
    d = cmp.dataset.sel(scenario="on_aht")
    assert d["diff_ci95_low"].sel(metric="compression") > 0
    assert d["diff_ci95_high"].sel(metric="fcr") < 0
    assert d["diff_ci95_low"].sel(metric="repeat_contact_rate") > 0
