"""Where things live: the repository layout that every verb shares."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository root (the package is installed editable from ``src/``)."""

ASSIGNMENTS = ("01_pickle_datasets", "02_autograd", "03_gradient_descent", "04_mlp_dataloader")

GENERATED = ("student_release", "autograder", "solutions")
"""Folders the build writes; never edit them by hand."""


def assignment_dir(name: str, root: Path | None = None) -> Path:
    return (root or ROOT) / "assignments" / name


def available(root: Path | None = None) -> list[str]:
    """Assignments whose master source exists, in course order."""
    return [n for n in ASSIGNMENTS if (assignment_dir(n, root) / f"{n}.py").exists()]


def resolve(names: list[str] | None, root: Path | None = None) -> list[str]:
    """Validate assignment names given on the command line (none: every available one)."""
    if not names:
        return available(root)
    unknown = [n for n in names if n not in ASSIGNMENTS]
    if unknown:
        raise SystemExit(
            f"unknown assignment(s): {', '.join(unknown)}; choose from {', '.join(ASSIGNMENTS)}"
        )
    missing = [n for n in names if n not in available(root)]
    if missing:
        raise SystemExit(f"assignment(s) without a master yet: {', '.join(missing)}")
    return list(names)
