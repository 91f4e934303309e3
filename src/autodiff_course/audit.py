"""Audit the tests themselves: correct variants accepted, wrong mutants caught, no flaky grades."""

from __future__ import annotations

import contextlib
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import hidden, paths, variants
from .master import Master, read_master


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


def audit_variants(name: str, base: Path, log=print, root: Path | None = None) -> list[Row]:
    master = read_master(name, root)
    solution_dir = variants.stage_support(name, base / "solution", root)
    with variants.inside(solution_dir):
        env = variants.solution_env(master)
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


def table(rows: list[Row]) -> str:
    lines = [f"{'question':<40} {'correct accepted':>17} {'mutants caught':>15}  slipped through"]
    for row in rows:
        slipped = "; ".join(row.slipped) or "-"
        lines.append(
            f"{row.assignment + '/' + row.question:<40} {f'{row.accepted}/{row.correct_total}':>17} "
            f"{f'{row.caught}/{row.wrong_total}':>15}  {slipped}"
        )
    return "\n".join(lines)


def main(*, names: list[str] | None = None, seeds: int = 20, log=print, root: Path | None = None) -> int:
    """Print the audit table; non-zero exit when a variant is misgraded or a grade flakes."""
    import matplotlib

    matplotlib.use("Agg")
    selected = paths.resolve(names, root)
    rows, flakes = [], []
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        for name in selected:
            log(f"auditing {name} ...")
            hidden.register(name, paths.grading_dir(name, root))
            with contextlib.redirect_stdout(io.StringIO()):  # the notebooks' own prints
                rows += audit_variants(name, Path(tmp) / name, log=lambda *_: None, root=root)
            log(table([r for r in rows if r.assignment == name]).split("\n", 1)[1])
            if seeds:
                log(f"  re-grading the {name} solution under {seeds} seeds ...")
                with contextlib.redirect_stdout(io.StringIO()):
                    flakes += audit_flakes(name, Path(tmp) / name, seeds, root)
    log("")
    log(table(rows))
    log("")
    log(f"flakes: {len(flakes)} in {seeds} seed(s) per assignment")
    for flake in flakes:
        log(f"  {flake}")
    bad = [r for r in rows if not r.ok]
    if bad or flakes:
        log(f"AUDIT FAILED: {len(bad)} question(s) misgraded, {len(flakes)} flaky grade(s)")
        return 1
    log("audit passed: every correct variant accepted, every mutant caught, no flakes")
    return 0
