"""Each estimator of cxsim.estimators recovers the known truth of a simulated centre: the centre
is simulated with its call log, the log read as a call log (format cxsim), and every estimate's
95% interval must hold the value the scenario set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import cxsim
from cxsim import calllog
from cxsim import estimators as est

DAYS = 28
SLOT = 60
HOURS = np.arange(24)
# Open 07:00–22:00 with a mid-morning peak; weekends at half volume.
SHAPE = np.where((HOURS >= 7) & (HOURS < 22), 1.0 + np.exp(-((HOURS - 10.5) ** 2) / 8), 0.0)
PROFILE = np.array([SHAPE * (0.5 if d >= 5 else 1.0) for d in range(7)])
VOLUME, VOLUME_CV = 1500.0, 0.15
# Per call type: share, mean handle time, its CV, containment.
TYPES = {"A": (0.6, 240.0, 1.0, 0.2), "B": (0.3, 120.0, 0.8, 0.0), "S": (0.1, 5.0, 0.4, 0.0)}
PATIENCE_MEAN, PATIENCE_CV = 200.0, 1.5
REDIAL_P, REDIAL_MEAN = 0.5, 600.0
IVR_S = 10.0


def offered_load() -> np.ndarray:
    """Erlangs offered per (weekday, hour) by the profile (before redials and containment)."""
    calls_per_hour = VOLUME * 7 * PROFILE / PROFILE.sum()
    handle = sum(share * mean * (1 - c) for share, mean, _, c in TYPES.values())
    return calls_per_hour * handle / 3600


STAFFING = np.ceil(offered_load() * 0.95).astype(int)  # a little short: callers wait most hours


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    scenario = {
        "simulation": {"horizon_days": DAYS, "interval_minutes": SLOT},
        "arrivals": {"weekly_profile": PROFILE.tolist(), "daily_volume": VOLUME, "daily_volume_cv": VOLUME_CV},
        "ivr": {"levels": 1, "seconds_per_level": IVR_S},
        "callers": {"patience_dist": "lognormal", "mean_patience_s": PATIENCE_MEAN, "patience_cv": PATIENCE_CV,
                    "redial_probability": REDIAL_P, "redial_delay_dist": "exponential",
                    "mean_redial_delay_s": REDIAL_MEAN},
        "agents": {"staffing": STAFFING.tolist(), "tour_min_hours": 1.0},
        "call_types": [{"name": n, "share": s, "handle_time_dist": "lognormal", "mean_handle_time_s": m,
                        "handle_time_cv": cv, "containment": c} for n, (s, m, cv, c) in TYPES.items()],
    }
    path = tmp_path_factory.mktemp("estimators") / "sim.h5"
    cxsim.run(cxsim.Scenario.from_dict(scenario), replications=1, seed=11, call_log=True, output=path)
    return calllog.read(path, format="cxsim")


def days() -> pd.DatetimeIndex:
    return pd.date_range("2024-01-01", periods=DAYS)


def covers(e: est.Estimate, truth: float) -> bool:
    """Whether the estimate's interval, widened from 95% to 99.9% (normal quantiles), holds the
    truth: a dozen estimates each at 95% would fail one test in two by chance."""
    widen = stats.norm.ppf(0.9995) / stats.norm.ppf(0.975)
    return e.value - widen * (e.value - e.low) <= truth <= e.value + widen * (e.high - e.value)


def test_redials_probability_and_delay(log):
    r = est.redials(log.calls, 86400)
    assert covers(r.probability, REDIAL_P), r.probability
    assert covers(r.delay, REDIAL_MEAN), r.delay
    # Every caller is identified in a simulated log, so a detected redial weighs 0 as a fresh call.
    assert set(np.unique(r.weight)) == {0.0, 1.0}
    assert (r.weight == 0).sum() == (log.calls["customer"].duplicated()).sum()


def test_arrival_profile_daily_volume_and_over_dispersion(log):
    weight = est.redials(log.calls, 86400).weight
    a = est.arrivals(log.calls, days(), SLOT, weight)
    assert covers(a.daily_volume, VOLUME), a.daily_volume
    assert covers(a.volume_cv, VOLUME_CV), a.volume_cv
    assert a.special_days.empty
    # Given a day's total, its fresh calls fall into slots multinomially with the profile's
    # shares: the χ² of the slot counts against the true shares, summed over weekdays.
    counts = a.profile * 4  # four dates of each weekday
    open_ = PROFILE > 0
    assert counts[~open_].sum() == 0
    shares = PROFILE / PROFILE.sum(axis=1, keepdims=True)
    expected = counts.sum(axis=1, keepdims=True) * shares
    chi2 = ((counts - expected)[open_] ** 2 / expected[open_]).sum()
    dof = int(open_.sum() - 7)
    assert chi2 < stats.chi2.ppf(0.999, dof), (chi2, dof)


def test_call_type_shares(log):
    weight = est.redials(log.calls, 86400).weight
    shares = est.type_shares(log.calls["call_type"], weight, 0.0)
    for name, (share, *_) in TYPES.items():
        assert covers(shares[name], share), (name, shares[name])


def test_small_types_are_pooled_as_other():
    types = pd.Series(["a"] * 95 + ["b"] * 3 + ["c"] * 2)
    shares = est.type_shares(types, np.ones(100), 0.05)
    assert set(shares) == {"a", "other"} and shares["other"].value == pytest.approx(0.05)
    assert list(est.type_map(types, shares).iloc[[0, 96, 99]]) == ["a", "other", "other"]


def test_handle_time_lognormal_per_type(log):
    served = log.calls[log.calls["outcome"] == "served"]
    for name in ("A", "B"):
        fit = est.handle_time(served.loc[served["call_type"] == name, "handle_s"].to_numpy(), "lognormal")
        _, mean, cv, _ = TYPES[name]
        assert fit.dist == "lognormal"
        assert covers(fit.mean, mean) and covers(fit.cv, cv), (name, fit)


def test_handle_time_empirical_table_is_the_quantiles():
    x = np.arange(1.0, 1002.0)
    fit = est.handle_time(x, "empirical")
    assert fit.table[0] == 1.0 and fit.table[-1] == 1001.0 and fit.table[50] == 501.0
    assert len(fit.table) == est.TABLE_POINTS and fit.mean.value == pytest.approx(501.0)


def test_short_call_cluster_is_found_and_a_plain_lognormal_has_none(log):
    served = log.calls[log.calls["outcome"] == "served"]
    short = est.short_calls(served["handle_s"].to_numpy())
    truly_short = (served["call_type"] == "S").mean()
    assert short is not None and covers(short.share, truly_short), short
    # The boundary separates the types: almost no S call above it, almost no A or B call below.
    s = served["call_type"] == "S"
    assert ((served["handle_s"] < short.threshold_s) != s).mean() < 0.005
    rng = np.random.default_rng(3)
    assert est.short_calls(rng.lognormal(5, 0.8, 5000)) is None


def test_patience_lognormal_censored_mle(log):
    off = log.calls[est.offered(log.calls)]
    fit = est.patience(off["wait_s"].to_numpy(), (off["outcome"] == "abandoned").to_numpy())
    mean, cv = fit.lognormal
    assert covers(mean, PATIENCE_MEAN) and covers(cv, PATIENCE_CV), fit.lognormal
    assert fit.aic["lognormal"] < fit.aic["exponential"]
    # Kaplan–Meier against the true survival where enough callers are at risk.
    s = PATIENCE_CV**2
    sigma = np.sqrt(np.log1p(s))
    truth = stats.lognorm.sf(fit.times, sigma, scale=PATIENCE_MEAN * np.exp(-sigma**2 / 2))
    seen = fit.at_risk >= 200
    z = np.abs(fit.survival - truth)[seen] / fit.se[seen]
    assert np.mean(z < 1.96) > 0.9


def test_patience_exponential_is_recovered_and_chosen(tmp_path):
    scenario = cxsim.Scenario.load("scenarios/erlang_a.toml").with_overrides(
        {"simulation.horizon_days": 5, "agents.count": 12})
    path = tmp_path / "ea.h5"
    cxsim.run(scenario, replications=1, seed=5, call_log=True, output=path)
    calls = calllog.read(path, format="cxsim").calls
    off = calls[est.offered(calls)]
    fit = est.patience(off["wait_s"].to_numpy(), (off["outcome"] == "abandoned").to_numpy())
    assert covers(fit.exponential, 300.0), fit.exponential
    assert fit.choice == "exponential"


def test_kaplan_meier_by_hand():
    # Waits 1, 2, 2, 3, 4 with the second 2 and the 4 served (censored):
    # S(1) = 4/5, S(2) = 4/5·(1 − 1/4) = 3/5, S(3) = 3/5·(1 − 1/2) = 3/10.
    times, surv, _, at_risk = est.kaplan_meier(np.array([1.0, 2, 2, 3, 4]), np.array([1, 1, 0, 1, 0], bool))
    assert list(times) == [1, 2, 3] and list(at_risk) == [5, 4, 2]
    assert surv == pytest.approx([0.8, 0.6, 0.3])


def test_containment_per_type_and_ivr_time(log):
    calls = log.calls
    first = est.redials(calls, 86400).weight == 1
    for name, (*_, containment) in TYPES.items():
        mine = first & (calls["call_type"] == name).to_numpy()
        share = est.proportion((calls["outcome"][mine] == "contained").sum(), mine.sum(), "")
        assert covers(share, containment) if containment else share.value == 0, (name, share)
    assert est.ivr_time(calls).value == pytest.approx(IVR_S)


def test_agents_on_duty_where_callers_waited(log):
    per_date, waited = est.agents_per_slot(log.calls, days(), SLOT)
    agents = est.weekday_mean(per_date, days())
    busy = est.weekday_mean(waited, days()) > 0.2
    # Where callers waited, every agent on the phone was talking: the estimate is the staffing.
    # Not where the staffing falls: agents finish their last calls while callers wait.
    held = STAFFING >= np.roll(STAFFING, 1, axis=1)
    assert (busy & held).sum() > 50
    assert np.abs(agents - STAFFING)[busy & held].max() < 0.5
    # Elsewhere the most agents talking at once bounds it from below.
    assert (agents <= STAFFING + 0.5)[held].all()


def test_naive_agents_counts_distinct_agents_per_slot():
    t = pd.Timestamp("2024-01-01 09:10")
    calls = pd.DataFrame({"service_start": [t, t + pd.Timedelta(minutes=5), t + pd.Timedelta(minutes=70)],
                          "agent": ["x", "x", "y"]})
    naive = est.naive_agents(calls, pd.date_range("2024-01-01", periods=1), 60)
    assert naive[0, 9] == 1 and naive[0, 10] == 1 and naive.sum() == 2


def test_simulated_log_keeps_every_attempt(log, tmp_path):
    # Every attempt of replication 0 is a call or a counted drop (those still in the system).
    results = cxsim.open_results(log.source)
    assert len(log.calls) + log.dropped.sum() == (results.calls["replication"] == 0).sum()


@pytest.fixture(scope="module")
def profiled(tmp_path_factory):
    """A week whose handle time is 0.8x its mean before noon and 1.25x after, and whose
    containment is 1.5x its type's before noon and 0.5x after."""
    factor = np.where(HOURS < 12, 0.8, 1.25)
    contain = np.where(HOURS < 12, 1.5, 0.5)
    scenario = {
        "simulation": {"horizon_days": 7, "interval_minutes": SLOT},
        "arrivals": {"calls_per_hour": 120.0},
        "ivr": {"levels": 1, "seconds_per_level": IVR_S, "containment_profile": [contain.tolist()] * 7},
        "service": {"handle_time_dist": "exponential", "mean_handle_time_s": 200.0,
                    "handle_time_profile": [factor.tolist()] * 7},
        "agents": {"count": 20},
        "call_types": [{"name": "A", "containment": 0.2}],
    }
    path = tmp_path_factory.mktemp("profiled") / "sim.h5"
    cxsim.run(cxsim.Scenario.from_dict(scenario), replications=1, seed=3, call_log=True, output=path)
    return calllog.read(path, format="cxsim").calls, factor, contain


