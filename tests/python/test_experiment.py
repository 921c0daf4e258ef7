"""Experiments (issue 10): the file, its one-line errors, the samplers and the design, and the
replication streams every point shares."""

import math

import numpy as np
import pytest

import cxsim
from conftest import ROOT, SCENARIOS
from cxsim import _core
from cxsim.experiment import Experiment
from cxsim.results import from_core
from cxsim.sampling import Factor, sample

EXPERIMENT = ROOT / "experiments" / "aht_assumptions.toml"
REAL, INT = Factor("a", "real", 1.0, 4.0), Factor("b", "int", 2.0, 6.0)
VALUES = Factor("c", "values", values=("x", "y", "z"))


def test_the_shipped_experiment_loads_and_pairs_every_policy_with_the_same_draws():
    e = Experiment.load(EXPERIMENT)
    design = e.design()
    policies, draws = e.policies(), e.draws().points
    assert len(policies) == 2 and len(draws) == e.samples and len(design) == len(policies) * len(draws)
    for p, policy in enumerate(policies):  # policy-major, the same uncertainty draws under each policy
        for s, draw in enumerate(draws):
            assert design[p * len(draws) + s] == {**policy, **draw}
    scenario = e.scenario_at(design[0])
    assert scenario.values["simulation.horizon_days"] == 112
    assert scenario.values["policy.aht_target_s"] == 150.0


