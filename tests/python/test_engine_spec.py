"""The schema is the one declaration of every scenario key: each key reaches an engine field
of the same name, each engine field has a key, and the engine's defaults are the schema's."""

import copy

import pytest

from conftest import SCENARIOS
from cxsim import Scenario, _core
from cxsim._engine import convert, engine_spec
from cxsim.schema import ARRAYS, ENTRY_PARAMS, PARAMS, REQUIRED, WEEKDAYS


def flat_keys(tree, prefix=""):
    """Dotted keys of a nested engine dict; an array's entries as ``array[].key``."""
    out = set()
    for name, value in tree.items():
        key = prefix + name
        if key in ARRAYS:
            for item in value:
                out |= flat_keys(item, key + "[].")
        elif isinstance(value, dict):
            out |= flat_keys(value, key + ".")
        else:
            out.add(key)
    return out


def other_value(p):
    """A value of the key's kind that differs from its default (validity across keys aside)."""
    d = None if p.default is REQUIRED else p.default
    if p.kind == "bool":
        return not d
    if p.kind == "str":
        return "other"
    if p.kind == "choice":
        return next(c for c in p.choices if c != d)
    if p.kind == "time":
        return "07:30"
    if p.kind == "currency":
        return "EUR"
    if p.kind == "weekdays":
        return ["Tue", "Sat"]
    if p.kind == "float_list":
        return [1.0, 2.0, 3.0, 4.5]
    if p.kind == "matrix":
        return [[1.0, 2.0], [3.0, 4.0]]
    low = p.minimum if p.minimum is not None else 0.0
    candidates = [low + 1, low + 0.5, low + 0.25, (low + (p.maximum or low + 1)) / 2]
    if p.kind == "int":
        candidates = [int(low) + 1, int(low) + 2]
    return next(x for x in candidates if p.in_range(x) and x != d)


def every_key_changed():
    """Scenario values with every engine key away from its default, one entry per array."""
    values = {p.key: other_value(p) for p in PARAMS if p.engine and "[]" not in p.key}
    for array in ARRAYS:
        values[array] = [{name: other_value(p) for name, p in ENTRY_PARAMS[array].items()}]
    return values


def defaults():
    values = {p.key: copy.deepcopy(p.default) for p in PARAMS if p.engine and "[]" not in p.key}
    values.update({array: [] for array in ARRAYS})
    return values


def test_every_key_reaches_a_field_and_every_field_has_a_key():
    sent = engine_spec(every_key_changed())
    engine_keys = {p.key for p in PARAMS if p.engine}
    assert flat_keys(sent) == engine_keys
    back = _core.engine_spec(sent)
    assert flat_keys(back) == engine_keys, "an engine field has no schema key, or a key no field"
    assert back == sent  # every value arrived as sent


def test_every_key_changed_arrives_changed():
    sent, base = engine_spec(every_key_changed()), engine_spec(defaults())
    for p in PARAMS:
        if not p.engine or "[]" in p.key:
            continue
        section, name = p.key.rsplit(".", 1)
        changed = _core.engine_spec(sent)[section][name]
        assert changed == convert(p, other_value(p)) and changed != base[section][name], p.key


def test_engine_defaults_are_the_schemas():
    assert _core.default_spec() == engine_spec(defaults())


def test_a_key_that_reaches_no_field_is_refused():
    sent = engine_spec(defaults())
    sent["workforce"]["exhaustion_per_cal"] = 0.1
    with pytest.raises(ValueError, match=r"engine spec: workforce\.exhaustion_per_cal: reaches no engine field"):
        _core.engine_spec(sent)


def test_a_field_that_no_key_reaches_is_refused():
    sent = engine_spec(defaults())
    del sent["customers"]["fcr"]
    with pytest.raises(ValueError, match=r"engine spec: customers\.fcr: missing"):
        _core.engine_spec(sent)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_scenarios_reach_the_engine_unchanged(path):
    sent = Scenario.load(path).engine_spec()
    assert _core.engine_spec(sent) == sent


def test_kinds_the_engine_holds_differently():
    shift = next(p for p in PARAMS if p.key == "agents.shifts[].start")
    days = next(p for p in PARAMS if p.key == "agents.shifts[].days")
    assert convert(shift, "07:30") == 7.5 * 3600
    assert convert(days, ["Mon", "Sun"]) == 1 | 1 << WEEKDAYS.index("Sun")
