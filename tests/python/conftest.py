"""Shared fixtures: paths of the repository, its scenarios and the shared research data, and one
small file of each kind cxsim writes."""

import contextlib
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def scenarios() -> Path:
    return SCENARIOS


@pytest.fixture(scope="session")
def tiny_files(tmp_path_factory) -> SimpleNamespace:
    """Small files of each kind, shared by the tests that read files: ``run`` (the baseline centre,
    fewer customers, over 2 days from a Wednesday, in euros, with the call log and the customer summary), the
    ``scenario`` it ran, ``comparison`` (the baseline and the AHT target over a day) and
    ``experiment`` (two staffing levels of Erlang A, a daily outcome among them)."""
    import cxsim

    where = tmp_path_factory.mktemp("tiny_files")
    short = {"simulation.horizon_days": 2, "simulation.warmup_days": 0}
    small = {**short, "customers.count": 100_000}  # the baseline's 3 million customers take a while to set up
    scenario = cxsim.Scenario.load(SCENARIOS / "baseline.toml").with_overrides(
        {**small, "simulation.start_weekday": "Wed", "money.currency": "EUR"})
    cxsim.run(scenario, replications=2, seed=1, output=where / "run.h5", call_log=True, customer_summary=True)
    cxsim.compare([SCENARIOS / "baseline.toml", SCENARIOS / "aht_target.toml"], replications=2, seed=1,
                  overrides={**small, "simulation.horizon_days": 1}, output=where / "comparison.h5")
    experiment = cxsim.Experiment.from_options(
        SCENARIOS / "erlang_a.toml", levers=[{"key": "agents.count", "values": [13, 15]}],
        outcomes=["abandon_rate", "cost_total", {"kpi": "aht_s", "aggregate": "daily"}], replications=2,
        set=short)
    cxsim.sweep(experiment, where / "experiment.h5", workers=1, threads=True)
    return SimpleNamespace(run=where / "run.h5", scenario=scenario, comparison=where / "comparison.h5",
                           experiment=where / "experiment.h5")


def within_ci(results, metric: str, exact: float, level: float = 0.999) -> None:
    """Assert that `exact` lies in the Student-t interval of `metric` over replications.

    The tests use a 99.9% level: with a dozen checks a 95% interval would fail by chance in
    about half the runs of a correct simulator, while a real modelling error still moves the
    mean by many standard errors.
    """
    values = results.replications[metric].values
    values = values[~np.isnan(values)]
    mean, sem = values.mean(), values.std(ddof=1) / np.sqrt(len(values))
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * sem
    assert mean - half <= exact <= mean + half, (
        f"{metric}: exact {exact:.6g} outside [{mean - half:.6g}, {mean + half:.6g}] (mean {mean:.6g})")


def cxsim_main(*args) -> tuple[int, str, str]:
    """`cxsim ARGS` in this process: (exit status, stdout, stderr)."""
    from cxsim.cli import main

    out, err = io.StringIO(), io.StringIO()
    argv, sys.argv = sys.argv, ["cxsim", *map(str, args)]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 1
    finally:
        sys.argv = argv
    return code, out.getvalue(), err.getvalue()
