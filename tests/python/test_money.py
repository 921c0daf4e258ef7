"""Money: each account is its quantity times its price, and net value is revenue minus costs."""

import numpy as np

import cxsim
from conftest import SCENARIOS


def run(**keys):
    # One segment, so customers.value_monthly is every customer's value; hiring reviewed daily.
    s = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {"simulation.horizon_days": 7, "simulation.warmup_days": 0, "customers.enabled": True,
         "customers.count": 50000, "customers.segments": [], "workforce.enabled": True,
         "workforce.quit_rate_monthly": 0.3, "workforce.hiring_delay_days": 0.0, "planning.period_days": 1, **keys})
    return cxsim.run(s, replications=2, seed=1)


def test_accounts_are_quantity_times_price():
    # Manager awards every two days, so that every account is non-zero and cost_total must add all four.
    r = run(**{"money.wage_per_hour": 20.0, "money.cost_per_hire": 5000.0, "money.cost_per_ivr_minute": 0.1,
               "money.cost_per_queue_minute": 0.2, "money.cost_per_award": 40.0,
               "recognition.manager_cadence_days": 2.0}).replications
    seconds = 7 * 86400
    # Paid time is on duty, on the phone or off it, with overtime hours at the premium (1.5).
    on_duty_h = (r["agents_staffed"] + r["agents_off_phone"]) * seconds / 3600
    np.testing.assert_allclose(r["cost_labour"], (on_duty_h + 0.5 * r["overtime_hours"]) * 20.0, rtol=1e-9)
    np.testing.assert_allclose(r["cost_hiring"], r["agents_hired"] * 5000.0, rtol=1e-12)
    assert (r["agents_hired"] > 0).all()
    queue_cost = r["queue_length"] * seconds / 60 * 0.2
    assert (r["cost_telephony"] > queue_cost).all()  # plus the IVR minutes
    np.testing.assert_allclose(r["cost_recognition"], r["recognitions"] * 40.0, rtol=1e-12)
    assert (r["recognitions"] > 0).all()
    np.testing.assert_allclose(r["cost_total"], r["cost_labour"] + r["cost_hiring"] + r["cost_telephony"]
                               + r["cost_recognition"], rtol=1e-12)
    np.testing.assert_allclose(r["net_value"], r["revenue"] - r["cost_total"], rtol=1e-9)


def test_revenue_is_the_active_base_over_time():
    # Nobody churns or joins: revenue = the base's monthly value x months.
    r = run(**{"customers.baseline_churn_monthly": 0.0, "customers.acquisition_monthly": 0.0,
               "customers.wom_conversion": 0.0,
               "customers.churn_first_contact": 0.0, "customers.churn_resolved_later": 0.0,
               "customers.churn_unresolved": 0.0, "customers.value_cv": 0.0, "customers.value_monthly": 10.0})
    months = 7 / 30.44
    np.testing.assert_allclose(r.replications["revenue"], 50000 * 10.0 * months, rtol=1e-9)
    assert (r.replications["revenue_lost"] == 0).all()


def test_churn_loses_revenue_and_lifetime_value():
    r = run(**{"customers.value_cv": 0.0, "customers.value_monthly": 10.0, "money.customer_lifetime_months": 24.0,
               "customers.baseline_churn_monthly": 0.2}).replications
    np.testing.assert_allclose(r["lifetime_value_lost"], r["customers_churned"] * 10.0 * 24.0, rtol=1e-9)
    upper = r["customers_churned"] * 10.0 * 7 / 30.44  # nobody can lose more than the whole horizon
    assert ((r["revenue_lost"] > 0) & (r["revenue_lost"] <= upper)).all()
