"""Does the build's one-pass self-check judge the solution the way the tests do?"""

from __future__ import annotations

import json

from autodiff_course import paths, selfcheck
from autodiff_course.master import read_master

from helpers import chdir

NAME = "01_pickle_datasets"


def _kernel_output(master, env) -> str:
    spec = [
        {"question": q.name, "name": t.name, "hidden": t.hidden, "points": t.points, "source": t.source}
        for q in master.questions
        for t in q.tests
    ]
    return selfcheck.MARK + selfcheck.collect_all(master.name, json.dumps(spec), env, str(paths.grading_dir(master.name)))


def test_solution_scores_full_marks(solution_run):
    run = solution_run(NAME)
    with chdir(run.dir):
        earned, possible, failures = selfcheck.score(NAME, _kernel_output(run.master, run.env))
    assert failures == [] and earned == possible == sum(q.hidden_points for q in run.master.questions)


def test_a_broken_function_loses_its_points_with_a_reason(solution_run):
    run = solution_run(NAME)
    env = dict(run.env, species_counts=lambda trajectory: None)
    with chdir(run.dir):
        earned, possible, failures = selfcheck.score(NAME, _kernel_output(run.master, env))
    assert earned == possible - read_master(NAME).question("species_counts").hidden_points
    assert any(f.startswith("species_counts/") for f in failures)


def test_missing_output_is_a_failure_not_a_pass():
    earned, _possible, failures = selfcheck.score(NAME, "nothing printed here\n")
    assert earned == 0 and failures


def test_the_epilogue_names_every_test_of_the_master():
    master = read_master(NAME)
    source = selfcheck.epilogue(master, paths.grading_dir(NAME))
    compile(source, "<epilogue>", "exec")
    for question in master.questions:
        for test in question.tests:
            assert test.name in source
