"""Scenario loading and validation: every mistake gives one line naming file, key, value, range."""

import os

import pytest

import cxsim
from conftest import SCENARIOS
from cxsim.scenario import parse_override


def write(tmp_path, text: str, name: str = "s.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


MINIMAL = "[arrivals]\ncalls_per_hour = 100\n[agents]\ncount = 5\n"


# Every file in scenarios/ is loaded, built and run by test_scenario_files.py.


def test_defaults_fill_every_key(tmp_path):
    scenario = cxsim.Scenario.load(write(tmp_path, MINIMAL))
    assert scenario.values["simulation.interval_minutes"] == 30
    assert scenario.values["callers.mean_patience_s"] == 345.0
    # The resolved TOML round-trips to the same scenario.
    again = cxsim.Scenario.load(write(tmp_path, scenario.to_toml(), "again.toml"))
    assert again.values == scenario.values


def test_unknown_key_suggests_the_nearest(tmp_path):
    path = write(tmp_path, MINIMAL + "[simulation]\nhorizon_dayz = 3\n")
    with pytest.raises(cxsim.ScenarioError) as e:
        cxsim.Scenario.load(path)
    assert str(e.value) == f"{path}: simulation.horizon_dayz: unknown key; did you mean simulation.horizon_days?"


def test_unknown_key_in_an_array_of_tables(tmp_path):
    path = write(tmp_path, MINIMAL + "[[call_types]]\nname = 'a'\nshares = 1\n")
    with pytest.raises(cxsim.ScenarioError, match=r"call_types\[0\]\.shares: unknown key; did you mean call_types\[0\]\.share\?"):
        cxsim.Scenario.load(path)


@pytest.mark.parametrize("line, message", [
    ('[ivr]\nlevels = "two"', 'ivr.levels: "two" is not allowed; allowed: an integer >= 0 and <= 20'),
    ("[ivr]\nmisroute_probability = 1.5", "ivr.misroute_probability: 1.5 is not allowed; allowed: a number >= 0 and <= 1"),
    ("[simulation]\nhorizon_days = 0", "simulation.horizon_days: 0 is not allowed; allowed: an integer >= 1 and <= 3660"),
    ("[simulation]\ninterval_minutes = 7", "simulation.interval_minutes: 7 does not divide a day"),
    ('[service]\nhandle_time_dist = "weibull"', 'service.handle_time_dist: "weibull" is not allowed; allowed: one of "exponential"'),
    ("[callers]\nmean_patience_s = -3", "callers.mean_patience_s: -3 is not allowed; allowed: a number >= 1 and <= 86400"),
    ("[ivr]\nzero_out_probability = 0.1", "ivr.zero_out_probability: 0.1 needs an IVR (ivr.levels > 0)"),
])
def test_wrong_type_or_range_names_file_key_value_and_range(tmp_path, line, message):
    path = write(tmp_path, MINIMAL + line + "\n")
    with pytest.raises(cxsim.ScenarioError) as e:
        cxsim.Scenario.load(path)
    assert str(e.value).startswith(f"{path}: {message}")
    assert "\n" not in str(e.value)


def test_negative_rate_is_refused(tmp_path):
    path = write(tmp_path, "[arrivals]\ncalls_per_hour = -5\n[agents]\ncount = 5\n")
    with pytest.raises(cxsim.ScenarioError, match=r"arrivals.calls_per_hour: -5 is not allowed; allowed: a number > 0"):
        cxsim.Scenario.load(path)


def test_exactly_one_arrival_mode_and_staffing(tmp_path):
    with pytest.raises(cxsim.ScenarioError, match="give exactly one of arrivals.calls_per_hour and arrivals.weekly_profile"):
        cxsim.Scenario.load(write(tmp_path, "[agents]\ncount = 5\n"))
    one_of = r"give exactly one of agents.count, \[\[agents.shifts\]\], agents.staffing and planning.enabled"
    with pytest.raises(cxsim.ScenarioError, match=one_of):
        cxsim.Scenario.load(write(tmp_path, "[arrivals]\ncalls_per_hour = 1\n"))
    with pytest.raises(cxsim.ScenarioError, match=one_of):
        cxsim.Scenario.load(write(tmp_path, "[arrivals]\ncalls_per_hour = 1\n[agents]\ncount = 5\n[planning]\nenabled = true\n"))


def test_staffing_table_is_checked(tmp_path):
    def load(table):
        return cxsim.Scenario.load(write(tmp_path, f"[arrivals]\ncalls_per_hour = 1\n[agents]\nstaffing = {table}\n"))
    with pytest.raises(cxsim.ScenarioError, match=r"agents.staffing: must have 7 rows"):
        load("[[1, 2]]")
    with pytest.raises(cxsim.ScenarioError, match=r"agents.staffing: 7 slots per day do not divide"):
        load([[1] * 7] * 7)
    with pytest.raises(cxsim.ScenarioError, match=r"agents.staffing: agents per slot must be whole numbers"):
        load([[1.5] * 24] * 7)
    with pytest.raises(cxsim.ScenarioError, match=r"agents.staffing: 96 slots per day must each be a whole number of "
                       r"30-minute intervals"):
        load([[1] * 96] * 7)


def test_missing_file():
    with pytest.raises(cxsim.ScenarioError, match=r"^nowhere/x.toml: scenario file not found$"):
        cxsim.Scenario.load("nowhere/x.toml")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, MINIMAL)
    path.chmod(0)
    with pytest.raises(cxsim.ScenarioError, match="cannot read the scenario file"):
        cxsim.Scenario.load(path)


