"""Scenario files: load TOML, validate against the schema, apply overrides, build the engine's spec."""

from __future__ import annotations

import copy
import difflib
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import tomli_w

from . import _core
from .errors import ScenarioError
from .schema import ARRAYS, BY_KEY, REQUIRED, WEEKDAYS, Param

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: every key of the schema resolved to a value (or None if unset).

    Create one with :meth:`Scenario.load` or :meth:`Scenario.from_dict`; derive variants with
    :meth:`with_overrides`. ``values`` is read-only; change a scenario through overrides.
    """

    values: Mapping[str, Any]
    source: str

    @classmethod
    def load(cls, path: str | Path) -> "Scenario":
        """Read and validate a TOML scenario file, resolving ``extends`` chains."""
        path = Path(path)
        raw = _read_resolved(path, ())
        raw.setdefault("name", path.stem)
        return cls.from_dict(raw, source=str(path))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], source: str = "<dict>") -> "Scenario":
        """Validate a scenario given as nested dicts (the parsed TOML)."""
        return cls(MappingProxyType(_validate(copy.deepcopy(dict(raw)), source)), source)

    @property
    def name(self) -> str:
        return self.values.get("name") or "scenario"

    def with_overrides(self, overrides: Mapping[str, Any]) -> "Scenario":
        """A new scenario with dotted keys replaced, e.g. ``{"agents.count": 50}``.

        Entries of arrays of tables are addressed by name or index:
        ``{"call_types.billing.share": 0.3, "agents.shifts.0.count": 12}``.
        """
        raw = self.to_dict()
        for key, value in overrides.items():
            _set_dotted(raw, key, value, self.source)
        return Scenario(MappingProxyType(_validate(raw, self.source)), self.source)

    @property
    def warnings(self) -> list[str]:
        """Valid but questionable settings, one line each (the CLI prints them on stderr)."""
        out = []
        if self.values["workforce.enabled"] and self.values["agents.count"] is not None:
            out.append(f"{self.source}: agents.count with workforce.enabled: every agent works around the clock, "
                       "so exhaustion, absence and quits are not meaningful; use [[agents.shifts]]")
        return out

    def to_dict(self) -> dict[str, Any]:
        """The scenario as nested dicts, unset keys left out (what a TOML file would hold)."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            if key in ARRAYS:
                _nested(out, key, [{k: v for k, v in item.items() if v is not None} for item in value])
            elif value is not None:
                _nested(out, key, value)
        return out

    def to_toml(self) -> str:
        """The resolved scenario as TOML text (every default filled in)."""
        return tomli_w.dumps(self.to_dict())

    def spec(self) -> _core.ScenarioSpec:
        """The engine's spec for this scenario."""
        return _build_spec(self.values)


def parse_override(text: str, source: str = "--set") -> tuple[str, Any]:
    """Parse ``key=value``: the value as a TOML value, else as a plain string."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ScenarioError(f"{source}: '{text}' is not of the form key=value")
    try:
        return key, tomllib.loads(f"v = {value.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return key, value.strip()


# --- reading files -----------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: scenario file not found") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a directory, not a scenario file") from None
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
        raise ScenarioError(f"{path}: cannot read the scenario file ({reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: not valid TOML: {e}") from None


def _read_resolved(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    """The file's tables laid over those of the scenario it ``extends`` (recursively): tables
    merge key by key; any other value, arrays of tables included, replaces the parent's."""
    raw = _read(path)
    parent = raw.pop("extends", None)
    if parent is None:
        return raw
    if not isinstance(parent, str):
        raise _fail(str(path), "extends", parent, BY_KEY["extends"].allowed())
    parent_path = (path.parent / parent).resolve()
    if parent_path in chain or parent_path == path.resolve():
        cycle = " -> ".join(p.name for p in (*chain, path.resolve(), parent_path))
        raise ScenarioError(f"{path}: extends: {parent!r} makes a cycle ({cycle})")
    if not parent_path.is_file():
        raise ScenarioError(f"{path}: extends: {parent!r} not found (looked for {parent_path})")
    base = _read_resolved(parent_path, (*chain, path.resolve()))
    base.pop("name", None)  # a scenario is named after its own file unless it says otherwise
    base.pop("description", None)
    return _merge(base, raw)


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


