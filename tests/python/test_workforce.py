"""Agents as employees: learning curve, skill spread, absence, quits and hiring, checked
against renewal theory (Whitt 2006), Little's law and the configured rates."""

import math

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS, within_ci

QUIET = {"arrivals.calls_per_hour": 20.0, "simulation.warmup_days": 0}  # the workforce, not the queue


def workforce(agents: int, days: int, **keys) -> cxsim.Scenario:
    neutral = {"workforce.enabled": True, "workforce.handle_time_spread_cv": 0.0,
               "workforce.quit_rate_monthly": 0.0, "workforce.absence_probability": 0.0,
               "workforce.hiring_delay_days": 0.0, "workforce.training_days": 0.0,
               "workforce.early_quit_multiplier": 1.0, "workforce.new_hire_handle_time_factor": 1.0,
               # exhaustion and engagement act on absence and quits: off, to isolate each mechanism
               "workforce.absence_exhaustion_effect": 0.0, "workforce.quit_exhaustion_effect": 0.0,
               "workforce.quit_engagement_effect": 0.0}
    return cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {**QUIET, "agents.count": agents, "simulation.horizon_days": days, **neutral,
         **{f"workforce.{k}": v for k, v in keys.items()}})


def test_whitt_retention_and_learning():
    # Fixed headcount, departures replaced at once, exponential retention with mean m and
    # performance p(x) = p_inf - (p_inf - p_0) e^{-x/tau}: the staff average is
    # p_inf - (p_inf - p_0) tau / (m + tau)   (Whitt 2006, MSOM 8(3)).
    m, tau, p0 = 180.0, 60.0, 1.6
    scenario = workforce(100, 240, quit_rate_monthly=30.44 / m, learning_time_days=tau,
                         new_hire_handle_time_factor=p0, initial_mean_tenure_days=m)
    results = cxsim.run(scenario, replications=8, seed=11)
    within_ci(results, "talk_time_multiplier", 1.0 - (1.0 - p0) * tau / (m + tau))


def test_new_hires_are_slower_by_the_configured_factor():
    # All staff brand new and learning nothing within the horizon: handle time x factor.
    fresh = {"initial_mean_tenure_days": 1e-6, "learning_time_days": 1e6}
    base = workforce(30, 2, **fresh).with_overrides({"service.handle_time_dist": "deterministic"})
    slow = base.with_overrides({"workforce.new_hire_handle_time_factor": 1.45})
    aht = cxsim.run(slow, replications=2, seed=1).summary().loc["aht_s", "mean"]
    assert aht == pytest.approx(1.45 * 180.0, rel=1e-6)
    aht_tenured = cxsim.run(base.with_overrides({"workforce.new_hire_handle_time_factor": 1.0}),
                            replications=2, seed=1).summary().loc["aht_s", "mean"]
    assert aht_tenured == pytest.approx(180.0, rel=1e-9)


def test_skill_spread_has_mean_one():
    results = cxsim.run(workforce(400, 2, handle_time_spread_cv=0.3), replications=6, seed=2)
    within_ci(results, "talk_time_multiplier", 1.0)


def test_attrition_matches_the_quit_hazard():
    monthly = 0.05
    results = cxsim.run(workforce(500, 120, quit_rate_monthly=monthly), replications=6, seed=3)
    daily = -math.expm1(-monthly / 30.44)  # quits are drawn once a day
    within_ci(results, "agent_attrition_rate_annual", daily * 365)


def test_early_tenure_quits_more():
    new_staff = {"quit_rate_monthly": 0.05, "initial_mean_tenure_days": 1e-6, "early_tenure_days": 60.0}
    flat = cxsim.run(workforce(500, 60, **new_staff), replications=4, seed=4)
    early = cxsim.run(workforce(500, 60, **new_staff, early_quit_multiplier=3.0), replications=4, seed=4)
    ratio = early.replications["agents_quit"].sum() / flat.replications["agents_quit"].sum()
    assert 2.6 < float(ratio) < 3.3


