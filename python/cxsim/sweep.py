"""Running an experiment: one task per (point, replication), on local worker processes (or
threads) or a Dask cluster, streamed into a resumable work file by this process alone.

A task is the engine's spec of a point, the root seed and a replication index: it draws the
streams of (seed, replication) whatever the point, so points are paired (common random
numbers), and it gives the same numbers wherever and however often it runs. On Dask each task
is keyed by the SHA-256 of its content, so a task lost with its worker is rerun to the same
result. The results do not depend on the executor, the number of workers or the order tasks
finish in.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ScenarioError
from .experiment import Experiment, Outcome
from .experiment_store import WorkFile, write_final

if TYPE_CHECKING:
    from distributed import Client

ProgressCallback = Callable[[int, int], None]
Model = Callable[[dict[str, Any], int, int, tuple[Outcome, ...]], dict[str, float]]
RETRIES = 3  # reruns of a Dask task whose worker died


def run_task(spec: dict[str, Any], seed: int, replication: int, outcomes: tuple[Outcome, ...]
             ) -> dict[str, float | list[float]]:
    """One replication of one point: each outcome's value (each day's, for a daily outcome)."""
    from . import _core
    from .results import from_core

    result = from_core(_core.run(spec, 1, seed, 1, "", False, False, {}, None, first_replication=replication),
                       None)
    horizon = spec["simulation"]["horizon_days"]
    reported_days = horizon - spec["simulation"]["warmup_days"]
    out = {}
    for o in outcomes:
        if o.aggregate == "daily":
            out[o.name] = [float(v) for v in result.daily[o.kpi].values[0]]
        elif o.aggregate == "final":
            out[o.name] = float(result.daily[o.kpi].values[0, -1])
        else:
            value = float(result.replications[o.kpi].values[0])
            out[o.name] = value * 365.0 / reported_days if o.aggregate == "annualised" else value
    return out


def sweep(experiment: Experiment | str | Path, output: str | Path, workers: int = 0, threads: bool = False,
          client: Client | str | None = None, overwrite: bool = False,
          progress: ProgressCallback | bool | None = None, model: Model | None = None) -> Path:
    """Run every (point, replication) of `experiment` not yet in ``<output>.partial`` and write
    `output` when all are done (see :mod:`cxsim.experiment_store`).

    Args:
        experiment: an :class:`Experiment` or the path of an experiment file.
        output: the experiment file to write; an unfinished sweep's ``<output>.partial`` is
            resumed if it belongs to the same experiment.
        workers: local worker processes (0: all cores).
        threads: run the tasks on threads of this process instead (the engine releases the
            GIL), e.g. where new processes cannot be started.
        client: a ``dask.distributed.Client``, or a scheduler's address (``tcp://host:port``),
            to run the tasks on its cluster instead.
        overwrite: replace an existing `output`.
        progress: ``True`` for a tqdm bar (in a notebook, its widget), or a callable called as
            ``progress(done, total)`` in (point, replication) tasks.
        model: what evaluates a task, ``model(spec, seed, replication, outcomes)`` (None: the
            engine, :func:`run_task`; a stand-in model for tests of the machinery).
    """
    from .api import output_path

    if not isinstance(experiment, Experiment):
        experiment = Experiment.load(experiment)
    model = model or run_task
    path = output_path(output, overwrite)
    design = experiment.design()
    total = len(design) * experiment.replications
    with Executor(workers, threads, client) as (submit, window):
        work = WorkFile(Path(f"{path}.partial"), experiment, len(design))
        try:
            todo = work.missing()
            with Reporter(progress, total) as report:
                report(total - len(todo))
                tasks = ((p, r, (experiment.scenario_at(design[p]).engine_spec(), experiment.seed, r,
                                 experiment.outcomes)) for p, r in todo)
                for (p, r), values in bounded(lambda args: submit(model, *args), tasks, window):
                    work.put(p, r, values)
                    report(len(work.done))
        finally:
            work.close()
    write_final(path, experiment, design, work)
    Path(f"{path}.partial").unlink()
    return path


class Executor:
    """``(submit, window)``: how tasks are submitted, and how many may be in flight."""

    def __init__(self, workers: int, threads: bool, client: Client | str | None):
        self.workers, self.threads, self.client, self.owned = workers, threads, client, None

    def __enter__(self) -> tuple[Callable[..., cf.Future], int]:
        if self.client is None:
            workers = self.workers or os.cpu_count() or 1
            self.pool = cf.ThreadPoolExecutor(workers) if self.threads else cf.ProcessPoolExecutor(workers, _spawn())
            return self.pool.submit, 4 * workers
        try:
            from distributed import Client
        except ImportError:
            raise ScenarioError("a Dask scheduler needs Dask: pip install 'cxsim[dask]'") from None
        client = self.client
        if isinstance(client, str):
            if not re.fullmatch(r"[a-z]+://\S+", client):
                raise ScenarioError(f"scheduler: {client!r} is not an address; allowed: tcp://host:port")
            client = self.owned = Client(client, set_as_default=False)
        self.pool = client.get_executor(retries=RETRIES)
        workers = max(1, sum(client.nthreads().values()))
        return (lambda fn, *args: self.pool.submit(fn, *args, key=task_key(fn, args))), 4 * workers

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=exc[0] is None)
        if self.owned is not None:
            self.owned.close()


def task_key(model: Model, args: tuple) -> str:
    """A task's Dask key: the SHA-256 of its arguments, and Dask's token of the model."""
    from dask.base import tokenize

    spec, seed, replication, outcomes = args
    content = json.dumps([spec, str(seed), replication, [[o.kpi, o.aggregate] for o in outcomes]], sort_keys=True)
    return f"cxsim-task-{hashlib.sha256(content.encode()).hexdigest()}-{tokenize(model)}"


class Reporter:
    """``report(done)`` for `progress`: a callback, a tqdm bar (``True``) or nothing."""

    def __init__(self, progress: ProgressCallback | bool | None, total: int, label: str = "sweep",
                 unit: str = "task"):
        self.progress, self.total, self.label, self.unit, self.bar = progress, total, label, unit, None

    def __enter__(self) -> Callable[[int], None]:
        if self.progress is True:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=self.total, unit=self.unit, desc=self.label)
            return lambda done: self.bar.update(done - self.bar.n)
        if callable(self.progress):
            return lambda done: self.progress(done, self.total)
        return lambda done: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _spawn():
    import multiprocessing

    return multiprocessing.get_context("spawn")  # no fork of a process with running threads


def bounded(submit: Callable[[tuple], cf.Future], tasks: Iterator[tuple[int, int, tuple]], window: int
             ) -> Iterator[tuple[tuple[int, int], dict[str, float]]]:
    """Results of `tasks` as they finish, with at most `window` in flight."""
    running: dict[cf.Future, tuple[int, int]] = {}
    try:
        for p, r, args in tasks:
            running[submit(args)] = (p, r)
            if len(running) >= window:
                finished, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for f in finished:
                    yield running.pop(f), f.result()
        for f in cf.as_completed(list(running)):
            yield running.pop(f), f.result()
    finally:
        for f in running:
            f.cancel()
