"""Is the committed release fresh, clean of leaks, and graded right as a whole?"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from autodiff_course import build, leaks, paths, variants
from autodiff_course.master import read_master

from helpers import chdir, staged_copy

ASSIGNMENTS = paths.available()


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_masters_are_text_sources_without_notebooks():
    """Masters are jupytext percent sources: no stale outputs can hide in them."""
    for name in ASSIGNMENTS:
        folder = paths.assignment_dir(name)
        assert not list(folder.rglob("*.ipynb")), f"{name}: keep the master as {name}.py, not a notebook"


@pytest.mark.slow
def test_committed_release_is_fresh(tmp_path, monkeypatch):
    """Rebuilding from the sources on another CPU code path gives the committed generated folders:
    byte for byte, except the executed solutions, which must say the same (fresh.py): other float
    kernels may print -0.0000 for 0.0000 and write other PNG bytes."""
    import nbformat

    from autodiff_course import fresh

    # torch's scalar kernels and an older OpenBLAS core (numpy): the solution kernels inherit both
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "default")
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Prescott")
    assert build.main(names=ASSIGNMENTS, out=tmp_path, log=lambda *_: None) == 0
    problems = []
    for folder in paths.GENERATED:
        for name in ASSIGNMENTS:
            built, committed = tmp_path / folder / name, paths.ROOT / folder / name
            got, want = _tree(built), _tree(committed) if committed.exists() else set()
            problems += [f"{folder}/{name}/{f}: missing from the commit" for f in sorted(got - want)]
            problems += [f"{folder}/{name}/{f}: no longer built" for f in sorted(want - got)]
            by_meaning = {f"{name}.ipynb", f"{name}.html"} if folder == "solutions" else set()
            problems += [
                f"{folder}/{name}/{f}: differs from a fresh build"
                for f in sorted((got & want) - by_meaning)
                if not filecmp.cmp(built / f, committed / f, shallow=False)
            ]
            for f in sorted(by_meaning & got & want):
                if f.endswith(".ipynb"):
                    problems += [f"{folder}/{name}/{f}: {d}" for d in fresh.differences(committed / f, built / f)]
                elif build.render_html(nbformat.read(committed / f"{name}.ipynb", as_version=4)) != (
                        committed / f).read_text():  # the HTML is fresh when it renders a fresh notebook
                    problems.append(f"{folder}/{name}/{f}: is not the rendering of the committed notebook")
    assert not problems, "run `make release` and commit:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_committed_student_release_has_no_leak(name):
    assert leaks.scan(paths.ROOT / "student_release" / name, read_master(name)) == []


def test_leak_scan_finds_a_planted_solution_line(tmp_path):
    name = ASSIGNMENTS[0]
    master = read_master(name)
    shutil.copytree(paths.ROOT / "student_release" / name, tmp_path / name)
    secret = sorted(leaks.suspects(master))[0]
    (tmp_path / name / "notes.py").write_text(f"# copied by mistake\n    {secret}\n")
    findings = leaks.scan(tmp_path / name, master)
    assert findings and "notes.py" in findings[0]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_notebook_has_no_outputs(name):
    import nbformat

    nb = nbformat.read(paths.ROOT / "student_release" / name / f"{name}.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_blank_student_notebook_scores_zero_on_hidden_tests(name, tmp_path):
    master = read_master(name)
    staged_copy(name, tmp_path)
    with chdir(tmp_path):
        env, _errors = variants.notebook_env(paths.ROOT / "student_release" / name / f"{name}.ipynb")
        passed = [
            f"{q.name}/{o.test}"
            for q in master.questions
            for o in variants.grade_question(master, q.name, env)
            if o.hidden and o.passed
        ]
    assert not passed, f"a blank notebook passes hidden tests: {passed}"


@pytest.mark.slow
def test_build_refuses_a_solution_without_full_marks(tmp_path):
    """Is there a clear error when the master's own solution fails a hidden test?"""
    name = ASSIGNMENTS[0]
    root = tmp_path / "repo"
    shutil.copytree(paths.assignment_dir(name), root / "assignments" / name)
    source = root / "assignments" / name / f"{name}.py"
    text = source.read_text()
    broken = text.replace("(species == value).sum(axis=1)", "(species == value).sum(axis=1) + 1")
    assert broken != text, "the planted bug no longer applies; update this test"
    source.write_text(broken)
    with pytest.raises(build.BuildError, match="does not score full marks"):
        build.build_one(name, tmp_path / "out", root=root)


def test_unchanged_sources_skip_the_build_and_a_change_does_not(tmp_path):
    name = ASSIGNMENTS[0]
    for folder in paths.GENERATED:
        shutil.copytree(paths.ROOT / folder / name, tmp_path / "out" / folder / name)
    # freshness is another test's job: here the stamp is made current on purpose
    (tmp_path / "out" / "autograder" / name / build.DIGEST_FILE).write_text(build.source_digest(name) + "\n")
    logged = []
    assert build.main(names=[name], out=tmp_path / "out", log=logged.append) == 0
    assert "up to date" in logged[0]

    root = tmp_path / "repo"
    shutil.copytree(paths.assignment_dir(name), root / "assignments" / name)
    shutil.copy(paths.ROOT / "constraints.txt", root / "constraints.txt")
    assert build.is_up_to_date(name, tmp_path / "out", root=root)
    (root / "assignments" / name / "rps.py").write_text("# changed\n", encoding="utf-8")
    assert not build.is_up_to_date(name, tmp_path / "out", root=root)


def test_outputs_with_memory_addresses_are_flagged_as_unreproducible():
    import nbformat

    from autodiff_course import normalize

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("torch.manual_seed(0)")
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "<torch._C.Generator at 0x7ff584e70b70>"})]
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), cell]
    assert normalize.unstable_outputs(nb) == ["cell 1: <torch._C.Generator at 0x7ff584e70b70>"]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_notebook_self_checks_without_this_package(name):
    """Public tests travel inside the notebook and need only otter, numpy and torch."""
    import nbformat

    nb = nbformat.read(paths.ROOT / "student_release" / name / f"{name}.ipynb", as_version=4)
    tests = nb.metadata["otter"]["tests"]
    assert tests, "the student notebook carries no public tests"
    for question, source in tests.items():
        assert "autodiff_course" not in source, f"{question}: a public test needs the course package"
        assert "hidden=True" not in source, f"{question}: a hidden test reached the student notebook"
