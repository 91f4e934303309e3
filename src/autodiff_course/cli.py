"""The ``autodiff-course`` command: a thin layer that forwards each verb to its module."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__


def _build(args: argparse.Namespace) -> int:
    from . import build

    return build.main(names=args.names, out=args.out, force=args.force)


def _audit(args: argparse.Namespace) -> int:
    from . import audit

    return audit.main(names=args.names, seeds=args.seeds, mutants_per_question=args.mutants,
                      mutant_timeout=args.mutant_timeout)


def _mutants(text: str) -> int | None:
    """``all``, ``none`` or a number of machine-made mutants per question."""
    if text in ("all", "none"):
        return None if text == "all" else 0
    count = int(text)
    if count < 0:
        raise argparse.ArgumentTypeError("a number of mutants is not negative")
    return count


def _grade(args: argparse.Namespace) -> int:
    from .grade import batch
    from .grade.settings import limit_fields

    return batch.main(
        assignment=args.assignment, sources=args.submissions, out=args.out, jobs=args.jobs, force=args.force,
        roster=args.roster, canvas_column=args.canvas_column,
        **{name: getattr(args, name) for name, *_ in limit_fields()},
    )


def _report(args: argparse.Namespace) -> int:
    from .grade import report

    return report.main(folder=args.folder, out=args.out)


def _export(args: argparse.Namespace) -> int:
    from .grade import batch

    return batch.export(folder=args.folder, roster=args.roster, canvas_column=args.canvas_column)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="autodiff-course", description=__doc__)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = top.add_subparsers(dest="verb", required=True, metavar="VERB")

    build = verbs.add_parser(
        "build", help="run otter assign on masters and write student_release/, autograder/, solutions/"
    )
    build.add_argument("names", nargs="*", metavar="NAME", help="assignments (default: every folder under assignments/)")
    build.add_argument("--out", type=Path, default=None, help="write the generated folders here (default: the repository)")
    build.add_argument("--force", action="store_true", help="rebuild even when the sources have not changed")
    build.set_defaults(run=_build)

    grade = verbs.add_parser(
        "grade", help="grade submissions (notebooks, export zips, folders, Canvas downloads) in child processes"
    )
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                       help="notebook, export zip, folder, or Canvas 'Download Submissions' zip/folder")
    grade.add_argument("--assignment", "-a", required=True, metavar="NAME",
                       help="an assignment: its folder's name under assignments/ (graded against its built release)")
    grade.add_argument("--out", type=Path, default=Path("graded"), help="results folder (default: ./graded)")
    grade.add_argument("--jobs", "-j", type=int, default=1, help="submissions graded at once (default 1)")
    grade.add_argument("--force", action="store_true", help="grade again what is already graded")
    from .grade.settings import limit_fields

    for name, kind, default, text in limit_fields():  # declared once, in grade/settings.py
        grade.add_argument(f"--{name.replace('_', '-')}", type=kind, default=default,
                           help=f"{text} (default {default:g})")
    grade.add_argument("--roster", type=Path, default=None,
                       help="Canvas gradebook export, to give the Canvas CSV names and Canvas ids")
    grade.add_argument("--canvas-column", default=None,
                       help="the assignment's column in Canvas, e.g. 'Assignment 01 (12345)' (default: NAME)")
    grade.set_defaults(run=_grade)

    report = verbs.add_parser("report", help="write an HTML report (score histogram, pass rates, slowest) of a graded folder")
    report.add_argument("folder", type=Path, help="a folder written by `grade`")
    report.add_argument("--out", type=Path, default=None, help="the HTML file (default: FOLDER/report.html)")
    report.set_defaults(run=_report)

    export = verbs.add_parser("export", help="write a graded folder's grades.csv and Canvas CSV again (e.g. with a roster)")
    export.add_argument("folder", type=Path, help="a folder written by `grade`")
    export.add_argument("--roster", type=Path, default=None, help="Canvas gradebook export (names and Canvas ids)")
    export.add_argument("--canvas-column", default=None, help="the assignment's column in Canvas")
    export.set_defaults(run=_export)

    audit = verbs.add_parser(
        "audit", help="grade every kept correct variant and wrong mutant, and re-grade solutions under many seeds"
    )
    audit.add_argument("names", nargs="*", metavar="NAME", help="assignments (default: all)")
    audit.add_argument("--seeds", type=int, default=20, help="seeds to re-grade each solution under (0: skip)")
    from .audit import MUTANTS_PER_QUESTION

    audit.add_argument("--mutants", type=_mutants, default=MUTANTS_PER_QUESTION, metavar="N|all|none",
                       help="machine-made mutants graded per question: a fixed sample of N, all, or none "
                            f"(default {MUTANTS_PER_QUESTION})")
    audit.add_argument("--mutant-timeout", type=float, default=None, metavar="SECONDS",
                       help="time limit of each step of a mutant (default: the grader's --cell-timeout)")
    audit.set_defaults(run=_audit)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
