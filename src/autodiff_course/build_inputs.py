"""What a build reads and what an autograder zip carries: the package's runtime part, the digest."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from . import paths

PACKAGE_DIR = Path(__file__).resolve().parent

GRADING_FILES = ("probes.py", "judges.py")
"""An assignment's ``grading/`` files that its autograder zip carries (``files/grading/<name>/``)."""


RUNTIME_ENTRY_POINTS = ("autodiff_course.grade.gradescope", "autodiff_course.grade.worker", "autodiff_course.hidden",
                        "autodiff_course.schema", "autodiff_course.jobfiles")
"""What runs on Gradescope: the zip's entry point, the grading child, the hidden tests' helper, the judges'
schemas and their reader of the notebook's folder."""


def runtime_files() -> list[Path]:
    """The package's files the entry points import, directly or not (package ``__init__``s too):
    the only part of the package an autograder zip carries."""
    def module_file(name: str) -> Path | None:
        parts = name.split(".")[1:]
        for candidate in (PACKAGE_DIR.joinpath(*parts, "__init__.py"), PACKAGE_DIR.joinpath(*parts).with_suffix(".py")):
            if candidate.is_file():
                return candidate
        return None

    seen: dict[str, Path] = {}
    todo = list(RUNTIME_ENTRY_POINTS)
    while todo:
        name = todo.pop()
        path = module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # the packages above it
        package = parts if path.name == "__init__.py" else parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.split(".")[0] == "autodiff_course"]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
                if base.split(".")[0] == "autodiff_course":
                    todo += [base] + [f"{base}.{a.name}" for a in node.names]
    return sorted(set(seen.values()))


BUILD_MODULES = ("build.py", "build_inputs.py", "normalize.py", "master.py", "leaks.py", "selfcheck.py", "variants.py", "paths.py", "fresh.py",
                 "release_files.py", "student/course_notebook.py")
"""The package's modules that shape what a build writes, beside those the zip carries."""

DIGEST_FILE = ".source-digest"
"""Written into autograder/<name>/: what the build was made from, so an unchanged rebuild is a no-op."""


def source_digest(name: str, root: Path | None = None) -> str:
    """A hash of everything a build of ``name`` reads: the assignment folder (variants and its own
    tests aside), the package's runtime part that goes into the zip, the build's own modules,
    and the pinned versions."""
    root = root or paths.ROOT
    folder = paths.assignment_dir(name, root)
    inputs = [(f"assignment/{p.relative_to(folder)}", p) for p in folder.rglob("*")
              if p.relative_to(folder).parts[0] not in ("variants", "tests")]
    builders = [PACKAGE_DIR / m for m in BUILD_MODULES]
    inputs += [(f"package/{p.relative_to(PACKAGE_DIR)}", p) for p in sorted(set(runtime_files() + builders))]
    inputs += [("constraints.txt", root / "constraints.txt")]
    digest = hashlib.sha256()
    for label, path in sorted(inputs):
        if not path.is_file() or "__pycache__" in Path(label).parts or path.suffix == ".pyc":
            continue
        digest.update(label.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def is_up_to_date(name: str, out_root: Path, root: Path | None = None) -> bool:
    stamp = out_root / "autograder" / name / DIGEST_FILE
    if not stamp.exists() or not all((out_root / f / name).is_dir() for f in paths.GENERATED):
        return False
    return stamp.read_text().strip() == source_digest(name, root)
