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


@pytest.fixture(scope="module")
def full_audit():
    """CI runs the audit once: variants, a fixed sample of machine-made mutants per question under
    one seed (``audit --mutants all`` grades every one), the solutions re-graded under 20 seeds."""
    lines = []
    result = audit.main(seeds=20, log=lines.append)
    return result, "\n".join(map(str, lines))


@pytest.mark.slow
def test_the_audit_passes_for_every_assignment_under_20_seeds(full_audit):
    """Every kept variant graded right, no grade flakes, no reviewed equivalent mutant loses points."""
    result, out = full_audit
    assert "flakes: 0 in 20 seed(s)" in out
    assert result == 0 or ("AUDIT FAILED: 0 question(s) misgraded, 0 flaky grade(s), 0 mutant(s) reviewed as "
                           "equivalent that lost points, mutation score under") in out, out[-3000:]


@pytest.mark.slow
def test_every_assignment_kills_95_percent_of_its_mutants(full_audit):
    result, out = full_audit
    scores = [line for line in out.splitlines() if line.startswith("mutation score ")]
    assert len(scores) == 2 * len(audit.paths.available()), scores  # per assignment, and in the summary
    assert result == 0, out[-3000:]