# --- validation -------------------------------------------------------------------------


def _fail(source: str, key: str, value: Any, allowed: str) -> ScenarioError:
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
        if not isinstance(value, int) or isinstance(value, bool) or not p.in_range(value):
            raise _fail(source, key, value, p.allowed())
        return value
    if k == "float":
        if not number(value) or not p.in_range(float(value)):
            raise _fail(source, key, value, p.allowed())
        return float(value)
    if k == "bool":
        if not isinstance(value, bool):
            raise _fail(source, key, value, p.allowed())
        return value
    if k == "str":
        if not isinstance(value, str):
            raise _fail(source, key, value, p.allowed())
        return value
    if k == "choice":
        if value not in p.choices:
            raise _fail(source, key, value, p.allowed())
        return value
    if k == "time":
        if not isinstance(value, str) or not _TIME.match(value):
            raise _fail(source, key, value, p.allowed())
        return value
    if k == "weekdays":
        if not isinstance(value, list) or not value or any(d not in WEEKDAYS for d in value):
            raise _fail(source, key, value, p.allowed())
        return list(value)
    if k == "float_list":
        if not isinstance(value, list) or not value or not all(number(x) and p.in_range(x) for x in value):
            raise _fail(source, key, value, "a non-empty " + p.allowed().removeprefix("a "))
        return [float(x) for x in value]
    if k == "matrix":
        ok = (isinstance(value, list) and value and all(isinstance(r, list) and r for r in value)
              and all(number(x) and p.in_range(x) for r in value for x in r))
        if not ok:
            raise _fail(source, key, value, p.allowed())
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


def _validate(raw: dict[str, Any], source: str) -> dict[str, Any]:
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
    params = {p.key.split("[].")[1]: p for p in BY_KEY.values() if p.key.startswith(array + "[].")}
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
    if len(cuts) != 4 or any(a >= b for a, b in zip(cuts, cuts[1:])):
        fail("satisfaction.cutpoints", f"{cuts} must be four increasing numbers")
    if v["extends"] is not None:
        fail("extends", "extends is resolved when a file is read: use Scenario.load")
    minutes = v["simulation.interval_minutes"]
    if 1440 % minutes:
        fail("simulation.interval_minutes", f"{minutes} does not divide a day (1440 minutes)")
    warmup_intervals = v["simulation.warmup_days"] * 1440 / minutes
    if abs(warmup_intervals - round(warmup_intervals)) > 1e-9:
        fail("simulation.warmup_days", f"{v['simulation.warmup_days']} is not a whole number of "
             f"{minutes}-minute intervals")
    if v["simulation.warmup_days"] >= v["simulation.horizon_days"]:
        fail("simulation.warmup_days", f"{v['simulation.warmup_days']} must be less than "
             f"simulation.horizon_days ({v['simulation.horizon_days']})")

    constant, profile = v["arrivals.calls_per_hour"], v["arrivals.weekly_profile"]
    if (constant is None) == (profile is None):
        fail("arrivals", "give exactly one of arrivals.calls_per_hour and arrivals.weekly_profile")
    if profile is not None:
        if len(profile) != 7 or len({len(r) for r in profile}) != 1:
            fail("arrivals.weekly_profile", "must have 7 rows (Monday first) of equal length")
        if 86400 % len(profile[0]):
            fail("arrivals.weekly_profile", f"{len(profile[0])} slots per day do not divide a day "
                 "into whole seconds")
        if sum(map(sum, profile)) <= 0:
            fail("arrivals.weekly_profile", "all weights are zero")
        if v["arrivals.daily_volume"] is None:
            fail("arrivals.daily_volume", "required with arrivals.weekly_profile")
    elif v["arrivals.daily_volume"] is not None:
        fail("arrivals.daily_volume", "goes with arrivals.weekly_profile, not arrivals.calls_per_hour")

    if (v["agents.count"] is None) == (not v["agents.shifts"]):
        fail("agents", "give exactly one of agents.count and [[agents.shifts]]")

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


def _merged(v: Mapping[str, Any], t: Mapping[str, Any], base: str, what: str) -> dict[str, Any]:
    """A call type's distribution keys: its own where set, else the section's. A type that
    sets its own distribution does not inherit the section's empirical table."""
    keys = _dist_keys("", what)
    merged = {k: v[base + k] for k in keys}
    if t.get(f"{what}_dist") is not None:
        merged[f"{what}_table_s"] = None
    merged.update({k: t[k] for k in keys if t.get(k) is not None})
    return merged


