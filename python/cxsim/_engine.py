"""The scenario as the engine takes it: a nested dict, one entry per engine key of the schema.

Keys keep their names and units; only the representation of three kinds changes (a time of
day becomes seconds after midnight, weekdays a bit mask, and an unset key None). The engine
refuses a key that reaches no field and a field that no key reaches (``_core.engine_spec``),
and applies the model's rules itself (docs/model.md, "Scenario keys in the engine").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._overrides import nested
from .schema import ARRAYS, BY_KEY, ENTRY_PARAMS, WEEKDAYS, Param


def engine_spec(values: Mapping[str, Any]) -> dict[str, Any]:
    """The nested dict for ``_core.run`` from a scenario's validated values."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in ARRAYS:
            params = ENTRY_PARAMS[key]
            nested(out, key, [{name: convert(params[name], v) for name, v in item.items()} for item in value])
        elif BY_KEY[key].engine:
            nested(out, key, convert(BY_KEY[key], value))
    return out


def convert(p: Param, value: Any) -> Any:
    """A key's value as the engine holds it."""
    if value is None:
        return None
    if p.kind == "time":
        hours, minutes = map(int, value.split(":"))
        return hours * 3600.0 + minutes * 60.0
    if p.kind == "weekdays":
        return sum(1 << WEEKDAYS.index(d) for d in set(value))
    return value
