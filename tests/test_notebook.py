"""The quickstart notebook runs clean from notebooks/ in this environment's Python, offline."""

from __future__ import annotations

import sys

# Required by the test extra: a missing one must fail, not skip.
import ipykernel  # noqa: E402,F401
import matplotlib  # noqa: E402,F401
import nbclient  # noqa: E402
import nbformat  # noqa: E402
import pytest

from .conftest import ROOT  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"
SYSTEMS = ("copy-source", "web-spinner-mt", "web-spinner-mt-repaired")


def _text(cell) -> str:
    """Everything a cell showed as text: streams and the plain-text form of results."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def test_committed_notebook_has_no_outputs_and_no_absolute_paths():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert str(ROOT) not in NOTEBOOK.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Not in the committed file: which interpreter the kernel runs (it must be this environment's).
    notebook.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)",
                                                    metadata={"tags": ["interpreter"]}))
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=120,
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()   # raises CellExecutionError, with the cell and its traceback, on any error
    return {cell.metadata.get("tags", [cell.id])[0]: cell for cell in notebook.cells}


def test_notebook_runs_in_this_environment(executed):
    assert _text(executed["interpreter"]).strip() == sys.prefix
    errors = [c for c in executed.values() for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    # nor any warning (a TqdmWarning about IProgress came from datasets' tqdm.auto without ipywidgets)
    stderr = [o["text"] for c in executed.values() for o in c.get("outputs", [])
              if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not stderr


def test_notebook_shows_the_key_tables(executed):
    systems = _text(executed["systems"])
    assert all(name in systems for name in SYSTEMS)
    assert "bleu" in systems and "chrf" in systems
    assert "spinner-news-en-fr: 5 documents, en->fr" in _text(executed["corpus"])
    # The web MT's insertions (0-1 links): ads and teasers the page added.
    assert "0-1" in _text(executed["segment-types"])
    assert any("image/png" in o.get("data", {}) for o in executed["plot"].outputs)
    assert "web-spinner-mt-repaired" in _text(executed["compare"])
    assert "num_rows: 15" in _text(executed["dataset"])
