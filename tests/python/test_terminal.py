"""What the command line shows (issue 9): tables that fit 80 and 120 columns (COLUMNS honoured
when piped) without cutting a name or an interval, a progress bar for compare, and the
differences of a comparison file through `cxsim summary`."""

import json
import os
import pty
import subprocess
import sys

import pytest

from conftest import SCENARIOS
from cxsim._tables import fmt

METRICS = "abandon_rate,asa_s,service_level_g1,customer_churn_rate_annual,agent_attrition_rate_annual,cost_total," \
    "net_value,cost_telephony"


def cxsim(*args, columns: int | None = None):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "cxsim", *map(str, args)], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    """Three Erlang scenarios, one with a long name, compared into a file."""
    folder = tmp_path_factory.mktemp("terminal")
    long = folder / "a_scenario_with_a_rather_long_name.toml"
    long.write_text(f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[agents]\ncount = 13\n')
    out = folder / "cmp.h5"
    r = cxsim("compare", SCENARIOS / "erlang_a.toml", long, SCENARIOS / "erlang_c.toml", "-r", "3",
              "--set", "simulation.horizon_days=60", "--set", "money.wage_per_hour=90", "-o", out)
    assert r.returncode == 0, r.stderr
    return out


def intervals(data: dict) -> list[str]:
    """Every difference and interval bound the table must show, as it formats them."""
    return [fmt(v[k]) for by_metric in data["differences"].values() for m, v in by_metric.items()
            if m in METRICS.split(",") for k in ("mean", "ci95_low", "ci95_high") if v[k] is not None]


@pytest.mark.parametrize("columns", [80, 120])
def test_comparison_tables_fit_the_width_and_cut_nothing(comparison, columns):
    r = cxsim("summary", comparison, "--metrics", METRICS, columns=columns)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    words = set(r.stdout.split())
    for name in ["a_scenario_with_a_rather_long_name", "erlang_a", "erlang_c", *METRICS.split(",")]:
        assert name in words or name in r.stdout, name  # whole, not folded or cut
    data = json.loads(cxsim("summary", comparison, "--metrics", METRICS, "--json").stdout)
    assert r.stdout.count("[") == r.stdout.count("]"), "an interval lost its end"
    shown = r.stdout.replace("[", " ").replace("]", " ").replace(",", " ")
    for number in intervals(data):
        assert number.replace(",", " ") in shown, number


def test_columns_is_honoured_when_piped(comparison):
    wide = cxsim("summary", comparison, columns=200).stdout.splitlines()
    default = cxsim("summary", comparison).stdout.splitlines()
    assert max(map(len, wide)) > 120  # one wide table with every scenario
    assert max(map(len, default)) <= 80


def test_summary_of_a_comparison_file_shows_the_differences(comparison, tmp_path):
    r = cxsim("summary", comparison, "--json", "--metrics", "abandon_rate")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["scenarios"] == ["erlang_a", "a_scenario_with_a_rather_long_name", "erlang_c"]
    # Erlang C callers never abandon: the paired difference is minus erlang_a's abandon rate.
    diff = data["differences"]["erlang_c"]["abandon_rate"]
    assert diff["ci95_high"] < 0
    r = cxsim("summary", comparison, "--metrics", "abandon_rat")
    assert r.returncode == 2 and r.stderr.startswith("error: --metrics: unknown KPI 'abandon_rat'")


def test_compare_shows_progress_on_a_terminal(tmp_path):
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "cxsim", "compare", SCENARIOS / "erlang_a.toml",
                             SCENARIOS / "erlang_c.toml", "-r", "2", "--set", "simulation.horizon_days=20",
                             "--metrics", "p_wait"], stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait() == 0
    os.close(controller)
    assert b"replication-days" in shown and b"2 scenarios" in shown
    quiet = cxsim("compare", SCENARIOS / "erlang_a.toml", SCENARIOS / "erlang_c.toml", "-r", "2", "-q",
                  "--set", "simulation.horizon_days=2", "--metrics", "p_wait")
    assert "replication-days" not in quiet.stderr and "p_wait" in quiet.stdout
