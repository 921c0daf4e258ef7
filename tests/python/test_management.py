"""Management responses: a staffing table is worked as given; a centre staffed to its plan
meets the Erlang-A service level the plan was made for; the plan follows the volume; overtime
answers a shortfall (docs/model.md, "Management")."""

import numpy as np

import cxsim
from conftest import SCENARIOS, within_ci
from erlang import erlang_a

LAMBDA, AHT, PATIENCE, T = 200 / 3600, 180.0, 300.0, 20.0


def managed(**keys) -> cxsim.Scenario:
    """scenarios/erlang_a.toml (M/M/n+M, 200 calls/h) staffed by the plan instead of 14 agents."""
    d = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").to_dict()
    del d["agents"]["count"]
    d["planning"] = {"enabled": True}
    scenario = cxsim.Scenario.from_dict(d, "managed")
    return scenario.with_overrides({"agents.tour_min_hours": 24, "agents.tour_max_hours": 24, **keys})


def least_agents(target: float, max_occupancy: float) -> int:
    n = 1
    while True:
        e = erlang_a(LAMBDA, 1 / AHT, 1 / PATIENCE, n, T)
        if e["service_level"] >= target and e["occupancy"] <= max_occupancy:
            return n
        n += 1


def test_staffing_table_is_worked_as_given():
    # Hardly any calls, so nobody stays on after a tour: agents on the phone = the table.
    table = [[0] * 6 + [3] * 4 + [5] * 8 + [2] * 4 + [0] * 2 for _ in range(5)] + [[1] * 24, [0] * 24]
    scenario = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {"arrivals.calls_per_hour": 1e-3, "simulation.horizon_days": 14, "agents.tour_min_hours": 2})
    d = scenario.to_dict()
    del d["agents"]["count"]
    d["agents"]["staffing"] = table
    results = cxsim.run(cxsim.Scenario.from_dict(d, "table"), replications=1, seed=1)
    staffed = results.intervals["agents_staffed"].isel(replication=0).values
    expected = np.tile(np.array(table).ravel(), 2)  # hourly intervals, Monday first, two weeks
    np.testing.assert_array_equal(staffed, expected)
    np.testing.assert_array_equal(results.intervals["agents_planned"].isel(replication=0).values, expected)


def test_the_plan_is_the_fewest_agents_meeting_erlang_a():
    # Before the first re-plan (day 7) the plan is made from the scenario's own rates: the
    # least n whose Erlang-A service level reaches 80% at occupancy <= 85%.
    for target, cap in ((0.8, 0.85), (0.95, 0.85), (0.5, 0.75)):
        results = cxsim.run(managed(**{"simulation.horizon_days": 6, "planning.service_level_target": target,
                                       "planning.max_occupancy": cap}), replications=1, seed=1)
        planned = results.intervals["agents_planned"].values
        assert (planned == least_agents(target, cap)).all(), (target, cap, np.unique(planned))


def test_a_centre_staffed_to_plan_meets_the_plans_service_level():
    # Staffed by the plan, the simulated centre is the M/M/n+M queue the plan assumed.
    n = least_agents(0.8, 0.85)
    results = cxsim.run(managed(**{"simulation.horizon_days": 6}), replications=8, seed=2)
    exact = erlang_a(LAMBDA, 1 / AHT, 1 / PATIENCE, n, T)
    within_ci(results, "service_level", exact["service_level"])
    within_ci(results, "abandon_rate", exact["abandon_rate"])


def test_the_plan_follows_what_was_observed():
    # Impatient callers who redial bring more calls than the scenario's 200/h. The weekly
    # re-plan (smoothing weight 1, no lag) made on day 14, a Monday, is Erlang A's for what the
    # plan observed since day 7's review, days 5-11 (calls are observed two days late): the
    # offered rate of that week's Monday (day 7; each interval of the week has its own
    # forecast), and the handle time and abandonment rate (abandons / time waited) of them all.
    scenario = managed(**{"simulation.horizon_days": 15, "planning.forecast_weight": 1.0, "planning.lag_days": 0,
                          "callers.redial_probability": 0.7, "callers.mean_redial_delay_s": 120.0,
                          "callers.mean_patience_s": 60.0, "simulation.interval_minutes": 1440})
    results = cxsim.run(scenario, replications=1, seed=3)
    day = results.daily.isel(replication=0, day=slice(5, 12))
    lam = float(results.daily["offered"].isel(replication=0, day=7)) / 86400
    aht = float((day["aht_s"] * day["handled"]).sum() / day["handled"].sum())
    waited = float((day["mean_wait_s"] * (day["answered"] + day["abandoned"])).sum())
    theta = float(day["abandoned"].sum()) / waited
    n = 1
    while not (erlang_a(lam, 1 / aht, theta, n, T)["service_level"] >= 0.8
               and erlang_a(lam, 1 / aht, theta, n, T)["occupancy"] <= 0.85):
        n += 1
    planned = results.daily["agents_planned"].isel(replication=0).values
    assert lam > 1.05 * LAMBDA  # the redials come on top of the scenario's rate
    assert planned[14] == n, (planned, n)