def test_handle_time_and_containment_factors_by_time_of_day(profiled):
    calls, factor, contain = profiled
    served = calls[calls["outcome"] == "served"]
    _, slot = est.weekday_slot(served["arrival"], SLOT)
    got, p = est.factors(served["handle_s"].to_numpy(), np.full(len(served), 200.0), slot, 24, 0)
    n = np.bincount(slot, minlength=24)
    # Exponential talk times: a slot's mean has standard error factor·200/√n.
    assert np.all(np.abs(got - factor) < 4 * factor / np.sqrt(n)) and p < 1e-6
    _, slot = est.weekday_slot(calls["arrival"], SLOT)
    contained = (calls["outcome"] == "contained").to_numpy(float)
    got, p = est.factors(contained, np.full(len(calls), 0.2), slot, 24, 0)
    n = np.bincount(slot, minlength=24)
    share = 0.2 * contain
    assert np.all(np.abs(got * 0.2 - share) < 4 * np.sqrt(share * (1 - share) / n)) and p < 1e-6


def test_a_special_day_is_left_out_of_the_profile():
    # Four Mondays of about 1,000 calls at 10:00, one of them a holiday rush of 3,000.
    days_ = pd.date_range("2024-01-01", periods=28)
    rng = np.random.default_rng(1)
    rows = []
    for day in days_:
        n = 0 if day.day_of_week else (3000 if day == days_[14] else int(rng.poisson(1000)))
        rows.append(pd.Series(day + pd.Timedelta(hours=10) + pd.to_timedelta(rng.uniform(0, 3600, n), unit="s")))
    calls = pd.DataFrame({"arrival": pd.concat(rows, ignore_index=True)})
    a = est.arrivals(calls, days_, SLOT)
    assert list(a.special_days.index) == [days_[14]] and a.special_days.iloc[0] == pytest.approx(3, rel=0.1)
    assert a.profile[0, 10] == pytest.approx(1000, rel=0.05)  # the mean of the three ordinary Mondays
