"""Handle time and self-service by time of the week (docs/model.md "IVR" and "Agents and
service"): a call's talk time is its type's draw × service.handle_time_profile's factor of the
slot it arrives in, and a first attempt is contained with chance min(1, containment ×
ivr.containment_profile's factor); slots map to simulated time from simulation.start_weekday."""

import math

import numpy as np
import pytest
from scipy import stats

import cxsim
from conftest import SCENARIOS

Z = stats.norm.ppf(1 - 0.001 / 2)  # the tests' 99.9% level
MEAN_TALK_S = 180.0
START = "Wed"  # day 0 is a Wednesday: row 2 of the profiles
DAYS = 7


def profile(low: float, high: float) -> list[list[float]]:
    """Two 12-hour slots a day, a little different each weekday (row d: low + 0.1d, high + 0.1d)."""
    return [[low + 0.1 * d, high + 0.1 * d] for d in range(7)]


def slot_of(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(weekday row, slot of the day) of simulated times t."""
    return (np.floor(t / 86400).astype(int) + 2) % 7, (t % 86400 >= 43200).astype(int)


def centre(**overrides) -> cxsim.Scenario:
    return cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({
        "simulation.horizon_days": DAYS, "simulation.warmup_days": 0, "simulation.start_weekday": START,
        "agents.count": 40, **overrides})


def test_talk_time_is_the_draw_times_the_slots_factor(tmp_path):
    # Exponential talk of mean 180 s: in each slot of the week the answered calls' mean handle
    # time is 180·f within its 99.9% interval (the exponential's SD is its mean). Calls arriving
    # in the last two hours are left out, so that none is cut short by the horizon.
    table = profile(0.5, 1.5)
    results = cxsim.run(centre(**{"service.handle_time_profile": table}), replications=2, seed=9,
                        output=tmp_path / "run.h5", call_log=True)
    calls = results.calls[(results.calls.outcome == "answered") & (results.calls.arrival_s < (DAYS * 24 - 2) * 3600)]
    row, slot = slot_of(calls.arrival_s.to_numpy())
    handle = calls.handle_s.to_numpy()
    assert not np.isnan(handle).any()
    for d in range(7):
        for k in range(2):
            x = handle[(row == d) & (slot == k)]
            expected = MEAN_TALK_S * table[d][k]
            assert abs(x.mean() - expected) <= Z * expected / math.sqrt(len(x)), (d, k, x.mean(), expected)


def containment_by_slot(results: cxsim.Results) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per interval: weekday row, slot, first attempts and calls contained (summed over replications)."""
    iv = results.intervals
    row, slot = slot_of(iv["interval"].to_numpy())
    return row, slot, iv["arrivals"].sum("replication").to_numpy(), iv["contained"].sum("replication").to_numpy()


IVR = {"ivr.levels": 1, "ivr.seconds_per_level": 10.0}


@pytest.mark.parametrize("selectivity", [0.0, 1.0])
def test_containment_is_the_types_chance_times_the_slots_factor(selectivity):
    # Containment c = 0.4 × f, capped at 1 (the second slot's 3.0 + 0.1d always is). With full
    # selectivity and talk scaled by a handle-time profile, calls below the scaled median (half
    # of them) are contained with chance min(1, 2c) and the others never: min(1, 2c)/2.
    c, table = 0.4, profile(0.25, 3.0)
    scenario = centre(**IVR, **{"ivr.containment_profile": table, "ivr.containment_selectivity": selectivity,
                                "service.handle_time_profile": profile(0.5, 2.0),
                                "call_types": [{"name": "only", "containment": c}]})
    row, slot, arrivals, contained = containment_by_slot(cxsim.run(scenario, replications=2, seed=4))
    for d in range(7):
        for k in range(2):
            here = (row == d) & (slot == k)
            p = min(1.0, c * table[d][k])
            p = min(1.0, 2 * p) / 2 if selectivity else p
            n, share = arrivals[here].sum(), contained[here].sum() / arrivals[here].sum()
            assert abs(share - p) <= Z * math.sqrt(p * (1 - p) / n), (d, k, share, p)


def test_profiles_are_checked_like_a_staffing_table():
    def load(key, table, **more):
        return centre(**{key: table, **more})

    for key, more in (("service.handle_time_profile", {}), ("ivr.containment_profile", IVR)):
        with pytest.raises(cxsim.ScenarioError, match=rf"{key}: must have 7 rows"):
            load(key, [[1.0, 1.0]], **more)
        with pytest.raises(cxsim.ScenarioError, match=rf"{key}: 7 slots per day do not divide"):
            load(key, [[1.0] * 7] * 7, **more)
        with pytest.raises(cxsim.ScenarioError, match=rf"{key}: 48 slots per day must each be a whole number of "
                           r"60-minute intervals"):
            load(key, [[1.0] * 48] * 7, **more)
    with pytest.raises(cxsim.ScenarioError, match=r"service.handle_time_profile: \[\[0.0, 1.0\], .* is not allowed; "
                       r"allowed: a list of lists of numbers each > 0 and <= 10"):
        load("service.handle_time_profile", [[0.0, 1.0]] * 7)
    with pytest.raises(cxsim.ScenarioError, match=r"ivr.containment_profile: needs an IVR \(ivr.levels > 0\)"):
        load("ivr.containment_profile", [[1.0, 1.0]] * 7)
