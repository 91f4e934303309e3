"""Notebook intake: a submission's bytes, their digest, and the notebook parsed (or why not)."""

from __future__ import annotations

import hashlib
import json
import re

from ..otter_runtime import KERNELSPEC
from .submissions import Submission, SubmissionError


class NotebookError(Exception):
    """The submitted file is not a notebook we can run."""


def digest(sub: Submission) -> tuple[str, bytes | None, str, str]:
    """(digest, notebook bytes or None, notebook name, load error)."""
    try:
        name, data = sub.load()
    except SubmissionError as error:
        return "error:" + hashlib.sha256(str(error).encode()).hexdigest()[:16], None, "", str(error)
    except OSError as error:
        return "error:oserror", None, "", f"the submission could not be read ({error.strerror or error})"
    except Exception as error:  # an unpacking library's own failure: this submission's, not the batch's
        why = f"the submission could not be read ({type(error).__name__}: {str(error)[:200]})"
        return "error:" + hashlib.sha256(why.encode()).hexdigest()[:16], None, "", why
    return hashlib.sha256(data).hexdigest()[:16], data, name, ""


def parse_notebook(data: bytes):
    """Bytes -> an nbformat 4 notebook with a standard Python kernel, or :class:`NotebookError`."""
    import nbformat

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotebookError("the notebook is not UTF-8 text") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"the notebook is not valid JSON ({error.msg.rstrip(': ').removesuffix(' at')} at line {error.lineno} column {error.colno}); "
                            "it was probably damaged when saved or edited by hand") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells", raw.get("worksheets")), list):
        raise NotebookError("the file is JSON but not a notebook (it has no list of cells)")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several kinds for odd notebooks
        raise NotebookError(f"the notebook could not be read ({type(error).__name__})") from None
    for cell in nb.cells:
        if not isinstance(cell.get("source", ""), str):
            raise NotebookError("a cell of the notebook has no readable source")
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


_OTTER_NOTEBOOK = re.compile(r"""(?:otter|course_notebook)\.Notebook\(\s*["'](\d\d_[A-Za-z0-9_]+)\.ipynb["']""")  # an assignment's own name


def notebook_assignment(nb) -> tuple[str, str]:
    """(the assignment a notebook belongs to, how that is known), ("", "") when it does not say.

    First the notebook's metadata, which otter assign writes into every student notebook
    (``metadata.otter.assignment_name``) and which no renaming, copying or first-cell edit
    changes; then, for a notebook whose metadata was lost (cells pasted into a new notebook), an
    assignment's name (``NN_name``) in an ``otter.Notebook("<name>.ipynb")`` line. The file name
    is never evidence."""
    otter = nb.metadata.get("otter")
    name = otter.get("assignment_name") if isinstance(otter, dict) else None
    if isinstance(name, str) and name.strip():
        return name.strip(), "its metadata"
    for cell in nb.cells:
        if cell.cell_type == "code":
            for found in _OTTER_NOTEBOOK.findall(cell.source):
                return found, f"its otter.Notebook(\"{found}.ipynb\") line"
    return "", ""


def wrong_assignment(nb, assignment: str) -> str:
    """Why a notebook is another assignment's, in plain words ("" when it is this one's or does not say)."""
    name, evidence = notebook_assignment(nb)
    if not name or name == assignment:
        return ""
    return (f"this is the notebook of {name[:80]} ({evidence} says so), not of {assignment}; it was not run: "
            f"ask the student to submit their {assignment} notebook")
