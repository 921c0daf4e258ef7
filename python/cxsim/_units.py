"""Units as the files state them and as people read them.

Every ``units`` attribute cxsim writes is valid for UDUNITS-2 (so CF tools parse it): money is
``"1"`` (``"1/month"`` for money per month) with its ISO 4217 code in the attribute
``currency`` (the scenario's ``money.currency``). Tables, exports and plots show money in its
currency: ``"USD"``, ``"USD/month"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def kpi_attrs(units: str, money: bool, currency: str) -> dict[str, str]:
    """The attributes a KPI's variable carries, from its row of ``_core.metrics()``: ``units``,
    and ``currency`` for money."""
    return {"units": units, **({"currency": currency} if money else {})}


def shown_units(attrs: Mapping[str, Any]) -> str:
    """A variable's units as people read them, from its attributes: the ``units``, with the
    currency code for the ``1`` of money (``"1/month"`` in ``"USD"`` is ``"USD/month"``)."""
    units = str(attrs.get("units", ""))
    currency = attrs.get("currency")
    return f"{currency}{units.removeprefix('1')}" if currency else units
