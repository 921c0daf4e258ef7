"""The queueing core against queueing theory, through the public API.

Exact values come from the closed forms (tests/python/erlang.py), themselves checked against
the published tables; the simulated KPIs must contain them in their 99.9% interval.
"""

import pytest

import cxsim
from conftest import SCENARIOS, within_ci
from cxsim import _core
from erlang import erlang_a, erlang_c, mmng_deterministic

LAM, MU = 200 / 3600, 1 / 180  # Table 1/2: 100 calls per 30 min, AHT 3 min
REPS = 10


def simulate(name: str, **overrides) -> cxsim.Results:
    scenario = cxsim.Scenario.load(SCENARIOS / f"{name}.toml").with_overrides(
        {"simulation.horizon_days": 15, "simulation.warmup_days": 1, **overrides})
    return cxsim.run(scenario, replications=REPS, seed=12345)


@pytest.mark.parametrize("n, p_wait, asa, sl", [
    (12, 0.449388, 40.445, 0.640158), (14, 0.174132, 7.8359, 0.888350), (16, 0.057340, 1.7202, 0.970560)])
def test_erlang_c_formula_matches_table_1(n, p_wait, asa, sl):
    exact = erlang_c(LAM, MU, n, 20)
    assert exact["p_wait"] == pytest.approx(p_wait, abs=1e-6)
    assert exact["asa_s"] == pytest.approx(asa, abs=1e-3)
    assert exact["service_level"] == pytest.approx(sl, abs=1e-6)


@pytest.mark.parametrize("n, p_wait, p_ab, ew, served, g1, occ", [
    (10, 0.599433, 0.109438, 32.831, 0.516810, 0.535446, 0.890562),
    (14, 0.145260, 0.013984, 4.1951, 0.916792, 0.923407, 0.704297)])
def test_erlang_a_formula_matches_table_2(n, p_wait, p_ab, ew, served, g1, occ):
    exact = erlang_a(LAM, MU, 1 / 300, n, 20)
    assert exact["p_wait"] == pytest.approx(p_wait, abs=1e-6)
    assert exact["abandon_rate"] == pytest.approx(p_ab, abs=1e-6)
    assert exact["mean_wait_s"] == pytest.approx(ew, abs=1e-3)
    assert exact["service_level"] == pytest.approx(served, abs=1e-6)
    assert exact["service_level_g1"] == pytest.approx(g1, abs=1e-6)
    assert exact["occupancy"] == pytest.approx(occ, abs=1e-6)


def test_extra_cases_match_the_notes():
    over = erlang_a(110.0, 1.0, 1.0, 100, 0)
    assert over["p_wait"] == pytest.approx(0.84172, abs=1e-5)
    assert over["abandon_rate"] == pytest.approx(0.09919, abs=1e-5)
    det = mmng_deterministic(LAM, MU, 14, 300.0)
    assert det["p_wait"] == pytest.approx(0.17400, abs=1e-5)
    assert det["abandon_rate"] == pytest.approx(6.27e-5, rel=1e-2)
    # M/M/n+D with patience beyond reach is M/M/n: Erlang C.
    assert mmng_deterministic(LAM, MU, 14, 1e9)["p_wait"] == pytest.approx(erlang_c(LAM, MU, 14, 0)["p_wait"], abs=1e-9)


@pytest.mark.parametrize("lam_per_hour, aht_s, patience_s", [
    (200, 180, 300), (200, 180, 60), (60, 600, 1200), (1000, 240, 180), (20, 300, 3600)])
def test_engine_erlang_a_matches_the_oracle(lam_per_hour, aht_s, patience_s):
    # The engine's Erlang A (_core.erlang_a, as the planner uses it) against the closed forms of
    # erlang.py, from a/2 to 2a agents (loads a/n from 2 down to 0.5), mean wait included.
    lam, mu, theta = lam_per_hour / 3600, 1 / aht_s, 1 / patience_s
    a = lam / mu
    for n in sorted({max(1, round(a * f)) for f in (0.5, 0.9, 1.0, 1.1, 1.5, 2.0)}):
        got, exact = _core.erlang_a(lam, mu, theta, n, 20.0), erlang_a(lam, mu, theta, n, 20.0)
        assert set(got) == {"p_wait", "p_abandon", "service_level", "occupancy", "mean_wait"}
        for key, oracle in (("p_wait", "p_wait"), ("p_abandon", "abandon_rate"), ("service_level", "service_level"),
                            ("occupancy", "occupancy"), ("mean_wait", "mean_wait_s")):
            assert got[key] == pytest.approx(exact[oracle], rel=1e-8, abs=1e-12), (n, key)


@pytest.mark.parametrize("n", [12, 14, 16])
def test_simulated_erlang_c(n):
    results = simulate("erlang_c", **{"agents.count": n})
    exact = erlang_c(LAM, MU, n, 20)
    for metric in ("p_wait", "asa_s", "mean_wait_s", "service_level", "occupancy"):
        within_ci(results, metric, exact[metric])
    assert results.summary().loc["abandoned", "mean"] == 0


@pytest.mark.parametrize("n", [10, 12, 14])
def test_simulated_erlang_a(n):
    results = simulate("erlang_a", **{"agents.count": n})
    exact = erlang_a(LAM, MU, 1 / 300, n, 20)
    for metric in ("p_wait", "abandon_rate", "mean_wait_s", "service_level", "service_level_g1", "occupancy"):
        within_ci(results, metric, exact[metric])


def test_simulated_erlang_a_overloaded():
    # λ = 1.1 nμ: more work arrives than 100 agents can do; abandonment keeps the queue finite.
    aht = 300.0
    results = simulate("erlang_a", **{"agents.count": 100, "arrivals.calls_per_hour": 110 * 3600 / aht,
                                      "service.mean_handle_time_s": aht, "callers.mean_patience_s": aht,
                                      "simulation.horizon_days": 6})
    exact = erlang_a(110 / aht, 1 / aht, 1 / aht, 100, 20)
    for metric in ("p_wait", "abandon_rate", "mean_wait_s", "occupancy"):
        within_ci(results, metric, exact[metric])


@pytest.mark.parametrize("n, patience", [(12, 60.0), (12, 120.0)])
def test_simulated_deterministic_patience(n, patience):
    # M/M/n+D: every caller waits exactly `patience` seconds before giving up.
    results = simulate("erlang_a", **{"agents.count": n, "callers.patience_dist": "deterministic",
                                      "callers.mean_patience_s": patience})
    exact = mmng_deterministic(LAM, MU, n, patience)
    within_ci(results, "p_wait", exact["p_wait"])
    within_ci(results, "abandon_rate", exact["abandon_rate"])


def test_littles_law_for_the_queue():
    # Mean queue length = arrival rate to the queue × mean wait (over all offered calls).
    results = simulate("erlang_a", **{"agents.count": 11})
    r = results.replications
    seconds = (15 - 1) * 86400
    lhs = r["queue_length"].values
    rhs = (r["offered"].values / seconds) * r["mean_wait_s"].values
    assert abs(lhs.mean() - rhs.mean()) < 0.02 * lhs.mean()
