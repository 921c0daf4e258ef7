"""Validation: a scenario's nested tables checked against the schema, flattened to dotted keys,
defaults filled in, and the rules that span keys checked; every mistake one line naming the
file, the key, the value and what is allowed."""

from __future__ import annotations

import copy
import difflib
import itertools
import re
from collections.abc import Mapping
from typing import Any

from .errors import ScenarioError
from .schema import ARRAYS, BY_KEY, ENTRY_PARAMS, REQUIRED, WEEKDAYS, Param

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_CURRENCY = re.compile(r"[A-Z]{3}")




def has_control(text: str) -> bool:
    """Whether `text` holds a control character (a newline, a NUL, ...), which no name or path may."""
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def fail(source: str, key: str, value: Any, allowed: str) -> ScenarioError:
    return ScenarioError(f"{source}: {key}: {_show(value)} is not allowed; allowed: {allowed}")


def _show(value: Any) -> str:
    text = repr(value).replace("'", '"')
    return text if len(text) <= 60 else text[:57] + "..."


def _unknown(source: str, key: str, candidates: list[str]) -> ScenarioError:
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]}?" if close else ""
    return ScenarioError(f"{source}: {key}: unknown key{hint}")


def _check(p: Param, value: Any, key: str, source: str) -> Any:
    """The value converted to the parameter's kind, or a ScenarioError."""
    def number(x: Any) -> bool:
        return isinstance(x, (int, float)) and not isinstance(x, bool)

    k = p.kind
    if k == "int":
        if not isinstance(value, int) or isinstance(value, bool) or not p.in_range(value) or abs(value) >= 2**63:
            raise fail(source, key, value, p.allowed())
        return value
    if k == "float":
        if not number(value) or not p.in_range(float(value)):
            raise fail(source, key, value, p.allowed())
        return float(value)
    if k == "bool":
        if not isinstance(value, bool):
            raise fail(source, key, value, p.allowed())
        return value
    if k == "str":
        if not isinstance(value, str):
            raise fail(source, key, value, p.allowed())
        return value
    if k == "choice":
        if value not in p.choices:
            raise fail(source, key, value, p.allowed())
        return value
    if k == "time":
        if not isinstance(value, str) or not _TIME.match(value):
            raise fail(source, key, value, p.allowed())
        return value
    if k == "currency":
        if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
            raise fail(source, key, value, p.allowed())
        return value
    if k == "weekdays":
        if not isinstance(value, list) or not value or any(d not in WEEKDAYS for d in value):
            raise fail(source, key, value, p.allowed())
        return list(value)
    if k == "float_list":
        if not isinstance(value, list) or not value or not all(number(x) and p.in_range(x) for x in value):
            raise fail(source, key, value, "a non-empty " + p.allowed().removeprefix("a "))
        return [float(x) for x in value]
    if k == "matrix":
        ok = (isinstance(value, list) and value and all(isinstance(r, list) and r for r in value)
              and all(number(x) and p.in_range(x) for r in value for x in r))
        if not ok:
            raise fail(source, key, value, p.allowed())
        return [[float(x) for x in r] for r in value]
    raise AssertionError(k)


def _walk(raw: Any, prefix: str, source: str, out: dict[str, Any]) -> None:
    """Flatten nested tables into dotted keys, refusing unknown keys."""
    if not isinstance(raw, dict):
        raise ScenarioError(f"{source}: {prefix.rstrip('.')}: must be a table")
    for name, value in raw.items():
        key = prefix + name
        if key in ARRAYS:
            out[key] = value
        elif key in BY_KEY:
            out[key] = value
        elif any(p.startswith(key + ".") or p.startswith(key + "[]") for p in BY_KEY):
            _walk(value, key + ".", source, out)
        else:
            siblings = [p for p in BY_KEY if p.startswith(prefix)] or list(BY_KEY)
            raise _unknown(source, key, [s.replace("[]", "") for s in siblings])


