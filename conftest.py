"""Fixtures for every test folder (``tests/`` and each assignment's ``tests/``)."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

import helpers  # noqa: E402  (tests/ is on the path: pyproject's pytest pythonpath)


@pytest.fixture(scope="session", autouse=True)
def grading_children_get_their_own_uid():
    """Test machines run as root with Python under /root, which other users cannot enter: open the
    path (pass-through only) as the Gradescope entry point does, so grading children run under
    their own uid here as they do there, and the isolation tests test it."""
    if os.geteuid() == 0:
        from autodiff_course.grade.engine import open_interpreter_path

        open_interpreter_path()
    yield
    for folder in helpers.CHILD_WRITABLE:
        shutil.rmtree(folder, ignore_errors=True)
    os.environ.pop("AUTODIFF_CHILD_SHARE", None)


@pytest.fixture(scope="session")
def solution_run(tmp_path_factory):
    def get(name: str) -> helpers.SolutionRun:
        if name not in helpers.RUNS:
            base = tmp_path_factory.mktemp(f"solution-{name}")
            helpers.RUNS[name] = helpers.SolutionRun(name, base)
        return helpers.RUNS[name]

    return get
