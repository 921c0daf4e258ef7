"""What sweeps cost and how they scale (issue 10).

1. Points per hour: a Latin hypercube of 48 points of the baseline (30 simulated days, 7 of them
   warm-up, 2 replications: 96 tasks), swept on 1 and on 2 local worker processes (their
   start-up included); the speed-up from 1 to 2 workers.
2. Dask's overhead: the same sweep on a LocalCluster of 2 single-threaded worker processes,
   against 2 local worker processes; the difference per task, as a share of a task's time. Then
   the dispatch cost alone: 800 tasks of a stand-in model that returns at once, on each.
3. A Sobol plan of 10,240 points (N = 2048, three uncertainties): the time to draw it (SALib),
   to build every point's scenario and engine spec, and the whole machinery per task (work
   file, final file) with a stand-in model that returns at once, on threads.

Every sweep is run twice and the faster kept (interference only ever slows a run down). Run
with ``make bench``; copy the figures into docs/performance.md.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import cxsim

ROOT = Path(__file__).resolve().parents[1]
POINT = {"simulation.horizon_days": 30, "simulation.warmup_days": 7}


def baseline_experiment() -> cxsim.Experiment:
    return cxsim.Experiment.from_options(
        ROOT / "scenarios" / "baseline.toml",
        [{"key": "customers.churn_unresolved", "range": [0.15, 0.35]},
         {"key": "recognition.praise_gain_factor", "range": [0.5, 3.0]}],
        [], ["customer_churn_rate_annual", "fcr"], samples=48, replications=2, seed=1, set=POINT)


def best_time(run, times: int = 2) -> float:
    best = float("inf")
    for _ in range(times):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            run(Path(tmp) / "e.h5")
            best = min(best, time.perf_counter() - start)
    return best


def instant(spec, seed, replication, outcomes):
    return {o.name: 0.0 for o in outcomes}


def main() -> None:
    exp = baseline_experiment()
    tasks = len(exp.design()) * exp.replications
    one = best_time(lambda out: cxsim.sweep(exp, out, workers=1))
    two = best_time(lambda out: cxsim.sweep(exp, out, workers=2))
    print(f"1. {tasks} tasks of 30 days: 1 worker {one:.2f} s ({3600 * tasks / one / exp.replications:,.0f} points "
          f"of {exp.replications} replications per hour), 2 workers {two:.2f} s "
          f"({3600 * tasks / two / exp.replications:,.0f} points per hour); speed-up {one / two:.2f}x")

    from distributed import Client, LocalCluster

    many = exp.with_options(samples=400)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        dask = best_time(lambda out: cxsim.sweep(exp, out, client=client))
        dask_dispatch = best_time(lambda out: cxsim.sweep(many, out, client=client, model=instant)) / 800
    local_dispatch = best_time(lambda out: cxsim.sweep(many, out, workers=2, model=instant)) / 800
    per_task = 2 * two / tasks  # a task's time on one of the 2 workers
    overhead = (dask - two) * 2 / tasks
    print(f"2. Dask LocalCluster(2): {dask:.2f} s against {two:.2f} s on 2 local processes: "
          f"{overhead * 1000:+.1f} ms per task, {overhead / per_task:+.1%} of a task's {per_task:.2f} s; "
          f"dispatch alone {dask_dispatch * 1000:.1f} ms per task on Dask ({dask_dispatch / per_task:.1%} of a "
          f"task), {local_dispatch * 1000:.1f} ms on local processes")

    sobol = cxsim.Experiment.from_options(
        ROOT / "scenarios" / "baseline.toml",
        [{"key": k, "range": r} for k, r in (("customers.churn_unresolved", [0.15, 0.35]),
                                             ("recognition.praise_gain_factor", [0.5, 3.0]),
                                             ("policy.compression_resolution_effect", [0.0, 5.0]))],
        [], ["customer_churn_rate_annual"], sampler="sobol", samples=2048, replications=1, set=POINT)
    start = time.perf_counter()
    design = sobol.design()
    drawn = time.perf_counter() - start
    start = time.perf_counter()
    for point in design:
        sobol.scenario_at(point).engine_spec()
    specs = time.perf_counter() - start
    machinery = best_time(lambda out: cxsim.sweep(sobol, out, threads=True, workers=2, model=instant), times=1)
    print(f"3. Sobol plan of {len(design):,} points: drawn in {drawn:.2f} s; scenarios and specs "
          f"{specs / len(design) * 1000:.2f} ms per point; the whole sweep with an instant model "
          f"{machinery:.1f} s ({machinery / len(design) * 1000:.2f} ms per task)")
    print(f"   machine: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
