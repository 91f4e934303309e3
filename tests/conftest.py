"""Shared fixtures: a master's solution namespace, built once per assignment per session."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def solution_run(tmp_path_factory):
    def get(name: str) -> SolutionRun:
        if name not in _RUNS:
            base = tmp_path_factory.mktemp(f"solution-{name}")
            _RUNS[name] = SolutionRun(name, base)
        return _RUNS[name]

    return get
