"""Shared fixtures: paths of the repository, its scenarios and the shared research data."""

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def scenarios() -> Path:
    return SCENARIOS


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
