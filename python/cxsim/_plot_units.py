"""A KPI's unit on an axis: the factor its stored values are scaled by and the unit spelled out.

Shares and rates (stored as fractions, units ``1``) are shown in %, their differences in
percentage points; ``s`` and ``h`` are spelled out; money shows its ``currency`` attribute
(or "currency units" where the file only says ``units = "currency"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

SPELLED = {"s": "seconds", "h": "hours"}


@dataclass(frozen=True)
class Unit:
    """`factor` turns a stored value into the plotted one; `text` is the unit as the axis shows it."""

    factor: float
    text: str


@cache
def _long_names() -> dict[str, str]:
    from . import _core

    return {name: long_name for name, _, long_name, _ in _core.metrics()}


def long_name(metric: str) -> str:
    """What the KPI is, in the engine's words (the name itself for anything else)."""
    return _long_names().get(metric, metric)


def is_share(metric: str) -> bool:
    """Whether the engine defines the KPI as a ratio (``a / b``, rates per year included) or a share."""
    text = _long_names().get(metric, "")
    return " / " in text or "share" in text


def unit_of(metric: str, attrs: Mapping[str, Any], difference: bool = False) -> Unit:
    """The axis unit of `metric` with attributes `attrs` (``units``, perhaps ``currency``), or of a
    difference between two values of it."""
    units = str(attrs.get("units", ""))
    if "currency" in attrs:
        return Unit(1.0, str(attrs["currency"]))
    if units == "currency":
        return Unit(1.0, "currency units")
    if units == "1" and is_share(metric):
        per_year = " per year" if metric.endswith("_annual") else ""
        return Unit(100.0, ("percentage points" if difference else "%") + per_year)
    if units in ("1", ""):
        return Unit(1.0, "number")
    return Unit(1.0, SPELLED.get(units, units))


def axis_label(what: str, unit: Unit) -> str:
    """``what (unit)``."""
    return f"{what} ({unit.text})"
