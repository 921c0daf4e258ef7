"""Sweeps (issue 10): tasks on processes, threads or a Dask cluster give the same file, also when
a Dask worker dies mid-task; a sweep killed at any moment and run again resumes and writes the
same bytes as one never interrupted; the file holds the design and each (point, replication)'s
outcomes, paired by replication."""

import functools
import os
import signal
import subprocess
import sys

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS
from cxsim.sweep import run_task

EXPERIMENT = f'''scenario = "{SCENARIOS / "erlang_a.toml"}"
replications = 3
seed = 5
samples = 4
[set]
"simulation.horizon_days" = 2
[[uncertainties]]
key = "callers.mean_patience_s"
range = [120.0, 600.0]
[[levers]]
key = "agents.count"
values = [13, 15]
[[outcomes]]
kpi = "abandon_rate"
[[outcomes]]
kpi = "offered"
aggregate = "annualised"
[[outcomes]]
kpi = "p_wait"
aggregate = "final"
[[outcomes]]
kpi = "abandon_rate"
aggregate = "daily"
'''


@pytest.fixture(scope="module")
def experiment(tmp_path_factory):
    path = tmp_path_factory.mktemp("sweep") / "e.toml"
    path.write_text(EXPERIMENT)
    return path


@pytest.fixture(scope="module")
def uninterrupted(experiment):
    return cxsim.sweep(experiment, experiment.parent / "whole.h5", workers=2)


def test_processes_and_threads_write_the_same_bytes(experiment, uninterrupted):
    threaded = cxsim.sweep(experiment, experiment.parent / "threads.h5", workers=1, threads=True)
    assert threaded.read_bytes() == uninterrupted.read_bytes()
    assert not list(experiment.parent.glob("*.partial"))


def test_the_file_holds_the_design_and_paired_outcomes(experiment, uninterrupted):
    ds = cxsim.open_experiment(uninterrupted)
    e = cxsim.Experiment.load(experiment)
    assert ds.sizes == {"point": 8, "replication": 3, "day": 2}
    assert list(ds["agents.count"].values) == [13] * 4 + [15] * 4
    assert np.array_equal(ds["draw"].values, [0, 1, 2, 3] * 2)
    assert [p["callers.mean_patience_s"] for p in e.design()] == list(ds["callers.mean_patience_s"].values)
    # A point's replication r is replication r of a plain run of that point's scenario.
    point = e.design()[5]
    run = cxsim.run(e.scenario_at(point), replications=3, seed=5, threads=1)
    assert np.array_equal(ds["abandon_rate"].sel(point=5).values, run.replications["abandon_rate"].values)
    assert np.array_equal(ds["p_wait_final"].sel(point=5).values, run.daily["p_wait"].values[:, -1])
    assert ds["abandon_rate_daily"].dims == ("point", "replication", "day")
    assert np.array_equal(ds["abandon_rate_daily"].sel(point=5).values, run.daily["abandon_rate"].values)
    reported = 2 - e.scenario.values["simulation.warmup_days"]
    assert np.allclose(ds["offered_annualised"].sel(point=5).values,
                       run.replications["offered"].values * 365 / reported)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_the_final_file_does_not_depend_on_how_many_points_are_written_at_a_time(experiment, uninterrupted,
                                                                                  monkeypatch):
    from cxsim import experiment_store

    monkeypatch.setattr(experiment_store, "BLOCK_POINTS", 3)  # 8 points: blocks of 3, 3 and 2
    blocks = cxsim.sweep(experiment, experiment.parent / "blocks.h5", workers=1, threads=True)
    assert blocks.read_bytes() == uninterrupted.read_bytes()


def test_a_dask_cluster_writes_the_same_bytes(experiment, uninterrupted, cluster):
    from distributed import Client

    with Client(cluster) as client:
        on_client = cxsim.sweep(experiment, experiment.parent / "dask.h5", client=client)
    by_address = cxsim.sweep(experiment, experiment.parent / "dask_address.h5", client=cluster.scheduler_address)
    assert on_client.read_bytes() == uninterrupted.read_bytes() == by_address.read_bytes()


def die_once(marker, spec, seed, replication, outcomes):
    """The engine's task, except that the first call anywhere kills its worker process."""
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)
    return run_task(spec, seed, replication, outcomes)


def test_a_dask_worker_killed_mid_task_changes_nothing(experiment, uninterrupted, cluster, tmp_path):
    marker = tmp_path / "died"
    out = cxsim.sweep(experiment, tmp_path / "x.h5", client=cluster.scheduler_address,
                      model=functools.partial(die_once, str(marker)))
    assert marker.exists()  # a worker did die
    assert out.read_bytes() == uninterrupted.read_bytes()


KILLER = '''
import os, signal, sys
import cxsim
def progress(done, total):
    if done >= int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind
cxsim.sweep(sys.argv[1], sys.argv[2], workers=1, threads=True, progress=progress)
'''


@pytest.mark.parametrize("kill_after", [1, 13])
def test_a_killed_sweep_resumes_to_the_same_file(experiment, uninterrupted, tmp_path, kill_after):
    out = tmp_path / "resumed.h5"
    killed = subprocess.run([sys.executable, "-c", KILLER, experiment, out, str(kill_after)], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    partial = tmp_path / "resumed.h5.partial"
    assert partial.exists() and not out.exists()
    done = len(partial.read_text().splitlines()) - 1
    assert done >= kill_after
    with open(partial, "a") as f:  # as if the kill cut a record in half
        f.write('[7, 2, [0.1')
    r = subprocess.run([sys.executable, "-m", "cxsim", "sweep", experiment, "-o", out, "-q", "--threads"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == uninterrupted.read_bytes() and not partial.exists()


def test_a_work_file_of_another_experiment_is_refused(experiment, tmp_path):
    out = tmp_path / "x.h5"
    (tmp_path / "x.h5.partial").write_text('{"cxsim_sweep": "0000", "outcomes": []}\n')
    r = subprocess.run([sys.executable, "-m", "cxsim", "sweep", experiment, "-o", out, "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "unfinished sweep of another experiment" in r.stderr
    assert not out.exists()


def test_bad_experiment_file_is_one_line_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(EXPERIMENT.replace("replications = 3", "replications = -1"))
    r = subprocess.run([sys.executable, "-m", "cxsim", "sweep", path, "-o", tmp_path / "x.h5"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr == f"error: {path}: replications: -1 is not allowed; allowed: an integer " \
                                             ">= 1 and <= 100000\n"
    assert not (tmp_path / "x.h5").exists() and not (tmp_path / "x.h5.partial").exists()
    assert os.listdir(tmp_path) == ["bad.toml"]


def test_a_bad_scheduler_address_is_one_line_exit_2(experiment, tmp_path):
    r = subprocess.run([sys.executable, "-m", "cxsim", "sweep", experiment, "-o", tmp_path / "x.h5", "--scheduler",
                        "localhost"], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "tcp://host:port" in r.stderr
    assert os.listdir(tmp_path) == []
