"""Choosing the baseline's warm-up: MSER-5 (White 1997; Hoad, Robinson & Davies 2010) on the
daily service level, abandonment and occupancy of the baseline, averaged over replications
(Welch's method's first step), started with no warm-up. Prints the truncation point of each
series in days; docs/model.md ("Steady state and warm-up") quotes the result.

    python bench/warmup.py [--days 182] [--replications 8]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import cxsim

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "baseline.toml"
SERIES = ("service_level", "abandon_rate", "occupancy", "fcr")


def mser5(series: np.ndarray) -> int:
    """The truncation (in observations) minimising MSER over batch means of 5: the d that
    minimises sum((Y_i - mean(Y_d:))^2) / (n - d)^2 over the batches, searched in the first half."""
    batches = series[: len(series) // 5 * 5].reshape(-1, 5).mean(1)
    n = len(batches)
    scores = [((batches[d:] - batches[d:].mean()) ** 2).sum() / (n - d) ** 2 for d in range(n // 2)]
    return int(np.argmin(scores)) * 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=182)
    parser.add_argument("--replications", type=int, default=8)
    args = parser.parse_args()
    scenario = cxsim.Scenario.load(SCENARIO).with_overrides(
        {"simulation.horizon_days": args.days, "simulation.warmup_days": 0})
    daily = cxsim.run(scenario, replications=args.replications, seed=7).daily
    weekdays = np.arange(args.days) % 7 < 5  # weekends are a different regime: weekdays only
    for name in SERIES:
        series = daily[name].mean("replication").values[weekdays]
        cut = mser5(series)
        print(f"{name:15s} MSER-5 truncation: {cut:3d} weekdays (~{cut * 7 / 5:.0f} days)")


if __name__ == "__main__":
    main()