def test_absence_takes_agents_off_the_floor():
    p = 0.1
    results = cxsim.run(workforce(300, 20, absence_probability=p), replications=4, seed=5)
    within_ci(results, "absence_rate", p)
    within_ci(results, "agents_staffed", 300 * (1 - p))


def test_hiring_pipeline_obeys_littles_law():
    # Vacancies = quit rate x hiring delay; trainees = hire rate x training time.
    delay, training = 12.0, 8.0
    results = cxsim.run(workforce(800, 150, quit_rate_monthly=0.08, hiring_delay_days=delay,
                                  training_days=training), replications=4, seed=6)
    r = results.daily.isel(day=slice(40, None)).mean("day")  # after the pipeline fills
    quits_per_day = r["agents_quit"].values
    assert np.allclose(r["vacancies"].values, quits_per_day * delay, rtol=0.12)
    assert np.allclose(r["agents_in_training"].values, r["agents_hired"].values * training, rtol=0.12)
    # Seats add up every day: employees + vacancies = seats.
    daily = results.daily
    np.testing.assert_allclose((daily["headcount"] + daily["vacancies"]).values, 800, rtol=1e-12)


def test_workforce_off_changes_nothing_in_the_queue():
    # Enabling the workforce with every mechanism neutral gives bit-identical queue results.
    base = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": 3, "simulation.warmup_days": 0, "customers.enabled": False,
         "workforce.enabled": False})
    neutral = base.with_overrides({"workforce.enabled": True, "workforce.handle_time_spread_cv": 0.0,
                                   "workforce.new_hire_handle_time_factor": 1.0, "workforce.quit_rate_monthly": 0.0,
                                   "workforce.absence_probability": 0.0})
    a = cxsim.run(base, replications=2, seed=8)
    b = cxsim.run(neutral, replications=2, seed=8)
    for m in ("answered", "abandoned", "asa_s", "occupancy", "aht_s"):
        assert a.intervals[m].values.tobytes() == b.intervals[m].values.tobytes(), m


def test_agent_panel_adds_up_and_matches_the_file(tmp_path):
    # The centre closes at night, so each day's calls per agent add up to the day's services.
    s = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": 4, "simulation.warmup_days": 0, "customers.count": 50000})
    memory = cxsim.run(s, replications=2, seed=12)
    panel = memory.agents
    assert dict(panel.sizes)["replication"] == 2 and dict(panel.sizes)["day"] == 4
    # Seats without a position (hiring to plan fills them) take no calls.
    assert (panel["calls"].where(panel["status"] == 4).fillna(0) == 0).all()
    assert (panel["status"] == 0).sum() > 0
    np.testing.assert_array_equal(panel["calls"].sum("agent").values, memory.daily["handled"].values)
    assert set(np.unique(panel["status"].values)) <= {0.0, 1.0, 2.0, 3.0, 4.0}
    recorded = cxsim.run(s, replications=2, seed=12, output=tmp_path / "p.h5")
    assert recorded.agents.equals(panel)
    off = cxsim.run(s.with_overrides({"workforce.enabled": False}), replications=1, seed=12)
    assert off.agents is None


def test_daily_quartiles_are_those_of_the_panel(tmp_path):
    s = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": 5, "simulation.warmup_days": 0, "customers.count": 50000})
    r = cxsim.run(s, replications=2, seed=13)
    active = r.agents["status"] <= 1
    for name in ("engagement", "exhaustion"):
        expected = r.agents[name].where(active).quantile([0.25, 0.5, 0.75], dim="agent")
        for q, label in zip((0.25, 0.5, 0.75), ("q25", "q50", "q75"), strict=True):
            np.testing.assert_allclose(r.daily[f"{name}_{label}"].values, expected.sel(quantile=q).values, rtol=1e-6)
    recorded = cxsim.run(s, replications=2, seed=13, output=tmp_path / "q.h5")
    np.testing.assert_array_equal(recorded.daily["exhaustion_q50"].values, r.daily["exhaustion_q50"].values)
