"""The forge kit (issue 13.2): a blank notebook that swaps the probes for hand-made data earns 0.

For every assignment, the committed blank student notebook gets one cell more. It replaces the
probe side of grading by every route a notebook has been seen to use (the grading worker's
``run_checks`` found up the call stack, the hidden module's ``collect``, the loaded probes module,
and the standard library's ``importlib.util.spec_from_file_location`` that loads the probes file)
with functions that return, for each check, data of the schema the real probe returns: the
hidden inputs echoed back with every flag True, or, where the probe refuses an echoing notebook
or echoing changes nothing, the solution's own data with every list emptied and every flag True
(what ``zip()`` over lists of unchecked length used to accept), else its numbers zeroed, else
NaN (never the solution's data itself: that is the answer, not a forgery). Graded by both routes, the local ``autodiff-course grade`` and
the Gradescope entry point of the assignment's zip, it earns nothing on any check.

On 2026-12-02 the last route carried the forged data to the judges by both routes (their messages
answer it); the grader's own modules are reloaded after the cells, so the others did not.
``FORGE_ONLY=NAME,NAME`` forges only those assignments (to see one fail quickly).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

import fuzzing
from autodiff_course import paths

from helpers import with_cell

pytestmark = pytest.mark.slow

ASSIGNMENTS = [n for n in paths.available() if n in os.environ.get("FORGE_ONLY", n)]

FORGE_CELL = '''
import json, sys, types
FORGED = json.loads({forged!r})
def _forged_checks(spec, *args, **kwargs):
    return {{name: {{"ok": True, "data": FORGED.get(name)}} for name in spec["checks"]}}
frame = sys._getframe()
while frame is not None:  # the grading worker's globals, up the call stack
    if "run_checks" in frame.f_globals:
        frame.f_globals["run_checks"] = _forged_checks
    frame = frame.f_back
import autodiff_course.hidden as _hidden
_hidden.collect = lambda assignment, name, env: {{"ok": True, "data": FORGED.get(name)}}
_fake = types.ModuleType(f"{{_hidden.PACKAGE}}.a{name}.probes")
for _check, _data in FORGED.items():
    setattr(_fake, "probe_" + _check, lambda env, _data=_data: _data)
sys.modules[_fake.__name__] = _fake
import importlib.abc, importlib.util  # below the grader's modules: the stdlib function that loads the probes
_real_spec = importlib.util.spec_from_file_location
class _ForgedLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        for _check, _data in FORGED.items():
            setattr(module, "probe_" + _check, lambda env, _data=_data: _data)
def _spec(name, *args, **kwargs):
    spec = _real_spec(name, *args, **kwargs)
    if name.endswith(".probes") and spec is not None:
        spec.loader = _ForgedLoader()
    return spec
importlib.util.spec_from_file_location = _spec
'''


FORGERIES = ("echoed_inputs_flags_true", "lists_emptied_flags_true", "zeros_and_flags_true", "nan")
"""The fuzz cases a forged probe returns, the first that differs from the solution's own data
(that would be the right answer, not a forgery): a lone number has no list to empty."""


def forged_data(results: dict) -> dict:
    """check -> the forged datum (see the module's docstring)."""
    forged = {}
    for check, result in results.items():
        real, echo = result["real"]["data"], result["echo"]
        for case in FORGERIES:
            if case.startswith("echoed") and not echo["ok"]:
                continue
            datum = fuzzing.CASES[case](real, echo.get("data"))
            if json.dumps(datum) != json.dumps(real):
                forged[check] = datum
                break
    return forged


@pytest.fixture(scope="module")
def forged_notebooks(solution_run, tmp_path_factory):
    """Assignment -> the blank notebook with the forge cell, written to a folder of its own."""
    base = tmp_path_factory.mktemp("forge")
    made = {}
    for name in ASSIGNMENTS:
        blank = nbformat.read(paths.ROOT / "student_release" / name / f"{name}.ipynb", as_version=4)
        cell = FORGE_CELL.format(forged=json.dumps(forged_data(fuzzing.probe(solution_run(name)))), name=name)
        path = base / name / f"forged_{name}.ipynb"
        path.parent.mkdir()
        nbformat.write(with_cell(blank, cell), str(path))
        made[name] = path
    return made


def _grade_locally(name: str, notebook: Path) -> list[dict]:
    out = notebook.parent / "graded"
    code = ("import sys; from pathlib import Path; from autodiff_course.grade import batch\n"
            f"sys.exit(batch.main(assignment={name!r}, sources=[Path({str(notebook)!r})], out=Path({str(out)!r}),"
            " quiet=True, log=lambda *_: None))")
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, start_new_session=True, timeout=600)
    return list(csv.DictReader(open(out / "grades.csv"))) if (out / "grades.csv").exists() else []


def _grade_on_gradescope(name: str, notebook: Path) -> dict | None:
    """Unpack the assignment's zip as Gradescope does, with this package and these grading files
    in it (the engine and judges under test), and run its entry point."""
    root = notebook.parent / "gradescope" / "autograder"
    for folder in ("source", "submission", "results"):
        (root / folder).mkdir(parents=True)
    with zipfile.ZipFile(paths.ROOT / "autograder" / name / f"{name}-autograder.zip") as zf:
        zf.extractall(root / "source")
    files = root / "source" / "files"
    shutil.rmtree(files / "autodiff_course")
    shutil.copytree(Path(paths.__file__).parent, files / "autodiff_course", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(files / "grading" / name)
    shutil.copytree(paths.grading_dir(name), files / "grading" / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(notebook, root / "submission" / notebook.name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([sys.executable, str(root / "source" / "run_otter.py")], capture_output=True, text=True,
                   env=env, start_new_session=True, timeout=600)
    results = root / "results" / "results.json"
    return json.loads(results.read_text()) if results.exists() else None


@pytest.fixture(scope="module")
def graded(forged_notebooks):
    def both(name):
        notebook = forged_notebooks[name]
        return name, (_grade_locally(name, notebook), _grade_on_gradescope(name, notebook))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(both, ASSIGNMENTS))


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_forge_kit_earns_nothing_locally(graded, name):
    rows, _ = graded[name]
    assert len(rows) == 1, f"{name}: the local grader left no row for the forged notebook"
    assert float(rows[0]["total"]) == 0, f"{name}: forged probe data earned points locally: {rows[0]}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_forge_kit_earns_nothing_on_gradescope(graded, name):
    _, results = graded[name]
    assert results is not None, f"{name}: the autograder left no results.json"
    earned = {t["name"]: t["score"] for t in results["tests"] if t["score"]}
    assert not earned, f"{name}: forged probe data earned points on Gradescope: {earned}"
