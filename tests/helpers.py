"""Helpers the project's tests share: staged copies, a solution run once per assignment, child-visible folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from autodiff_course import variants
from autodiff_course.master import read_master


def staged_copy(name: str, into: Path) -> Path:
    """The assignment's student-facing files (and generated data) in ``into``, as a release has them."""
    return variants.stage_support(name, into)


class SolutionRun:
    """The master's solution executed once in a scratch folder; variants run in fresh ones."""

    def __init__(self, name: str, base: Path):
        self.name = name
        self.master = read_master(name)
        self.base = base
        self.dir = staged_copy(name, base / "solution")
        with chdir(self.dir):
            self.env = variants.solution_env(self.master)

    def fresh_dir(self, label: str) -> Path:
        """A clean copy of the support files: nothing the solution wrote is in it."""
        return staged_copy(self.name, self.base / label)


chdir = variants.inside


RUNS: dict[str, SolutionRun] = {}


CHILD_WRITABLE: list[Path] = []


def writable_by_children(prefix: str) -> Path:
    """A folder that grading children may write to and see: they run under their own uid when the
    tests run as root (pytest's own temporary folders are closed to other users), in an enclosure
    that shows only what ``AUTODIFF_CHILD_SHARE`` names. Removed at the end."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o777)
    CHILD_WRITABLE.append(folder)
    # and visible to them: the grader's enclosure shows children only what it is told to share
    os.environ["AUTODIFF_CHILD_SHARE"] = os.pathsep.join(map(str, CHILD_WRITABLE))
    return folder


# --------------------------------------------------------------------------- notebooks to grade


def release_notebook(folder: str, name: str):
    """A committed notebook of ``name`` (``solutions`` or ``student_release``), as a student hands
    it in: code cells without outputs."""
    import nbformat

    from autodiff_course import paths

    nb = nbformat.read(paths.ROOT / folder / name / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def with_cell(nb, source: str, after: str | None = None):
    """A copy of ``nb`` with a code cell added after the first cell containing ``after`` (at the end
    when ``after`` is None)."""
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    index = len(nb.cells) - 1 if after is None else next(i for i, c in enumerate(nb.cells) if after in c.source)
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return nb


def with_code(nb, defining: str, source: str):
    """A copy of ``nb`` whose code cell containing ``defining`` holds ``source`` instead."""
    import copy

    nb = copy.deepcopy(nb)
    cell = next(c for c in nb.cells if c.cell_type == "code" and defining in c.source)
    cell.source = source
    return nb


def write_notebook(nb, path: Path) -> Path:
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# --------------------------------------------------------------------------- hidden checks


def probe_and_judge(assignment: str, check: str, env: dict) -> str | None:
    """One hidden check on ``env`` as the grader runs it: the judge's message, or None."""
    from autodiff_course import hidden

    return hidden.judge(assignment, check, hidden.collect(assignment, check, env))


def reseeder(monkeypatch, probes):
    """``apply(seed)``: draw the probes' hidden inputs (``probes.HIDDEN_SEED``) and collect's
    global seed from ``seed`` for the rest of the test."""
    import functools

    from autodiff_course import hidden

    original = hidden.seed_everything

    def apply(seed: int) -> None:
        monkeypatch.setattr(probes, "HIDDEN_SEED", seed)
        monkeypatch.setattr(hidden, "seed_everything", functools.partial(original, seed))

    return apply
