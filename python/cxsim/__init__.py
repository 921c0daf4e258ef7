"""cxsim: an agent-based, discrete-event contact-centre simulator.

>>> import cxsim
>>> scenario = cxsim.Scenario.load("scenarios/erlang_a.toml").with_overrides({"agents.count": 14})
>>> results = cxsim.run(scenario, replications=4, seed=1)
>>> results.summary().loc["abandon_rate"]  # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

from .api import run
from .compare import Comparison, compare
from .errors import ScenarioError
from .results import Results, open_results
from .scenario import Scenario

try:
    __version__ = version("cxsim")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0+unknown"

__all__ = ["Comparison", "Results", "compare", "Scenario", "ScenarioError", "open_results", "run", "__version__"]
