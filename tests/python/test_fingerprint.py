"""Determinism regression: fixed-seed fingerprints of the queueing KPIs (as OMNeT++'s
fingerprint tests). They prove that the same scenario and seed give the same bits across
changes; they say nothing about correctness, which the theory tests check. The values were
recorded from the queueing engine before the behavioural model was added and still match,
so behavioural code that is switched off changes nothing. A change meant to alter results
re-blesses them deliberately (print the new digests with this file's `digest`)."""

import hashlib

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS

QUEUEING = ["arrivals", "redials", "contained", "zero_outs", "offered", "answered", "abandoned", "abandoned_short",
            "transferred", "in_system_at_end", "handled", "containment_rate", "abandon_rate", "p_wait", "asa_s",
            "mean_wait_s", "service_level", "service_level_g1", "service_level_g2", "occupancy", "aht_s",
            "agents_staffed", "queue_length"]
BLESSED = {"erlang_a": "74fdaf361578fd52", "baseline": "b2bfe0ee071f3226"}
# The baseline's queueing part as it was when blessed: behaviour off, its first call volume then.
QUEUEING_ONLY = {"erlang_a": {}, "baseline": {"customers.enabled": False, "workforce.enabled": False,
                                              "arrivals.daily_volume": 13500.0}}


def digest(name: str) -> str:
    scenario = cxsim.Scenario.load(SCENARIOS / f"{name}.toml").with_overrides(
        {"simulation.horizon_days": 3, **QUEUEING_ONLY[name]})
    results = cxsim.run(scenario, replications=2, seed=1, threads=1)
    h = hashlib.sha256()
    for metric in QUEUEING:
        h.update(np.ascontiguousarray(results.intervals[metric].values).tobytes())
    return h.hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(BLESSED))
def test_fingerprint(name):
    assert digest(name) == BLESSED[name]
