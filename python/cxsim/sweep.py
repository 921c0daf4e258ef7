"""Running an experiment: one task per (point, replication), on local worker processes (or
threads), streamed into a resumable work file by this process alone.

A task is the engine's spec of a point, the root seed and a replication index: it draws the
streams of (seed, replication) whatever the point, so points are paired (common random
numbers), and it gives the same numbers wherever and however often it runs. The results do
not depend on the number of workers or the order tasks finish in.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .experiment import Experiment, Outcome
from .experiment_store import WorkFile, write_final

ProgressCallback = Callable[[int, int], None]


def run_task(spec: dict[str, Any], seed: int, replication: int, outcomes: tuple[Outcome, ...]) -> dict[str, float]:
    """One replication of one point: each outcome's value."""
    from . import _core
    from .results import from_core

    result = from_core(_core.run(spec, 1, seed, 1, "", False, False, {}, None, first_replication=replication),
                       None)
    horizon = spec["simulation"]["horizon_days"]
    reported_days = horizon - spec["simulation"]["warmup_days"]
    out = {}
    for o in outcomes:
        if o.aggregate == "final":
            out[o.name] = float(result.daily[o.kpi].values[0, -1])
        else:
            value = float(result.replications[o.kpi].values[0])
            out[o.name] = value * 365.0 / reported_days if o.aggregate == "annualised" else value
    return out


def sweep(experiment: Experiment | str | Path, output: str | Path, workers: int = 0, threads: bool = False,
          overwrite: bool = False, progress: ProgressCallback | None = None) -> Path:
    """Run every (point, replication) of `experiment` not yet in ``<output>.partial`` and write
    `output` when all are done (see :mod:`cxsim.experiment_store`).

    Args:
        experiment: an :class:`Experiment` or the path of an experiment file.
        output: the experiment file to write; an unfinished sweep's ``<output>.partial`` is
            resumed if it belongs to the same experiment.
        workers: worker processes (0: all cores).
        threads: run the tasks on threads of this process instead (the engine releases the
            GIL), e.g. where new processes cannot be started.
        overwrite: replace an existing `output`.
        progress: called as ``progress(done, total)`` in (point, replication) tasks.
    """
    from .api import output_path

    if not isinstance(experiment, Experiment):
        experiment = Experiment.load(experiment)
    path = output_path(output, overwrite)
    design = experiment.design()
    specs = [experiment.scenario_at(point).engine_spec() for point in design]
    work = WorkFile(Path(f"{path}.partial"), experiment, len(design))
    try:
        todo = work.missing()
        total = len(design) * experiment.replications
        if progress:
            progress(total - len(todo), total)
        workers = workers or os.cpu_count() or 1
        pool = cf.ThreadPoolExecutor(workers) if threads else cf.ProcessPoolExecutor(workers, _spawn())
        with pool:
            tasks = ((p, r, (specs[p], experiment.seed, r, experiment.outcomes)) for p, r in todo)
            for (p, r), values in _bounded(pool, tasks, 4 * workers):
                work.put(p, r, values)
                if progress:
                    progress(len(work.values), total)
        values = work.outcomes()
    finally:
        work.close()
    write_final(path, experiment, design, values)
    Path(f"{path}.partial").unlink()
    return path


def _spawn():
    import multiprocessing

    return multiprocessing.get_context("spawn")  # no fork of a process with running threads


def _bounded(pool: cf.Executor, tasks: Iterator[tuple[int, int, tuple]], window: int
             ) -> Iterator[tuple[tuple[int, int], dict[str, float]]]:
    """Results of `tasks` as they finish, with at most `window` in flight."""
    running: dict[cf.Future, tuple[int, int]] = {}
    try:
        for p, r, args in tasks:
            running[pool.submit(run_task, *args)] = (p, r)
            if len(running) >= window:
                finished, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for f in finished:
                    yield running.pop(f), f.result()
        for f in cf.as_completed(list(running)):
            yield running.pop(f), f.result()
    finally:
        for f in running:
            f.cancel()
