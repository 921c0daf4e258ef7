"""Calibration: at its defaults the baseline lands inside the ranges the evidence reports
(shared/research/behavior_evidence.md and operations_evidence.md; the ranges and sources are
listed in docs/model.md, "Calibration of the baseline")."""

import numpy as np
import pytest
from scipy import stats

import cxsim
from conftest import SCENARIOS

RANGES = {
    "fcr": (0.67, 0.80),                          # SQM: average FCR 67–72%, 80% and above world class
    "agent_attrition_rate_annual": (0.30, 0.45),  # QATC / Holman et al.: 30–45% typical
    "abandon_rate": (0.01, 0.08),                 # industry 5–8%, goal 3–5%; a centre meeting 80/20 under
                                                  # an occupancy cap abandons less (Erlang A)
    "absence_rate": (0.05, 0.08),                 # Cornell: about 6% of paid time in-house
    "service_level": (0.70, 0.90),                # 80% in 20 s, range 70–90% (SWPP; practice)
    "occupancy": (0.75, 0.85),                    # Call Centre Helper / turnella: 75–85%
    "customer_churn_rate_annual": (0.03, 0.12),   # retail banking: 3%/yr (UK) to 8–12% (US estimates)
    "overtime_share": (0.0, 0.05),                # SWPP 2013: overtime under 5% of hours
    "service_churn_share": (0.20, 0.50),          # service-attributable share of churn (assumption range)
    "praise_per_complaint": (0.1, 1.0),           # praise far rarer than complaints (sweep 0.1–1)
    "complaints_per_answered": (0.005, 0.042),    # ContactBabel: 1.7% of calls (finance 2.1%, telecom 4.2%)
}
DERIVED = {
    "service_churn_share": ("customers_churned_service", "customers_churned"),
    "praise_per_complaint": ("praise", "complaints"),
    "complaints_per_answered": ("complaints", "answered"),
}


@pytest.fixture(scope="module")
def baseline() -> cxsim.Results:
    scenario = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides({"simulation.horizon_days": 182})
    return cxsim.run(scenario, replications=4, seed=2026)


@pytest.mark.parametrize("metric", sorted(RANGES))
def test_baseline_lands_in_the_documented_range(baseline, metric):
    low, high = RANGES[metric]
    runs = baseline.replications
    if metric in DERIVED:
        numerator, denominator = DERIVED[metric]
        mean = float(runs[numerator].sum() / runs[denominator].sum())
    else:
        mean = baseline.summary().loc[metric, "mean"]
    assert low <= mean <= high, f"{metric}: {mean:.3f} outside [{low}, {high}]"


def test_baseline_is_stationary_after_its_warm_up():
    # A year after the 56-day warm-up, 4 replications: each replication's least-squares trend
    # of weekly abandonment, FCR and annual churn rate, in change per year; the 95% interval of
    # the mean trend lies within a margin: ±1.5 points of abandonment (the unmanaged spiral
    # gained 50 points in six months), ±2 points of FCR, ±1 point of annual churn (an eighth
    # of its level).
    warmup = 56
    scenario = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": warmup + 364, "simulation.warmup_days": warmup})
    days = cxsim.run(scenario, replications=4, seed=11).daily.isel(day=slice(warmup, None))

    def weeks(name):
        return days[name].values.reshape(4, 52, 7)

    series = {"abandon_rate": (0.015, weeks("abandoned").sum(2) / weeks("offered").sum(2)),
              "fcr": (0.02, np.nanmean(weeks("fcr"), 2)),
              "customer_churn_rate_annual": (0.01, weeks("customer_churn_rate_annual").mean(2))}
    for name, (margin, y) in series.items():
        trends = np.array([stats.linregress(np.arange(52), row).slope * 52 for row in y])
        half = stats.t.ppf(0.975, len(trends) - 1) * trends.std(ddof=1) / np.sqrt(len(trends))
        assert -margin < trends.mean() - half and trends.mean() + half < margin, (name, trends)
