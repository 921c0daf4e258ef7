"""Optimisation of an experiment's levers: the settings that minimise or maximise outcomes
subject to constraints on others, in the experiment's base scenario.

Optuna proposes lever settings (TPE for one objective, NSGA-II for a Pareto front; both take
mixed real, integer and categorical levers and constraints, and are reproducible from a seed).
Every candidate is run with the same replications 0..R-1 of the root seed, so candidates are
compared under common random numbers. The best candidates (the finalists; the whole feasible
Pareto front with several objectives) are then run to ``final_replications`` and reported with
95% intervals, and the paired difference of each from the best says whether the replications
tell them apart. Described in docs/experiments.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .errors import ScenarioError

if TYPE_CHECKING:
    from distributed import Client

    from .experiment import Experiment, _Errors
    from .sweep import Model

DIRECTIONS = ("minimise", "maximise")
KEYS = ("objectives", "constraints", "trials", "finalists", "final_replications")
TITLE = "cxsim optimisation"


@dataclass(frozen=True)
class Objective:
    outcome: str
    direction: str = "minimise"


@dataclass(frozen=True)
class Constraint:
    """The outcome's mean must lie in [low, high] (either may be None)."""

    outcome: str
    low: float | None = None
    high: float | None = None

    def violation(self, mean: float) -> float:
        """How far `mean` is outside the bounds (≤ 0 inside: Optuna's convention)."""
        return max((self.low - mean) if self.low is not None else -math.inf,
                   (mean - self.high) if self.high is not None else -math.inf)


@dataclass(frozen=True)
class Settings:
    """The experiment file's ``[optimise]`` table."""

    objectives: tuple[Objective, ...]
    constraints: tuple[Constraint, ...] = ()
    trials: int = 30
    finalists: int = 3
    final_replications: int = 20

    def to_table(self) -> dict[str, Any]:
        """The ``[optimise]`` table of these settings."""
        return {"objectives": [{"outcome": o.outcome, "direction": o.direction} for o in self.objectives],
                "constraints": [{"outcome": c.outcome, **{k: v for k, v in (("min", c.low), ("max", c.high))
                                                          if v is not None}} for c in self.constraints],
                "trials": self.trials, "finalists": self.finalists, "final_replications": self.final_replications}


def parse(raw: Any, outcomes: list[str], err: _Errors) -> Settings | None:
    """The ``[optimise]`` table (None if absent), every mistake one line."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise err.bad("optimise", raw, "a table")
    for key in raw:
        if key not in KEYS:
            raise err.unknown(f"optimise.{key}", KEYS)
    named = "one of the outcomes: " + ", ".join(outcomes)
    listed = {k: raw.get(k, [] if k == "constraints" else None) for k in ("objectives", "constraints")}
    for key, value in listed.items():
        if not isinstance(value, list) or key == "objectives" and not value:
            raise err.bad(f"optimise.{key}", value, "an array of tables" + " (one or more)" * (key == "objectives"))
    objectives = []
    for i, o in enumerate(listed["objectives"]):
        if not isinstance(o, dict) or set(o) - {"outcome", "direction"} or o.get("outcome") not in outcomes:
            raise err.bad(f"optimise.objectives[{i}]", o, "{ outcome = ..., direction = ... } with outcome " + named)
        if o.get("direction", "minimise") not in DIRECTIONS:
            raise err.bad(f"optimise.objectives[{i}].direction", o["direction"], '"minimise" or "maximise"')
        objectives.append(Objective(o["outcome"], o.get("direction", "minimise")))
    constraints = []
    for i, c in enumerate(listed["constraints"]):
        bounds = {k: c.get(k) for k in ("min", "max")} if isinstance(c, dict) else {}
        if (not isinstance(c, dict) or set(c) - {"outcome", "min", "max"} or c.get("outcome") not in outcomes
                or all(v is None for v in bounds.values())
                or not all(v is None or isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                           for v in bounds.values())):
            raise err.bad(f"optimise.constraints[{i}]", c, "{ outcome = ..., min = ..., max = ... } (min, max or "
                          "both, finite) with outcome " + named)
        constraints.append(Constraint(c["outcome"], bounds["min"], bounds["max"]))
    return Settings(tuple(objectives), tuple(constraints),
                    err.integer("optimise.trials", raw.get("trials", 30), 1, 100_000),
                    err.integer("optimise.finalists", raw.get("finalists", 3), 1, 1000),
                    err.integer("optimise.final_replications", raw.get("final_replications", 20), 2, 100_000))


@dataclass(frozen=True)
class Optimisation:
    """An optimisation's answer.

    Attributes:
        history: one row per trial: its lever settings, each outcome's mean over the search's
            replications, and whether it met the constraints.
        finalists: one row per finalist (best first): its lever settings and, over
            ``final_replications``, each outcome's mean and 95% interval, the paired difference
            of the (first) objective from the best with its interval, and feasibility.
        best: the best finalist's lever settings (None if no candidate met the constraints).
    """

    experiment: Experiment
    history: pd.DataFrame
    finalists: pd.DataFrame
    best: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"best": self.best, "finalists": _records(self.finalists), "history": _records(self.history)}

    def write(self, path: str | Path, overwrite: bool = False) -> Path:
        """The history and the finalists as a netCDF-4 file (groups ``/history``, ``/finalists``;
        the experiment's TOML and the best settings as root attributes), written whole or not at all."""
        import json

        import xarray as xr

        from . import _core
        from ._h5 import sealed_output
        from .api import output_path

        path = output_path(path, overwrite)
        with sealed_output(path) as tmp:
            root = {"Conventions": _core.CONVENTIONS, "title": TITLE, "experiment": self.experiment.to_toml(),
                    "best": json.dumps(self.best), **_core.provenance()}
            xr.Dataset(attrs=root).to_netcdf(tmp, mode="w", engine="h5netcdf")
            for group, frame in (("history", self.history), ("finalists", self.finalists)):
                xr.Dataset.from_dataframe(frame.astype({c: str for c in frame.columns
                                                        if frame[c].dtype == object})).to_netcdf(
                    tmp, mode="a", group=group, engine="h5netcdf")
        return path


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
            for row in frame.reset_index().to_dict(orient="records")]


