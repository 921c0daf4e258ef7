"""The documentation keeps up with the code: the scenario reference is generated from the
schema, and every KPI the engine reports is defined in docs/results.md."""

import re

import cxsim
from conftest import ROOT
from cxsim.schema import markdown


def test_scenario_reference_is_generated_from_the_schema():
    assert (ROOT / "docs" / "scenarios.md").read_text() == markdown(), (
        "docs/scenarios.md is stale: run `make docs`")


def test_every_kpi_is_defined_in_results_md():
    text = (ROOT / "docs" / "results.md").read_text()
    documented = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.M))
    reported = {name for name, _, _ in cxsim._core.metrics()}
    assert reported <= documented, f"undocumented KPIs: {sorted(reported - documented)}"


def test_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```(?:\w+)?\n(.*?)```", text, flags=re.S).group(1).split("\n")
    assert [line for line in block if line.strip()] == ["make demo", "make test"]
