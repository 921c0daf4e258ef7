"""The baseline against the real call log (shared/data/anonymous_bank, 1–14 February 1999),
and the patience estimator used on that log applied to a simulated call log."""

import pandas as pd
import pytest

import cxsim
from conftest import SCENARIOS, SHARED

LOG = SHARED / "data" / "anonymous_bank" / "calls_1999-02-01_to_14.tsv"
pytestmark = pytest.mark.skipif(not LOG.exists(), reason=f"{LOG} not present")


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    calls = pd.read_csv(LOG, sep="\t")
    return calls[calls.outcome != "PHANTOM"]


def patience_mle(waits: pd.Series, abandoned: pd.Series) -> float:
    """Exponential patience from censored waits: total time at risk / abandonments."""
    return waits.sum() / abandoned.sum()


def test_baseline_handle_times_match_the_log(log):
    # The baseline cites the bank's February means; these two weeks must agree within 12%.
    served = log[(log.outcome == "AGENT") & (log.ser_time > 0)]
    by_type = served.groupby("type").ser_time.mean()
    baseline = cxsim.Scenario.load(SCENARIOS / "baseline.toml")
    types = {t["name"]: t["mean_handle_time_s"] for t in baseline.values["call_types"]}
    for name, code in [("regular", "PS"), ("stock_trading", "NE"), ("prospects", "NW")]:
        assert types[name] == pytest.approx(by_type[code], rel=0.12), name
    cv = served.ser_time.std() / served.ser_time.mean()
    assert baseline.values["service.handle_time_cv"] == pytest.approx(cv, rel=0.05)


def test_baseline_patience_matches_the_log(log):
    queued = log[log.q_time > 0]
    estimate = patience_mle(queued.q_time, queued.outcome == "HANG")
    baseline = cxsim.Scenario.load(SCENARIOS / "baseline.toml")
    assert baseline.values["callers.mean_patience_s"] == pytest.approx(estimate, rel=0.10)


def test_the_estimator_recovers_simulated_patience(tmp_path):
    # Simulate exponential patience of 300 s, then estimate it from the call log as above.
    scenario = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {"agents.count": 11, "simulation.horizon_days": 8})
    results = cxsim.run(scenario, replications=4, seed=9, output=tmp_path / "x.h5", call_log=True)
    calls = results.calls
    waited = calls[calls.wait_s > 0]
    estimates = [patience_mle(g.wait_s, g.outcome == "abandoned") for _, g in waited.groupby("replication")]
    # Each replication sees about 4,000 abandons: the estimate's relative error is about 1.6%.
    for estimate in estimates:
        assert estimate == pytest.approx(300.0, rel=0.07)
