"""The cxsim command: exit codes, one-line errors, JSON summary, no output on bad input."""

import json
import subprocess
import sys

import pytest

from conftest import SCENARIOS
from cxsim import open_results

KPIS = ["offered", "answered", "abandoned", "abandon_rate", "p_wait", "asa_s", "mean_wait_s",
        "service_level", "occupancy", "aht_s"]


def cxsim(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "cxsim", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_run_then_summary_json(tmp_path):
    out = tmp_path / "x.h5"
    run = cxsim("run", SCENARIOS / "erlang_a.toml", "--set", "agents.count=50", "--set", "simulation.horizon_days=3",
                "-r", 4, "-o", out)
    assert run.returncode == 0, run.stderr
    summary = cxsim("summary", out, "--json")
    assert summary.returncode == 0, summary.stderr
    data = json.loads(summary.stdout)
    assert data["replications"] == 4
    # The JSON reports the file's replication summary, KPI by KPI.
    stored = open_results(out).summary()
    for kpi in KPIS:
        m = data["metrics"][kpi]
        assert m == pytest.approx({k: stored.loc[kpi, k] for k in ("mean", "ci95_low", "ci95_high")}, rel=1e-12), kpi
    # 50 agents at a = 10 Erlangs: hardly anyone waits.
    assert data["metrics"]["p_wait"]["mean"] < 1e-3


def test_summary_reports_customer_segments(tmp_path):
    out = tmp_path / "s.h5"
    run = cxsim("run", SCENARIOS / "baseline.toml", "--set", "simulation.horizon_days=2", "--set",
                "simulation.warmup_days=0", "--set", "customers.count=20000", "-r", 2, "-o", out)
    assert run.returncode == 0, run.stderr
    data = json.loads(cxsim("summary", out, "--json").stdout)
    assert set(data["segments"]) == {"mass", "premium"}
    total = sum(s["churned"] for s in data["segments"].values())
    assert total == pytest.approx(data["metrics"]["customers_churned"]["mean"])
    text = cxsim("summary", out).stdout
    assert "per customer segment" in text and "premium" in text and "value_monthly_churned" in text


def test_bad_scenario_exit_2_one_line_and_no_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[arrivals]\ncalls_per_hour = -5\n[agents]\ncount = 5\n")
    out = tmp_path / "x.h5"
    r = cxsim("run", bad, "-o", out)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "arrivals.calls_per_hour: -5" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists() and not (tmp_path / "x.h5.partial").exists()


@pytest.mark.parametrize("args, fragment", [
    (["run", "missing.toml", "-o", "x.h5"], "missing.toml: scenario file not found"),
    (["run", SCENARIOS / "erlang_a.toml", "--set", "agents.count=-1", "-o", "x.h5"], "agents.count: -1 is not allowed"),
    (["run", SCENARIOS / "erlang_a.toml", "--set", "agents.count", "-o", "x.h5"], "is not of the form key=value"),
    (["run", SCENARIOS / "erlang_a.toml", "-o", "no/such/dir/x.h5"], "output directory does not exist"),
    (["validate", SCENARIOS / "erlang_a.toml", "--set", "agent.count=3"], "unknown key"),
    (["summary", "nothing.h5"], "nothing.h5: no such results file"),
    (["run", SCENARIOS / "erlang_a.toml", "-r", 0, "-o", "x.h5"], "0 is not in the range"),
])
def test_bad_input_exits_2(tmp_path, args, fragment):
    r = cxsim(*args, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert fragment in r.stderr
    assert "Traceback" not in r.stderr
    assert not list(tmp_path.glob("*.h5*"))


def test_existing_output_needs_overwrite(tmp_path):
    out = tmp_path / "x.h5"
    out.write_text("keep me")
    r = cxsim("run", SCENARIOS / "erlang_a.toml", "--set", "simulation.horizon_days=2", "-r", 2, "-o", out)
    assert r.returncode == 2 and "--overwrite" in r.stderr
    assert out.read_text() == "keep me"


def test_summary_of_a_file_that_is_not_results(tmp_path):
    junk = tmp_path / "junk.h5"
    junk.write_text("not hdf5")
    r = cxsim("summary", junk)
    assert r.returncode == 2 and "not a cxsim results file" in r.stderr


def test_validate_ok_and_schema_markdown():
    r = cxsim("validate", SCENARIOS / "baseline.toml")
    assert r.returncode == 0 and "ok" in r.stdout
    r = cxsim("schema", "--markdown")
    assert r.returncode == 0 and "`arrivals.calls_per_hour`" in r.stdout


def test_validate_warns_about_round_the_clock_agents_with_the_workforce():
    r = cxsim("validate", SCENARIOS / "erlang_a.toml", "--set", "workforce.enabled=true")
    assert r.returncode == 0
    assert "warning:" in r.stderr and "around the clock" in r.stderr
    assert "warning" not in cxsim("validate", SCENARIOS / "baseline.toml").stderr


def test_usage_errors_are_one_line_and_exit_2(tmp_path):
    # Issue 9: click's usage errors took four lines; huge replication counts dumped the scenario.
    cases = [("run", SCENARIOS / "erlang_a.toml"),                          # -o missing
             ("run", SCENARIOS / "erlang_a.toml", "-r", 4294967296, "-o", tmp_path / "x.h5"),
             ("run", SCENARIOS / "erlang_a.toml", "--nonsense"),
             ("nosuchcommand",),
             ("run", SCENARIOS / "erlang_a.toml", "--set", "simulation.warmup_days=1e308", "-o", tmp_path / "y.h5")]
    for args in cases:
        r = cxsim(*args)
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, r.stderr)
        assert "Traceback" not in r.stderr
    assert not list(tmp_path.iterdir())  # nothing written


def test_json_output_honours_metrics_and_quiet_never_silences_it(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text(f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[simulation]\nhorizon_days = 2\n')
    more = tmp_path / "more.toml"
    more.write_text(f'extends = "{base}"\n[agents]\ncount = 16\n')
    r = cxsim("compare", base, more, "-r", 2, "--json", "--metrics", "abandon_rate,asa_s")
    assert r.returncode == 0, r.stderr
    assert list(json.loads(r.stdout)["differences"]["more"]) == ["abandon_rate", "asa_s"]
    r = cxsim("run", base, "-r", 2, "-o", tmp_path / "q.h5", "-q", "--json")
    assert r.returncode == 0, r.stderr
    assert "abandon_rate" in json.loads(r.stdout)["metrics"]


def test_an_overloaded_centre_stops_with_one_line_naming_the_day(tmp_path):
    # Issue 9: one agent at 10,000 calls/h ran to the end with millions of calls queued.
    out = tmp_path / "o.h5"
    r = cxsim("run", SCENARIOS / "erlang_a.toml", "--set", "agents.count=1", "--set",
              "arrivals.calls_per_hour=10000", "--set", "callers.patience_dist=none", "--set",
              "simulation.max_calls_in_system=20000", "-r", 1, "-o", out)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "day 0: more than 20000 calls in the system" in lines[0], r.stderr
    assert "simulation.max_calls_in_system" in lines[0]
    assert not out.exists() and not (tmp_path / "o.h5.partial").exists()


def test_fewer_than_five_replications_are_warned_about(tmp_path):
    few = cxsim("run", SCENARIOS / "erlang_a.toml", "--set", "simulation.horizon_days=2", "-r", 2, "-o",
                tmp_path / "a.h5")
    assert few.returncode == 0 and "warning: 2 replications" in few.stderr
    enough = cxsim("run", SCENARIOS / "erlang_a.toml", "--set", "simulation.horizon_days=2", "-r", 5, "-o",
                   tmp_path / "b.h5")
    assert enough.returncode == 0 and "warning" not in enough.stderr
