"""Samplers of an experiment's uncertainties and levers: full factorial, Latin hypercube, Sobol
(Saltelli's scheme), Morris trajectories and explicit point lists.

A factor is one scenario key with a real or integer range (and a distribution) or a list of
values. Latin hypercube, Sobol and Morris come from SALib, which samples every factor as a real
number: an integer factor is sampled on [low, high + 1) and floored, a list of k values on
[0, k) and floored to an index, so every integer and every value is equally likely.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

SAMPLERS = ("full_factorial", "latin_hypercube", "sobol", "morris", "points")
DISTRIBUTIONS = ("uniform", "triangular", "normal")


@dataclass(frozen=True)
class Factor:
    """One uncertainty or lever: `key` over `low`..`high` (kind "real" or "int") with a
    distribution, or one of `values` (kind "values")."""

    key: str
    kind: str
    low: float | None = None
    high: float | None = None
    values: tuple[Any, ...] = ()
    distribution: str = "uniform"
    mode: float | None = None  # triangular: the peak
    mean: float | None = None  # normal, truncated to low..high
    sd: float | None = None

    def salib(self) -> tuple[list[float], str]:
        """Bounds and SALib distribution code of the real number this factor is sampled as."""
        if self.kind == "values":
            return [0.0, float(len(self.values))], "unif"
        high = self.high + 1.0 if self.kind == "int" else self.high
        if self.distribution == "triangular":
            return [self.low, high, (self.mode - self.low) / (high - self.low)], "triang"
        if self.distribution == "normal":
            return [self.low, high, self.mean, self.sd], "truncnorm"
        return [self.low, high], "unif"

    def decode(self, x: float) -> Any:
        """The factor's value for SALib's real number `x`."""
        if self.kind == "values":
            return self.values[min(int(math.floor(x)), len(self.values) - 1)]
        if self.kind == "int":
            return int(min(math.floor(x), self.high))
        return float(x)

    def levels(self, n: int) -> list[Any]:
        """`n` evenly spaced values from low to high (every integer if there are fewer), or every value."""
        if self.kind == "values":
            return list(self.values)
        if self.kind == "int" and self.high - self.low + 1 <= n:
            return list(range(int(self.low), int(self.high) + 1))
        grid = np.linspace(self.low, self.high, n) if n > 1 else np.array([(self.low + self.high) / 2])
        return [int(round(v)) for v in grid] if self.kind == "int" else [float(v) for v in grid]


def problem(factors: list[Factor]) -> dict[str, Any]:
    """SALib's problem dict for `factors`."""
    bounds, dists = zip(*(f.salib() for f in factors), strict=True)
    return {"num_vars": len(factors), "names": [f.key for f in factors], "bounds": list(bounds),
            "dists": list(dists)}


@dataclass(frozen=True)
class Sample:
    """Sampled points: `points[i]` maps each factor's key to its value; `matrix` holds the real
    numbers SALib drew (None for full factorial and explicit points), which Sobol and Morris
    analyses need."""

    points: list[dict[str, Any]]
    matrix: np.ndarray | None


def sample(factors: list[Factor], method: str, n: int, seed: int, levels: int = 4,
           explicit: list[dict[str, Any]] | None = None) -> Sample:
    """Draw the points of `factors` with `method` (one of SAMPLERS).

    `n` is the number of points (Latin hypercube), the base sample N giving N·(D + 2) points
    (Sobol, first and total order), the number of trajectories giving n·(D + 1) points (Morris,
    on `levels` levels), or the levels per real factor (full factorial).
    """
    if not factors:
        return Sample([{}], None)
    if method == "points":
        return Sample([dict(p) for p in explicit or []], None)
    if method == "full_factorial":
        grids = [f.levels(n) for f in factors]
        return Sample([dict(zip((f.key for f in factors), combo, strict=True)) for combo in itertools.product(*grids)],
                      None)
    spec = problem(factors)
    if method == "latin_hypercube":
        from SALib.sample import latin

        matrix = latin.sample(spec, n, seed=seed)
    elif method == "sobol":
        from SALib.sample import sobol

        matrix = sobol.sample(spec, n, calc_second_order=False, seed=seed)
    elif method == "morris":
        from SALib.sample import morris

        matrix = morris.sample(spec, n, num_levels=levels, seed=seed)
    else:
        raise ValueError(f"unknown sampler {method!r}; one of {', '.join(SAMPLERS)}")
    points = [{f.key: f.decode(x) for f, x in zip(factors, row, strict=True)} for row in matrix]
    return Sample(points, matrix)