@pytest.mark.parametrize("path", sorted((ROOT / "experiments").glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_experiment_loads_and_survives_its_toml(path):
    e = Experiment.load(path)
    assert e.design() and Experiment.from_toml(e.to_toml()).to_toml() == e.to_toml()


def test_with_options_replaces_keys_and_validates_them():
    e = Experiment.load(EXPERIMENT)
    quick = e.with_options(samples=4, replications=1)
    assert (quick.samples, quick.replications, quick.levers) == (4, 1, e.levers)
    with pytest.raises(cxsim.ScenarioError, match="samples: 0 is not allowed"):
        e.with_options(samples=0)


def test_latin_hypercube_puts_one_point_in_each_stratum_of_every_factor():
    n = 20
    s = sample([REAL, INT, VALUES], "latin_hypercube", n, seed=3)
    assert len(s.points) == n
    for j, f in enumerate([REAL, INT, VALUES]):
        low, high = f.salib()[0][:2]
        strata = np.floor((s.matrix[:, j] - low) / (high - low) * n)
        assert sorted(strata) == list(range(n)), f.key
    assert all(1.0 <= p["a"] <= 4.0 and p["b"] in range(2, 7) and p["c"] in ("x", "y", "z") for p in s.points)


def test_integers_and_values_are_equally_likely():
    s = sample([INT, VALUES], "latin_hypercube", 3000, seed=1)
    for key, values in (("b", range(2, 7)), ("c", ("x", "y", "z"))):
        counts = np.array([sum(p[key] == v for p in s.points) for v in values])
        expected = 3000 / len(values)  # LHS strata: each value within a stratum or two of its share
        assert np.all(np.abs(counts - expected) <= 2), (key, counts)


def test_sobol_morris_and_full_factorial_sizes():
    d = 3
    assert len(sample([REAL, INT, VALUES], "sobol", 16, seed=1).points) == 16 * (d + 2)
    assert len(sample([REAL, INT, VALUES], "morris", 5, seed=1, levels=4).points) == 5 * (d + 1)
    grid = sample([REAL, INT, VALUES], "full_factorial", 3, seed=1).points
    assert len(grid) == 3 * 3 * 3  # 3 levels of a, 3 of the 5 integers of b, the 3 values of c
    assert sorted({p["a"] for p in grid}) == [1.0, 2.5, 4.0]


def test_a_triangular_uncertainty_peaks_at_its_mode():
    f = Factor("t", "real", 0.0, 1.0, distribution="triangular", mode=0.8)
    x = np.array([p["t"] for p in sample([f], "latin_hypercube", 4000, seed=2).points])
    assert abs(x.mean() - (0.0 + 1.0 + 0.8) / 3) < 0.01  # the triangular mean (a + b + c)/3


def test_python_experiments_are_validated_as_files_are():
    e = Experiment.from_options(SCENARIOS / "erlang_a.toml", [{"key": "agents.count", "range": [12, 16]}],
                                outcomes=["p_wait"], samples=5, sampler="latin_hypercube")
    assert all(isinstance(p["agents.count"], int) and 12 <= p["agents.count"] <= 16 for p in e.design())
    with pytest.raises(cxsim.ScenarioError, match=r"^<experiment>: uncertainties\[0\]\.range: "):
        Experiment.from_options(SCENARIOS / "erlang_a.toml", [{"key": "agents.count", "range": [-1, 16]}])


BAD = [
    ("replications = 0", "replications: 0 is not allowed"),
    ('sampler = "random"', 'sampler: "random" is not allowed'),
    ("colour = 1", "colour: unknown key"),
    ('[[uncertainties]]\nkey = "no.such.key"\nrange = [0, 1]', "uncertainties[0].key"),
    ('[[uncertainties]]\nkey = "customers.fcr"\nrange = [0.5, 1.5]', "uncertainties[0].range"),
    ('[[uncertainties]]\nkey = "customers.fcr"\nrange = [0.5]', "uncertainties[0].range"),
    ('[[uncertainties]]\nkey = "customers.fcr"\nrange = [0.5, 0.9]\ndistribution = "beta"',
     "uncertainties[0].distribution"),
    ('[[uncertainties]]\nkey = "customers.fcr"\nrange = [0.5, 0.9]\ndistribution = "triangular"',
     "uncertainties[0].mode"),
    ('[[levers]]\nkey = "policy.aht_target_s"\nvalues = []', "levers[0].values"),
    ('[[levers]]\nkey = "policy.aht_target_s"\nrange = [100.0, 200.0]\nlevels = 3', "levers[0].levels: unknown key"),
    ('[[levers]]\nkey = "policy.aht_target_s"\nvalues = [10.0]', "policy.aht_target_s: 10.0 makes the scenario"),
    ('[[outcomes]]\nkpi = "churn"', "outcomes[0].kpi"),
    ('[[outcomes]]\nkpi = "fcr"\naggregate = "max"', "outcomes[0].aggregate"),
    ('[set]\n"agents.count" = -3', "set: "),
    ('sampler = "points"', "points: [] is not allowed"),
]


@pytest.mark.parametrize(("line", "fragment"), BAD, ids=[b[1] for b in BAD])
def test_bad_experiment_files_are_one_line_naming_the_file_and_key(tmp_path, line, fragment):
    path = tmp_path / "bad.toml"
    head = f'scenario = "{SCENARIOS / "erlang_a.toml"}"\n'
    tables = "" if "[[outcomes]]" in line else '\n[[outcomes]]\nkpi = "p_wait"\n'
    path.write_text(head + line + "\n" + tables)
    with pytest.raises(cxsim.ScenarioError) as e:
        Experiment.load(path)
    message = str(e.value)
    assert "\n" not in message and message.startswith(f"{path}: ") and fragment in message, message


def test_one_replication_reproduces_that_replication_of_a_longer_run():
    # A sweep's task is one (point, replication): replication r alone draws r's streams.
    s = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides({
        "simulation.horizon_days": 2, "simulation.warmup_days": 1, "customers.count": 20_000,
        "arrivals.daily_volume": 500})
    full = from_core(_core.run(s.engine_spec(), 3, 7, 1, "", False, False, {}, None), None).replications
    one = from_core(_core.run(s.engine_spec(), 1, 7, 1, "", False, False, {}, None, first_replication=2),
                    None).replications
    for m in full.data_vars:
        a, b = full[m].values[2], one[m].values[0]
        assert a == b or (math.isnan(a) and math.isnan(b)), m


def test_the_docs_describe_every_key_of_an_experiment_file():
    from cxsim import optimise
    from cxsim.experiment import AGGREGATES, FACTOR_KEYS, KEYS
    from cxsim.sampling import DISTRIBUTIONS, SAMPLERS

    docs = (ROOT / "docs" / "experiments.md").read_text()
    for key in KEYS + FACTOR_KEYS + optimise.KEYS:
        assert any(f"`{form}" in docs for form in (key, f"[{key}]", f"[[{key}]]")), key
    for word in AGGREGATES + SAMPLERS + DISTRIBUTIONS + optimise.DIRECTIONS:
        assert word in docs, word
