"""The notebooks under notebooks/ run from top to bottom on the bundled examples and draw their plots."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"


@pytest.mark.parametrize(
    ("name", "plots"),
    [("01_decisions_per_organ_and_month.ipynb", 1), ("02_parties_and_case_durations.ipynb", 2)],
    ids=["decisions-per-organ-and-month", "parties-and-case-durations"],
)
def test_notebook_runs_on_the_examples(name: str, plots: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert sorted((ROOT / "examples").glob("*.txt")), "the notebooks read the bundled examples"
    monkeypatch.delenv("BESLUTSPARSER_DB", raising=False)
    monkeypatch.delenv("BESLUTSPARSER_SOURCE", raising=False)
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == plots
    tables = [o for o in outputs if "text/html" in o.get("data", {})]
    assert tables, "the notebook shows its tables"


def test_notebooks_are_stored_without_outputs() -> None:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), Path(path).name
