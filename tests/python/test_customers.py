"""Customers: issues resolved or not, repeat contacts, churn and acquisition. Expectations come
from the configured probabilities (a geometric chain of contacts, binomial churn) and from
conservation: every issue ends once, customers are neither created nor lost."""

import math

import numpy as np
import pytest
import xarray as xr

import cxsim
from conftest import SCENARIOS, within_ci

# Ample agents and patient callers: every contact is answered at once, so only the customer
# mechanisms act.
EASY = {"agents.count": 60, "callers.patience_dist": "none", "simulation.warmup_days": 0,
        "customers.enabled": True, "customers.count": 20000,
        "customers.wom_conversion": 0.0, "customers.wom_deterrence": 0.0}  # word of mouth: its own test


def scenario(days: int = 20, warmup: float = 0, **keys) -> cxsim.Scenario:
    return cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {**EASY, "simulation.horizon_days": days, "simulation.warmup_days": warmup,
         **{f"customers.{k}": v for k, v in keys.items()}})


def totals(results: cxsim.Results) -> dict[str, np.ndarray]:
    t = results.intervals.sum("interval")
    return {name: t[name].values for name in t.data_vars}


def test_every_issue_ends_once_and_customers_are_conserved(tmp_path):
    results = cxsim.run(scenario(10, acquisition_monthly=0.05, baseline_churn_monthly=0.05), replications=3, seed=1,
                        output=tmp_path / "c.h5", call_log=True)
    t = totals(results)
    closed = t["issues"] - t["issues_open_at_end"]
    fcr, unresolved = results.replications["fcr"].values, results.replications["unresolved_rate"].values
    assert (t["issues_open_at_end"] > 0).all() and (t["customers_churned"] > 0).all()
    # issues = closed + open, each closed once: fcr and unresolved_rate are shares of the issues
    # closed, so closed x share must count the answered calls in the log that resolved an issue
    # on its first contact, and on a later one (no IVR here: only an answer resolves).
    calls = results.calls
    resolving = calls[(calls.outcome == "answered") & (calls.resolved != 0)]
    first = resolving[resolving.contact == 1].groupby("replication").size().reindex(range(3), fill_value=0)
    later = resolving[resolving.contact > 1].groupby("replication").size().reindex(range(3), fill_value=0)
    np.testing.assert_allclose(closed * fcr, first.values, rtol=1e-9)
    np.testing.assert_allclose(closed * (1 - fcr - unresolved), later.values, rtol=1e-9)
    # Customers: initial + acquired = active at the end + churned.
    np.testing.assert_array_equal(20000 + t["customers_acquired"], t["customers_at_end"] + t["customers_churned"])


# Repeat contacts come days after the first, so the contact mix is stationary only after a
# warm-up; in a run that starts empty, quick first-contact resolutions are over-represented.
def test_first_contact_resolution_is_the_configured_chance():
    results = cxsim.run(scenario(26, warmup=6, fcr=0.65), replications=6, seed=2)
    within_ci(results, "fcr", 0.65)


def test_repeat_contacts_follow_the_geometric_chain():
    # Each contact fails with 1 - p and comes back with r: a share (1-p) r of contacts are repeats.
    p, r = 0.7, 0.6
    results = cxsim.run(scenario(26, warmup=6, fcr=p, recontact_probability=r), replications=6, seed=3)
    within_ci(results, "repeat_contact_rate", (1 - p) * r)
    # Issues given up: each failed contact is dropped with 1 - r, so P(unresolved) = (1-p)(1-r) / (1 - (1-p) r).
    within_ci(results, "unresolved_rate", (1 - p) * (1 - r) / (1 - (1 - p) * r))


def test_service_churn_is_binomial_in_how_issues_ended():
    # Stated intents c1, c2, c3, of which a share k is acted on.
    k = 0.5
    c1, c2, c3 = 0.02 * k, 0.06 * k, 0.3 * k
    results = cxsim.run(scenario(30, churn_first_contact=0.02, churn_resolved_later=0.06, churn_unresolved=0.3,
                                 intent_conversion=k, churn_effort_coefficient=0.0, baseline_churn_monthly=0.0,
                                 acquisition_monthly=0.0),
                        replications=4, seed=4)
    t = totals(results)
    closed = t["issues"] - t["issues_open_at_end"]
    r = results.replications
    n1, n3 = closed * r["fcr"].values, closed * r["unresolved_rate"].values
    n2 = closed - n1 - n3
    expected = n1 * c1 + n2 * c2 + n3 * c3
    variance = n1 * c1 * (1 - c1) + n2 * c2 * (1 - c2) + n3 * c3 * (1 - c3)
    observed = t["customers_churned_service"]
    assert (np.abs(observed - expected) <= 4.5 * np.sqrt(variance)).all(), (observed, expected)


