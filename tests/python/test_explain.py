"""Explaining a policy's effect by channel: the Shapley arithmetic on games with known answers, and
the decomposition's exact properties in the engine (docs/model.md, "Explaining a policy's effect")."""

import json
import subprocess
import sys
from itertools import combinations

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS
from cxsim.explain import OTHER, explain, open_explanation, shapley

SHORT = {"simulation.horizon_days": 21, "simulation.warmup_days": 7, "customers.count": 200000}


def game(n, v):
    """A game on every coalition (bit masks) from a function of the set of players."""
    return {s: np.asarray(v({i for i in range(n) if s >> i & 1}), dtype=float) for s in range(1 << n)}


def test_shapley_of_an_additive_game_is_each_players_own_effect():
    effects = [3.0, -1.5, 0.25]
    phi = shapley(game(3, lambda s: 10.0 + sum(effects[i] for i in s)), 3)
    assert phi == effects


def test_shapley_splits_a_pure_interaction_equally_and_gives_a_dummy_nothing():
    # v = 6 only when players 0 and 1 are both in; player 2 never matters.
    phi = shapley(game(3, lambda s: 6.0 * ({0, 1} <= s)), 3)
    assert phi == [3.0, 3.0, 0.0]


def test_shapley_matches_the_permutation_definition_and_adds_up():
    rng = np.random.default_rng(5)
    values = {s: rng.normal(size=4) for s in range(1 << 4)}  # an arbitrary game, four elements at once
    phi = shapley(values, 4)
    from itertools import permutations
    by_order = np.zeros((4, 4))
    orders = list(permutations(range(4)))
    for order in orders:  # the mean marginal contribution over every order of joining
        s = 0
        for i in order:
            by_order[i] += values[s | 1 << i] - values[s]
            s |= 1 << i
    np.testing.assert_allclose(np.array(phi), by_order / len(orders), atol=1e-12)
    np.testing.assert_allclose(sum(phi), values[15] - values[0], atol=1e-12)


@pytest.fixture(scope="module")
def aht():
    return explain(SCENARIOS / "baseline.toml", SCENARIOS / "aht_target.toml", replications=3, seed=4,
                   overrides=SHORT)


def test_holding_every_channel_gives_the_base_and_holding_none_the_policy(aht):
    base = aht.comparison.results["baseline"].replications.to_array("metric")
    policy = aht.comparison.results["aht_target"].replications.to_array("metric")
    kpis = aht.kpis.transpose("coalition", "metric", "replication")
    assert aht.channels == ["resolution", "strain", "pressure_quits", "capacity"]
    # The AHT target's lever reaches the KPIs through its four channels only: held, the run is
    # the base's, bit for bit (apart from the lever itself: the target in force and the
    # compression it asks for, which the KPIs report as they are).
    same = [m for m in base["metric"].values if m not in ("aht_target_s", "compression")]
    np.testing.assert_array_equal(kpis.sel(coalition=0, metric=same).values, base.sel(metric=same).values)
    np.testing.assert_array_equal(kpis.sel(coalition=15).values, policy.values)
    other = aht.contributions["mean"].sel(part=OTHER, metric=same).values
    defined = ~np.isnan(base.sel(metric=same).values).any(axis=1)  # KPIs defined in every replication
    np.testing.assert_array_equal(other[defined], 0.0)


def test_a_reference_without_holds_leaves_the_run_as_it_is():
    policy = cxsim.Scenario.load(SCENARIOS / "praise_program.toml").with_overrides(SHORT)
    base = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(SHORT)
    plain = cxsim.run(policy, replications=2, seed=3).replications
    referenced = cxsim.run(policy, replications=2, seed=3, reference=base).replications
    for m in plain.data_vars:
        np.testing.assert_array_equal(plain[m].values, referenced[m].values)


def test_contributions_add_up_to_the_total(aht):
    parts = aht.contributions["mean"].sum("part", skipna=False)
    np.testing.assert_allclose(parts.values, aht.total["mean"].values, rtol=1e-9, atol=1e-9)


def test_a_channel_whose_link_is_switched_off_contributes_nothing():
    # With compression costing no resolution (β_c = 0) and coaching pressure not raising quits,
    # holding those two channels changes no run: their Shapley values are exactly zero.
    off = {**SHORT, "simulation.horizon_days": 14, "policy.compression_resolution_effect": 0.0,
           "policy.aht_pressure_quit_multiplier": 1.0}
    e = explain(SCENARIOS / "baseline.toml", SCENARIOS / "aht_target.toml", replications=2, seed=1, overrides=off)
    held = e.contributions["mean"].sel(part=["resolution", "pressure_quits"]).values
    np.testing.assert_array_equal(held[~np.isnan(held)], 0.0)  # NaN: a KPI undefined in a replication
    assert (e.contributions["mean"].sel(part="capacity", metric="fcr") != 0).all()


def test_in_a_pure_queue_the_target_acts_through_capacity_alone(tmp_path):
    # No customers and no employees: an AHT target only shortens talk. Resolution, strain and
    # quits reach nothing, so capacity carries the whole effect and the parts add exactly.
    queue = {"simulation.horizon_days": 3, "agents.count": 12, "arrivals.calls_per_hour": 200.0}
    target = f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[policy]\naht_target_s = 120.0\n'
    (tmp_path / "target.toml").write_text(target)
    e = explain(SCENARIOS / "erlang_a.toml", tmp_path / "target.toml", replications=3, seed=2, overrides=queue)
    waits = e.contributions["mean"].sel(metric="mean_wait_s")
    assert [float(waits.sel(part=c)) for c in ("resolution", "strain", "pressure_quits", OTHER)] == [0.0] * 4
    assert float(waits.sel(part="capacity")) == pytest.approx(float(e.total["mean"].sel(metric="mean_wait_s")))
    assert float(e.total["mean"].sel(metric="mean_wait_s")) < 0  # shorter calls, shorter waits


