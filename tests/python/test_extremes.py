"""Every allowed extreme of the schema (issue 9): each numeric key at its minimum, just above it
and at its maximum, in a small centre with every optional mechanism on, either runs to finite
results or is refused with one line before the run. No hang (the clock guard and the cap on calls
in the system stop a run that cannot finish), no NaN or infinite KPI, no crash.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS
from cxsim.schema import PARAMS, Param

NUMERIC = ("int", "float")


def _centre() -> cxsim.Scenario:
    """The baseline, small and short, with every optional mechanism on."""
    return cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides({
        "simulation.horizon_days": 2, "simulation.warmup_days": 1, "customers.count": 20_000,
        "arrivals.daily_volume": 500, "callback.enabled": True, "policy.aht_target_s": 240,
        "recognition.manager_cadence_days": 7})


def _shifts() -> cxsim.Scenario:
    """The centre staffed by fixed shifts, for the shift keys."""
    return cxsim.Scenario.load(SCENARIOS / "no_management_response.toml").with_overrides({
        "simulation.horizon_days": 2, "arrivals.daily_volume": 500, "customers.count": 20_000})


def _edges(p: Param) -> list[float]:
    edges = []
    if p.minimum is not None:
        edges.append(math.nextafter(p.minimum, math.inf) if p.exclusive_minimum else p.minimum)
        edges.append(p.minimum + 1e-9 * max(1.0, abs(p.minimum)))
    if p.maximum is not None:
        edges.append(math.nextafter(p.maximum, -math.inf) if p.exclusive_maximum else p.maximum)
    return [int(math.ceil(e)) if p.kind == "int" else e for e in edges]


EXTREMES = [(p, edge) for p in PARAMS if p.kind in NUMERIC and p.engine for edge in _edges(p)]
MUST_BE_FINITE = ("offered", "answered", "abandoned", "handled", "cost_total", "agents_staffed")
WHEN_ANSWERED = ("aht_s", "asa_s", "service_level", "fcr", "occupancy")


def _override_key(p: Param) -> str:
    array, _, field = p.key.partition("[].")
    return f"{array}.0.{field}" if field else p.key


@pytest.mark.parametrize(("p", "edge"), EXTREMES, ids=[f"{p.key}={e!r}" for p, e in EXTREMES])
def test_every_allowed_extreme_runs_to_finite_results_or_is_refused(p, edge):
    base = _shifts() if p.key.startswith("agents.shifts") else _centre()
    try:
        scenario = base.with_overrides({_override_key(p): edge})
        results = cxsim.run(scenario, replications=1, seed=1, threads=1)
    except cxsim.ScenarioError as e:  # refused: one line
        assert "\n" not in str(e)
        return
    values = {k: float(results.replications[k].values[0]) for k in results.replications.data_vars}
    assert not any(math.isinf(v) for v in values.values()), {k: v for k, v in values.items() if math.isinf(v)}
    assert all(np.isfinite(values[k]) for k in MUST_BE_FINITE), values
    if values["answered"] > 0:
        assert all(np.isfinite(values[k]) for k in WHEN_ANSWERED), {k: values[k] for k in WHEN_ANSWERED}
