"""Calibration: at its defaults the baseline lands inside the ranges the evidence reports
(shared/research/behavior_evidence.md; the ranges and sources are listed in docs/model.md)."""

import pytest

import cxsim
from conftest import SCENARIOS

RANGES = {
    "fcr": (0.67, 0.75),                          # SQM: average FCR 67–72%, most centres below 75%
    "agent_attrition_rate_annual": (0.30, 0.45),  # QATC / Holman et al.: 30–45% typical
    "abandon_rate": (0.05, 0.10),                 # Brown et al. / industry: 5–10%
    "absence_rate": (0.05, 0.08),                 # Cornell: about 6% of paid time in-house
}


@pytest.fixture(scope="module")
def baseline() -> cxsim.Results:
    scenario = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides({"simulation.horizon_days": 182})
    return cxsim.run(scenario, replications=4, seed=2026)


@pytest.mark.parametrize("metric", sorted(RANGES))
def test_baseline_lands_in_the_documented_range(baseline, metric):
    low, high = RANGES[metric]
    mean = baseline.summary().loc[metric, "mean"]
    assert low <= mean <= high, f"{metric}: {mean:.3f} outside [{low}, {high}]"
