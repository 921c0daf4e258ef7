"""What a results file holds, from its root's title: a run, a comparison or an explanation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

KINDS = ("run", "comparison", "explanation")


def kind_of(path: Path) -> str:
    """The kind of a cxsim results file (its seal checked first: a file cxsim did not write, or
    a damaged one, is refused before HDF5 parses it)."""
    import h5py

    from ._h5 import check_file
    from .compare import TITLE as COMPARISON
    from .explain import TITLE as EXPLANATION

    check_file(path, "results")
    with h5py.File(path, "r") as f:
        title = f.attrs.get("title")
    title = title.decode() if isinstance(title, bytes) else title
    return {COMPARISON: "comparison", EXPLANATION: "explanation"}.get(title, "run")


def open_any(path: Path) -> tuple[str, Any]:
    """``(kind, object)``: a run's :class:`Results`, a :class:`Comparison` or an :class:`Explanation`."""
    from .compare import open_comparison
    from .explain import open_explanation
    from .results import open_results

    kind = kind_of(path)
    return kind, {"run": open_results, "comparison": open_comparison, "explanation": open_explanation}[kind](path)
