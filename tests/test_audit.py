"""Does the audit tell a misgraded variant from a well-graded one?"""

from __future__ import annotations

import shutil

from autodiff_course import audit, variants
from autodiff_course.master import read_master

NAME = "01_pickle_datasets"


def _kept(question: str, prefix: str):
    return next(p for p in variants.variant_files(NAME)[question] if p.name.startswith(prefix))


def test_a_wrong_named_variant_that_is_correct_is_reported(tmp_path, solution_run):
    run = solution_run(NAME)
    disguised = tmp_path / "species_counts" / "wrong_but_really_correct.py"
    disguised.parent.mkdir()
    shutil.copy(_kept("species_counts", "correct_"), disguised)
    good, note = audit.grade_variant(run.master, run.env, disguised, run.fresh_dir("disguised-wrong"))
    assert not good and "kept full marks" in note


def test_a_correct_named_variant_that_is_wrong_is_reported(tmp_path, solution_run):
    run = solution_run(NAME)
    disguised = tmp_path / "species_counts" / "correct_but_really_wrong.py"
    disguised.parent.mkdir()
    shutil.copy(_kept("species_counts", "wrong_"), disguised)
    good, note = audit.grade_variant(run.master, run.env, disguised, run.fresh_dir("disguised-correct"))
    assert not good and "lost points" in note


def test_audit_command_passes_on_assignment_01(capsys):
    assert audit.main(names=[NAME], seeds=2) == 0
    out = capsys.readouterr().out
    assert "species_counts" in out and "audit passed" in out
