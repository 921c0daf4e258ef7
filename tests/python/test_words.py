"""KPIs in words (cxsim._words): values in the units people read, intervals that say the unit once."""

import math

from cxsim._words import CURRENCY, HEADLINE, interval, label, number, unit, value


def test_a_share_reads_in_per_cent_and_its_change_in_points():
    assert value("abandon_rate", 0.046) == "4.6 %"
    assert value("abandon_rate", 0.0123, difference=True) == "+1.23 percentage points"
    assert unit("customer_churn_rate_annual", difference=True) == "percentage points per year"


def test_money_reads_in_the_scenarios_currency_and_a_plain_number_has_no_unit():
    token = CURRENCY.set("EUR")
    try:
        assert value("net_value", -12_345.6, difference=True) == "-12,346 EUR"
    finally:
        CURRENCY.reset(token)
    assert unit("engagement_mean") == "" and value("engagement_mean", 0.25) == "0.25"


def test_an_interval_says_its_unit_once():
    said = interval("customer_churn_rate_annual", 0.0154, 0.0146, 0.0162, difference=True)
    assert said == "+1.54 percentage points per year (95% CI +1.46 to +1.62)"
    assert said.count("percentage points") == 1
    assert interval("asa_s", 12.0, math.nan, math.nan) == "12 seconds"  # no interval: the value alone
    assert number("asa_s", math.nan) == "–" and value("asa_s", math.nan) == "–"


def test_labels_read_as_prose_and_every_headline_kpi_exists():
    from cxsim import _core

    assert label("customer_churn_rate_annual") == "customer churn rate (annual)"
    assert label("aht_first_contact_s") == "aht (first contact)"
    known = {name for name, *_ in _core.metrics()}
    assert set(HEADLINE) <= known and len(set(HEADLINE)) == len(HEADLINE)


def test_only_a_change_its_interval_does_not_tell_from_none_is_marked():
    from cxsim._words import how_sure

    assert how_sure(0.1, 0.3) == "" and how_sure(-0.3, -0.1) == ""  # clear, as CLEAR says once
    assert "not distinguishable" in how_sure(-0.1, 0.3) and "not distinguishable" in how_sure(0.0, 0.3)
    assert "no interval" in how_sure(math.nan, math.nan)
