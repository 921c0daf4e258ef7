"""Analyses of a finished sweep: each outcome under each policy, global sensitivity (Sobol,
Morris), the robustness of a policy across the uncertainty sample, and scenario discovery
(PRIM) of where a policy fails.

Every analysis works on each point's outcome averaged over its replications (replication r of
every point shares its random streams, so differences between policies at one draw are paired).
The entry points are :meth:`cxsim.Experiment.summary`, :meth:`~cxsim.Experiment.sensitivity`,
:meth:`~cxsim.Experiment.robustness`
and :meth:`~cxsim.Experiment.discover`; docs/experiments.md describes the methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._units import shown_units
from .errors import ScenarioError
from .sampling import problem

if TYPE_CHECKING:
    import xarray as xr

    from .experiment import Experiment, Outcome

ANALYSED_BY = {"sobol": "sobol", "morris": "morris"}  # sampler -> the sensitivity analysis its design supports


def per_draw(experiment: Experiment, results: xr.Dataset, outcome: str) -> np.ndarray:
    """The outcome's replication mean, shape (policy, draw)."""
    values = results[outcome].values.mean(axis=1)
    return values.reshape(len(experiment.policies()), -1)


def scalar_outcomes(experiment: Experiment) -> list[Outcome]:
    """The outcomes with one value per replication (daily series are left to the user)."""
    return [o for o in experiment.outcomes if o.aggregate != "daily"]


def policy_labels(experiment: Experiment) -> list[str]:
    """Each policy's lever settings, as ``key=value, ...`` (``base`` without levers)."""
    return [", ".join(f"{k}={v}" for k, v in p.items()) or "base" for p in experiment.policies()]


def summary(experiment: Experiment, results: xr.Dataset) -> pd.DataFrame:
    """Every scalar outcome under each policy: its mean with the 95% Student-t interval over the
    draws (each draw's replication mean; over the replications when there is one draw), and the
    units. One row per (policy, outcome)."""
    from scipy import stats

    rows = []
    for o in scalar_outcomes(experiment):
        values = results[o.name].values.reshape(len(experiment.policies()), -1, experiment.replications)
        for label, v in zip(policy_labels(experiment), values, strict=True):
            over, units = ("draws", v.mean(axis=1)) if v.shape[0] > 1 else ("replications", v[0])
            n = len(units)
            half = stats.t.ppf(0.975, n - 1) * units.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
            rows.append({"policy": label, "outcome": o.name, "mean": units.mean(), "ci95_low": units.mean() - half,
                         "ci95_high": units.mean() + half, "over": over, "n": n,
                         "units": shown_units(results[o.name].attrs)})
    return pd.DataFrame(rows).set_index(["policy", "outcome"])


def sensitivity(experiment: Experiment, results: xr.Dataset) -> pd.DataFrame:
    """Sobol first and total order indices (sampler ``sobol``) or Morris μ*, σ (sampler
    ``morris``) of every outcome to every uncertainty, under each policy, with 95% confidence
    intervals (bootstrap; SALib), and the outcome's units. One row per (outcome, policy, factor)."""
    method = ANALYSED_BY.get(experiment.sampler)
    if method is None or not experiment.uncertainties:
        raise ScenarioError(f"{experiment.source}: sampler: {experiment.sampler!r} has no sensitivity analysis; "
                            "allowed: \"sobol\" or \"morris\", with uncertainties")
    factors = list(experiment.uncertainties)
    spec = problem(factors)
    labels = policy_labels(experiment)
    rows = []
    for o in scalar_outcomes(experiment):
        units = shown_units(results[o.name].attrs)
        for p, y in enumerate(per_draw(experiment, results, o.name)):
            if not np.all(np.isfinite(y)) or np.ptp(y) == 0:
                raise ScenarioError(f"{experiment.source}: outcome {o.name} does not vary (or is not finite) under "
                                    f"policy {labels[p]}: no sensitivity to analyse")
            if method == "sobol":
                from SALib.analyze import sobol

                s = sobol.analyze(spec, y, calc_second_order=False, seed=experiment.seed % 2**32)
                columns = {"S1": s["S1"], "S1_conf": s["S1_conf"], "ST": s["ST"], "ST_conf": s["ST_conf"]}
            else:
                from SALib.analyze import morris

                s = morris.analyze(spec, experiment.draws().matrix, y, num_levels=experiment.levels,
                                   seed=experiment.seed % 2**32)
                columns = {"mu_star": s["mu_star"], "mu_star_conf": s["mu_star_conf"], "sigma": s["sigma"],
                           "mu": s["mu"]}
            for i, f in enumerate(factors):
                rows.append({"outcome": o.name, "policy": labels[p], "factor": f.key,
                             **{k: float(v[i]) for k, v in columns.items()}, "units": units})
    return pd.DataFrame(rows).set_index(["outcome", "policy", "factor"])