def optimise(experiment: Experiment, workers: int = 0, threads: bool = False, client: Client | str | None = None,
             progress: Callable[[int, int], None] | bool | None = None, model: Model | None = None) -> Optimisation:
    """Search the levers of `experiment` for its ``[optimise]`` objectives (see the module's docstring).

    Args:
        workers, threads, client: where the replications run, as for :func:`cxsim.sweep`.
        progress: ``True`` for a tqdm bar, or called as ``progress(done, total)`` in trials
            (the finalists' runs count as the last).
        model: what evaluates a task (None: the engine; a stand-in model for tests).
    """
    import optuna

    from .analysis import scalar_outcomes
    from .sweep import Executor, Reporter, bounded, run_task

    settings = experiment.optimise_settings
    if settings is None:
        raise ScenarioError(f"{experiment.source}: optimise: no [optimise] table with objectives")
    if not experiment.levers:
        raise ScenarioError(f"{experiment.source}: levers: nothing to optimise")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    cache: dict[tuple, dict[int, dict[str, float]]] = {}
    model = model or run_task
    total = settings.trials + 1
    with Executor(workers, threads, client) as (submit, window), \
            Reporter(progress, total, "optimise", "trial") as report:

        def evaluate(policy: Mapping[str, Any], replications: int) -> dict[str, np.ndarray]:
            """Each outcome's value in replications 0..replications-1 (run once each, cached)."""
            done = cache.setdefault(tuple(policy.values()), {})
            spec = experiment.scenario_at(policy).engine_spec()
            tasks = ((0, r, (spec, experiment.seed, r, experiment.outcomes))
                     for r in range(replications) if r not in done)
            for (_, r), values in bounded(lambda args: submit(model, *args), tasks, window):
                done[r] = values
            return {o.name: np.array([done[r][o.name] for r in range(replications)])
                    for o in scalar_outcomes(experiment)}

        directions = ["minimize" if o.direction == "minimise" else "maximize" for o in settings.objectives]
        sampler = (optuna.samplers.TPESampler(seed=experiment.seed % 2**32) if len(directions) == 1 else
                   optuna.samplers.NSGAIISampler(seed=experiment.seed % 2**32))
        study = optuna.create_study(directions=directions, sampler=sampler)
        rows, policies = [], []
        for t in range(settings.trials):
            trial = study.ask()
            policy = {f.key: _suggest(trial, f) for f in experiment.levers}
            policies.append(policy)
            means = {k: float(v.mean()) for k, v in evaluate(policy, experiment.replications).items()}
            violations = [c.violation(means[c.outcome]) for c in settings.constraints]
            for i, v in enumerate(violations):
                trial.set_constraint(f"constraint_{i}", v)
            study.tell(trial, [means[o.outcome] for o in settings.objectives])
            rows.append({"trial": t, **policy, **means, "feasible": all(v <= 0 for v in violations)})
            report(t + 1)
        history = pd.DataFrame(rows).set_index("trial")
        chosen = [policies[t] for t in _finalists(history, settings, [f.key for f in experiment.levers])]
        runs = [evaluate(policy, settings.final_replications) for policy in chosen]
        report(total)
    order = _rank(runs, settings)
    finalists = _summarise([chosen[i] for i in order], [runs[i] for i in order], settings)
    best = chosen[order[0]] if len(settings.objectives) == 1 and finalists["feasible"].iloc[0] else None
    return Optimisation(experiment, history, finalists, best)


