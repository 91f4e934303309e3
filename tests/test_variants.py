"""Does every question accept the solution and its correct variants, and reject its mutants?

Runs at the level of one question's code (milliseconds each), in the solution's namespace with
that question's code replaced by the variant file's."""

from __future__ import annotations

from pathlib import Path

import pytest

from autodiff_course import paths, variants

from helpers import chdir

ASSIGNMENTS = paths.available()


def _variant_cases():
    for name in ASSIGNMENTS:
        for question, files in variants.variant_files(name).items():
            for path in files:
                yield pytest.param(name, question, path, id=f"{name}/{question}/{path.stem}")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_passes_every_test_in_process(name, solution_run):
    run = solution_run(name)
    with chdir(run.dir):
        for question in run.master.questions:
            failed = [o for o in variants.grade_question(run.master, question.name, run.env) if not o.passed]
            assert not failed, f"{question.name}: the solution fails {[(o.test, o.message) for o in failed]}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_graded_question_has_two_wrong_and_one_correct_variant(name):
    master = variants.load(name)
    kept = variants.variant_files(name)
    for question in master.questions:
        if question.manual or question.hidden_points == 0:
            continue
        files = kept.get(question.name, [])
        correct = [f for f in files if variants.is_correct(f)]
        wrong = [f for f in files if not variants.is_correct(f)]
        assert len(correct) >= 1 and len(wrong) >= 2, (
            f"{name}/{question.name}: keep at least one correct_*.py and two wrong_*.py in "
            f"assignments/{name}/variants/{question.name}/ (found {len(correct)} and {len(wrong)})"
        )


@pytest.mark.parametrize("name,question,path", list(_variant_cases()))
def test_variant_is_graded_right(name, question, path: Path, solution_run):
    run = solution_run(name)
    workdir = run.fresh_dir(f"{question}-{path.stem}")
    with chdir(workdir):
        env = variants.with_variant(run.env, path)
        outcomes = variants.grade_question(run.master, question, env)
    lost = [o for o in outcomes if not o.passed and o.points > 0]
    if variants.is_correct(path):
        failed = [(o.test, o.message) for o in outcomes if not o.passed]
        assert not failed, f"a correct variant was rejected: {failed}"
    else:
        assert lost, f"a wrong variant kept full marks on {question}"