def test_binary_file_is_unreadable(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(cxsim.ScenarioError, match=r"cannot read the scenario file \(not UTF-8 text\)"):
        cxsim.Scenario.load(path)


def test_malformed_toml(tmp_path):
    path = write(tmp_path, "[arrivals\ncalls_per_hour = 1\n")
    with pytest.raises(cxsim.ScenarioError, match=r"not valid TOML: .*line 1"):
        cxsim.Scenario.load(path)


def test_overrides_by_dotted_key_name_and_index():
    base = cxsim.Scenario.load(SCENARIOS / "no_management_response.toml")  # the baseline's centre on fixed shifts
    s = base.with_overrides({"agents.shifts.early.count": 3, "call_types.prospects.share": 0.5,
                             "agents.shifts.1.count": 7, "simulation.horizon_days": 2})
    assert s.values["agents.shifts"][0]["count"] == 3
    assert s.values["agents.shifts"][1]["count"] == 7
    assert s.values["call_types"][2]["share"] == 0.5
    assert base.values["agents.shifts"][0]["count"] == 35  # the original is unchanged
    with pytest.raises(cxsim.ScenarioError, match="no entry 'nobody' in agents.shifts"):
        base.with_overrides({"agents.shifts.nobody.count": 1})
    with pytest.raises(cxsim.ScenarioError, match="did you mean agents.count"):
        base.with_overrides({"agents.cont": 1})


def test_erlang_scenarios_accept_the_documented_overrides():
    for name in ("erlang_a", "erlang_c"):
        s = cxsim.Scenario.load(SCENARIOS / f"{name}.toml").with_overrides({
            "arrivals.calls_per_hour": 300, "agents.count": 20, "service.mean_handle_time_s": 200,
            "callers.mean_patience_s": 100, "simulation.horizon_days": 3, "simulation.warmup_days": 0.5})
        assert s.engine_spec()["service"]["mean_handle_time_s"] == 200


def test_parse_override_types():
    assert parse_override("agents.count=50") == ("agents.count", 50)
    assert parse_override("x=1.5") == ("x", 1.5)
    assert parse_override("arrivals.mode=constant") == ("arrivals.mode", "constant")
    assert parse_override('d=["Mon", "Tue"]') == ("d", ["Mon", "Tue"])
    with pytest.raises(cxsim.ScenarioError, match="is not of the form key=value"):
        parse_override("agents.count")


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(cxsim.ScenarioError, match="is a directory, not a scenario file"):
        cxsim.Scenario.load(tmp_path)


def test_extends_merges_tables_and_replaces_other_values(tmp_path):
    (tmp_path / "base.toml").write_text(
        'description = "base"\n[arrivals]\ncalls_per_hour = 100\n[agents]\ncount = 5\n'
        "[ivr]\nlevels = 2\nseconds_per_level = 12\n[[call_types]]\nname = 'a'\n[[call_types]]\nname = 'b'\n")
    (tmp_path / "sub").mkdir()
    child = write(tmp_path / "sub", 'extends = "../base.toml"\n[ivr]\nlevels = 1\n[[call_types]]\nname = "c"\n',
                  "child.toml")
    s = cxsim.Scenario.load(child)
    assert s.name == "child" and s.values["description"] == ""
    assert s.values["ivr.levels"] == 1 and s.values["ivr.seconds_per_level"] == 12  # merged
    assert [t["name"] for t in s.values["call_types"]] == ["a", "b", "c"]             # added
    assert "extends" not in s.to_dict()
    grandchild = write(tmp_path, 'extends = "sub/child.toml"\n[agents]\ncount = 9\n', "grand.toml")
    g = cxsim.Scenario.load(grandchild)
    assert g.values["agents.count"] == 9 and g.values["ivr.levels"] == 1


def test_extends_merges_arrays_of_tables_by_name(tmp_path):
    # Issue 9: adding one [[agents.shifts]] used to replace all of the parent's shifts silently.
    base = cxsim.Scenario.load(SCENARIOS / "no_management_response.toml")
    shifts = base.values["agents.shifts"]
    names = [s["name"] for s in shifts]
    child = write(tmp_path, f'extends = {str(SCENARIOS / "no_management_response.toml")!r}\n'
                  f'[[agents.shifts]]\nname = "{names[1]}"\ncount = 99\n'            # changed
                  '[[agents.shifts]]\nname = "night"\nstart = "22:00"\ncount = 2\n'  # added
                  f'[[agents.shifts]]\nname = "{names[0]}"\nremove = true\n', "c.toml")   # dropped
    got = cxsim.Scenario.load(child).values["agents.shifts"]
    assert [s["name"] for s in got] == [*names[1:], "night"]
    assert got[0] == {**shifts[1], "count": 99}
    assert got[1:-1] == shifts[2:]
    bad = write(tmp_path, f'extends = {str(SCENARIOS / "no_management_response.toml")!r}\n'
                '[[agents.shifts]]\nname = "nope"\nremove = true\n', "bad.toml")
    with pytest.raises(cxsim.ScenarioError, match=r"bad.toml: agents.shifts\[0\].remove: True: no entry of that name"):
        cxsim.Scenario.load(bad)


def test_extends_errors(tmp_path):
    missing = write(tmp_path, 'extends = "nope.toml"\n', "m.toml")
    with pytest.raises(cxsim.ScenarioError, match=r"m.toml: extends: 'nope.toml' not found"):
        cxsim.Scenario.load(missing)
    write(tmp_path, 'extends = "b.toml"\n', "a.toml")
    write(tmp_path, 'extends = "a.toml"\n', "b.toml")
    with pytest.raises(cxsim.ScenarioError, match=r"makes a cycle \(a.toml -> b.toml -> a.toml\)"):
        cxsim.Scenario.load(tmp_path / "a.toml")
    write(tmp_path, MINIMAL, "ok.toml")
    bad_key = write(tmp_path, 'extends = "ok.toml"\n[agents]\ncont = 3\n', "k.toml")
    with pytest.raises(cxsim.ScenarioError, match="did you mean agents.count"):
        cxsim.Scenario.load(bad_key)
    with pytest.raises(cxsim.ScenarioError, match="extends is resolved when a file is read"):
        cxsim.Scenario.from_dict({"extends": "ok.toml"})


def test_inputs_that_would_hang_crash_or_collapse_are_refused_in_one_line(tmp_path):
    # Issue 9: a FIFO blocked forever; deep nesting and long extends chains raised
    # RecursionError; a NUL byte in a path raised ValueError; names differing after a NUL byte
    # collapsed into one.
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 600 + "]" * 600 + "\n")
    chain = tmp_path / "s0.toml"
    chain.write_text("[arrivals]\ncalls_per_hour = 1\n[agents]\ncount = 1\n")
    for i in range(1, 80):
        (tmp_path / f"s{i}.toml").write_text(f'extends = "s{i - 1}.toml"\n')
    nul = tmp_path / "nul.toml"
    nul.write_text('[arrivals]\ncalls_per_hour = 1\n[agents]\ncount = 1\n[[call_types]]\nname = "a\\u0000b"\n')
    for path, message in ((fifo, "not a regular file"), (deep, "nested too deeply"),
                          (tmp_path / "s79.toml", "more than 50 files in the chain"),
                          (str(tmp_path / "a\0b.toml"), "cannot contain a NUL byte"),
                          (nul, "contains a control character")):
        with pytest.raises(cxsim.ScenarioError, match=message) as e:
            cxsim.Scenario.load(path)
        assert "\n" not in str(e.value)


