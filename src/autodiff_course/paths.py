"""Where things live: the repository layout that every verb shares.

An assignment is a folder ``assignments/<NN_name>/`` holding its master ``<NN_name>.py``; the
folders are discovered, and their names give the course order. Inside one:

* the master, the support modules and data generators students receive;
* ``grading/``: ``probes.py`` (hidden inputs, run in the student's process) and ``judges.py``
  (references and verdicts, never in the student's process);
* ``variants/`` (correct and wrong answers per question) and ``tests/`` (tests of its judges).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository root (the package is installed editable from ``src/``)."""

GENERATED = ("student_release", "autograder", "solutions")
"""Folders the build writes; never edit them by hand."""

INSTRUCTOR_ONLY = ("grading", "variants", "tests")
"""Folders of an assignment that never reach students."""

NAME = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")
"""An assignment folder's name: two digits for the course order, then words in snake case."""


def assignment_dir(name: str, root: Path | None = None) -> Path:
    return (root or ROOT) / "assignments" / name


def grading_dir(name: str, root: Path | None = None) -> Path:
    """The folder with the assignment's ``probes.py`` and ``judges.py``."""
    return assignment_dir(name, root) / "grading"


def available(root: Path | None = None) -> list[str]:
    """Assignments whose master source exists, in course order."""
    base = (root or ROOT) / "assignments"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if NAME.match(p.name) and (p / f"{p.name}.py").is_file())


def resolve(names: list[str] | None, root: Path | None = None) -> list[str]:
    """Validate assignment names given on the command line (none: every available one)."""
    found = available(root)
    if not names:
        return found
    unknown = [n for n in names if n not in found]
    if unknown:
        where = (root or ROOT) / "assignments"
        raise SystemExit(
            f"unknown assignment(s): {', '.join(unknown)}; a name is a folder of {where} holding "
            f"<name>/<name>.py; found: {', '.join(found) or 'none'}"
        )
    return list(names)