def _dist_keys(prefix: str, what: str) -> tuple[str, ...]:
    return (f"{prefix}{what}_dist", f"{prefix}mean_{what}_s", f"{prefix}{what}_cv", f"{prefix}{what}_table_s")


def _distribution(v: Mapping[str, Any], prefix: str, what: str, source: str) -> _core.Distribution:
    dist_key, mean_key, cv_key, table_key = _dist_keys(prefix, what)
    dist, mean, cv, table = v[dist_key], v[mean_key], v[cv_key], v[table_key]
    if dist == "empirical" and table is None:
        raise ScenarioError(f"{source}: {table_key}: required with {dist_key} = \"empirical\"")
    if dist != "empirical" and table is not None:
        raise ScenarioError(f"{source}: {table_key}: only used with {dist_key} = \"empirical\"")
    if dist == "none":
        return _core.Distribution.none()
    if dist == "empirical":
        return _core.Distribution.empirical(table)
    if dist == "exponential":
        return _core.Distribution.exponential(mean)
    if dist == "deterministic":
        return _core.Distribution.deterministic(mean)
    if dist == "lognormal":
        return _core.Distribution.lognormal(mean, cv)
    return _core.Distribution.gamma(mean, cv)


# --- overrides and nesting -------------------------------------------------------------