def test_baseline_churn_and_acquisition_rates():
    results = cxsim.run(scenario(60, baseline_churn_monthly=0.04, acquisition_monthly=0.03, churn_first_contact=0.0,
                                 churn_resolved_later=0.0, churn_unresolved=0.0), replications=4, seed=5)
    t = totals(results)
    days = 60
    expected_acquired = 0.03 * 20000 * days / 30.44
    assert abs(t["customers_acquired"].mean() - expected_acquired) < 4 * math.sqrt(expected_acquired / 4)
    daily = -math.expm1(-0.04 / 30.44)
    within_ci(results, "customer_churn_rate", daily * days)


def test_issue_rate_per_customer_sets_the_volume():
    # 20,000 customers x 0.3 issues a month: about 197 new issues a day (a few fewer: a customer
    # with an issue open does not raise another).
    results = cxsim.run(scenario(10, issues_per_month=0.3, baseline_churn_monthly=0.0, churn_first_contact=0.0,
                                 churn_resolved_later=0.0, churn_unresolved=0.0, acquisition_monthly=0.0),
                        replications=3, seed=6)
    per_day = results.replications["issues"].values / 10
    assert np.all(np.abs(per_day / (20000 * 0.3 / 30.44) - 1) < 0.05)


def test_customers_off_leave_the_queue_unchanged():
    base = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({"simulation.horizon_days": 3})
    off = cxsim.run(base, replications=2, seed=7)
    assert np.isnan(off.replications["fcr"].values).all()
    assert (off.replications["customers_churned"].values == 0).all()


def test_call_log_names_customer_contact_and_resolution(tmp_path):
    results = cxsim.run(scenario(3, acquisition_monthly=0.0), replications=1, seed=8, output=tmp_path / "c.h5",
                        call_log=True)
    calls = results.calls
    answered = calls[calls.outcome == "answered"]
    assert (answered.customer >= 0).all() and (answered.customer < 20000).all()
    assert set(answered.contact.unique()) >= {1, 2}
    first = answered[answered.contact == 1]
    assert first.resolved.mean() == pytest.approx(0.72, abs=0.03)


def test_word_of_mouth_moves_acquisition():
    # Mentions follow the tell chances and audiences; negative mentions cost acquisitions.
    keys = dict(fcr=0.5, acquisition_monthly=0.05, wom_tell_resolved=1.0, wom_audience_resolved=2.0,
                wom_tell_unresolved=1.0, wom_audience_unresolved=4.0)
    quiet = cxsim.run(scenario(30, **keys, wom_conversion=0.0, wom_deterrence=0.0), replications=3, seed=9)
    loud = cxsim.run(scenario(30, **keys, wom_conversion=0.0, wom_deterrence=0.05), replications=3, seed=9)
    t = totals(quiet)
    closed = t["issues"] - t["issues_open_at_end"]
    resolved = closed * (1 - quiet.replications["unresolved_rate"].values)
    # Every closing customer tells: mentions are Poisson(2) per resolved and Poisson(4) per unresolved issue.
    assert np.all(np.abs(t["wom_positive"] - 2 * resolved) < 5 * np.sqrt(2 * resolved))
    assert np.all(np.abs(t["wom_negative"] - 4 * (closed - resolved)) < 5 * np.sqrt(4 * (closed - resolved)))
    assert (totals(loud)["customers_acquired"] < t["customers_acquired"]).all()


def test_customer_summary_agrees_with_the_totals(tmp_path):
    results = cxsim.run(scenario(20, acquisition_monthly=0.05, baseline_churn_monthly=0.05), replications=2, seed=10,
                        output=tmp_path / "c.h5", customer_summary=True)
    summary = results.customers
    t = totals(results)
    for r in range(2):
        rows = summary[summary.replication == r]
        assert len(rows) == 20000 + t["customers_acquired"][r]
        assert rows.churned.sum() == t["customers_churned"][r]
        assert rows.issues.sum() == t["issues"][r]
        assert rows.contacts.sum() == t["issues"][r] + t["repeat_contacts"][r]
        closed = t["issues"][r] - t["issues_open_at_end"][r]
        assert rows.unresolved.sum() == round(closed * results.replications["unresolved_rate"].values[r])
        assert rows.churn_day[rows.churned == 1].between(0, 20).all() and rows.churn_day[rows.churned == 0].isna().all()
        assert (rows.tenure_days >= 0).all()
        new = rows.customer >= 20000  # acquired during the run: tenure within the horizon
        assert rows.tenure_days[new].between(0, 20).all()


def segmented(days: int, segments: list[dict], **keys) -> cxsim.Scenario:
    s = scenario(days, **keys)
    raw = s.to_dict()
    raw["customers"]["segments"] = segments
    return cxsim.Scenario.from_dict(raw)