def test_the_file_holds_what_the_object_holds_and_reads_back(aht, tmp_path):
    path = tmp_path / "explain.h5"
    aht.write(path)
    back = open_explanation(path)
    assert back.channels == aht.channels
    for field in ("mean", "ci95_low", "ci95_high"):
        np.testing.assert_array_equal(back.contributions[field].values, aht.contributions[field].values)
    assert back.comparison.results["aht_target"].attrs["scenario_toml"] == \
        aht.comparison.results["aht_target"].attrs["scenario_toml"]


def test_every_coalition_is_run_once(aht):
    labels = list(aht.kpis["coalition_label"].values)
    expected = {"+".join(c) or "none" for k in range(5) for c in combinations(aht.channels, k)}
    assert len(labels) == 16 and set(labels) == expected


def cxsim_cli(*args):
    return subprocess.run([sys.executable, "-m", "cxsim", *args], capture_output=True, text=True)


def test_the_command_prints_json_and_writes_the_file(tmp_path):
    out = tmp_path / "e.h5"
    sets = [a for k, v in {**SHORT, "simulation.horizon_days": 14}.items() for a in ("--set", f"{k}={v}")]
    done = cxsim_cli("explain", str(SCENARIOS / "baseline.toml"), str(SCENARIOS / "praise_program.toml"), *sets,
                     "-r", "2", "--seed", "1", "-o", str(out), "--json", "--metrics", "customer_churn_rate_annual,fcr")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data["contributions"]) == ["engagement_service", "engagement_quits", OTHER]
    assert set(data["total"]) == {"customer_churn_rate_annual", "fcr"}
    assert set(data["total"]["fcr"]) == {"mean", "ci95_low", "ci95_high"}
    assert out.is_file()


@pytest.mark.parametrize("args, message", [
    (["--channels", "nonsense"], "unknown channel 'nonsense'"),
    (["--channels", "callback"], "'callback' is not in play"),
    (["--metrics", "nope"], "unknown KPI 'nope'"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    out = tmp_path / "e.h5"
    done = cxsim_cli("explain", str(SCENARIOS / "baseline.toml"), str(SCENARIOS / "aht_target.toml"), "-r", "2",
                     "-o", str(out), *args)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_the_waterfall_plots_from_an_explanation_file_only(aht, tmp_path):
    path = tmp_path / "explain.h5"
    aht.write(path)
    done = cxsim_cli("plot", str(path), "--kind", "waterfall", "-o", str(tmp_path / "w.png"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "w.png").read_bytes()[:4] == b"\x89PNG"
    run = tmp_path / "run.h5"
    cxsim.run(cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides({"simulation.horizon_days": 2}),
              replications=2, output=run)
    done = cxsim_cli("plot", str(run), "--kind", "waterfall", "-o", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "needs an explanation file" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_table_and_sentence_speak_the_kpis_units(tmp_path):
    # Without --json: a share's effect in percentage points, money in the scenario's currency.
    sets = [a for k, v in {**SHORT, "simulation.horizon_days": 14}.items() for a in ("--set", f"{k}={v}")]
    done = cxsim_cli("explain", str(SCENARIOS / "baseline.toml"), str(SCENARIOS / "praise_program.toml"), *sets,
                     "-r", "2", "--set", "money.currency=EUR", "--metrics", "customer_churn_rate_annual,net_value")
    assert done.returncode == 0, done.stderr
    assert "customer_churn_rate_annual (percentage points per year)" in done.stdout
    assert "net_value (EUR)" in done.stdout and "EUR (95% CI" in done.stdout


def test_holding_a_lever_both_scenarios_share_changes_nothing():
    # The AHT target and the baseline run the same recognition programmes: the reference's
    # engagement is the scenario's own, so holding the engagement channels leaves the run as it is.
    policy = cxsim.Scenario.load(SCENARIOS / "aht_target.toml").with_overrides(SHORT)
    base = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(SHORT)
    plain = cxsim.run(policy, replications=2, seed=3).replications
    held = cxsim.run(policy, replications=2, seed=3, reference=base,
                     hold=["engagement_service", "engagement_quits"]).replications
    for m in plain.data_vars:
        np.testing.assert_array_equal(plain[m].values, held[m].values)


def test_between_scenarios_with_other_call_types_the_ivr_stays_in_other(tmp_path):
    # The policy has one call type (erlang_a's default) and a menu; the base, two call types. The
    # IVR routes by call type, so its channels cannot be held: only the target's are in play.
    queue = {"simulation.horizon_days": 2, "agents.count": 12, "arrivals.calls_per_hour": 200.0}
    (tmp_path / "two.toml").write_text(
        f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[[call_types]]\nname = "a"\nshare = 0.5\n'
        '[[call_types]]\nname = "b"\nshare = 0.5\n')
    (tmp_path / "policy.toml").write_text(
        f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[policy]\naht_target_s = 120.0\n[ivr]\nlevels = 2\n')
    e = explain(tmp_path / "two.toml", tmp_path / "policy.toml", replications=2, seed=1, overrides=queue)
    assert e.channels == ["resolution", "strain", "pressure_quits", "capacity"]
    with pytest.raises(cxsim.ScenarioError, match="'menu' is not in play"):
        explain(tmp_path / "two.toml", tmp_path / "policy.toml", replications=2, overrides=queue, channels=["menu"])
