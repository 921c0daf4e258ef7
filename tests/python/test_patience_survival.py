"""Patience given as a survival curve (docs/model.md "Queue, patience, abandonment and redials"):
with no agent to answer, every caller waits out their patience, so the share of abandons after
more than t seconds is the curve's S(t) and their mean wait is ∫S."""

import math

import numpy as np
import pytest
from scipy import stats

import cxsim
from conftest import SCENARIOS, within_ci

Z = stats.norm.ppf(1 - 0.001 / 2)  # the tests' 99.9% level
HORIZON_DAYS = 3


def survival(t: float, times: list[float], s: list[float]) -> float:
    """The doc's S(t): linear through (0, 1) and the points; past the last, S_n·e^(−h(t − t_n)),
    h = −ln(S_n)/t_n."""
    if t <= times[-1]:
        return float(np.interp(t, [0.0, *times], [1.0, *s]))
    return 0.0 if s[-1] == 0 else s[-1] * math.exp(math.log(s[-1]) / times[-1] * (t - times[-1]))


def waits(tmp_path, times: list[float], s: list[float]) -> tuple[cxsim.Results, np.ndarray]:
    """Abandons of callers to a centre with no agents, arriving early enough that all have
    given up by the horizon (S < 1e-12 within 8 hours)."""
    scenario = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({
        "simulation.horizon_days": HORIZON_DAYS, "agents.count": 0, "callers.patience_dist": "survival",
        "callers.patience_survival_s": times, "callers.patience_survival": s})
    results = cxsim.run(scenario, replications=4, seed=3, output=tmp_path / "run.h5", call_log=True)
    calls = results.calls
    early = calls[calls.arrival_s < (HORIZON_DAYS - 1 / 3) * 86400]
    assert (early.outcome == "abandoned").all()
    return results, early.wait_s.to_numpy()


@pytest.mark.parametrize("times, s, points", [
    ([60.0, 120.0, 300.0], [0.8, 0.8, 0.2], [30.0, 61.0, 119.0, 210.0, 300.0, 600.0, 1500.0]),  # flat piece, tail
    ([100.0, 200.0], [0.5, 0.0], [50.0, 100.0, 150.0, 199.0]),  # ends at 0: no tail
])
def test_abandons_follow_the_survival_curve(tmp_path, times, s, points):
    results, wait = waits(tmp_path, times, s)
    for t in points:
        exact = survival(t, times, s)
        half = Z * math.sqrt(exact * (1 - exact) / len(wait))
        assert abs((wait > t).mean() - exact) <= half, (t, (wait > t).mean(), exact)
    if s[-1] == 0:
        assert wait.max() <= times[-1]
        # ∫S by trapezoids, and (no tail) the mean wait of all calls.
        within_ci(results, "mean_wait_s", float(np.trapezoid([1.0, *s], [0.0, *times])))


def test_survival_curve_is_checked():
    base = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml")

    def load(**keys):
        return base.with_overrides({"callers.patience_dist": "survival", **keys})

    with pytest.raises(cxsim.ScenarioError, match=r"callers.patience_survival_s: required with callers.patience_dist"
                       r' = "survival"'):
        load()
    with pytest.raises(cxsim.ScenarioError, match=r"callers.patience_survival: \[0.5\] is not allowed; allowed: as "
                       r"many values as callers.patience_survival_s \(2\)"):
        load(**{"callers.patience_survival_s": [60.0, 120.0], "callers.patience_survival": [0.5]})
    with pytest.raises(cxsim.ScenarioError, match=r"callers.patience_survival_s: \[120.0, 60.0\] is not allowed; "
                       r"allowed: strictly increasing times"):
        load(**{"callers.patience_survival_s": [120.0, 60.0], "callers.patience_survival": [0.5, 0.2]})
    with pytest.raises(cxsim.ScenarioError, match=r"callers.patience_survival: \[0.2, 0.5\] is not allowed; "
                       r"allowed: non-increasing values"):
        load(**{"callers.patience_survival_s": [60.0, 120.0], "callers.patience_survival": [0.2, 0.5]})
    with pytest.raises(cxsim.ScenarioError, match=r"callers.patience_survival: \[1.5\] is not allowed; allowed: a "
                       r"non-empty list of numbers each >= 0 and <= 1"):
        load(**{"callers.patience_survival_s": [60.0], "callers.patience_survival": [1.5]})
    with pytest.raises(cxsim.ScenarioError, match=r"callers.patience_survival_s: only used with callers.patience_dist"
                       r' = "survival"'):
        base.with_overrides({"callers.patience_survival_s": [60.0], "callers.patience_survival": [0.5]})


def test_call_types_inherit_the_curve_unless_they_set_their_own_distribution():
    curve = {"callers.patience_dist": "survival", "callers.patience_survival_s": [60.0],
             "callers.patience_survival": [0.5]}
    base = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(curve)
    base.with_overrides({"call_types": [{"name": "a"}, {"name": "b", "patience_dist": "exponential"},
                                        {"name": "c", "patience_survival": [0.25]}]})
    with pytest.raises(cxsim.ScenarioError, match=r"call_types\[0\]: patience_survival_s: required with "
                       r'patience_dist = "survival"'):
        cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
            {"call_types": [{"name": "a", "patience_dist": "survival", "patience_survival": [0.5]}]})
    with pytest.raises(cxsim.ScenarioError, match=r"call_types\[0\]: patience_survival: \[0.5, 0.6\] is not allowed; "
                       r"allowed: non-increasing"):
        base.with_overrides({"call_types": [{"name": "a", "patience_survival_s": [60.0, 120.0],
                                             "patience_survival": [0.5, 0.6]}]})
