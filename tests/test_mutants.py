"""Machine-made mutants (issue 13.5): what the operators make, how one is graded, what the audit counts."""

from __future__ import annotations

import pytest

from autodiff_course import audit, isolated, mutants, paths
from autodiff_course.otter_runtime import Question, Test

from helpers import chdir

CODE = '''def fit(x, n, opt):
    # BEGIN SOLUTION
    total = torch.zeros(3, dtype=torch.float64)
    for i in range(n):
        opt.zero_grad()
        if x[i] < 2 and x[i] == 1:
            total += x.sum() * 2
        with torch.no_grad():
            total -= -x.detach()
    return torch.stack(total, x)
    # END SOLUTION


untouched = 1 + 2
'''


def _made(code: str = CODE) -> dict[str, set[str]]:
    question = Question("fit", tests=[Test("fit", "t", 1.0, True, "", ["c"])], code=[code])
    made: dict[str, set[str]] = {}
    for mutant in mutants.question_mutants(question):
        made.setdefault(mutant.operator, set()).add(mutant.change)
    return made


@pytest.mark.parametrize("operator,change", [
    ("compare", "x[i] < 2 -> x[i] <= 2"),
    ("compare", "x[i] == 1 -> x[i] != 1"),
    ("arith", "x.sum() * 2 -> x.sum() / 2"),
    ("arith", "total -= -x.detach() -> total += -x.detach()"),
    ("arith", "x[i] < 2 and x[i] == 1 -> x[i] < 2 or x[i] == 1"),
    ("constant", "x.sum() * 2 -> x.sum() * 3"),
    ("constant", "x.sum() * 2 -> x.sum() * 4"),
    ("constant", "x.sum() * 2 -> x.sum() * -2"),
    ("sign", "-x.detach() -> x.detach()"),
    ("range", "range(n) -> range(n + 1)"),
    ("range", "range(n) -> range(n - 1)"),
    ("swap_args", "torch.stack(total, x) -> torch.stack(x, total)"),
    ("reduction", "x.sum -> x.mean"),
    ("dtype", "torch.float64 -> torch.float32"),
    ("autograd", "x.detach() -> x"),
    ("autograd", "opt.zero_grad() -> (statement removed)"),
    ("autograd", "with torch.no_grad(): ... -> if True: ..."),
    ("drop", "total = torch.zeros(3, dtype=torch.float64) -> (statement removed)"),
])
def test_each_operator_makes_its_mutant(operator, change):
    assert change in _made().get(operator, set()), _made().get(operator)


def test_only_solution_lines_are_mutated_and_no_source_twice():
    question = Question("fit", code=[CODE])
    made = mutants.question_mutants(question)
    assert made and all("untouched = 1 + 2" in m.source for m in made)
    assert all(2 <= m.line <= 10 for m in made)
    assert len({m.source for m in made}) == len(made)
    assert len({m.key for m in made}) == len(made), "two mutants share the name a reviewed list would use"


def test_the_sample_is_fixed_and_capped():
    master = audit.read_master("02_autograd")
    every = mutants.all_mutants(master)
    first, again = mutants.sample(every, 3), mutants.sample(list(every), 3)
    assert [m.key for m in first] == [m.key for m in again]
    counts = {}
    for mutant in first:
        counts[mutant.question] = counts.get(mutant.question, 0) + 1
    assert max(counts.values()) == 3 and len(first) < len(every)
    assert mutants.sample(every, None) == every


@pytest.mark.parametrize("name", paths.available())
def test_every_reviewed_equivalent_names_a_mutant_that_exists(name):
    """An entry left over after its line changed would hide nothing and mislead a reader."""
    made = {(m.question, m.key) for m in mutants.all_mutants(audit.read_master(name))}
    stale = [key for key in mutants.read_equivalents(name) if key not in made]
    assert not stale, f"{mutants.equivalents_path(name)}: entries that name no mutant any more: {stale}"


