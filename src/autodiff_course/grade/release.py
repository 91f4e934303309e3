"""What grading needs from a built release, read from the release alone (no masters).

* the questions, their tests and points: from the autograder's test files (otter's exception
  format: one file per question, ``@test_case(points=..., hidden=...)`` per test); a hidden test's
  body names the probe/judge checks it runs (``run_check("<check>", env)``);
* the support files copied next to each submission (the student release minus its notebook, or the
  Gradescope zip's ``files/`` minus the package);
* the placeholder ``CONTRIBUTORS`` value the student notebook ships with, to tell it from a real one.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..hidden import checks_named
from ..otter_runtime import Question, Test, strip_notebook_lines



class ReleaseError(RuntimeError):
    """The release cannot be graded (missing, or a test the engine cannot run safely)."""


@dataclass
class Release:
    assignment: str
    questions: list[Question]
    support: list[Path]  # files and folders copied next to the notebook
    placeholder_contributors: list[str] = field(default_factory=list)
    fingerprint: str = ""
    seed: int | None = None  # otter's intercell seed: numpy and random are seeded before every cell
    imports: list[str] = field(default_factory=list)  # what the notebook and probes import: preloaded once
    grading: Path | None = None  # the folder with this assignment's probes.py and judges.py

    @property
    def tests(self) -> list[Test]:
        return [t for q in self.questions for t in q.tests]

    @property
    def checks(self) -> list[str]:
        seen: list[str] = []
        for test in self.tests:
            seen += [c for c in test.checks if c not in seen]
        return seen

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    def stage(self, target: Path) -> None:
        """Copy the support files into ``target`` (a fresh folder for one submission)."""
        for item in self.support:
            if item.is_dir():
                shutil.copytree(item, target / item.name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copyfile(item, target / item.name)


def _literal(node: ast.AST, default=None):
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return default


def parse_test_file(path: Path, assignment: str) -> Question:
    """One otter exception-format test file -> a question with its tests and points."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text, filename=str(path))
    name, total, tests = path.stem, None, []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id == "name":
                name = _literal(node.value, name)
            elif node.targets[0].id == "points":
                total = _literal(node.value)
        if not isinstance(node, ast.FunctionDef):
            continue
        config = None
        for deco in node.decorator_list:
            if isinstance(deco, ast.Call) and getattr(deco.func, "id", getattr(deco.func, "attr", "")) == "test_case":
                config = {kw.arg: _literal(kw.value) for kw in deco.keywords}
        if config is None:
            continue
        function = ast.get_source_segment(text, node)
        body = function[function.index("def "):] if "def " in function else function
        hidden = bool(config.get("hidden", False))
        checks = checks_named(body)
        if hidden and not checks:
            raise ReleaseError(
                f"{path.name}: hidden test {node.name} does not call run_check(...); the grader runs "
                "hidden tests only as probe/judge pairs, outside the student's process"
            )
        tests.append(Test(name, node.name, config.get("points"), hidden, body, checks))
    if not tests:
        raise ReleaseError(f"{path.name}: no @test_case functions")
    unset = [t for t in tests if t.points is None]
    if unset:  # otter splits the question's points over tests that state none
        share = ((total or 0) - sum(t.points or 0 for t in tests)) / len(unset)
        for t in unset:
            t.points = share
    for t in tests:
        t.points = float(t.points)
    return Question(name, tests)


def read_questions(tests_dir: Path, assignment: str) -> list[Question]:
    files = sorted(tests_dir.glob("*.py"))
    if not files:
        raise ReleaseError(f"no test files in {tests_dir}: build the assignment first")
    return [parse_test_file(f, assignment) for f in files]


def placeholder_contributors(student_notebook: Path, variable: str = "CONTRIBUTORS") -> list[str]:
    """The value the release's notebook gives ``CONTRIBUTORS`` before students edit it."""
    if not student_notebook.exists():
        return []
    nb = json.loads(student_notebook.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == variable for t in node.targets):
                value = _literal(node.value, [])
                return [v for v in value if isinstance(v, str)] if isinstance(value, (list, tuple)) else []
    return []


def module_imports(source: str) -> list[str]:
    """Absolute module names a piece of Python imports (``import a.b``, ``from a.b import c``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def notebook_imports(student_notebook: Path) -> list[str]:
    """Modules the student notebook's code cells import."""
    if not student_notebook.exists():
        return []
    nb = json.loads(student_notebook.read_text(encoding="utf-8"))
    names: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            names += module_imports(strip_notebook_lines(source))
    return names


