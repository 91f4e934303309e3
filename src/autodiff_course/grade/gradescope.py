"""Gradescope: the autograder zip runs this engine instead of otter's in-process runner.

The build replaces the zip's ``run_otter.py`` (which otter's ``run_autograder`` calls) with
:data:`ENTRY_POINT`. It grades ``/autograder/submission`` exactly as ``autodiff-course grade``
does (child process, limits, judges outside the student's process) and writes
``/autograder/results/results.json``. Paths are found from the entry file's own place, so a test
can unpack the zip into any folder laid out as ``source/``, ``submission/``, ``results/``.
"""

from __future__ import annotations

import json
import os
import tempfile
import traceback
from pathlib import Path

from . import engine, release as release_mod, submissions
from .files import write_json
from .sandbox import open_interpreter_path, protect_grading
from .settings import Limits

ENTRY_POINT = '''\
"""Gradescope entry point (written by autodiff-course's build): grade the submission with the
course's own engine: the student's notebook runs in a child process, the judges run here."""

import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent
sys.path.insert(0, str(SOURCE / "files"))

from autodiff_course.grade.gradescope import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(SOURCE.parent))
'''

def zip_metadata(student_notebook: Path) -> bytes:
    """``grading.json`` for the zip: what the engine reads from the student release locally (the
    questions' order and the placeholder contributors), since the zip holds no student notebook."""
    meta = {
        "question_order": release_mod.notebook_order(student_notebook),
        "placeholder_contributors": release_mod.placeholder_contributors(student_notebook),
        "imports": sorted(set(release_mod.notebook_imports(student_notebook))),
    }
    return (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode()


LIMITS = Limits()
"""Gradescope stops an autograder after its own limit (10 minutes unless set); the defaults stay well below."""


def _submission(folder: Path, assignment: str) -> submissions.Submission:
    """Whatever the student uploaded, as one submission: a notebook, an export zip, or both."""

    def load():
        found = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in {".ipynb", ".zip"}
                       and ".ipynb_checkpoints" not in p.parts and "__MACOSX" not in p.parts)
        notebooks = [p for p in found if p.suffix.lower() == ".ipynb"]
        for group in (notebooks, [p for p in found if p.suffix.lower() == ".zip"]):
            if not group:
                continue
            choice = submissions.pick([p.name for p in group], assignment)
            chosen = group[-1] if choice is None else group[choice]
            return submissions._file_loader(chosen, assignment)()
        raise submissions.SubmissionError("the submission holds no notebook (.ipynb) or zip made by the export cell")

    return submissions.Submission(id="submission", source=str(folder), loader=load)


def main(root: Path | str = "/autograder") -> int:
    root = Path(root)
    target = root / "results" / "results.json"
    try:
        if os.geteuid() == 0:  # the image keeps conda under /root: let the notebook's own uid reach it
            open_interpreter_path()
        release = release_mod.gradescope(root / "source")
        if os.geteuid() == 0:  # the judges: the grader's alone, with or without an enclosure
            protect_grading(release.grading)
        sub = _submission(root / "submission", release.assignment)
        with tempfile.TemporaryDirectory(prefix="gradescope-") as tmp:
            engine.run(release, [sub], Path(tmp), jobs=1, force=True, limits=LIMITS)
            results = json.loads((Path(tmp) / sub.id / "results.json").read_text())
        # Gradescope has its own groups: the Canvas-credit notes mean nothing to students there
        results["output"] = "\n".join(line for line in results["output"].splitlines() if "CONTRIBUTORS" not in line)
    except Exception:  # the grader itself failed: say so to the student, keep the details hidden
        results = {
            "score": 0,
            "output": "The autograder failed on this submission. Please tell your instructor.",
            "stdout_visibility": "hidden",
            "tests": [{"name": "Autograder error", "score": 0, "max_score": 0, "visibility": "hidden",
                       "output": traceback.format_exc()[-4000:]}],
        }
    write_json(target, results)
    return 0
