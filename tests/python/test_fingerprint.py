"""Determinism regression: fixed-seed fingerprints (as OMNeT++'s fingerprint tests). They prove
that the same scenario and seed give the same bits across changes; they say nothing about
correctness, which the theory tests check. A change meant to alter results re-blesses them
deliberately (print the new digests with this file's `queueing_digest` and `model_digest`) and
says why in its commit.

Two kinds: the queueing KPIs with the behavioural model off (recorded before the behavioural
model existed, so behavioural code that is switched off changes nothing), and every KPI (per
interval, day and run), the agent panel and the segment totals with the behavioural model on,
for the shipped scenarios (each policy's code path). The second kind was blessed before issue
7 reshaped the code and held through it on intervals, panel and segments; the daily and run
groups were added to it after, when money came to be priced from a period's summed counters
(the same amounts to the last bits)."""

import hashlib

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS

QUEUEING = ["arrivals", "redials", "contained", "zero_outs", "offered", "answered", "abandoned", "abandoned_short",
            "transferred", "in_system_at_end", "handled", "containment_rate", "abandon_rate", "p_wait", "asa_s",
            "mean_wait_s", "service_level", "service_level_g1", "service_level_g2", "occupancy", "aht_s",
            "agents_staffed", "queue_length"]
BLESSED = {"erlang_a": "74fdaf361578fd52", "no_management_response": "b2bfe0ee071f3226"}
# The baseline's queueing part as it was when blessed (its shifts are no_management_response's
# since issue 8): behaviour off, its first call volume then.
QUEUEING_ONLY = {"erlang_a": {}, "no_management_response": {"customers.enabled": False, "workforce.enabled": False,
                                                            "arrivals.daily_volume": 13500.0}}

# Every mechanism on: two weeks (a fortnightly recognition round included), a smaller base.
MODEL_BLESSED = {
    "baseline": "83784b4b6cfd5840",
    "aht_target": "d681893febe66149",
    "praise_program": "006803ed4a3bfd2c",
    "ivr_redesign": "a012ff8273194fe4",
    "recognition_on_aht": "5eae45f0576696a6",
    "no_management_response": "dd78d2dc7b23608d",
    "baseline_issue_driven": "4ce58051b0c44a9f",
}
MODEL_OVERRIDES = {"simulation.horizon_days": 15, "simulation.warmup_days": 0, "customers.count": 200_000}
MODEL_VARIANTS = {"baseline_issue_driven": ("baseline", {"customers.issues_per_month": 0.08})}


def queueing_digest(name: str) -> str:
    scenario = cxsim.Scenario.load(SCENARIOS / f"{name}.toml").with_overrides(
        {"simulation.horizon_days": 3, **QUEUEING_ONLY[name]})
    results = cxsim.run(scenario, replications=2, seed=1, threads=1)
    h = hashlib.sha256()
    for metric in QUEUEING:
        h.update(np.ascontiguousarray(results.intervals[metric].values).tobytes())
    return h.hexdigest()[:16]


def model_digest(name: str) -> str:
    file, extra = MODEL_VARIANTS.get(name, (name, {}))
    scenario = cxsim.Scenario.load(SCENARIOS / f"{file}.toml").with_overrides({**MODEL_OVERRIDES, **extra})
    results = cxsim.run(scenario, replications=2, seed=3, threads=2)
    h = hashlib.sha256()
    for ds in (results.intervals, results.daily, results.replications, results.agents, results.segments):
        for name in sorted(ds.data_vars):
            h.update(name.encode())
            h.update(np.ascontiguousarray(ds[name].values).tobytes())
    return h.hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(BLESSED))
def test_queueing_fingerprint(name):
    assert queueing_digest(name) == BLESSED[name]


@pytest.mark.parametrize("name", sorted(MODEL_BLESSED))
def test_model_fingerprint(name):
    assert model_digest(name) == MODEL_BLESSED[name]