def _preload(release: Release, notebook: list[str]) -> list[str]:
    """What the grading worker imports once: the notebook's and the probes' modules, never a
    support file's name (the copy next to the notebook must win) nor the grading package."""
    probes = module_imports((release.grading / "probes.py").read_text(encoding="utf-8"))
    local = {p.stem for p in release.support} | {"otter", "autodiff_course"}
    return sorted({n for n in notebook + probes if n.split(".")[0] not in local})


def notebook_order(student_notebook: Path) -> list[str]:
    """Question names in the order the student notebook checks them (``grader.check("q")``)."""
    if not student_notebook.exists():
        return []
    text = student_notebook.read_text(encoding="utf-8")
    order: list[str] = []
    for name in re.findall(r'grader\.check\(\\?["\']([^"\'\\]+)\\?["\']\)', text):
        if name not in order:
            order.append(name)
    return order


def _ordered(questions: list[Question], order: list[str]) -> list[Question]:
    rank = {name: i for i, name in enumerate(order)}
    return sorted(questions, key=lambda q: (rank.get(q.name, len(rank)), q.name))


def _fingerprint(files: list[Path], grading: Path) -> str:
    """A hash of everything that decides a grade: tests, support files, the assignment's probes
    and judges, and ``hidden`` itself."""
    from .. import hidden

    digest = hashlib.sha256()
    modules = [grading / "probes.py", grading / "judges.py"]
    for path in sorted(files + modules + [Path(hidden.__file__)]):
        for item in sorted([path] if path.is_file() else path.rglob("*")):
            if item.is_file() and "__pycache__" not in item.parts:
                digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def _with_grading(release: Release, grading: Path) -> Release:
    """Point the release (and the judges this process loads) at its grading files."""
    from .. import hidden

    if not (grading / "probes.py").is_file() or not (grading / "judges.py").is_file():
        raise ReleaseError(f"{release.assignment}: no probes.py and judges.py in {grading}")
    defined = {node.name[len("probe_"):] for node in ast.parse((grading / "probes.py").read_text(encoding="utf-8")).body
               if isinstance(node, ast.FunctionDef) and node.name.startswith("probe_")}
    unknown = sorted(set(release.checks) - defined)
    if unknown:
        raise ReleaseError(f"{release.assignment}: the built tests run checks {unknown} that {grading / 'probes.py'} "
                           f"does not define: rebuild with `autodiff-course build {release.assignment}`")
    release.grading = grading
    hidden.register(release.assignment, grading)
    return release


def local(assignment: str, root: Path | None = None) -> Release:
    """The release of ``assignment`` as built in this repository (or under ``root``)."""
    root = root or paths.ROOT
    student = root / "student_release" / assignment
    tests_dir = root / "autograder" / assignment / "tests"
    if not student.is_dir() or not tests_dir.is_dir():
        raise ReleaseError(
            f"{assignment} is not built under {root} (need student_release/ and autograder/): "
            f"run `autodiff-course build {assignment}`"
        )
    questions = _ordered(read_questions(tests_dir, assignment), notebook_order(student / f"{assignment}.ipynb"))
    support = [p for p in sorted(student.iterdir()) if p.suffix != ".ipynb" and p.name != "__pycache__"]
    release = Release(
        assignment,
        questions,
        support,
        placeholder_contributors(student / f"{assignment}.ipynb"),
    )
    _with_grading(release, paths.grading_dir(assignment, root))
    release.fingerprint = _fingerprint(sorted(tests_dir.glob("*.py")) + support, release.grading)
    release.imports = _preload(release, notebook_imports(student / f"{assignment}.ipynb"))
    archive = root / "autograder" / assignment / f"{assignment}-autograder.zip"
    if archive.exists():
        import zipfile

        with zipfile.ZipFile(archive) as zf:
            if "otter_config.json" in zf.namelist():
                release.seed = json.loads(zf.read("otter_config.json")).get("seed")
    return release


def gradescope(source: Path) -> Release:
    """The release inside an unpacked Gradescope autograder zip (``/autograder/source``)."""
    config = json.loads((source / "otter_config.json").read_text())
    assignment = config["assignment_name"]
    questions = read_questions(source / "tests", assignment)
    files = source / "files"
    support = [p for p in sorted(files.iterdir()) if p.name not in {"autodiff_course", "grading", "__pycache__"}] if files.is_dir() else []
    meta_path = source / "grading.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    questions = _ordered(questions, meta.get("question_order", []))
    release = Release(assignment, questions, support, meta.get("placeholder_contributors", []),
                      seed=config.get("seed"))
    _with_grading(release, files / "grading" / assignment)
    release.fingerprint = _fingerprint(sorted((source / "tests").glob("*.py")) + support, release.grading)
    release.imports = _preload(release, meta.get("imports", []))
    return release