def robustness(experiment: Experiment, results: xr.Dataset, baseline: int = 0) -> pd.DataFrame:
    """Each policy's paired effect against policy `baseline` on every outcome across the
    uncertainty sample: the mean effect with its 95% interval (over draws), the share of draws
    in which the policy lowers and raises the outcome, and where its effect has the opposite
    sign of its mean (PRIM's box, :func:`discover`). One row per (policy, outcome)."""
    from scipy import stats

    labels = policy_labels(experiment)
    if len(labels) < 2:
        raise ScenarioError(f"{experiment.source}: levers: a robustness analysis needs at least two policies")
    draws = _draws(experiment, results)
    values = {o.name: per_draw(experiment, results, o.name) for o in scalar_outcomes(experiment)}
    rows = []
    for p, label in enumerate(labels):
        if p == baseline:
            continue
        for o in scalar_outcomes(experiment):
            effect = values[o.name][p] - values[o.name][baseline]
            n = len(effect)
            half = stats.t.ppf(0.975, n - 1) * effect.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
            rows.append({"policy": label, "outcome": o.name, "effect": effect.mean(),
                         "ci95_low": effect.mean() - half, "ci95_high": effect.mean() + half,
                         "share_lower": float(np.mean(effect < 0)), "share_higher": float(np.mean(effect > 0)),
                         "draws": n, "fails_where": _fails_where(draws, effect)})
    return pd.DataFrame(rows).set_index(["policy", "outcome"])


@dataclass(frozen=True)
class Box:
    """A region of the uncertainty space found by PRIM: `limits` (factor → (low, high), only the
    factors it restricts), `support` (share of draws inside), `coverage` (share of the cases
    inside), `density` (share of the draws inside that are cases), and `base_rate` (the cases'
    share of all draws)."""

    limits: dict[str, tuple[float, float]]
    support: float
    coverage: float
    density: float
    base_rate: float

    def rule(self) -> str:
        return " and ".join(f"{lo:.4g} <= {k} <= {hi:.4g}" for k, (lo, hi) in self.limits.items()) or "everywhere"


def prim(x: pd.DataFrame, cases: np.ndarray, alpha: float = 0.05, min_support: float = 0.05) -> Box:
    """Friedman and Fisher's Patient Rule Induction Method: peel the share `alpha` of the draws
    off one side of one factor at a time, each time the peel that leaves the highest density of
    `cases`, while at least `min_support` of the draws remain; of the boxes on that trajectory,
    return the one with the highest coverage × density (the trade-off of Bryant and Lempert,
    2010), the largest where several tie."""
    cases = np.asarray(cases, dtype=bool)
    total = max(cases.sum(), 1)
    inside = np.ones(len(x), dtype=bool)
    restricted: tuple[str, ...] = ()
    best = (cases.mean(), inside, restricted)
    while inside.mean() > min_support and cases[inside].mean() < 1.0:
        peels = []
        for column in x.columns:
            values = x[column].to_numpy(dtype=float)
            low, high = np.quantile(values[inside], [alpha, 1 - alpha])
            lowest, highest = values[inside].min(), values[inside].max()
            # The alpha-quantile, or at least the lowest (highest) value where ties fill the quantile.
            for kept in (inside & (values >= low if low > lowest else values > lowest),
                         inside & (values <= high if high < highest else values < highest)):
                if 0 < kept.sum() < inside.sum() and kept.mean() >= min_support:
                    peels.append((cases[kept].mean(), kept.sum(), column, kept))
        if not peels:
            break
        _, _, column, inside = max(peels, key=lambda peel: peel[:2])
        restricted = restricted if column in restricted else (*restricted, column)
        score = cases[inside].sum() / total * cases[inside].mean()
        if score > best[0]:
            best = (score, inside, restricted)
    _, box, restricted = best
    limits = {c: (float(x[c][box].min()), float(x[c][box].max())) for c in restricted}
    return Box(limits, float(box.mean()), float(cases[box].sum() / total), float(cases[box].mean()),
               float(cases.mean()))


def discover(experiment: Experiment, results: xr.Dataset, policy: int, outcome: str, baseline: int = 0,
             fails_when: str = "opposite") -> Box:
    """The region of the uncertainties where `policy`'s paired effect on `outcome` against
    `baseline` fails: has the opposite sign of its mean effect (``opposite``), or is above or
    below zero (``above``, ``below``). Found by :func:`prim` on the numeric uncertainties."""
    draws = _draws(experiment, results)
    if draws.columns.empty:
        raise ScenarioError(f"{experiment.source}: uncertainties: scenario discovery needs a numeric uncertainty")
    values = per_draw(experiment, results, outcome)
    return _discover(draws, values[policy] - values[baseline], fails_when)


def _draws(experiment: Experiment, results: xr.Dataset) -> pd.DataFrame:
    """Each draw's numeric uncertainties, as the file's design holds them (the first policy's points)."""
    n = results.sizes["point"] // len(experiment.policies())
    return pd.DataFrame({f.key: results[f.key].values[:n] for f in experiment.uncertainties
                         if f.kind != "values" or all(isinstance(v, (int, float)) for v in f.values)})


def _discover(draws: pd.DataFrame, effect: np.ndarray, fails_when: str = "opposite") -> Box:
    sign = {"opposite": -np.sign(effect.mean()), "above": 1.0, "below": -1.0}[fails_when]
    return prim(draws, np.sign(effect) == sign)


def _fails_where(draws: pd.DataFrame, effect: np.ndarray) -> str:
    """Where the effect has the opposite sign of its mean, in words ("" if nowhere or no numeric uncertainty)."""
    if draws.columns.empty or not (np.sign(effect) == -np.sign(effect.mean())).any():
        return ""
    box = _discover(draws, effect)
    return f"{box.rule()} ({box.density:.0%} of draws there, {box.coverage:.0%} of all failures)"
