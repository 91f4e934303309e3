"""Audit the tests themselves: correct variants accepted, wrong mutants caught, no flaky grades."""

from __future__ import annotations

import contextlib
import io
import math
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import hidden, isolated, mutants, paths, variants
from .master import Master, read_master

MUTATION_TARGET = 0.95
"""Share of the non-equivalent machine-made mutants of each assignment that must lose points."""

MUTANTS_PER_QUESTION = 4
"""The deterministic sample of mutants per question that the audit grades unless told otherwise."""


@dataclass
class Row:
    """One question's audit: how many kept answers were graded as they should be."""

    assignment: str
    question: str
    correct_total: int = 0
    accepted: int = 0
    wrong_total: int = 0
    caught: int = 0
    slipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.accepted == self.correct_total and self.caught == self.wrong_total


def grade_variant(master: Master, base_env: dict, variant: Path, workdir: Path) -> tuple[bool, str]:
    """Whether the variant was graded as its name says it must be, and a note when not."""
    question = variant.parent.name
    with variants.inside(workdir):
        try:
            env = variants.with_variant(base_env, variant)
        except Exception as exc:
            return False, f"{variant.name}: the variant itself does not run ({type(exc).__name__}: {exc})"
        outcomes = variants.grade_question(master, question, env)
    if variants.is_correct(variant):
        failed = [o.test for o in outcomes if not o.passed]
        return not failed, f"{variant.name} lost points on {', '.join(failed)}" if failed else ""
    lost = [o for o in outcomes if not o.passed and o.points > 0]
    return bool(lost), "" if lost else f"{variant.name} kept full marks"


def _solution(name: str, base: Path, root: Path | None) -> tuple[Master, dict]:
    master = read_master(name, root)
    solution_dir = variants.stage_support(name, base / "solution", root)
    with variants.inside(solution_dir):
        env = variants.solution_env(master)
    return master, env


def audit_variants(name: str, base: Path, log=print, root: Path | None = None, solution=None) -> list[Row]:
    master, env = solution or _solution(name, base, root)
    rows = []
    for question, files in variants.variant_files(name, root).items():
        row = Row(name, question)
        for variant in files:
            workdir = variants.stage_support(name, base / f"{question}-{variant.stem}", root)
            good, note = grade_variant(master, env, variant, workdir)
            if variants.is_correct(variant):
                row.correct_total += 1
                row.accepted += good
            else:
                row.wrong_total += 1
                row.caught += good
            if not good:
                row.slipped.append(note)
        rows.append(row)
        log(f"  {name}/{question}: {row.accepted}/{row.correct_total} correct accepted, "
            f"{row.caught}/{row.wrong_total} wrong caught")
    return rows


def audit_flakes(name: str, base: Path, seeds: int, root: Path | None = None) -> list[str]:
    """Re-run the solution and re-grade it under ``seeds`` seeds; every failing test is a flake."""
    master = read_master(name, root)
    flakes = []
    saved = hidden.CHECK_SEED
    try:
        for seed in range(1, seeds + 1):
            hidden.CHECK_SEED = seed
            hidden.seed_everything()
            workdir = variants.stage_support(name, base / f"seed-{seed}", root)
            with variants.inside(workdir):
                env = variants.solution_env(master)
                for question in master.questions:
                    for outcome in variants.grade_question(master, question.name, env):
                        if not outcome.passed:
                            flakes.append(f"{name}/{question.name}/{outcome.test} seed {seed}: {outcome.message}")
    finally:
        hidden.CHECK_SEED = saved
    return flakes


@dataclass
class MutantRow:
    """One question's machine-made mutants: which lost points, which did not, which are reviewed
    as computing the solution's answer, and listed ones that lost points all the same."""

    assignment: str
    question: str
    killed: list = field(default_factory=list)
    survived: list = field(default_factory=list)
    equivalent: list = field(default_factory=list)
    misjudged: list = field(default_factory=list)  # (mutant, the points it lost)
    seconds: float = 0.0


def audit_mutants(name: str, base: Path, solution: tuple[Master, dict], per_question: int | None,
                  limit: float, root: Path | None = None) -> list[MutantRow]:
    """Grade the (sampled) mutants of every graded question, one forked child each."""
    master, env = solution
    template = variants.stage_support(name, base / "mutant-template", root)
    reviewed = mutants.read_equivalents(name, root)
    rows = {}
    for number, mutant in enumerate(mutants.sample(mutants.all_mutants(master), per_question)):
        row = rows.setdefault(mutant.question, MutantRow(name, mutant.question))
        workdir = base / f"mutant-{number}"
        shutil.copytree(template, workdir)
        started = time.monotonic()
        original = mutants.question_code(master.question(mutant.question))[0]
        outcomes, _note = isolated.grade_code(master, env, mutant.question, mutant.source, original, workdir, limit)
        row.seconds += time.monotonic() - started
        shutil.rmtree(workdir, ignore_errors=True)
        lost = [o for o in outcomes if not o.passed and o.points > 0]
        listed = (mutant.question, mutant.key) in reviewed
        if lost and listed:
            row.misjudged.append((mutant, "; ".join(f"{o.test}: {o.message}" for o in lost)))
        elif lost:
            row.killed.append(mutant)
        elif listed:
            row.equivalent.append(mutant)
        else:
            row.survived.append(mutant)
    return list(rows.values())