def validate(raw: dict[str, Any], source: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    _walk(raw, "", source, flat)
    values: dict[str, Any] = {}
    for p in BY_KEY.values():
        if "[]" in p.key:
            continue
        if p.key in flat:
            values[p.key] = _check(p, flat[p.key], p.key, source)
        elif p.default is REQUIRED:
            raise ScenarioError(f"{source}: {p.key}: required key missing")
        else:
            values[p.key] = copy.deepcopy(p.default)
    for array in ARRAYS:
        values[array] = _validate_array(flat.get(array, []), array, source)
    _check_consistency(values, source)
    return values


def _validate_array(items: Any, array: str, source: str) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ScenarioError(f"{source}: {array}: must be an array of tables ([[{array}]])")
    params = ENTRY_PARAMS[array]
    out = []
    for index, item in enumerate(items):
        label = f"{array}[{index}]"
        entry = {}
        for name, value in item.items():
            if name not in params:
                raise _unknown(source, f"{label}.{name}", [f"{label}.{n}" for n in params])
            entry[name] = _check(params[name], value, f"{label}.{name}", source)
        for name, p in params.items():
            if name not in entry:
                if p.default is REQUIRED:
                    raise ScenarioError(f"{source}: {label}.{name}: required key missing")
                entry[name] = copy.deepcopy(p.default)
        out.append(entry)
    return out


def _check_consistency(v: dict[str, Any], source: str) -> None:
    def fail(key: str, message: str) -> None:
        raise ScenarioError(f"{source}: {key}: {message}")

    cuts = v["satisfaction.cutpoints"]
    if len(cuts) != 4 or any(a >= b for a, b in itertools.pairwise(cuts)):
        fail("satisfaction.cutpoints", f"{cuts} must be four increasing numbers")
    if v["extends"] is not None:
        fail("extends", "extends is resolved when a file is read: use Scenario.load")
    minutes = v["simulation.interval_minutes"]
    if 1440 % minutes:
        fail("simulation.interval_minutes", f"{minutes} does not divide a day (1440 minutes)")
    if v["simulation.warmup_days"] >= v["simulation.horizon_days"]:  # first: a huge value is refused here
        fail("simulation.warmup_days", f"{v['simulation.warmup_days']} must be less than "
             f"simulation.horizon_days ({v['simulation.horizon_days']})")
    warmup_intervals = v["simulation.warmup_days"] * 1440 / minutes
    if abs(warmup_intervals - round(warmup_intervals)) > 1e-9:
        fail("simulation.warmup_days", f"{v['simulation.warmup_days']} is not a whole number of "
             f"{minutes}-minute intervals")

    constant, profile = v["arrivals.calls_per_hour"], v["arrivals.weekly_profile"]
    if (constant is None) == (profile is None):
        fail("arrivals", "give exactly one of arrivals.calls_per_hour and arrivals.weekly_profile")
    if profile is not None:
        _slots_of_the_week(v, "arrivals.weekly_profile", None, source)
        if sum(map(sum, profile)) <= 0:
            fail("arrivals.weekly_profile", "all weights are zero")
        if v["arrivals.daily_volume"] is None:
            fail("arrivals.daily_volume", "required with arrivals.weekly_profile")
    elif v["arrivals.daily_volume"] is not None:
        fail("arrivals.daily_volume", "goes with arrivals.weekly_profile, not arrivals.calls_per_hour")

    modes = [v["agents.count"] is not None, bool(v["agents.shifts"]), v["agents.staffing"] is not None,
             v["planning.enabled"]]
    if sum(modes) != 1:
        fail("agents", "give exactly one of agents.count, [[agents.shifts]], agents.staffing and planning.enabled")
    for key in ("agents.staffing", "service.handle_time_profile", "ivr.containment_profile"):
        if v[key] is not None:
            _slots_of_the_week(v, key, minutes, source)
    staffing = v["agents.staffing"]
    if staffing is not None:
        if any(x != int(x) for row in staffing for x in row):
            fail("agents.staffing", "agents per slot must be whole numbers")
    if v["agents.tour_min_hours"] > v["agents.tour_max_hours"]:
        fail("agents.tour_min_hours", f"{v['agents.tour_min_hours']} must not exceed agents.tour_max_hours "
             f"({v['agents.tour_max_hours']})")

    for key in ("name", "calibration.log", "calibration.train"):
        if v[key] is not None and has_control(v[key]):
            fail(key, f"{v[key]!r} contains a control character")
    for array in ("call_types", "customers.segments", "agents.shifts"):
        for i, entry in enumerate(v[array]):
            if has_control(entry["name"]):
                fail(f"{array}[{i}].name", f"{entry['name']!r} contains a control character")
    names = [t["name"] for t in v["call_types"]]
    if len(set(names)) != len(names):
        fail("call_types", f"names must be unique, got {names}")
    if len(names) > 255:
        fail("call_types", "at most 255 call types")
    segments = v["customers.segments"]
    names = [s["name"] for s in segments]
    if len(set(names)) != len(names):
        fail("customers.segments", f"names must be unique, got {names}")
    if len(names) > 63:
        fail("customers.segments", f"at most 63 segments, got {len(names)}")
    if segments and max(s["issue_multiplier"] for s in segments) <= 0:
        fail("customers.segments", "at least one segment needs an issue_multiplier above 0")
    if v["ivr.levels"] == 0:
        for key in ("ivr.misroute_probability", "ivr.zero_out_probability"):
            if v[key] > 0:
                fail(key, f"{v[key]} needs an IVR (ivr.levels > 0)")
        if v["ivr.containment_profile"] is not None:
            fail("ivr.containment_profile", "needs an IVR (ivr.levels > 0)")
        for i, t in enumerate(v["call_types"]):
            if t["containment"] > 0:
                fail(f"call_types[{i}].containment", f"{t['containment']} needs an IVR (ivr.levels > 0)")

    _distribution(v, "callers.", "patience", source)
    _distribution(v, "callers.", "redial_delay", source)
    _distribution(v, "service.", "handle_time", source)
    _distribution(v, "customers.", "recontact_delay", source)
    for i, t in enumerate(v["call_types"]):
        for what, base in (("handle_time", "service."), ("patience", "callers.")):
            _distribution(_merged(v, t, base, what), "", what, f"{source}: call_types[{i}]")


def _slots_of_the_week(v: Mapping[str, Any], key: str, minutes: int | None, source: str) -> None:
    """A table of 7 rows (Monday first) of K equal slots of the day; with `minutes`, each slot a
    whole number of reporting intervals of that many minutes."""
    table = v[key]
    if len(table) != 7 or len({len(r) for r in table}) != 1:
        raise ScenarioError(f"{source}: {key}: must have 7 rows (Monday first) of equal length")
    slots = len(table[0])
    if 86400 % slots:
        raise ScenarioError(f"{source}: {key}: {slots} slots per day do not divide a day into whole seconds")
    if minutes is not None and (1440 // minutes) % slots:
        raise ScenarioError(f"{source}: {key}: {slots} slots per day must each be a whole number of "
                            f"{minutes}-minute intervals")


def _merged(v: Mapping[str, Any], t: Mapping[str, Any], base: str, what: str) -> dict[str, Any]:
    """A call type's distribution keys: its own where set, else the section's. A type that
    sets its own distribution does not inherit the section's empirical table or survival curve."""
    keys = _dist_keys("", what)
    merged = {k: v[base + k] for k in keys}
    if t.get(f"{what}_dist") is not None:
        merged.update(dict.fromkeys(keys[3:]))  # the data: table and curve
    merged.update({k: t[k] for k in keys if t.get(k) is not None})
    return merged


# The durations that may be given as a survival curve (the schema gives them its two keys).
_CURVED = {p.key.rpartition(".")[2].removesuffix("_survival") for p in BY_KEY.values() if p.key.endswith("_survival")}


def _dist_keys(prefix: str, what: str) -> tuple[str, ...]:
    """Distribution, mean, CV, then the data: the empirical table and any survival curve."""
    curve = (f"{prefix}{what}_survival_s", f"{prefix}{what}_survival") if what in _CURVED else ()
    return (f"{prefix}{what}_dist", f"{prefix}mean_{what}_s", f"{prefix}{what}_cv", f"{prefix}{what}_table_s", *curve)


def _distribution(v: Mapping[str, Any], prefix: str, what: str, source: str) -> None:
    dist_key, _, _, table_key, *curve_keys = _dist_keys(prefix, what)
    dist, table = v[dist_key], v[table_key]
    if dist == "empirical" and table is None:
        raise ScenarioError(f"{source}: {table_key}: required with {dist_key} = \"empirical\"")
    if dist != "empirical" and table is not None:
        raise ScenarioError(f"{source}: {table_key}: only used with {dist_key} = \"empirical\"")
    if curve_keys:
        _survival_curve(v, dist_key, *curve_keys, source)


def _survival_curve(v: Mapping[str, Any], dist_key: str, times_key: str, survival_key: str, source: str) -> None:
    """Times strictly increasing, as many survival values, non-increasing (the schema holds each
    time above 0 and each value in [0, 1])."""
    times, survival = v[times_key], v[survival_key]
    for key, value in ((times_key, times), (survival_key, survival)):
        if v[dist_key] == "survival" and value is None:
            raise ScenarioError(f"{source}: {key}: required with {dist_key} = \"survival\"")
        if v[dist_key] != "survival" and value is not None:
            raise ScenarioError(f"{source}: {key}: only used with {dist_key} = \"survival\"")
    if times is None:
        return
    if any(a >= b for a, b in itertools.pairwise(times)):
        raise fail(source, times_key, times, "strictly increasing times")
    if len(survival) != len(times):
        raise fail(source, survival_key, survival, f"as many values as {times_key} ({len(times)})")
    if any(a < b for a, b in itertools.pairwise(survival)):
        raise fail(source, survival_key, survival, "non-increasing values, each in [0, 1]")
