"""Helpers the project's tests share: staged copies, a solution run once per assignment, child-visible folders."""

from __future__ import annotations

import os
import shutil
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
