"""Optimisation (issue 10): the optimiser finds optima known in closed form (a constrained
quadratic with common noise, a Pareto front, Erlang A's staffing for a service level), reports
finalists with intervals, and refuses bad [optimise] tables in one line."""

import math
import subprocess
import sys

import h5py
import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS
from erlang import erlang_a

LEVER = "workforce.occupancy_threshold"  # a key on [0, 1] the stand-in models read as x
A, B = "customer_churn_rate_annual", "cost_total"


def quadratic(spec, seed, replication, outcomes):
    """A = (x − 0.3)² plus noise common to every candidate in a replication; B = x."""
    x = spec["workforce"]["occupancy_threshold"]
    noise = np.random.default_rng(replication).normal(0, 0.05)
    return {A: (x - 0.3) ** 2 + noise, B: x}


def two_costs(spec, seed, replication, outcomes):
    x = spec["workforce"]["occupancy_threshold"]
    return {A: x**2, B: (1 - x) ** 2}


def experiment(optimise, lever=None, outcomes=(A, B), **options):
    lever = lever or {"key": LEVER, "range": [0.0, 1.0]}
    return cxsim.Experiment.from_options(SCENARIOS / "erlang_a.toml", [], [lever], outcomes, optimise=optimise, seed=2,
                                         **options)


def run(exp, model):
    from cxsim.optimise import optimise

    return optimise(exp, threads=True, workers=2, model=model)


def test_a_constrained_optimum_is_found_with_paired_intervals():
    # Minimise (x − 0.3)² subject to x ≥ 0.5: the optimum is on the constraint, x = 0.5.
    exp = experiment({"objectives": [{"outcome": A}], "constraints": [{"outcome": B, "min": 0.5}], "trials": 40},
                     replications=3)
    o = run(exp, quadratic)
    assert o.best[LEVER] == pytest.approx(0.5, abs=0.05)
    best = o.finalists.iloc[0]
    assert best["feasible"] and best[LEVER] == o.best[LEVER]
    assert best[f"{A}_ci95_low"] < (best[LEVER] - 0.3) ** 2 < best[f"{A}_ci95_high"]
    # The noise is common to all candidates, so the paired differences are exact.
    for _, f in o.finalists.iloc[1:].iterrows():
        assert f["diff_from_best"] == pytest.approx((f[LEVER] - 0.3) ** 2 - (best[LEVER] - 0.3) ** 2)
        assert f["diff_ci95_high"] - f["diff_ci95_low"] < 1e-9
    assert len(o.history) == 40 and o.history["feasible"].equals(o.history[B] >= 0.5)


def test_a_maximised_integer_lever():
    exp = experiment({"objectives": [{"outcome": A, "direction": "maximise"}], "trials": 12},
                     lever={"key": "agents.count", "range": [10, 20]}, replications=2)

    def peaked(spec, seed, replication, outcomes):
        return {A: -abs(spec["agents"]["count"] - 17), B: 0.0}

    assert run(exp, peaked).best == {"agents.count": 17}


def test_finalists_are_ranked_by_their_final_replications():
    # The search's 2 replications favour the largest x; the final 20 the smallest.
    exp = experiment({"objectives": [{"outcome": A}], "trials": 10, "finalists": 4}, replications=2)

    def misleading(spec, seed, replication, outcomes):
        x = spec["workforce"]["occupancy_threshold"]
        return {A: -x if replication < 2 else x, B: 0.0}

    o = run(exp, misleading)
    assert o.finalists[LEVER].is_monotonic_increasing and o.best[LEVER] == o.finalists[LEVER].iloc[0]
    searched = o.history.drop_duplicates(LEVER).nsmallest(4, A)[LEVER]  # the search's best four
    assert sorted(o.finalists[LEVER]) == sorted(searched)


def test_two_objectives_give_a_pareto_front():
    exp = experiment({"objectives": [{"outcome": A}, {"outcome": B}], "trials": 30}, replications=2)
    o = run(exp, two_costs)
    assert o.best is None and len(o.finalists) >= 5
    # Along the front of x² and (1 − x)², one cost rises as the other falls.
    assert np.all(np.diff(o.finalists[A]) > 0) and np.all(np.diff(o.finalists[B]) < 0)
    assert o.finalists[LEVER].between(0, 1).all()


def test_the_least_staffing_for_a_service_level_is_erlang_a():
    lam, mu, theta = 200 / 3600, 1 / 180, 1 / 300  # scenarios/erlang_a.toml
    target = 0.8
    exact = min(n for n in range(10, 18) if erlang_a(lam, mu, theta, n, 20)["service_level"] >= target)
    exp = experiment({"objectives": [{"outcome": "agents_staffed"}],
                      "constraints": [{"outcome": "service_level", "min": target}], "trials": 10,
                      "final_replications": 4},
                     lever={"key": "agents.count", "range": [10, 17]}, outcomes=("agents_staffed", "service_level"),
                     replications=3, set={"simulation.horizon_days": 4})
    from cxsim.optimise import optimise

    o = optimise(exp, workers=2)
    assert o.best == {"agents.count": exact}


@pytest.mark.parametrize(("table", "message"), [
    ({"objectives": []}, "optimise.objectives: [] is not allowed"),
    ({"objectives": [{"outcome": "nope"}]}, "optimise.objectives[0]:"),
    ({"objectives": [{"outcome": A, "direction": "down"}]}, 'optimise.objectives[0].direction: "down"'),
    ({"objectives": [{"outcome": A}], "constraints": [{"outcome": B}]}, "optimise.constraints[0]:"),
    ({"objectives": [{"outcome": A}], "constraints": [{"outcome": B, "min": math.inf}]}, "optimise.constraints[0]:"),
    ({"objectives": [{"outcome": A}], "trials": 0}, "optimise.trials: 0 is not allowed"),
    ({"objectives": [{"outcome": A}], "final_replications": 1}, "optimise.final_replications: 1"),
    ({"objectives": [{"outcome": A}], "budget": 3}, "optimise.budget: unknown key"),
])
def test_bad_optimise_tables_are_one_line(table, message):
    with pytest.raises(cxsim.ScenarioError, match=None) as e:
        experiment(table)
    assert message in str(e.value) and "\n" not in str(e.value)


def test_the_settings_travel_with_the_experiment():
    exp = experiment({"objectives": [{"outcome": A}], "constraints": [{"outcome": B, "max": 2.5}], "trials": 7})
    assert cxsim.Experiment.from_toml(exp.to_toml()).to_toml() == exp.to_toml()


def test_the_command_line_prints_and_writes_the_answer(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text(f'''scenario = "{SCENARIOS / "erlang_a.toml"}"
replications = 2
[set]
"simulation.horizon_days" = 2
[[levers]]
key = "agents.count"
values = [12, 14]
[[outcomes]]
kpi = "abandon_rate"
[optimise]
objectives = [{{ outcome = "abandon_rate" }}]
trials = 3
final_replications = 3
''')
    r = subprocess.run([sys.executable, "-m", "cxsim", "optimise", path, "-o", tmp_path / "o.h5", "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    import json

    answer = json.loads(r.stdout)
    assert answer["best"] == {"agents.count": 14} and len(answer["history"]) == 3
    with h5py.File(tmp_path / "o.h5") as f:
        assert f.attrs["Conventions"] == cxsim._core.CONVENTIONS
    bad = subprocess.run([sys.executable, "-m", "cxsim", "optimise", SCENARIOS / "erlang_a.toml"], capture_output=True,
                         text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
