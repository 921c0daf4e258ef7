"""Self-service takes the simpler issues (ivr.containment_selectivity, docs/model.md "IVR"):
the share contained is unchanged and the calls left for agents are longer, by the amount the
selection implies for the talk-time distribution."""

import math

import cxsim
from conftest import SCENARIOS, within_ci


def scenario(selectivity: float) -> cxsim.Scenario:
    d = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").to_dict()
    d["call_types"] = [{"name": "only", "containment": 0.3}]
    d["ivr"] = {"levels": 1, "seconds_per_level": 10.0, "containment_selectivity": selectivity}
    d["service"].update({"mean_handle_time_s": 200.0})
    d["agents"]["count"] = 30
    return cxsim.Scenario.from_dict(d, f"selectivity {selectivity}").with_overrides({"simulation.horizon_days": 6})


def test_self_service_keeps_its_share_and_leaves_the_longer_calls():
    # Exponential talk of mean mu = 200 s, containment c = 0.3. Full selectivity: below the
    # median m = mu ln 2 contained with chance 0.6, above it never, so 0.5·0.6 = 0.3 contained
    # and the answered calls' mean talk is (0.4·E[T; T<m] + E[T; T>m]) / 0.7, with
    # E[T; T>m] = (m + mu) e^(−m/mu) = mu (1 + ln 2) / 2. No selectivity: mu.
    mu = 200.0
    above = mu * (1 + math.log(2)) / 2
    for selectivity, talk in ((0.0, mu), (1.0, (0.4 * (mu - above) + above) / 0.7)):
        results = cxsim.run(scenario(selectivity), replications=6, seed=5)
        within_ci(results, "containment_rate", 0.3)
        within_ci(results, "aht_s", talk)