def test_an_entry_without_a_reason_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "variants" / mutants.EQUIVALENT_FILE
    path.parent.mkdir()
    path.write_text("- {question: q, line: 'x = 1', change: '1 -> 2', why: ''}\n")
    monkeypatch.setattr(mutants, "equivalents_path", lambda name, root=None: path)
    with pytest.raises(ValueError, match="why"):
        mutants.read_equivalents("any")


# --------------------------------------------------------------------------- grading one mutant

NAME = "01_pickle_datasets"
COUNTS = "species_counts"
CORRECT = "def species_counts(trajectory):\n    return np.stack([(np.asarray(trajectory)[:, :, 2] == v).sum(axis=1) for v in range(3)], axis=1)\n"


def _grade(run, source: str, limit: float = 120.0):
    original = mutants.question_code(run.master.question(COUNTS))[0]
    outcomes, note = isolated.grade_code(run.master, run.env, COUNTS, source, original, run.fresh_dir("m"), limit)
    return [o for o in outcomes if not o.passed and o.points > 0], note


@pytest.mark.parametrize("body,note", [
    ("    while True:\n        pass\n", ""),  # the hidden check's alarm stops it
    ("    import os\n    os._exit(0)\n", "did not finish"),  # the child ends itself
    ("    import signal, os\n    os.kill(os.getpid(), signal.SIGKILL)\n", "did not finish"),
])
def test_a_mutant_that_hangs_or_ends_its_process_loses_the_points(solution_run, body, note):
    run = solution_run(NAME)
    lost, said = _grade(run, f"def species_counts(trajectory):\n{body}", limit=1.0)
    assert lost and note in said


def test_a_cell_that_fails_leaves_the_question_undefined(solution_run):
    """As in a notebook: the solution's species_counts must not stand in for a mutant that broke."""
    run = solution_run(NAME)
    lost, note = _grade(run, "raise RuntimeError('broken cell')\n" + CORRECT)
    assert lost and "broken cell" in note


def test_a_correct_rewrite_keeps_its_points_and_the_parent_is_untouched(solution_run):
    run = solution_run(NAME)
    before = run.env["species_counts"]
    assert _grade(run, CORRECT + "import numpy\nnumpy.SPOILED = True\n") == ([], "")
    import numpy

    assert run.env["species_counts"] is before and not hasattr(numpy, "SPOILED")


def test_the_target_rule():
    assert audit.mutation_passes(95, 100) and audit.mutation_passes(19, 20) and audit.mutation_passes(0, 0)
    assert not audit.mutation_passes(94, 100) and not audit.mutation_passes(18, 20)


def test_a_listed_equivalent_that_loses_points_fails_the_audit(solution_run, tmp_path, monkeypatch):
    run = solution_run(NAME)
    every = [m for m in mutants.all_mutants(run.master) if m.question == COUNTS]
    dropped = next(m for m in every if m.operator == "drop" and "return" in m.where)  # returns None: killed
    monkeypatch.setattr(mutants, "all_mutants", lambda master: [dropped])
    monkeypatch.setattr(mutants, "read_equivalents", lambda name, root=None: {(COUNTS, dropped.key): "wrongly listed"})
    with chdir(run.dir):
        [row] = audit.audit_mutants(NAME, tmp_path, (run.master, run.env), None, 120.0)
    assert [m for m, _ in row.misjudged] == [dropped] and not row.killed
    assert "LISTED AS EQUIVALENT BUT LOST POINTS" in audit.mutation_table([row])


@pytest.mark.parametrize("given,meant", [(["--mutants", "all"], None), (["--mutants", "none"], 0),
                                         (["--mutants", "7"], 7), ([], audit.MUTANTS_PER_QUESTION)])
def test_the_command_line_chooses_the_mutants(given, meant):
    from autodiff_course import cli

    assert cli.parser().parse_args(["audit", *given]).mutants == meant
