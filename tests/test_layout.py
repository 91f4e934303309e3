"""Is an assignment one folder, and the engine free of any assignment's name?"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from autodiff_course import audit, build, cli, paths

ASSIGNMENTS = paths.available()
PACKAGE = paths.ROOT / "src" / "autodiff_course"


def test_assignments_are_discovered_from_their_folders_in_course_order(tmp_path):
    for name in ("02_second", "01_first", "10_tenth"):
        (tmp_path / "assignments" / name).mkdir(parents=True)
        (tmp_path / "assignments" / name / f"{name}.py").write_text("")
    (tmp_path / "assignments" / "03_no_master").mkdir()
    (tmp_path / "assignments" / "notes").mkdir()
    assert paths.available(tmp_path) == ["01_first", "02_second", "10_tenth"]


def test_an_unknown_assignment_name_says_where_names_come_from(tmp_path):
    with pytest.raises(SystemExit, match="found: 01_pickle_datasets"):
        paths.resolve(["01_pickle"], paths.ROOT)


def _code_strings_and_names(path: Path) -> list[tuple[int, str]]:
    """Every string literal (docstrings aside) and every identifier in a module's code."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.Name):
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute):
            found.append((node.lineno, node.attr))
    return found


def test_the_package_names_no_assignment():
    """A new assignment is a new folder: no code under src/ names one (docs may give examples)."""
    names = re.compile("|".join(re.escape(n) for n in ASSIGNMENTS) + r"|^a[0-9]{2}_")
    found = [f"{p.relative_to(PACKAGE)}:{line}: {text[:60]!r}" for p in sorted(PACKAGE.rglob("*.py"))
             for line, text in _code_strings_and_names(p) if names.search(text)]
    assert not found, f"the package names assignments: {found}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_each_autograder_zip_holds_only_its_own_grading_files_and_the_runtime_package(name):
    archive = paths.ROOT / "autograder" / name / f"{name}-autograder.zip"
    entries = zipfile.ZipFile(archive).namelist()
    grading = sorted(e for e in entries if e.startswith("files/grading/"))
    assert grading == [f"files/grading/{name}/{f}" for f in sorted(build.GRADING_FILES)]
    package = sorted(e[len("files/autodiff_course/"):] for e in entries if e.startswith("files/autodiff_course/"))
    runtime = sorted(str(p.relative_to(build.PACKAGE_DIR)) for p in build.runtime_files())
    assert package == runtime
    assert "build.py" not in package and "audit.py" not in package and "grade/gradescope.py" in package


def _copy_repository(root: Path, names: list[str]) -> None:
    for name in names:
        shutil.copytree(paths.assignment_dir(name), root / "assignments" / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(paths.ROOT / "constraints.txt", root / "constraints.txt")


def test_editing_one_assignment_changes_only_its_own_build_digest(tmp_path):
    _copy_repository(tmp_path, ASSIGNMENTS[:2])
    first, second = ASSIGNMENTS[:2]
    before = {n: build.source_digest(n, tmp_path) for n in (first, second)}
    judges = paths.grading_dir(first, tmp_path) / "judges.py"
    judges.write_text(judges.read_text() + "\n# a judge edit\n")
    assert build.source_digest(first, tmp_path) != before[first]
    assert build.source_digest(second, tmp_path) == before[second]
    (paths.assignment_dir(first, tmp_path) / "variants" / "note.txt").write_text("variants do not ship")
    digest = build.source_digest(first, tmp_path)
    (paths.assignment_dir(first, tmp_path) / "tests").mkdir(exist_ok=True)
    (paths.assignment_dir(first, tmp_path) / "tests" / "test_more.py").write_text("# its own tests\n")
    assert build.source_digest(first, tmp_path) == digest


@pytest.mark.slow
def test_a_copied_assignment_folder_builds_grades_and_audits_with_no_package_edit(tmp_path):
    """Copy assignment 01 under a new name into a fresh course: the verbs find, build, grade and
    audit it as it is; only the folder and its master's file name change."""
    source, copy = ASSIGNMENTS[0], "07_copied_pickles"
    root = tmp_path / "course"
    shutil.copytree(paths.assignment_dir(source), root / "assignments" / copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "assignments" / copy / f"{source}.py").rename(root / "assignments" / copy / f"{copy}.py")
    shutil.copy(paths.ROOT / "constraints.txt", root / "constraints.txt")

    logged: list[str] = []
    assert build.main(names=[copy], root=root, log=logged.append) == 0, "\n".join(logged)
    zip_entries = zipfile.ZipFile(root / "autograder" / copy / f"{copy}-autograder.zip").namelist()
    assert f"files/grading/{copy}/judges.py" in zip_entries
    assert not [e for e in zip_entries if source in e]

    from autodiff_course.grade import batch

    solution, blank = tmp_path / "solution.ipynb", tmp_path / "blank.ipynb"
    shutil.copy(root / "solutions" / copy / f"{copy}.ipynb", solution)
    shutil.copy(root / "student_release" / copy / f"{copy}.ipynb", blank)
    assert batch.main(assignment=copy, sources=[solution, blank], out=tmp_path / "graded", root=root,
                      quiet=True, log=logged.append) in (0, 1)
    import json

    totals = {p.parent.name: json.loads(p.read_text())["total"] for p in (tmp_path / "graded").glob("*/grade.json")}
    maximum = json.loads((tmp_path / "graded" / solution.stem / "grade.json").read_text())["max_total"]
    assert maximum > 0 and totals == {"solution": maximum, "blank": 0}, totals
    assert audit.main(names=[copy], seeds=1, root=root, log=logged.append, mutants_per_question=1) == 0, \
        "\n".join(logged[-20:])  # one mutant per question: its whole sample is caught today


def test_the_cli_refuses_a_folder_that_is_not_an_assignment(capsys):
    with pytest.raises(SystemExit):
        cli.main(["build", "99_missing"])