NO_SERVICE_CHURN = {"churn_first_contact": 0.0, "churn_resolved_later": 0.0, "churn_unresolved": 0.0}


def test_segments_set_shares_values_and_issue_rates(tmp_path):
    # A quarter of the customers are "premium", worth 90 a month and with three times the issues.
    segments = [{"name": "premium", "share": 1.0, "value_monthly": 90.0, "issue_multiplier": 3.0},
                {"name": "mass", "share": 3.0, "value_monthly": 10.0}]
    results = cxsim.run(segmented(20, segments, issues_per_month=0.3, baseline_churn_monthly=0.0,
                                  acquisition_monthly=0.0, **NO_SERVICE_CHURN),
                        replications=2, seed=11, output=tmp_path / "s.h5", customer_summary=True)
    summary = results.customers
    assert list(summary.segment.cat.categories) == ["premium", "mass"]
    by = summary.groupby("segment", observed=True)
    n = by.size() / 2
    # Binomial shares: 20,000 × 1/4 ± 4 standard deviations.
    assert abs(n["premium"] - 5000) < 4 * math.sqrt(20000 * 0.25 * 0.75)
    # Lognormal values with CV 1: the mean within 4 standard errors.
    for name, mean in (("premium", 90.0), ("mass", 10.0)):
        values = summary.value_monthly[summary.segment == name]
        assert abs(values.mean() - mean) < 4 * mean / math.sqrt(len(values)), name
    # Issues per customer in proportion to the multipliers (3 : 1), and the base's volume is
    # Σ active × multiplier × rate: (5,000 × 3 + 15,000) × 0.3 a month.
    per_customer = by.issues.sum() / (2 * n)
    assert abs(per_customer["premium"] / per_customer["mass"] - 3.0) < 0.15
    per_day = results.replications["issues"].values / 20
    assert np.all(np.abs(per_day / ((5000 * 3 + 15000) * 0.3 / 30.44) - 1) < 0.05)


def test_segment_churn_multiplier_scales_both_churn_paths(tmp_path):
    # Baseline churn only: "loyal" never leaves, "fickle" leaves at twice the base hazard.
    segments = [{"name": "loyal", "churn_multiplier": 0.0}, {"name": "fickle", "churn_multiplier": 2.0}]
    results = cxsim.run(segmented(60, segments, baseline_churn_monthly=0.04, acquisition_monthly=0.0,
                                  **NO_SERVICE_CHURN), replications=2, seed=12, output=tmp_path / "c.h5",
                        customer_summary=True)
    summary = results.customers
    assert summary.churned[summary.segment == "loyal"].sum() == 0
    fickle = summary[summary.segment == "fickle"]
    p = -math.expm1(-2 * 0.04 / 30.44 * 60)  # survival e^(−2h·60 days)
    assert abs(fickle.churned.mean() - p) < 4 * math.sqrt(p * (1 - p) / len(fickle))
    # The segment totals' churn rate, replication by replication: binomial, p and 0.
    seg = results.segments
    assert (seg.churn_rate.sel(segment="loyal") == 0).all()
    n = seg.customers.sel(segment="fickle").values
    assert (np.abs(seg.churn_rate.sel(segment="fickle").values - p) < 4 * np.sqrt(p * (1 - p) / n)).all()
    # After an issue, all intent acted on: every unresolved issue churns a fickle customer (2 × 0.5, capped at 1)
    # and no loyal one.
    results = cxsim.run(segmented(20, segments, fcr=0.0, recontact_probability=0.0, churn_unresolved=0.5,
                                  intent_conversion=1.0, churn_effort_coefficient=0.0, baseline_churn_monthly=0.0,
                                  acquisition_monthly=0.0),
                        replications=1, seed=13, output=tmp_path / "i.h5", customer_summary=True)
    summary = results.customers
    assert summary.churned[summary.segment == "loyal"].sum() == 0
    fickle = summary[summary.segment == "fickle"]
    assert (fickle.churned == (fickle.issues > 0)).all()


@pytest.mark.parametrize("segments, message", [
    ([{"name": "a"}, {"name": "a"}], "names must be unique"),
    ([{"name": f"s{i}"} for i in range(64)], "at most 63 segments"),
    ([{"name": "a", "issue_multiplier": 0.0}], "issue_multiplier above 0"),
    ([{"name": "a", "share": 0.0}], "customers.segments[0].share"),
])
def test_bad_segments_are_refused_in_one_line(segments, message):
    raw = scenario(5).to_dict()
    raw["customers"]["segments"] = segments
    with pytest.raises(cxsim.ScenarioError, match=message.replace("[", r"\[").replace("]", r"\]")) as e:
        cxsim.Scenario.from_dict(raw)
    assert "\n" not in str(e.value)


