"""Fuzzing the scenario contract over the whole schema (issue 9).

Bad values (hypothesis): for every key, values of the wrong type, outside its range, not
finite, enormous, or strings with control characters, given in a scenario file or with --set.
`cxsim run` must exit 2 with one line on stderr that names the file and the key, print nothing
on stdout and write nothing. The examples are derived deterministically (derandomized), so a
failure reproduces.
"""

from __future__ import annotations

import math
import tomllib

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SCENARIOS, cxsim_main
from cxsim.schema import PARAMS, Param

BASE = SCENARIOS / "erlang_a.toml"
NUMERIC = ("int", "float")


def _numbers_outside(p: Param) -> st.SearchStrategy:
    bad = [st.just(math.nan), st.just(math.inf), st.just(-math.inf), st.just(2**64), st.just(-(2**63) - 1)]
    if p.minimum is not None:
        below = p.minimum - max(1.0, abs(p.minimum))
        bad.append(st.floats(min_value=-1e308, max_value=below))
        if p.exclusive_minimum:
            bad.append(st.just(p.minimum))
    if p.maximum is not None:
        bad.append(st.floats(min_value=p.maximum + max(1.0, abs(p.maximum)), max_value=1e308))
        if p.exclusive_maximum:
            bad.append(st.just(p.maximum))
    if p.kind == "int" or p.kind == "matrix" and p.key == "agents.staffing":
        bad.append(st.just(0.5) if p.minimum is None or p.minimum < 0.5 else st.just(p.minimum + 0.5))
    return st.one_of(bad)


WRONG_TYPES = st.one_of(st.text(max_size=8), st.booleans(), st.lists(st.integers(), max_size=2),
                        st.dictionaries(st.sampled_from("ab"), st.integers(), min_size=1, max_size=1))
CONTROL_TEXT = st.text(alphabet=st.sampled_from("ab\x00\x01\x1b\n\t\x7f"), min_size=1, max_size=6).filter(
    lambda s: any(c in s for c in "\x00\x01\x1b\n\t\x7f"))


def bad_values(p: Param) -> st.SearchStrategy:
    """Values `p` must refuse."""
    if p.kind in NUMERIC:
        return st.one_of(_numbers_outside(p), WRONG_TYPES)
    if p.kind in ("float_list", "matrix"):
        element = _numbers_outside(p) if p.minimum is not None or p.maximum is not None else st.just("x")
        inner = st.lists(element, min_size=1, max_size=3).map(lambda xs: [1.0, *xs])
        wrong = st.one_of(st.text(max_size=4), st.integers(), inner, st.just([[1.0], "x"]))
        return wrong.map(lambda v: [v] * 7 if p.kind == "matrix" and isinstance(v, list) else v)
    if p.kind == "choice":
        return st.one_of(st.text(max_size=10).filter(lambda s: s not in p.choices), st.integers(), st.booleans())
    if p.kind == "bool":
        return st.one_of(st.text(max_size=4), st.integers(), st.floats(allow_nan=True))
    if p.kind == "time":
        return st.one_of(st.sampled_from(["25:00", "12:60", "7", "noon", "-1:00", "12:00:00", ""]), st.integers())
    if p.kind == "currency":
        return st.one_of(st.sampled_from(["usd", "US", "USDX", "U$D", " USD", "USD\n", "$", ""]), st.integers())
    if p.kind == "weekdays":
        return st.one_of(st.lists(st.sampled_from(["Monday", "mon", "Xyz", ""]), min_size=1, max_size=2),
                         st.text(max_size=3), st.integers())
    # str: not a string at all, or (names) with control characters
    not_text = st.one_of(st.integers(), st.lists(st.integers(), max_size=1))
    return not_text if p.key == "description" else st.one_of(not_text, CONTROL_TEXT)




def _scenario_with(p: Param, value) -> dict:
    """erlang_a.toml with `p` set to `value` (in the first entry of an array of tables)."""
    raw = tomllib.loads(BASE.read_text())
    parts = p.key.split(".")
    if "[]" in p.key:
        array, field = p.key.split("[].")
        *sections, name = array.split(".")
        table = raw
        for s in sections:
            table = table.setdefault(s, {})
        entry = {"agents.shifts": {"start": "08:00", "count": 5},
                 "call_types": {"name": "a"}, "customers.segments": {"name": "a"}}[array]
        if array == "agents.shifts":
            raw["agents"].pop("count", None)
        table[name] = [{**entry, field: value}]
        return raw
    table = raw
    for s in parts[:-1]:
        table = table.setdefault(s, {})
    table[parts[-1]] = value
    return raw


EXAMPLES_PER_KEY = 4  # x 197 keys: about 790 bad inputs


@pytest.mark.parametrize("p", PARAMS, ids=[p.key for p in PARAMS])
@settings(max_examples=EXAMPLES_PER_KEY, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_bad_value_is_one_line_exit_2_and_writes_nothing(tmp_path_factory, p, data):
    value = data.draw(bad_values(p), label="value")
    by_file = data.draw(st.booleans(), label="in the file")
    folder = tmp_path_factory.mktemp("fuzz")
    out = folder / "out.h5"
    scenario = folder / "s.toml"
    if by_file or "[]" in p.key:
        raw = _scenario_with(p, value)
        try:
            scenario.write_text(tomli_w.dumps(raw))
        except (TypeError, ValueError):  # not representable in TOML (a NUL in a key's text, say)
            return
        args = ["run", str(scenario), "-r", "1", "--set", "simulation.horizon_days=2", "-o", str(out), "-q"]
    else:
        scenario.write_text(BASE.read_text())
        try:
            text = tomli_w.dumps({"v": value})[len("v = "):].strip()
        except (TypeError, ValueError):
            return
        if "\n" in text:
            return  # --set takes one line
        args = ["run", str(scenario), "-r", "1", "--set", "simulation.horizon_days=2", "--set",
                f"{p.key}={text}", "-o", str(out), "-q"]
    code, stdout, stderr = cxsim_main(*args)
    lines = stderr.strip().splitlines()
    assert code == 2, (p.key, value, code, stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), (p.key, value, stderr)
    assert str(scenario) in lines[0] and p.key.split("[]")[0].split(".")[0] in lines[0], (p.key, value, lines[0])
    assert stdout == ""
    assert list(folder.iterdir()) == [scenario], (p.key, value)
