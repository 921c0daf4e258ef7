"""Analyses of sweeps (issue 10), through the whole machinery (experiment, sampler, sweep, file,
analysis) with stand-in models whose answers are known in closed form: the Sobol indices of the
Ishigami function, the Morris indices of a linear function, the share of draws in which a
policy's effect holds, and the region PRIM finds."""

import math

import numpy as np
import pandas as pd
import pytest

import cxsim
from conftest import SCENARIOS
from cxsim.analysis import prim

# Three keys on [0, 1] that the stand-in models read as their inputs (u1, u2, u3).
U = ("callers.hostile_probability", "callers.redial_probability", "workforce.occupancy_threshold")
LEVER = "workforce.exhaustion_per_call"
OUT = "customer_churn_rate_annual"


def inputs(spec):
    return [spec[k.split(".")[0]][k.split(".")[1]] for k in U]


def ishigami(spec, seed, replication, outcomes, a=7.0, b=0.1):
    x1, x2, x3 = (-math.pi + 2 * math.pi * u for u in inputs(spec))
    return {o.name: math.sin(x1) + a * math.sin(x2) ** 2 + b * x3**4 * math.sin(x1) for o in outcomes}


def linear(spec, seed, replication, outcomes):
    u1, u2, _ = inputs(spec)  # the third input is a dummy
    return {o.name: 3.0 * u1 + 0.5 * u2 for o in outcomes}


def policy_effect(spec, seed, replication, outcomes):
    """Outcome = u1 + lever·(u1 − 0.3): the policy (lever 1) raises it where u1 > 0.3."""
    u1, u2, _ = inputs(spec)
    lever = spec["workforce"]["exhaustion_per_call"]
    return {o.name: u1 + lever * (u1 - 0.3) + 0.01 * replication for o in outcomes}


def fails_in_a_corner(spec, seed, replication, outcomes):
    """The policy lowers the outcome except where u1 > 0.7 and u2 < 0.3."""
    u1, u2, _ = inputs(spec)
    lever = spec["workforce"]["exhaustion_per_call"]
    return {o.name: lever * (1.0 if u1 > 0.7 and u2 < 0.3 else -1.0) for o in outcomes}


def experiment(sampler, samples, levers=(), replications=1):
    return cxsim.Experiment.from_options(
        SCENARIOS / "erlang_a.toml", [{"key": k, "range": [0.0, 1.0]} for k in U], levers, [OUT],
        sampler=sampler, samples=samples, replications=replications, seed=11)


def swept(tmp_path, exp, model):
    return cxsim.sweep(exp, tmp_path / "e.h5", threads=True, workers=2, model=model)


def test_sobol_indices_of_the_ishigami_function(tmp_path):
    exp = experiment("sobol", 2048)
    s = exp.sensitivity(swept(tmp_path, exp, ishigami)).loc[(OUT, "base")]
    a, b = 7.0, 0.1  # Ishigami and Homma (1990); Sobol' and Levitan (1999)
    v1 = 0.5 * (1 + b * math.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * math.pi**8 * (1 / 18 - 1 / 50)
    v = a**2 / 8 + b * math.pi**4 / 5 + b**2 * math.pi**8 / 18 + 0.5
    exact = pd.DataFrame({"S1": [v1 / v, v2 / v, 0.0], "ST": [(v1 + v13) / v, v2 / v, v13 / v]}, index=list(U))
    for index in ("S1", "ST"):
        error = (s[index] - exact[index]).abs()
        assert (error <= np.maximum(2 * s[f"{index}_conf"], 0.02)).all(), (index, s, exact)
    assert s["ST"].idxmax() == U[0] and s["S1"].idxmax() == U[1]


def test_morris_indices_of_a_linear_function(tmp_path):
    exp = experiment("morris", 20)
    m = exp.sensitivity(swept(tmp_path, exp, linear)).loc[(OUT, "base")]
    # Each elementary effect of u_i (on [0, 1]) is its coefficient; a dummy's is zero.
    assert np.allclose(m["mu_star"], [3.0, 0.5, 0.0]) and np.allclose(m["sigma"], 0.0, atol=1e-9)


def test_robustness_is_the_share_of_draws_where_the_effect_holds(tmp_path):
    exp = experiment("latin_hypercube", 200, [{"key": LEVER, "values": [0.0, 1.0]}], replications=2)
    r = exp.robustness(swept(tmp_path, exp, policy_effect)).loc[(f"{LEVER}=1.0", OUT)]
    # u1 is uniform on [0, 1] and stratified: the policy raises the outcome in 70% of the draws,
    # by 0.5 - 0.3 = 0.2 on average.
    assert r["share_higher"] == pytest.approx(0.7, abs=1 / 200) and r["share_lower"] == pytest.approx(0.3, abs=1 / 200)
    assert r["ci95_low"] < 0.2 < r["ci95_high"] and r["draws"] == 200


def test_discovery_names_the_region_where_a_policy_fails(tmp_path):
    exp = experiment("latin_hypercube", 400, [{"key": LEVER, "values": [0.0, 1.0]}])
    box = exp.discover(swept(tmp_path, exp, fails_in_a_corner), policy=1, outcome=OUT)
    assert set(box.limits) == {U[0], U[1]}
    assert box.limits[U[0]][0] == pytest.approx(0.7, abs=0.03) and box.limits[U[1]][1] == pytest.approx(0.3, abs=0.03)
    assert box.density == 1.0 and box.coverage > 0.9 and box.base_rate == pytest.approx(0.09, abs=0.02)


def test_prim_peels_toward_the_cases():
    rng = np.random.default_rng(3)
    x = pd.DataFrame(rng.uniform(size=(3000, 3)), columns=["a", "b", "c"])
    cases = (x["a"] < 0.2).to_numpy() & (rng.uniform(size=3000) < 0.9)  # 10% noise inside the region
    box = prim(x, cases)
    assert list(box.limits) == ["a"] and box.limits["a"][1] == pytest.approx(0.2, abs=0.02)
    assert box.density == pytest.approx(0.9, abs=0.05)
    assert box.rule() == f"{box.limits['a'][0]:.4g} <= a <= {box.limits['a'][1]:.4g}"


def test_results_name_their_experiment(tmp_path):
    exp = experiment("morris", 4)
    path = swept(tmp_path, exp, linear)
    assert cxsim.Experiment.load(path).to_toml() == exp.to_toml()
    other = experiment("morris", 5)
    with pytest.raises(cxsim.ScenarioError, match="the results of another experiment"):
        other.sensitivity(path)
    with pytest.raises(cxsim.ScenarioError, match="no sensitivity analysis"):
        experiment("latin_hypercube", 8).sensitivity(swept(tmp_path / "..", experiment("latin_hypercube", 8), linear))