def test_failed_self_service_adds_frustration_and_effort(tmp_path):
    # One call type with self-service, no other source of frustration or effort, no waiting, no
    # repeats or redials: every answered call tried self-service and failed, every contained
    # one succeeded.
    raw = scenario(10, recontact_probability=0.0, effort_per_ivr_level=0.0, effort_failed_self_service=0.7,
                   **NO_SERVICE_CHURN).to_dict()
    raw["ivr"] = {"levels": 1, "seconds_per_level": 5.0}
    raw["call_types"] = [{"name": "billing", "containment": 0.3}]
    raw["callers"]["redial_probability"] = 0.0
    raw["frustration"] = {"per_ivr_level": 0.0, "per_wait_unit": 0.0, "failed_self_service": 0.4}
    results = cxsim.run(cxsim.Scenario.from_dict(raw), replications=2, seed=14, output=tmp_path / "f.h5",
                        customer_summary=True)
    np.testing.assert_allclose(results.replications["frustration_mean"], 0.4, rtol=1e-6)
    t = totals(results)
    assert (t["contained"] > 0).all()
    for r in range(2):
        effort = results.customers[results.customers.replication == r].effort.sum()
        closed = t["issues"][r] - t["issues_open_at_end"][r]
        np.testing.assert_allclose(effort, 0.7 * (closed - t["contained"][r]), rtol=1e-4)


def test_a_segment_without_issues_never_calls(tmp_path):
    segments = [{"name": "active"}, {"name": "dormant", "issue_multiplier": 0.0}]
    results = cxsim.run(segmented(10, segments), replications=1, seed=15, output=tmp_path / "d.h5",
                        customer_summary=True)
    issues = results.customers.groupby("segment", observed=True).issues.sum()
    assert issues["dormant"] == 0 and issues["active"] > 0


def test_segment_totals_add_up_to_the_run_and_the_customer_summary(tmp_path):
    segments = [{"name": "premium", "share": 1.0, "value_monthly": 90.0, "issue_multiplier": 2.0,
                 "churn_multiplier": 0.5}, {"name": "mass", "share": 3.0, "value_monthly": 10.0}]
    scenario_ = segmented(20, segments, acquisition_monthly=0.05, baseline_churn_monthly=0.05)
    results = cxsim.run(scenario_, replications=2, seed=16, output=tmp_path / "t.h5", customer_summary=True)
    seg, t = results.segments, totals(results)
    assert list(seg.segment.values) == ["premium", "mass"]
    total = seg.sum("segment")
    np.testing.assert_array_equal(total.customers, 20000 + t["customers_acquired"])
    np.testing.assert_array_equal(total.customers_at_end, t["customers_at_end"])
    np.testing.assert_array_equal(total.churned, t["customers_churned"])
    np.testing.assert_array_equal(total.issues, t["issues"])
    np.testing.assert_array_equal(total.contacts, t["issues"] + t["repeat_contacts"])
    lifetime = scenario_.values["money.customer_lifetime_months"]
    np.testing.assert_allclose(total.value_monthly_churned * lifetime, t["lifetime_value_lost"], rtol=1e-5)
    # The same numbers, customer by customer, and from the file.
    by = results.customers.groupby(["replication", "segment"], observed=True)
    for name in ("issues", "contacts", "unresolved", "churned"):
        np.testing.assert_array_equal(by[name].sum().unstack()[["premium", "mass"]].values, seg[name].values)
    np.testing.assert_allclose(by.effort.sum().unstack()[["premium", "mass"]].values, seg.effort.values, rtol=1e-5)
    xr.testing.assert_identical(cxsim.open_results(tmp_path / "t.h5").segments, seg)


def test_no_segment_totals_without_customers():
    results = cxsim.run(scenario(2, enabled=False), replications=1, seed=17)
    assert results.segments is None


def test_segment_days_add_up_to_the_segment_totals():
    # Each segment's daily churn, issues, contacts and unresolved issues sum to its totals.
    segments = [{"name": "a", "share": 0.7, "churn_multiplier": 2.0}, {"name": "b", "share": 0.3}]
    results = cxsim.run(segmented(12, segments, baseline_churn_monthly=0.05), replications=2, seed=21)
    days, totals = results.segments_daily.sum("day"), results.segments
    for name in ("churned", "issues", "contacts", "unresolved"):
        np.testing.assert_array_equal(days[name].values, totals[name].values, err_msg=name)
    # Service churn is part of all churn and matches the run's count.
    assert (results.segments_daily["churned_service"] <= results.segments_daily["churned"]).all()
    np.testing.assert_array_equal(days["churned_service"].sum("segment").values,
                                  results.intervals["customers_churned_service"].sum("interval").values)
