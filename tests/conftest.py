"""Shared fixtures: a master's solution namespace, built once per assignment per session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from autodiff_course import variants  # noqa: E402
from autodiff_course.master import read_master  # noqa: E402


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


_RUNS: dict[str, SolutionRun] = {}


_CHILD_WRITABLE: list[Path] = []


def writable_by_children(prefix: str) -> Path:
    """A folder that grading children may write to and see: they run under their own uid when the
    tests run as root (pytest's own temporary folders are closed to other users), in an enclosure
    that shows only what ``AUTODIFF_CHILD_SHARE`` names. Removed at the end."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o777)
    _CHILD_WRITABLE.append(folder)
    # and visible to them: the grader's enclosure shows children only what it is told to share
    os.environ["AUTODIFF_CHILD_SHARE"] = os.pathsep.join(map(str, _CHILD_WRITABLE))
    return folder


@pytest.fixture(scope="session", autouse=True)
def grading_children_get_their_own_uid():
    """Test machines run as root with Python under /root, which other users cannot enter: open the
    path (pass-through only) as the Gradescope entry point does, so grading children run under
    their own uid here as they do there, and the isolation tests test it."""
    if os.geteuid() == 0:
        from autodiff_course.grade.engine import open_interpreter_path

        open_interpreter_path()
    yield
    for folder in _CHILD_WRITABLE:
        shutil.rmtree(folder, ignore_errors=True)
    os.environ.pop("AUTODIFF_CHILD_SHARE", None)


@pytest.fixture(scope="session")
def solution_run(tmp_path_factory):
    def get(name: str) -> SolutionRun:
        if name not in _RUNS:
            base = tmp_path_factory.mktemp(f"solution-{name}")
            _RUNS[name] = SolutionRun(name, base)
        return _RUNS[name]

    return get
