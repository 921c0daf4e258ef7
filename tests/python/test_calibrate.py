"""cxsim calibrate and cxsim backtest (issue 11) on the real Anonymous Bank log: the calibrated
scenario runs as it is, every fitted value carries its comment, the back-test meets the aim
against both references, and mistakes get one line, exit 2 and no file."""

import json
import tomllib

import pytest

from conftest import SHARED
from cxsim import Scenario
from test_cli import cxsim

LOG = SHARED / "data" / "anonymous_bank" / "calls_1999-02-01_to_14.tsv"
pytestmark = pytest.mark.skipif(not LOG.exists(), reason=f"{LOG} not present")
WEEK1, WEEK2 = "1999-02-01:1999-02-07", "1999-02-08:1999-02-14"


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    out = tmp_path_factory.mktemp("calibrate") / "bank.toml"
    done = cxsim("calibrate", LOG, "--format", "anonymous_bank", "--train", WEEK1, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    return out


def test_the_calibrated_scenario_runs_as_it_is(calibrated, tmp_path):
    run = cxsim("run", calibrated, "-r", 5, "-o", tmp_path / "r.h5", "--json")
    assert run.returncode == 0, run.stderr
    assert "warning" not in run.stderr  # nothing calibrated is outside its key's typical range
    data = json.loads(run.stdout)
    assert 0 < data["metrics"]["abandon_rate"]["mean"] < 0.5


def test_every_fitted_value_says_how_it_was_estimated(calibrated):
    text = calibrated.read_text()
    lines = text.splitlines()
    fitted = ("daily_volume =", "share =", "mean_handle_time_s =", "handle_time_table_s =", "patience_dist =",
              "staffing =", "weekly_profile =", "seconds_per_level =", "containment =")
    for i, line in enumerate(lines):
        if line.startswith(fitted):
            assert lines[i - 1].startswith("# "), line
    # An estimate's comment gives the estimator, the sample size and the interval.
    assert "n = " in text and "95% CI" in text
    raw = tomllib.loads(text)
    assert raw["calibration"]["train"] == WEEK1
    scenario = Scenario.load(calibrated)
    assert len(scenario.values["agents.staffing"]) == 7
    assert {t["name"] for t in scenario.values["call_types"]} >= {"PS", "NW", "NE", "short"}


def test_backtest_meets_the_aim_against_both_references(calibrated, tmp_path):
    figure, cells = tmp_path / "bt.png", tmp_path / "cells.csv"
    done = cxsim("backtest", calibrated, LOG, "--test", WEEK2, "--json", "--plot", figure, "--cells", cells)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["train"] == WEEK1 and data["cells"] > 80
    mae = {p: data["metrics"]["abandon_rate"][p]["mae"] for p in ("cxsim", "erlang_a", "naive")}
    # The aim: within 1.25× perfect-information Erlang A, and below the naive predictor.
    assert mae["cxsim"] <= 1.25 * mae["erlang_a"], mae
    assert mae["cxsim"] < 0.75 * mae["naive"], mae
    assert figure.stat().st_size > 10_000 and cells.read_text().count("\n") == 7 * 24 + 1
    table = cxsim("backtest", calibrated, LOG, "--test", WEEK2, "-r", 2)
    assert table.returncode == 0
    # One row per metric and predictor, whole at the 80 columns of a pipe: no number folds.
    lines = table.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert [len(line.split()) for line in lines if "erlang_a" in line] == [3, 3, 3]


@pytest.mark.parametrize(("args", "message"), [
    (["--train", "1999-02-15:1999-02-28"], "train: no calls from 1999-02-15 to 1999-02-28; the log runs from "
                                           "1999-02-01 to 1999-02-14"),
    (["--train", "1999-02-01:1999-02-03"], "spans 3 days; a week (7 days) or more is needed"),
    (["--train", "Feb"], "train: 'Feb' is not START:END with dates as YYYY-MM-DD"),
    (["--train", WEEK1, "--format", "generic"], "column 'arrival' is missing; the generic format needs"),
])
def test_calibrate_mistakes_are_one_line_and_write_nothing(tmp_path, args, message):
    out = tmp_path / "x.toml"
    done = cxsim("calibrate", LOG, "-o", out, *args)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_roster_replaces_the_estimated_staffing(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("weekday,start,agents\n" + "".join(f"{d},{h:02d}:00,5\n" for d in ("Mon", "Tue") for h in
                                                          range(8, 18)))
    out = tmp_path / "r.toml"
    assert cxsim("calibrate", LOG, "--train", WEEK1, "--roster", roster, "-o", out).returncode == 0
    staffing = Scenario.load(out).values["agents.staffing"]
    assert staffing[0][8:18] == [5] * 10 and staffing[0][7] == 0 and sum(staffing[2]) == 0
    roster.write_text("weekday,start,agents\nMon,08:30,5\n")
    bad = cxsim("calibrate", LOG, "--train", WEEK1, "--roster", roster, "-o", tmp_path / "s.toml")
    assert bad.returncode == 2 and "row 2: start: '08:30' is not HH:MM at the start of a 60-minute slot" in bad.stderr


def test_backtest_test_window_without_calls(calibrated, tmp_path):
    done = cxsim("backtest", calibrated, LOG, "--test", "1999-02-15:1999-02-28", "--cells", tmp_path / "c.csv")
    assert done.returncode == 2 and "test: no calls from 1999-02-15 to 1999-02-28" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_same_calls_in_the_generic_format_calibrate_the_same(calibrated, tmp_path):
    from cxsim import calllog

    calls = calllog.read(LOG).calls.drop(columns=["wait_s", "handle_s"])
    for column in ("arrival", "ivr_exit", "queue_entry", "queue_exit", "service_start", "service_end"):
        calls[column] = calls[column].dt.strftime("%Y-%m-%dT%H:%M:%S")
    calls["outcome"] = calls["outcome"].map({"served": "ANS", "abandoned": "ABN", "contained": "IVR"})
    generic = tmp_path / "calls.csv"
    calls.rename(columns={"arrival": "start"}).to_csv(generic, index=False)
    out = tmp_path / "g.toml"
    done = cxsim("calibrate", generic, "--format", "generic", "--column", "arrival=start", "--outcome", "ANS=served",
                 "--outcome", "ABN=abandoned", "--outcome", "IVR=contained", "--train", WEEK1, "-o", out)
    assert done.returncode == 0, done.stderr
    ours, theirs = Scenario.load(out).values, Scenario.load(calibrated).values
    for key in ("arrivals.weekly_profile", "agents.staffing", "callers.patience_survival", "call_types"):
        assert ours[key] == theirs[key], key
    bad = cxsim("calibrate", generic, "--format", "generic", "--column", "arrival", "--train", WEEK1, "-o",
                tmp_path / "h.toml")
    assert bad.returncode == 2 and "--column: 'arrival' is not NAME=VALUE" in bad.stderr
