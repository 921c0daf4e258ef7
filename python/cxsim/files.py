"""What a results file holds, told by its root's title: a run, a comparison, an explanation or
an experiment (a sweep's results). The one place that maps titles to kinds."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def titles() -> dict[str, str]:
    """Each kind of results file by the root ``title`` its writer gives it."""
    from . import _core
    from .compare import TITLE as COMPARISON
    from .experiment_store import TITLE as EXPERIMENT
    from .explain import TITLE as EXPLANATION

    return {_core.RUN_TITLE: "run", COMPARISON: "comparison", EXPLANATION: "explanation", EXPERIMENT: "experiment"}


def kind_of(path: Path) -> str:
    """The kind of a cxsim results file (its seal checked first: a file cxsim did not write, or
    a damaged one, is refused before HDF5 parses it). Raises ValueError for another of cxsim's
    files (an optimisation's, say)."""
    import h5py

    from ._h5 import check_file

    check_file(path, "results")
    with h5py.File(path, "r") as f:
        title = f.attrs.get("title")
    title = title.decode() if isinstance(title, bytes) else title
    kinds = titles()
    if title not in kinds:
        *most, last = kinds.values()
        raise ValueError(f"{path}: a file titled {title!r} is not a results file; allowed: a {', '.join(most)} or "
                         f"{last} file")
    return kinds[title]


def open_any(path: Path) -> tuple[str, Any]:
    """``(kind, object)``: a run's :class:`Results`, a :class:`Comparison`, an :class:`Explanation`
    or an experiment's Dataset (:func:`cxsim.open_experiment`)."""
    from .compare import open_comparison
    from .experiment_store import open_experiment
    from .explain import open_explanation
    from .results import open_results

    kind = kind_of(path)
    opener = {"run": open_results, "comparison": open_comparison, "explanation": open_explanation,
              "experiment": open_experiment}[kind]
    return kind, opener(path)
