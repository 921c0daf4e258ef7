"""Experiments: a base scenario, uncertainties and levers over its keys, outcomes, replications
and a root seed (the vocabulary of EMA Workbench), from an experiment TOML file or Python.

Points are every lever setting (a policy, the full factorial of the levers' values) under every
draw of the uncertainties (a scenario), policy-major: point = policy × (number of scenarios) +
scenario. Replication r of every point draws the streams of (seed, r), so differences between
points are paired (common random numbers).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._read import read_toml
from .errors import ScenarioError
from .optimise import Settings
from .optimise import parse as parse_optimise
from .sampling import DISTRIBUTIONS, SAMPLERS, Factor, Sample, sample
from .scenario import Scenario
from .schema import BY_KEY, Param

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd
    import xarray as xr
    from distributed import Client

    from .analysis import Box
    from .optimise import Optimisation

AGGREGATES = ("run", "final", "annualised", "daily")
KEYS = ("description", "scenario", "replications", "seed", "set", "sampler", "samples", "levels", "points",
        "uncertainties", "levers", "outcomes", "optimise")
FACTOR_KEYS = ("key", "range", "values", "distribution", "mode", "mean", "sd")


@dataclass(frozen=True)
class Outcome:
    """A KPI and how a replication reports it: ``run`` (over the run after the warm-up),
    ``final`` (the last simulated day), ``annualised`` (the run's value per 365 days), or
    ``daily`` (every simulated day's value, a series)."""

    kpi: str
    aggregate: str = "run"

    @property
    def name(self) -> str:
        return self.kpi if self.aggregate == "run" else f"{self.kpi}_{self.aggregate}"


@dataclass(frozen=True)
class Experiment:
    """An experiment; see the module's docstring and docs/experiments.md.

    Attributes:
        scenario: the base scenario (with ``overrides`` not yet applied).
        overrides: dotted keys set at every point (``set`` in the file), e.g. the horizon.
        uncertainties, levers: the factors; lever factors take their values list (or
            ``levels`` evenly spaced values of their range) in every combination.
        outcomes: what each replication of each point reports.
        sampler, samples, levels, points: how the uncertainties are drawn (see
            :func:`cxsim.sampling.sample`).
        optimise_settings: the objectives and constraints of :meth:`optimise` (the file's ``[optimise]``).
    """

    scenario: Scenario
    uncertainties: tuple[Factor, ...] = ()
    levers: tuple[Factor, ...] = ()
    outcomes: tuple[Outcome, ...] = (Outcome("customer_churn_rate_annual"),)
    replications: int = 4
    seed: int = 0
    sampler: str = "latin_hypercube"
    samples: int = 16
    levels: int = 4
    points: tuple[Mapping[str, Any], ...] = ()
    overrides: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""
    source: str = "<experiment>"
    optimise_settings: Settings | None = None

    @classmethod
    def load(cls, path: str | Path) -> Experiment:
        """Read and validate an experiment TOML file (its ``scenario`` is relative to it), or the
        experiment a sweep's results file holds."""
        from .experiment_store import is_experiment_file, stored_experiment

        path = Path(path)
        if is_experiment_file(path):
            return cls.from_toml(stored_experiment(path), str(path))
        return from_dict(read_toml(path, "experiment"), str(path), path.parent)

    @classmethod
    def from_toml(cls, text: str, source: str = "<experiment>") -> Experiment:
        """The experiment of :meth:`to_toml`'s text."""
        import tomllib

        raw = tomllib.loads(text)
        scenario = Scenario.from_dict(tomllib.loads(raw.pop("scenario_toml")), source)
        raw["seed"] = int(raw["seed"])
        return from_dict(raw, source, scenario=scenario)

    def with_options(self, **keys: Any) -> Experiment:
        """This experiment with some of the file's top-level keys replaced, validated as a file
        is: e.g. ``with_options(samples=8, replications=2)`` for a quick look."""
        import tomllib

        raw = tomllib.loads(self.to_toml())
        del raw["scenario_toml"]
        raw["seed"] = int(raw["seed"])
        return from_dict({**raw, **keys}, self.source, scenario=self.scenario)

    @classmethod
    def from_options(cls, scenario: Scenario | str | Path, uncertainties: Sequence[Mapping[str, Any]] = (),
                     levers: Sequence[Mapping[str, Any]] = (),
                     outcomes: Sequence[str | Mapping[str, Any]] = ("customer_churn_rate_annual",),
                     **options: Any) -> Experiment:
        """An experiment from Python, validated as a file is: factors as dicts with the file's
        keys (``{"key": ..., "range": [lo, hi]}`` or ``{"key": ..., "values": [...]}``), outcomes
        as KPI names or ``{"kpi": ..., "aggregate": ...}``, and the file's other keys."""
        base = scenario if isinstance(scenario, Scenario) else Scenario.load(scenario)
        raw = {"uncertainties": [dict(u) for u in uncertainties], "levers": [dict(v) for v in levers],
               "outcomes": [{"kpi": o} if isinstance(o, str) else dict(o) for o in outcomes], **options}
        return from_dict(raw, "<experiment>", scenario=base)

    # -- the design -----------------------------------------------------------------------------

    def policies(self) -> list[dict[str, Any]]:
        """Every lever setting (one empty policy without levers)."""
        grids = [f.levels(self.levels) for f in self.levers]
        return [dict(zip((f.key for f in self.levers), combo, strict=True)) for combo in itertools.product(*grids)]

    def draws(self) -> Sample:
        """The uncertainty draws (the same for every policy)."""
        return sample(list(self.uncertainties), self.sampler, self.samples, self.seed, self.levels,
                      [dict(p) for p in self.points])

    def design(self) -> list[dict[str, Any]]:
        """Every point's overrides, policy-major."""
        draws = self.draws().points
        return [{**policy, **draw} for policy in self.policies() for draw in draws]

    def to_toml(self) -> str:
        """The experiment as TOML, its base scenario resolved into ``scenario_toml``: the
        identity a sweep's work file is checked against before it resumes."""
        import tomli_w

        def factor(f: Factor) -> dict[str, Any]:
            if f.kind == "values":
                return {"key": f.key, "values": list(f.values)}
            extra = {k: v for k, v in (("mode", f.mode), ("mean", f.mean), ("sd", f.sd)) if v is not None}
            return {"key": f.key, "range": [f.low, f.high], "distribution": f.distribution, **extra}

        return tomli_w.dumps({
            "description": self.description, "replications": self.replications, "seed": str(self.seed),
            "sampler": self.sampler, "samples": self.samples, "levels": self.levels, "set": dict(self.overrides),
            "points": [dict(p) for p in self.points], "uncertainties": [factor(f) for f in self.uncertainties],
            "levers": [factor(f) for f in self.levers],
            "outcomes": [{"kpi": o.kpi, "aggregate": o.aggregate} for o in self.outcomes],
            **({} if self.optimise_settings is None else {"optimise": self.optimise_settings.to_table()}),
            "scenario_toml": self.scenario.to_toml()})

    def scenario_at(self, point: Mapping[str, Any]) -> Scenario:
        """The base scenario with the experiment's overrides and then the point's."""
        return self.scenario.with_overrides({**self.overrides, **point})

    # -- analyses of a finished sweep (cxsim.analysis) --------------------------------------------

    def results(self, results: str | Path | xr.Dataset) -> xr.Dataset:
        """This experiment's sweep results (a path or :func:`cxsim.open_experiment`'s Dataset)."""
        from .experiment_store import open_experiment

        ds = results if not isinstance(results, (str, Path)) else open_experiment(results)
        if ds.attrs.get("experiment") != self.to_toml():
            raise ScenarioError(f"{results if isinstance(results, (str, Path)) else 'results'}: the results of "
                                f"another experiment than {self.source}")
        return ds

    def summary(self, results: str | Path | xr.Dataset) -> pd.DataFrame:
        """Each scalar outcome under each policy, its mean with a 95% interval over the draws
        (:func:`cxsim.analysis.summary`)."""
        from .analysis import summary

        return summary(self, self.results(results))

    def sensitivity(self, results: str | Path | xr.Dataset) -> pd.DataFrame:
        """Sobol S1/ST or Morris μ*/σ of each outcome to each uncertainty, under each policy,
        with 95% intervals (:func:`cxsim.analysis.sensitivity`)."""
        from .analysis import sensitivity

        return sensitivity(self, self.results(results))

    def robustness(self, results: str | Path | xr.Dataset, baseline: int = 0) -> pd.DataFrame:
        """Each policy's paired effect against policy `baseline` across the uncertainty sample,
        and the share of draws where it lowers or raises each outcome (:func:`cxsim.analysis.robustness`)."""
        from .analysis import robustness

        return robustness(self, self.results(results), baseline)

    def optimise(self, workers: int = 0, threads: bool = False, client: Client | str | None = None,
                 progress: Callable[[int, int], None] | bool | None = None) -> Optimisation:
        """The lever settings best for the ``[optimise]`` objectives under its constraints, with
        95% intervals, and the search's history (:func:`cxsim.optimise.optimise`)."""
        from .optimise import optimise

        return optimise(self, workers, threads, client, progress)

    def discover(self, results: str | Path | xr.Dataset, policy: int, outcome: str, baseline: int = 0,
                 fails_when: str = "opposite") -> Box:
        """The region of the uncertainties where `policy` fails on `outcome` (PRIM;
        :func:`cxsim.analysis.discover`)."""
        from .analysis import discover

        return discover(self, self.results(results), policy, outcome, baseline, fails_when)


def from_dict(raw: Mapping[str, Any], source: str = "<experiment>", folder: Path | None = None,
              scenario: Scenario | None = None) -> Experiment:
    """An experiment from its TOML tables (the base `scenario` given, or read from the
    ``scenario`` path relative to `folder`); every mistake is one line naming `source` and the key."""
    err = _Errors(source)
    for key in raw:
        if key not in KEYS:
            raise err.unknown(key, KEYS)
    if scenario is None:
        where = raw.get("scenario")
        if not isinstance(where, str):
            raise err.bad("scenario", where, "the path of a scenario file, relative to the experiment file")
        scenario = Scenario.load((folder or Path(".")) / where)
    overrides = raw.get("set", {})
    if not isinstance(overrides, dict):
        raise err.bad("set", overrides, "a table of dotted scenario keys and values")
    try:
        scenario.with_overrides(overrides)
    except ScenarioError as e:
        raise ScenarioError(f"{source}: set: {e}") from None
    replications = err.integer("replications", raw.get("replications", 4), 1, 100_000)
    seed = err.integer("seed", raw.get("seed", 0), 0, 2**64 - 1)
    samples = err.integer("samples", raw.get("samples", 16), 1, 1_000_000)
    levels = err.integer("levels", raw.get("levels", 4), 2, 1000)
    sampler = raw.get("sampler", "latin_hypercube")
    if sampler not in SAMPLERS:
        raise err.bad("sampler", sampler, "one of " + ", ".join(f'"{s}"' for s in SAMPLERS))
    uncertainties = tuple(_factor(e, f"uncertainties[{i}]", err)
                          for i, e in enumerate(_tables(raw.get("uncertainties", []), "uncertainties", err)))
    levers = tuple(_factor(e, f"levers[{i}]", err)
                   for i, e in enumerate(_tables(raw.get("levers", []), "levers", err)))
    keys = [f.key for f in uncertainties + levers]
    for key in keys:
        if keys.count(key) > 1:
            raise err.bad("uncertainties", key, "each key once, as an uncertainty or a lever")
    points = tuple(_tables(raw.get("points", []), "points", err))
    if sampler == "points":
        if not points:
            raise err.bad("points", [], "a non-empty array of tables of uncertainty keys and values")
        for i, p in enumerate(points):
            if set(p) != {f.key for f in uncertainties}:
                raise err.bad(f"points[{i}]", sorted(p), "exactly the uncertainties' keys: " + ", ".join(
                    f.key for f in uncertainties))
    outcomes = tuple(_outcome(e, f"outcomes[{i}]", err)
                     for i, e in enumerate(_tables(raw.get("outcomes", []), "outcomes", err)))
    if not outcomes:
        raise err.bad("outcomes", [], "at least one [[outcomes]] table with a kpi")
    optimise = parse_optimise(raw.get("optimise"), [o.name for o in outcomes if o.aggregate != "daily"], err)
    experiment = Experiment(scenario, uncertainties, levers, outcomes, replications, seed, sampler, samples, levels,
                            points, overrides, str(raw.get("description", "")), source, optimise)
    for f in uncertainties + levers:  # the extremes of every factor make valid scenarios
        for value in (f.values if f.kind == "values" else (f.decode(f.low), f.decode(f.high))):
            try:
                experiment.scenario_at({f.key: value})
            except ScenarioError as e:
                raise ScenarioError(f"{source}: {f.key}: {value!r} makes the scenario invalid: {e}") from None
    return experiment


class _Errors:
    """One-line errors naming the experiment file, the key, the value and what is allowed."""

    def __init__(self, source: str):
        self.source = source

    def bad(self, key: str, value: Any, allowed: str) -> ScenarioError:
        text = repr(value).replace("'", '"')
        return ScenarioError(f"{self.source}: {key}: {text[:60]} is not allowed; allowed: {allowed}")

    def unknown(self, key: str, allowed: Sequence[str]) -> ScenarioError:
        return ScenarioError(f"{self.source}: {key}: unknown key; allowed: {', '.join(allowed)}")

    def integer(self, key: str, value: Any, low: int, high: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.bad(key, value, f"an integer >= {low} and <= {high}")
        return value


def _tables(value: Any, key: str, err: _Errors) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise err.bad(key, value, "an array of tables")
    return value


def schema_row(key: str) -> Param | None:
    """The schema row of a dotted key, also of an array entry (``call_types.billing.share``)."""
    if key in BY_KEY:
        return BY_KEY[key]
    for array in ("call_types", "customers.segments", "agents.shifts"):
        if key.startswith(array + "."):
            return BY_KEY.get(f"{array}[]." + key[len(array) + 1:].partition(".")[2])
    return None


def _factor(raw: dict[str, Any], where: str, err: _Errors) -> Factor:
    for key in raw:
        if key not in FACTOR_KEYS:
            raise err.unknown(f"{where}.{key}", FACTOR_KEYS)
    key = raw.get("key")
    p = schema_row(key) if isinstance(key, str) else None
    if p is None:
        raise err.bad(f"{where}.key", key, "a scenario key (see docs/scenarios.md)")
    if p.kind == "currency":  # the outcomes of every point must be in one currency
        raise err.bad(f"{where}.key", key, "a key that leaves the outcomes' units alone (set money.currency in "
                      "the scenario)")
    if "values" in raw:
        values = raw["values"]
        if not isinstance(values, list) or not values or len(set(map(repr, values))) != len(values):
            raise err.bad(f"{where}.values", values, "a non-empty list of different values")
        return Factor(key, "values", values=tuple(values))
    if p.kind not in ("int", "float"):
        raise err.bad(f"{where}.key", key, "a number key with a range, or any key with values = [...]")
    bounds = raw.get("range")
    if (not isinstance(bounds, list) or len(bounds) != 2 or not all(isinstance(b, (int, float)) and
                                                                   not isinstance(b, bool) for b in bounds)
            or not bounds[0] < bounds[1] or not (p.in_range(bounds[0]) and p.in_range(bounds[1]))
            or p.kind == "int" and not all(float(b).is_integer() for b in bounds)):
        raise err.bad(f"{where}.range", bounds, f"[low, high], low < high, each {p.allowed()}")
    low, high = float(bounds[0]), float(bounds[1])
    distribution = raw.get("distribution", "uniform")
    if distribution not in DISTRIBUTIONS:
        raise err.bad(f"{where}.distribution", distribution, "one of " + ", ".join(f'"{d}"' for d in DISTRIBUTIONS))
    mode, mean, sd = raw.get("mode"), raw.get("mean"), raw.get("sd")
    if distribution == "triangular" and not (isinstance(mode, (int, float)) and low <= mode <= high):
        raise err.bad(f"{where}.mode", mode, f"the peak of the triangular distribution, in [{low}, {high}]")
    if distribution == "normal" and not (isinstance(mean, (int, float)) and isinstance(sd, (int, float)) and sd > 0):
        raise err.bad(f"{where}.mean", mean, "a number, with sd > 0 (the normal is truncated to the range)")
    return Factor(key, "int" if p.kind == "int" else "real", low, high, (), distribution, mode, mean, sd)


def _outcome(raw: dict[str, Any], where: str, err: _Errors) -> Outcome:
    from . import _core

    kpis = [name for name, *_ in _core.metrics()]
    if raw.get("kpi") not in kpis:
        raise err.bad(f"{where}.kpi", raw.get("kpi"), "a KPI of docs/results.md")
    aggregate = raw.get("aggregate", "run")
    if aggregate not in AGGREGATES:
        raise err.bad(f"{where}.aggregate", aggregate, "one of " + ", ".join(f'"{a}"' for a in AGGREGATES))
    extra = set(raw) - {"kpi", "aggregate"}
    if extra:
        raise err.unknown(f"{where}.{sorted(extra)[0]}", ("kpi", "aggregate"))
    return Outcome(raw["kpi"], aggregate)