def _suggest(trial, factor) -> Any:
    if factor.kind == "values":
        return trial.suggest_categorical(factor.key, list(factor.values))
    if factor.kind == "int":
        return trial.suggest_int(factor.key, int(factor.low), int(factor.high))
    return trial.suggest_float(factor.key, factor.low, factor.high)


def _finalists(history: pd.DataFrame, settings: Settings, levers: list[str]) -> list[int]:
    """The trials of the distinct feasible settings to run again: the best `finalists` by the
    objective, or the Pareto front of several objectives (among all trials if none is feasible)."""
    distinct = history.drop_duplicates(subset=levers)
    feasible = distinct[distinct["feasible"]] if distinct["feasible"].any() else distinct
    signs = [1.0 if o.direction == "minimise" else -1.0 for o in settings.objectives]
    scores = np.column_stack([s * feasible[o.outcome].to_numpy() for s, o in zip(signs, settings.objectives,
                                                                                 strict=True)])
    if len(signs) == 1:
        order = np.argsort(scores[:, 0], kind="stable")[:settings.finalists]
    else:
        dominated = [any(np.all(other <= s) and np.any(other < s) for other in scores) for s in scores]
        front = [i for i in range(len(scores)) if not dominated[i]]
        order = sorted(front, key=lambda i: scores[i, 0])
    return [int(feasible.index[i]) for i in order]


def _feasible(run: dict[str, np.ndarray], settings: Settings) -> bool:
    return all(c.violation(run[c.outcome].mean()) <= 0 for c in settings.constraints)


def _rank(runs: list[dict[str, np.ndarray]], settings: Settings) -> list[int]:
    """The finalists' order over the final replications: feasible first, then by the first objective."""
    first = settings.objectives[0]
    sign = 1.0 if first.direction == "minimise" else -1.0
    return sorted(range(len(runs)), key=lambda i: (not _feasible(runs[i], settings),
                                                  sign * runs[i][first.outcome].mean()))


def _summarise(chosen: list[dict[str, Any]], runs: list[dict[str, np.ndarray]], settings: Settings) -> pd.DataFrame:
    """Each finalist's outcomes with 95% intervals over the final replications, in the given
    order, and the paired difference of the first objective from the first finalist's."""
    from scipy import stats

    first = settings.objectives[0].outcome
    n = settings.final_replications
    t = stats.t.ppf(0.975, n - 1)

    def interval(x: np.ndarray) -> tuple[float, float, float]:
        half = t * x.std(ddof=1) / math.sqrt(n)
        return float(x.mean()), float(x.mean() - half), float(x.mean() + half)

    rows = []
    for rank, (policy, run) in enumerate(zip(chosen, runs, strict=True)):
        row: dict[str, Any] = {"rank": rank, **policy}
        for name, values in run.items():
            row[name], row[f"{name}_ci95_low"], row[f"{name}_ci95_high"] = interval(values)
        row["diff_from_best"], row["diff_ci95_low"], row["diff_ci95_high"] = interval(run[first] - runs[0][first])
        row["feasible"] = _feasible(run, settings)
        rows.append(row)
    return pd.DataFrame(rows).set_index("rank")
