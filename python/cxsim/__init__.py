"""cxsim: an agent-based, discrete-event contact-centre simulator.

>>> import cxsim
>>> scenario = cxsim.Scenario.load("scenarios/erlang_a.toml").with_overrides({"agents.count": 14})
>>> results = cxsim.run(scenario, replications=4, seed=1)
>>> results.summary().loc["abandon_rate"]  # doctest: +SKIP
"""

from typing import Any

from .api import run
from .compare import Comparison, compare, open_comparison
from .errors import ScenarioError, ScenarioWarning
from .experiment import Experiment
from .experiment_store import open_experiment
from .explain import Explanation, explain, open_explanation
from .export import export
from .report import report
from .results import Results, open_results
from .scenario import Scenario
from .sweep import sweep

__all__ = ["Comparison", "Experiment", "Explanation", "Results", "compare", "explain", "export", "Scenario",
           "ScenarioError", "ScenarioWarning", "open_comparison", "open_experiment", "open_explanation", "open_results",
           "report", "run", "sweep", "__version__"]


def __getattr__(name: str) -> Any:
    """``__version__``, read from the package metadata on first use (it is slow to import)."""
    if name != "__version__":
        raise AttributeError(f"module 'cxsim' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cxsim")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"
