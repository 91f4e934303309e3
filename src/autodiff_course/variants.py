"""Grade one question's code in-process: the solution, kept correct variants and wrong mutants.

Executing a notebook costs seconds; exercising a variant costs milliseconds. So the project's
tests run a master's solution cells once into a namespace, swap one question's code for a
variant's, and run that question's tests (public and hidden) the way otter would.

Variants live beside the master::

    assignments/<NN_name>/variants/<question>/correct_<what>.py   must earn every point
    assignments/<NN_name>/variants/<question>/wrong_<what>.py     must lose a hidden point

Each file replaces the whole code of its question (every function the question asks for).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import nbformat

from . import paths
from .master import Master, read_master
from .otter_runtime import Test, call_test, strip_notebook_lines


@dataclass
class Outcome:
    test: str
    hidden: bool
    points: float
    passed: bool
    message: str = ""


def stage_support(name: str, into: Path, root: Path | None = None) -> Path:
    """Put the assignment's student-facing files in ``into`` as a release has them: support
    modules, and data made by its ``make_data.py`` (the master and the instructor's folders stay
    behind)."""
    source = paths.assignment_dir(name, root)
    into.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.name in {*paths.INSTRUCTOR_ONLY, "__pycache__"} or item.suffix == ".ipynb" or item.name == f"{name}.py":
            continue
        if item.is_dir():
            shutil.copytree(item, into / item.name)
        else:
            shutil.copy(item, into / item.name)
    if (into / "make_data.py").exists():
        subprocess.run([sys.executable, "make_data.py"], cwd=into, check=True)
    return into


@contextlib.contextmanager
def inside(path: Path) -> Iterator[Path]:
    """Work in ``path`` for the duration of the block."""
    old = Path.cwd()
    os.chdir(path)
    try:
        yield path
    finally:
        os.chdir(old)


@contextlib.contextmanager
def _importable_here() -> Iterator[None]:
    """Let cells import support modules from the working directory (as a kernel started there
    can), and forget those modules afterwards so another assignment's same-named module loads."""
    here = str(Path.cwd())
    sys.path.insert(0, here)
    try:
        yield
    finally:
        sys.path.remove(here)
        for module_name, module in list(sys.modules.items()):
            if str(getattr(module, "__file__", "") or "").startswith(here + os.sep):
                del sys.modules[module_name]


def _exec(source: str, env: dict, label: str) -> None:
    with _importable_here():
        exec(compile(strip_notebook_lines(source), label, "exec"), env)


def _fresh_env() -> dict:
    import matplotlib

    matplotlib.use("Agg")
    return {"__name__": "__main__"}


def solution_env(master: Master) -> dict:
    """Execute every solution code cell of ``master`` in order (in the current directory)."""
    env = _fresh_env()
    for index, (_owner, source) in enumerate(master.code_cells):
        _exec(source, env, f"<{master.name} cell {index}>")
    _close_figures()
    return env


def notebook_env(notebook_path: Path) -> tuple[dict, list[str]]:
    """Execute a (student) notebook's code cells, carrying on past errors as otter does.

    Returns the namespace and the errors met, one line per failing cell."""
    nb = nbformat.read(notebook_path, as_version=4)
    env = _fresh_env()
    errors = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        try:
            _exec(cell.source, env, f"<{notebook_path.name} cell {index}>")
        except Exception as exc:  # a blank notebook raises in many cells; that is expected
            errors.append(f"cell {index}: {type(exc).__name__}: {exc}")
    _close_figures()
    return env, errors


def _close_figures() -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


def run_test(test: Test, env: dict, assignment: str | None = None) -> Outcome:
    """Run one otter test on ``env``: a hidden test as its probe/judge pairs (``assignment``'s),
    any other test the way otter calls it (:func:`~.otter_runtime.call_test`)."""
    from . import hidden

    if test.checks and assignment is not None:
        messages = [hidden.judge(assignment, check, hidden.collect(assignment, check, env))
                    for check in test.checks]
        failed = [m for m in messages if m is not None]
        return Outcome(test.name, test.hidden, test.points, not failed, "; ".join(failed))
    try:
        call_test(test.name, test.source, env)
    except Exception as exc:
        return Outcome(test.name, test.hidden, test.points, False, f"{type(exc).__name__}: {exc}")
    return Outcome(test.name, test.hidden, test.points, True)


def grade_question(master: Master, question: str, env: dict) -> list[Outcome]:
    return [run_test(test, env, master.name) for test in master.question(question).tests]


def with_variant(env: dict, variant: Path) -> dict:
    """A copy of ``env`` in which the variant's code has replaced its question's code."""
    changed = dict(env)
    _exec(variant.read_text(), changed, str(variant))
    _close_figures()
    return changed


def variant_files(name: str, root: Path | None = None) -> dict[str, list[Path]]:
    """Question name -> variant files, for every question that has a variants folder."""
    base = paths.assignment_dir(name, root) / "variants"
    if not base.is_dir():
        return {}
    return {
        folder.name: sorted(folder.glob("*.py"))
        for folder in sorted(base.iterdir())
        if folder.is_dir()
    }


def is_correct(variant: Path) -> bool:
    if variant.name.startswith("correct_"):
        return True
    if variant.name.startswith("wrong_"):
        return False
    raise ValueError(f"{variant}: a variant's name starts with correct_ or wrong_")


def load(name: str, root: Path | None = None) -> Master:
    return read_master(name, root)
