"""Every scenario file shipped in scenarios/ loads, validates, builds and runs: the files are
found by glob, so a new one is covered without touching this test."""

import tomllib

import pytest

import cxsim
from conftest import SCENARIOS

FILES = sorted(SCENARIOS.glob("*.toml"))


def test_the_glob_finds_the_shipped_scenarios():
    # An empty glob would leave the parametrised test below with nothing to check.
    assert {"baseline", "erlang_a", "erlang_c"} <= {path.stem for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_scenario_file_loads_builds_and_runs(path):
    scenario = cxsim.Scenario.load(path)
    assert scenario.name == path.stem
    assert scenario.values["description"], "say what the scenario models"
    assert not scenario.warnings
    # The resolved scenario round-trips through its TOML.
    assert cxsim.Scenario.from_dict(tomllib.loads(scenario.to_toml())).values == scenario.values
    # A variant changes something besides its name and description.
    parent = tomllib.loads(path.read_text()).get("extends")
    if parent:
        base = cxsim.Scenario.load(path.parent / parent)
        changed = {k for k in scenario.values if scenario.values[k] != base.values[k]} - {"name", "description"}
        assert changed, f"{path.name} changes nothing in {parent}"
    # The engine accepts it: one simulated day, in which every attempt ends exactly once (or is
    # still in the system at the horizon).
    run = cxsim.run(scenario.with_overrides({"simulation.horizon_days": 1, "simulation.warmup_days": 0}),
                    replications=1, seed=1)
    r = run.replications.isel(replication=0)
    assert r["arrivals"] > 0
    assert r["arrivals"] == r["contained"] + r["answered"] + r["abandoned"] + r["in_system_at_end"]
