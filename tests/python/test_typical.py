"""Plausibility (issue 9): every number in the schema has a typical range; a value outside it
runs, with one warning line naming the file, the key, the value and the range."""

import subprocess
import sys

import pytest

import cxsim
from conftest import SCENARIOS
from cxsim.schema import BY_KEY, PARAMS

NUMBERS = [p for p in PARAMS if p.kind in ("int", "float", "float_list", "matrix")]


@pytest.mark.parametrize("p", NUMBERS, ids=[p.key for p in NUMBERS])
def test_every_number_has_a_typical_range_inside_the_allowed_one_holding_its_default(p):
    assert p.typical is not None
    lo, hi = p.typical
    assert lo < hi and p.in_range(lo) and p.in_range(hi), (p.typical, p.allowed())
    assert p.atypical(p.default if p.default is not cxsim.schema.REQUIRED else None) is None


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_scenarios_raise_no_warning(path):
    assert cxsim.Scenario.load(path).warnings == []


def warning_for(path, key: str, shown: str, typical: tuple[float, float], unit: str = "") -> str:
    """The warning's expected content: the file, the key, the value and the range (numbers as typed)."""
    return f"{path}: {key} = {shown}{unit} is outside the typical {typical[0]}–{typical[1]}{unit}"


def test_a_handle_time_of_seconds_is_warned_about_and_runs(tmp_path):
    scenario = SCENARIOS / "erlang_a.toml"
    r = subprocess.run([sys.executable, "-m", "cxsim", "run", scenario, "-r", "1", "-q",
                        "--set", "service.mean_handle_time_s=3.5", "--set", "simulation.horizon_days=2",
                        "-o", tmp_path / "out.h5"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if "service.mean_handle_time_s" in line]
    assert len(lines) == 1 and lines[0].startswith("warning: ")
    assert warning_for(scenario, "service.mean_handle_time_s", "3.5", (30, 3600), " s") in lines[0]
    assert (tmp_path / "out.h5").exists()


def test_entries_of_arrays_and_elements_of_lists_are_checked():
    base = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml")
    s = base.with_overrides({"call_types": [{"name": "billing", "mean_handle_time_s": 9000.0}],
                             "satisfaction.cutpoints": [-9.0, -1.0, 0.0, 1.0]})
    lo, hi = BY_KEY["call_types[].mean_handle_time_s"].typical
    assert any(warning_for(s.source, "call_types[billing].mean_handle_time_s", "9000", (lo, hi), " s") in w
               for w in s.warnings), s.warnings
    lo, hi = BY_KEY["satisfaction.cutpoints"].typical
    assert any(warning_for(s.source, "satisfaction.cutpoints", "-9", (lo, hi)) in w for w in s.warnings)
    assert len(s.warnings) == 2


def test_python_runs_issue_a_scenario_warning():
    s = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {"service.mean_handle_time_s": 3.5, "simulation.horizon_days": 2})
    with pytest.warns(cxsim.ScenarioWarning, match="service.mean_handle_time_s = 3.5 s"):
        cxsim.run(s, replications=1, seed=1)
