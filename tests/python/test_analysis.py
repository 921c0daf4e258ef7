"""Analyses of sweeps (issue 10), through the whole machinery (experiment, sampler, sweep, file,
analysis) with stand-in models whose answers are known in closed form: the Sobol indices of the
Ishigami function, the Morris indices of a linear function, the share of draws in which a
policy's effect holds, and the region PRIM finds."""

import itertools
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


def test_morris_indices_of_the_ishigami_function(tmp_path):
    exp = experiment("morris", 100)  # 4 levels: each input u in {0, 1/3, 2/3, 1}, steps of 2/3
    m = exp.sensitivity(swept(tmp_path, exp, ishigami)).loc[(OUT, "base")]
    # The exact μ* on the grid: the mean |f(u + Δ) − f(u)| / Δ over the steps (0 → 2/3, 1/3 → 1)
    # of input i, the other inputs on any of the 4 levels.
    levels, delta = [0, 1 / 3, 2 / 3, 1], 2 / 3

    def f(u):
        return ishigami({"callers": {"hostile_probability": u[0], "redial_probability": u[1]},
                         "workforce": {"occupancy_threshold": u[2]}}, 0, 0, [cxsim.experiment.Outcome(OUT)])[OUT]

    for i, key in enumerate(U):
        effects = []
        for start in (0, 1 / 3):
            for others in itertools.product(levels, repeat=2):
                u = list(others)
                u.insert(i, start)
                v = list(u)
                v[i] += delta
                effects.append(abs(f(v) - f(u)) / delta)
        assert abs(m.loc[key, "mu_star"] - np.mean(effects)) <= max(2 * m.loc[key, "mu_star_conf"], 0.05), key
    assert m["mu_star"].idxmin() == U[2] and m.loc[U[2], "sigma"] > 0  # u3 acts only through u1


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


def cxsim_cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "cxsim", *map(str, args)], capture_output=True, text=True)


def test_the_command_line_prints_tables_json_and_figures(tmp_path):
    import json

    exp = experiment("morris", 6, [{"key": LEVER, "values": [0.0, 1.0]}])
    path = swept(tmp_path, exp, policy_effect)
    r = cxsim_cli("sensitivity", path, "--json", "--plot", tmp_path / "m.png")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    assert {(x["policy"], x["factor"]) for x in records} == {(p, k) for p in (f"{LEVER}=0.0", f"{LEVER}=1.0")
                                                             for k in U}
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    table = cxsim_cli("sensitivity", path)
    assert table.returncode == 0 and "Morris" in table.stdout and U[0] in table.stdout
    robust = json.loads(cxsim_cli("robustness", path, "--json").stdout)
    assert robust[0]["policy"] == f"{LEVER}=1.0" and 0 < robust[0]["share_higher"] < 1


@pytest.mark.parametrize(("args", "message"), [
    (["sensitivity", "{dir}/none.h5"], "none.h5: no such experiment results file"),
    (["sensitivity", SCENARIOS / "erlang_a.toml"], "not an experiment results file"),
    (["sensitivity", "{path}", "--plot", "{dir}/m.txt"], "--plot: "),
    (["robustness", "{path}", "--baseline", "2"], "--baseline: 2 is not a policy; allowed: 0 to 1"),
])
def test_command_line_mistakes_are_one_line(tmp_path, args, message):
    exp = experiment("morris", 4, [{"key": LEVER, "values": [0.0, 1.0]}])
    path = swept(tmp_path, exp, linear)
    before = sorted(tmp_path.iterdir())
    r = cxsim_cli(*(str(a).format(dir=tmp_path, path=path) for a in args))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and message in r.stderr, r.stderr
    assert sorted(tmp_path.iterdir()) == before
