"""KPIs as people read them: which KPIs come first, their names in prose, their values in their
units (shares in %, their differences in percentage points, money in the scenario's currency),
and intervals that state the unit once. Reports, the command line's tables and explanations'
sentences all say KPIs this way.
"""

from __future__ import annotations

import math
import tomllib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from ._plot_units import unit_of
from .schema import BY_KEY

if TYPE_CHECKING:
    from .results import Results

# The KPIs a reader looks at first, in this order: what summaries, figures and explanations show
# unless told otherwise (each the ones its results define). The waterfalls of a report are the
# first two an explanation defines.
HEADLINE = ("customer_churn_rate_annual", "net_value", "fcr", "abandon_rate", "agent_attrition_rate_annual", "asa_s",
            "service_level")
MIN_RUNS = 5  # below this many replications (or draws) a 95% interval means little
# The money.currency of the results being shown (a report, a table or a sentence sets it).
CURRENCY: ContextVar[str] = ContextVar("currency", default=BY_KEY["money.currency"].default)


def currency_of(results: Results) -> str:
    """The money.currency of a run's scenario (its default for a file written before the key existed)."""
    money = tomllib.loads(results.attrs["scenario_toml"]).get("money", {})
    return str(money.get("currency", CURRENCY.get()))


def unit_attrs(metric: str) -> dict[str, str]:
    """The KPI's attributes as a file stores them: units, and the currency of a money KPI."""
    from . import _core
    from ._units import kpi_attrs

    for name, units, _, money in _core.metrics():
        if name == metric:
            return kpi_attrs(units, money, CURRENCY.get())
    return {"units": ""}


def label(metric: str) -> str:
    """A KPI's name as prose says it: "customer churn rate (annual)", "aht (first contact)"."""
    words = metric.removesuffix("_s").replace("_", " ")
    for tail in (" annual", " first contact", " repeat"):
        if words.endswith(tail):
            words = f"{words.removesuffix(tail)} ({tail.strip()})"
    return words


def number(metric: str, x: float, attrs: dict[str, Any] | None = None, difference: bool = False) -> str:
    """The KPI's value scaled to its unit, without the unit: "12.3" for 12.3%, "+1,204" (a
    difference carries its sign), "–" for a value not defined."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    y = x * unit_of(metric, attrs or unit_attrs(metric), difference).factor
    if abs(y) >= 1000:
        return f"{y:+,.0f}" if difference else f"{y:,.0f}"
    return f"{y:+,.3g}" if difference else f"{y:,.3g}"


def unit(metric: str, attrs: dict[str, Any] | None = None, difference: bool = False) -> str:
    """The unit the KPI's values are said in ("" for a plain number)."""
    text = unit_of(metric, attrs or unit_attrs(metric), difference).text
    return "" if text == "number" else text


def value(metric: str, x: float, attrs: dict[str, Any] | None = None, difference: bool = False) -> str:
    """A KPI's value with its unit: "12.3 %", "+1.54 percentage points per year", "1,204 USD"."""
    shown, text = number(metric, x, attrs, difference), unit(metric, attrs, difference)
    return f"{shown} {text}" if text and shown != "–" else shown


def interval(metric: str, mean: float, low: float, high: float, difference: bool = False,
             attrs: dict[str, Any] | None = None) -> str:
    """The value and its 95% interval, the unit said once: "+1.54 percentage points per year
    (95% CI +1.46 to +1.62)"."""
    if low is None or math.isnan(low):
        return value(metric, mean, attrs, difference)
    bounds = f"{number(metric, low, attrs, difference)} to {number(metric, high, attrs, difference)}"
    return f"{value(metric, mean, attrs, difference)} (95% CI {bounds})"


# What a summary says once, before its changes: how sure each is.
CLEAR = "Each change is clear at 95% (its interval excludes no change) unless marked otherwise."


def how_sure(low: float, high: float) -> str:
    """The mark a change gets when its 95% interval does not tell it from no change (none when
    it does: :data:`CLEAR` says so once)."""
    if low is None or math.isnan(low):
        return " (no interval: too few replications)"
    if low > 0 or high < 0:
        return ""
    return " (not distinguishable from no change at 95%)"
