"""Does the audit tell a misgraded variant from a well-graded one?"""

from __future__ import annotations

import shutil

import pytest

from autodiff_course import audit, variants

NAME = "01_pickle_datasets"


def _kept(question: str, prefix: str):
    return next(p for p in variants.variant_files(NAME)[question] if p.name.startswith(prefix))


@pytest.mark.parametrize(
    "kept_prefix,disguise,verdict",
    [("correct_", "wrong_but_really_correct.py", "kept full marks"),
     ("wrong_", "correct_but_really_wrong.py", "lost points")],
)
def test_a_variant_graded_against_its_name_is_reported(tmp_path, solution_run, kept_prefix, disguise, verdict):
    run = solution_run(NAME)
    disguised = tmp_path / "species_counts" / disguise
    disguised.parent.mkdir()
    shutil.copy(_kept("species_counts", kept_prefix), disguised)
    good, note = audit.grade_variant(run.master, run.env, disguised, run.fresh_dir(disguise))
    assert not good and verdict in note


@pytest.mark.slow
def test_the_audit_passes_for_every_assignment_under_20_seeds(capsys):
    """CI runs the audit: every kept variant graded right, the solutions re-graded under 20 seeds."""
    assert audit.main(seeds=20) == 0
    out = capsys.readouterr().out
    assert "audit passed" in out and "flakes: 0 in 20 seed(s)" in out
