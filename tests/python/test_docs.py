"""The documentation keeps up with the code: the scenario reference is generated from the
schema, every KPI the engine reports is defined in docs/results.md, and the module's type stub
names everything the module exposes."""

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
    reported = {name for name, *_ in cxsim._core.metrics()}
    assert reported <= documented, f"undocumented KPIs: {sorted(reported - documented)}"


def test_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```(?:\w+)?\n(.*?)```", text, flags=re.S).group(1).split("\n")
    assert [line for line in block if line.strip()] == ["make demo", "make test"]


def test_type_stub_lists_every_class_and_field_of_the_module():
    """python/cxsim/_core.pyi is written by hand: it must name everything the module exposes."""
    stub = (ROOT / "python" / "cxsim" / "_core.pyi").read_text()
    blocks = dict(re.findall(r"^class (\w+)[^\n]*:\n((?:    [^\n]*\n|\n)*)", stub, flags=re.M))
    for name in dir(cxsim._core):
        obj = getattr(cxsim._core, name)
        if name.startswith("_"):
            continue
        if isinstance(obj, type) and not issubclass(obj, Exception):
            assert name in blocks, f"class {name} missing from _core.pyi"
            for field in (f for f in dir(obj) if not f.startswith("_")):
                assert re.search(rf"\b{field}\b", blocks[name]), f"{name}.{field} missing from _core.pyi"
        elif callable(obj) and not isinstance(obj, type):
            assert re.search(rf"^def {name}\(", stub, flags=re.M), f"function {name} missing from _core.pyi"


def test_every_channel_is_documented_in_model_md():
    doc = (ROOT / "docs" / "model.md").read_text()
    section = doc[doc.index("## Explaining a policy's effect"):doc.index("## Validation")]
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", section, flags=re.M)
    assert rows == [(name, lever) for name, lever, _ in cxsim._core.channels()]
