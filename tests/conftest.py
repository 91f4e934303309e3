"""Shared fixtures: a master's solution namespace, built once per assignment per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from autodiff_course import paths, variants  # noqa: E402
from autodiff_course.master import read_master  # noqa: E402


def staged_copy(name: str, into: Path) -> Path:
    """The assignment's student-facing files (and generated data) in ``into``, as a release has them."""
    source = paths.assignment_dir(name)
    into.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.name in {"variants", "__pycache__"} or item.suffix == ".ipynb" or item.name == f"{name}.py":
            continue
        if item.is_dir():
            shutil.copytree(item, into / item.name)
        else:
            shutil.copy(item, into / item.name)
    if (into / "make_data.py").exists():
        subprocess.run([sys.executable, "make_data.py"], cwd=into, check=True)
    return into


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


class chdir:
    def __init__(self, path: Path):
        self.path, self.old = path, None

    def __enter__(self):
        self.old = Path.cwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        os.chdir(self.old)


_RUNS: dict[str, SolutionRun] = {}


@pytest.fixture(scope="session")
def solution_run(tmp_path_factory):
    def get(name: str) -> SolutionRun:
        if name not in _RUNS:
            base = tmp_path_factory.mktemp(f"solution-{name}")
            _RUNS[name] = SolutionRun(name, base)
        return _RUNS[name]

    return get