def test_a_section_default_every_call_type_shadows_is_warned_about(tmp_path):
    # Issue 9: [service] mean_handle_time_s was ignored without a word when every type set its own.
    path = write(tmp_path, "[arrivals]\ncalls_per_hour = 1\n[agents]\ncount = 1\n[service]\nmean_handle_time_s = 300\n"
                           '[[call_types]]\nname = "a"\nmean_handle_time_s = 100\n'
                           '[[call_types]]\nname = "b"\nmean_handle_time_s = 200\n')
    warnings = cxsim.Scenario.load(path).warnings
    assert any("service.mean_handle_time_s = 300.0 is not used: every call type sets its own" in w for w in warnings)
    assert not cxsim.Scenario.load(SCENARIOS / "baseline.toml").warnings


def test_a_scenario_pickles_to_an_equal_one():
    # Issue 10: worker processes receive scenarios by pickle.
    import pickle

    s = cxsim.Scenario.load(SCENARIOS / "no_management_response.toml").with_overrides({"agents.shifts.0.count": 3})
    back = pickle.loads(pickle.dumps(s))
    assert back == s and back.values == s.values and back.source == s.source
    assert back.engine_spec() == s.engine_spec()
    with pytest.raises(TypeError):
        back.values["agents.count"] = 1  # still read-only