def _nested(out: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    for part in parents:
        out = out.setdefault(part, {})
    out[last] = value


def _set_dotted(raw: dict[str, Any], key: str, value: Any, source: str) -> None:
    parts = key.split(".")
    node: Any = raw
    path = ""
    i = 0
    while i < len(parts) - 1:
        part = parts[i]
        path = f"{path}.{part}" if path else part
        if path in ARRAYS:
            items = node.setdefault(part, [])
            selector = parts[i + 1]
            match = [it for it in items if it.get("name") == selector]
            if not match and selector.isdigit() and int(selector) < len(items):
                match = [items[int(selector)]]
            if not match:
                names = [it.get("name", str(n)) for n, it in enumerate(items)]
                raise ScenarioError(f"{source}: --set {key}: no entry '{selector}' in {path} "
                                    f"(entries: {', '.join(map(str, names)) or 'none'})")
            node = match[0]
            i += 2
            continue
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ScenarioError(f"{source}: --set {key}: {path} is not a table")
        i += 1
    node[parts[-1]] = value


# --- the engine's spec -----------------------------------------------------------------


def _build_spec(v: Mapping[str, Any]) -> _core.ScenarioSpec:
    spec = _core.ScenarioSpec()
    spec.horizon_s = v["simulation.horizon_days"] * 86400.0
    spec.warmup_s = v["simulation.warmup_days"] * 86400.0
    spec.interval_s = v["simulation.interval_minutes"] * 60.0
    spec.start_weekday = WEEKDAYS.index(v["simulation.start_weekday"])
    spec.service_level_s = v["simulation.service_level_threshold_s"]
    spec.short_abandon_s = v["simulation.short_abandon_s"]

    arrivals = _core.ArrivalSpec()
    if v["arrivals.calls_per_hour"] is not None:
        arrivals.rate_per_hour = [v["arrivals.calls_per_hour"]]
        arrivals.slot_seconds = 7 * 86400.0
    else:
        profile = v["arrivals.weekly_profile"]
        slots = len(profile[0])
        total = sum(map(sum, profile))
        weekly_calls = 7 * v["arrivals.daily_volume"]
        hours_per_slot = 24.0 / slots
        arrivals.rate_per_hour = [weekly_calls * w / total / hours_per_slot for row in profile for w in row]
        arrivals.slot_seconds = 86400.0 / slots
    spec.arrivals = arrivals

    ivr = _core.IvrSpec()
    ivr.levels = v["ivr.levels"]
    ivr.seconds_per_level = v["ivr.seconds_per_level"]
    ivr.misroute_probability = v["ivr.misroute_probability"]
    ivr.transfer_time_s = v["ivr.transfer_time_s"]
    ivr.zero_out_probability = v["ivr.zero_out_probability"]
    spec.ivr = ivr

    redial = _core.RedialSpec()
    redial.probability = v["callers.redial_probability"]
    redial.delay = _distribution(v, "callers.", "redial_delay", "")
    spec.redial = redial
    spec.after_call_work_s = v["service.after_call_work_s"]

    types = v["call_types"] or [{"name": "default", "share": 1.0, "priority": 0, "containment": 0.0}]

    built = []
    for t in types:
        ct = _core.CallTypeSpec()
        ct.name, ct.share, ct.priority, ct.containment = t["name"], t["share"], t["priority"], t["containment"]
        ct.handle_time = _distribution(_merged(v, t, "service.", "handle_time"), "", "handle_time", "")
        ct.patience = _distribution(_merged(v, t, "callers.", "patience"), "", "patience", "")
        built.append(ct)
    spec.call_types = built

    shifts = []
    if v["agents.count"] is not None:
        s = _core.ShiftSpec()
        s.start_s, s.length_s, s.weekdays, s.count = 0.0, math.inf, 0x7F, v["agents.count"]
        shifts.append(s)
    for item in v["agents.shifts"]:
        s = _core.ShiftSpec()
        hours, minutes = map(int, item["start"].split(":"))
        s.start_s = hours * 3600.0 + minutes * 60.0
        s.length_s = item["length_hours"] * 3600.0
        s.weekdays = sum(1 << WEEKDAYS.index(d) for d in set(item["days"]))
        s.count = item["count"]
        shifts.append(s)
    spec.shifts = shifts

    w = _core.WorkforceSpec()
    day, month = 86400.0, 30.44 * 86400.0
    w.enabled = v["workforce.enabled"]
    w.handle_time_spread_cv = v["workforce.handle_time_spread_cv"]
    w.new_hire_handle_time_factor = v["workforce.new_hire_handle_time_factor"]
    w.learning_time_s = v["workforce.learning_time_days"] * day
    w.quit_rate_per_s = v["workforce.quit_rate_monthly"] / month
    w.early_quit_multiplier = v["workforce.early_quit_multiplier"]
    w.early_tenure_s = v["workforce.early_tenure_days"] * day
    w.absence_probability = v["workforce.absence_probability"]
    w.hiring_delay_s = v["workforce.hiring_delay_days"] * day
    w.training_s = v["workforce.training_days"] * day
    w.initial_mean_tenure_s = v["workforce.initial_mean_tenure_days"] * day
    w.exhaustion_recovery_s = v["workforce.exhaustion_recovery_days"] * day
    w.engagement_decay_s = v["workforce.engagement_decay_days"] * day
    _fill(w, v, "workforce.", ("exhaustion_per_call", "exhaustion_per_hostile_call", "exhaustion_per_excess_occupancy",
                               "occupancy_threshold", "exhaustion_per_compression", "engagement_exhaustion_loss",
                               "engagement_pressure_loss", "absence_exhaustion_effect", "quit_exhaustion_effect",
                               "quit_engagement_effect"))
    spec.hostile_probability = v["callers.hostile_probability"]
    rec = _core.RecognitionSpec()
    rec.award_gain = v["recognition.award_gain"]
    rec.praise_gain_factor = v["recognition.praise_gain_factor"]
    rec.peer_gain_factor = v["recognition.peer_gain_factor"]
    rec.saturation = v["recognition.saturation"]
    rec.memory_s = v["recognition.memory_days"] * day
    cadence = v["recognition.manager_cadence_days"]
    rec.manager_cadence_s = cadence * day if cadence is not None else 0.0
    rec.manager_awards = v["recognition.manager_awards"]
    rec.criterion = getattr(_core.Criterion, v["recognition.criterion"].capitalize())
    rec.spillover = v["recognition.spillover"]
    rec.announced_tangible = v["recognition.announced_tangible"]
    rec.tangible_gain_factor = v["recognition.tangible_gain_factor"]
    rec.crowding_out = v["recognition.crowding_out"]
    rec.peer_awards_per_s = v["recognition.peer_awards_monthly"] / month
    w.recognition = rec

    target = v["policy.aht_target_s"]
    w.pressure_quit_multiplier = v["policy.aht_pressure_quit_multiplier"] if target is not None else 1.0
    spec.workforce = w

    policy = _core.PolicySpec()
    policy.aht_target_s = target or 0.0
    policy.aht_compression = v["policy.aht_compression"]
    if cadence is not None and v["recognition.criterion"] == "aht":
        # Agents chase an AHT award by rushing calls longer than the usual handle time.
        usual = sum(t.share * t.handle_time.mean() for t in built) / sum(t.share for t in built)
        policy.aht_target_s = min(target or usual, usual)
        policy.aht_compression = max(policy.aht_compression if target else 0.0, v["recognition.aht_chasing"])
    policy.compression_resolution_effect = v["policy.compression_resolution_effect"]
    spec.policy = policy

    sat = _core.SatisfactionSpec()
    sat.enabled = v["customers.enabled"]
    _fill(sat, v, "satisfaction.", ("resolution_effect", "repeat_effect", "wait_effect", "transfer_effect",
                                   "engagement_effect", "exhaustion_effect", "hostile_effect", "cutpoints",
                                   "praise_probability", "complaint_probability"))
    sat.praise_solicitation = v["recognition.praise_solicitation"]
    sat.praise_forwarded_share = v["recognition.praise_forwarded_share"]
    spec.satisfaction = sat

    fr = _core.FrustrationSpec()
    fr.enabled = v["customers.enabled"]
    _fill(fr, v, "frustration.", ("per_ivr_level", "failed_self_service", "misroute", "per_abandon", "per_repeat",
                                  "per_wait_unit", "patience_effect", "hostile_effect", "satisfaction_effect",
                                  "exhaustion_per_unit"))
    spec.frustration = fr

    cb = _core.CallbackSpec()
    _fill(cb, v, "callback.", ("enabled", "threshold_s", "acceptance", "wait_weight"))
    spec.callback = cb

    money = _core.MoneySpec()
    _fill(money, v, "money.", ("wage_per_hour", "cost_per_hire", "cost_per_ivr_minute", "cost_per_queue_minute",
                               "customer_lifetime_months", "cost_per_award"))
    spec.money = money

    c = _core.CustomerSpec()
    _fill(c, v, "customers.", ("enabled", "count", "value_cv", "fcr", "new_hire_fcr_penalty", "transfer_fcr_penalty",
                               "recontact_probability", "repeat_handle_factor", "churn_first_contact",
                               "churn_resolved_later", "churn_unresolved", "churn_effort_coefficient",
                               "effort_reference", "effort_wait_unit_s", "effort_per_ivr_level",
                               "effort_failed_self_service", "resolution_exhaustion_effect",
                               "resolution_engagement_effect", "resolution_hostile_effect", "wom_tell_resolved",
                               "wom_audience_resolved", "wom_tell_unresolved", "wom_audience_unresolved",
                               "wom_conversion", "wom_deterrence"))
    if v["customers.issues_per_month"] is not None:
        c.issues_per_customer_per_s = v["customers.issues_per_month"] / month
        mean = sum(arrivals.rate_per_hour) / len(arrivals.rate_per_hour)
        arrivals.rate_per_hour = [r / mean for r in arrivals.rate_per_hour]  # a shape with mean 1/h
        spec.arrivals = arrivals
    segments = []
    for item in v["customers.segments"] or [{"name": "all", "share": 1.0, "value_monthly": None,
                                              "issue_multiplier": 1.0, "churn_multiplier": 1.0}]:
        s = _core.SegmentSpec()
        s.name, s.share = item["name"], item["share"]
        s.value_mean = v["customers.value_monthly"] if item["value_monthly"] is None else item["value_monthly"]
        s.issue_multiplier, s.churn_multiplier = item["issue_multiplier"], item["churn_multiplier"]
        segments.append(s)
    c.segments = segments
    c.recontact_delay = _distribution(v, "customers.", "recontact_delay", "")
    c.baseline_churn_per_s = v["customers.baseline_churn_monthly"] / month
    c.acquisitions_per_s = v["customers.acquisition_monthly"] * v["customers.count"] / month
    spec.customers = c
    return spec


def _fill(target: Any, v: Mapping[str, Any], prefix: str, names: tuple[str, ...]) -> None:
    """Copy scenario keys `prefix + name` to the spec fields of the same name."""
    for name in names:
        setattr(target, name, v[prefix + name])