def mutation_scores(rows: list[MutantRow]) -> dict[str, tuple[int, int, int]]:
    """Assignment -> (killed, non-equivalent, equivalent) over its questions."""
    scores: dict[str, tuple[int, int, int]] = {}
    for row in rows:
        killed, counted, same = scores.get(row.assignment, (0, 0, 0))
        scores[row.assignment] = (killed + len(row.killed), counted + len(row.killed) + len(row.survived)
                                  + len(row.misjudged), same + len(row.equivalent))
    return scores


def mutation_passes(killed: int, counted: int) -> bool:
    """The rule: at least ``MUTATION_TARGET`` of the non-equivalent mutants lose points."""
    return killed >= math.ceil(MUTATION_TARGET * counted - 1e-9)


def mutation_table(rows: list[MutantRow]) -> str:
    lines = [f"{'question':<40} {'killed':>8} {'equivalent':>10} {'seconds':>8}  survived (line | change)"]
    for row in rows:
        total = len(row.killed) + len(row.survived) + len(row.misjudged)
        lines.append(f"{row.assignment + '/' + row.question:<40} {f'{len(row.killed)}/{total}':>8} "
                     f"{len(row.equivalent):>10} {row.seconds:>8.1f}  {'-' if not row.survived else ''}")
        lines += [f"    survived [{m.operator}] line {m.line}: {m.key}" for m in row.survived]
        lines += [f"    LISTED AS EQUIVALENT BUT LOST POINTS [{m.operator}]: {m.key} ({lost})"
                  for m, lost in row.misjudged]
    for name, (killed, counted, same) in mutation_scores(rows).items():
        score = killed / counted if counted else 1.0
        lines.append(f"mutation score {name}: {killed}/{counted} = {score:.1%} of non-equivalent mutants killed "
                     f"({same} reviewed as equivalent; target {MUTATION_TARGET:.0%})")
    return "\n".join(lines)


def table(rows: list[Row]) -> str:
    lines = [f"{'question':<40} {'correct accepted':>17} {'mutants caught':>15}  slipped through"]
    for row in rows:
        slipped = "; ".join(row.slipped) or "-"
        lines.append(
            f"{row.assignment + '/' + row.question:<40} {f'{row.accepted}/{row.correct_total}':>17} "
            f"{f'{row.caught}/{row.wrong_total}':>15}  {slipped}"
        )
    return "\n".join(lines)


def main(*, names: list[str] | None = None, seeds: int = 20, log=print, root: Path | None = None,
         mutants_per_question: int | None = MUTANTS_PER_QUESTION, mutant_timeout: float | None = None) -> int:
    """Print the audit tables; non-zero exit when a variant is misgraded, a grade flakes, a mutant
    reviewed as equivalent loses points, or an assignment's mutation score misses the target.

    ``mutants_per_question``: how many machine-made mutants per question (a fixed sample; None:
    all of them, 0: none). ``mutant_timeout``: seconds per step of a mutant (default: the
    grader's own ``cell_timeout``, so a mutant that times out is one the grader would time out)."""
    import matplotlib

    from .grade.settings import Limits

    matplotlib.use("Agg")
    limit = mutant_timeout or Limits().cell_timeout
    selected = paths.resolve(names, root)
    rows, flakes, mutant_rows = [], [], []
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        for name in selected:
            log(f"auditing {name} ...")
            hidden.register(name, paths.grading_dir(name, root))
            with contextlib.redirect_stdout(io.StringIO()):  # the notebooks' own prints
                solution = _solution(name, Path(tmp) / name, root)
                rows += audit_variants(name, Path(tmp) / name, log=lambda *_: None, root=root, solution=solution)
            log(table([r for r in rows if r.assignment == name]).split("\n", 1)[1])
            if mutants_per_question != 0:
                started = time.monotonic()
                with contextlib.redirect_stdout(io.StringIO()):
                    found = audit_mutants(name, Path(tmp) / name, solution, mutants_per_question, limit, root)
                mutant_rows += found
                count = sum(len(r.killed) + len(r.survived) + len(r.equivalent) + len(r.misjudged) for r in found)
                log(mutation_table(found))
                log(f"  {count} mutant(s) of {name} graded in {time.monotonic() - started:.1f} s")
            if seeds:
                log(f"  re-grading the {name} solution under {seeds} seeds ...")
                with contextlib.redirect_stdout(io.StringIO()):
                    flakes += audit_flakes(name, Path(tmp) / name, seeds, root)
    log("")
    log(table(rows))
    if mutant_rows:
        log("")
        log(mutation_table(mutant_rows))
    log("")
    log(f"flakes: {len(flakes)} in {seeds} seed(s) per assignment")
    for flake in flakes:
        log(f"  {flake}")
    bad = [r for r in rows if not r.ok]
    misjudged = [m for r in mutant_rows for m in r.misjudged]
    short = [name for name, (killed, counted, _) in mutation_scores(mutant_rows).items()
             if not mutation_passes(killed, counted)]
    if bad or flakes or misjudged or short:
        log(f"AUDIT FAILED: {len(bad)} question(s) misgraded, {len(flakes)} flaky grade(s), "
            f"{len(misjudged)} mutant(s) reviewed as equivalent that lost points, "
            f"mutation score under {MUTATION_TARGET:.0%} in {short or 'no assignment'}")
        return 1
    log("audit passed: every correct variant accepted, every mutant caught, no flakes"
        + (f", every mutation score at least {MUTATION_TARGET:.0%}" if mutant_rows else ""))
    return 0
