"""Every notebook in notebooks/ runs from top to bottom without an error."""

import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    # execute() raises CellExecutionError at the first cell that fails (allow_errors is off).
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    # A matplotlib Figure left as a cell's value is drawn only under `%matplotlib inline`, else it shows as text.
    shown = [o["data"] for cell in nb.cells for o in cell.get("outputs", []) if "data" in o]
    as_text = [d["text/plain"] for d in shown if d.get("text/plain", "").startswith("<Figure") and "image/png" not in d]
    assert not as_text, f"figures shown as text, not drawn (%matplotlib inline missing?): {as_text}"


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"
    assert os.path.exists(ROOT / "notebooks" / "01_quickstart.ipynb")
