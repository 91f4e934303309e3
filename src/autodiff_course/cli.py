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
        roster=args.roster, canvas_column=args.canvas_column, canvas_points=args.canvas_points,
        **{name: getattr(args, name) for name, *_ in limit_fields()},
    )


def _report(args: argparse.Namespace) -> int:
    from .grade import report

    return report.main(folder=args.folder, out=args.out)


def _written(args: argparse.Namespace) -> int:
    from .grade import written

    return written.main(folder=args.folder, out=args.out)


def _export(args: argparse.Namespace) -> int:
    from .grade import batch

    return batch.export(folder=args.folder, roster=args.roster, canvas_column=args.canvas_column,
                        canvas_points=args.canvas_points)


TOP = """\
Build an auto-graded PyTorch course module and grade it: build the releases from the masters,
grade submissions (notebooks, export zips, Canvas downloads) into a results folder, read the
report, export written answers for a TA, and export the grades for Canvas.

  autodiff-course build                                  # student_release/, autograder/, solutions/
  autodiff-course grade -a {name} --out graded/{nn} canvas_download.zip
  autodiff-course report graded/{nn}                       # graded/{nn}/report.html
  autodiff-course written graded/{nn}                      # written answers; manual_scores.csv to fill in
  autodiff-course export graded/{nn} --roster gradebook.csv

Exit codes: 0 done, every submission ok; 1 done, some submissions (or an assignment's build or
audit) not ok, each with a reason; 2 the command cannot run (bad input, nothing to grade, not a
graded folder); 130 interrupted (what was graded is kept). `autodiff-course VERB --help` says
what each verb reads and writes."""


def _example() -> dict:
    """The names the examples use: the first assignment there is (the package names none)."""
    from . import paths

    found = paths.available()
    name = found[0] if found else "01_first"
    return {"name": name, "nn": name[:2]}


def _verb(verbs, name: str, summary: str, reads: str, writes: str, example: str, codes: str):
    text = (f"{summary}\n\nreads:  {reads}\nwrites: {writes}\nexit codes: {codes}\n\n"
            f"example:\n  {example.format(**_example())}")
    return verbs.add_parser(name, help=summary, description=text, formatter_class=argparse.RawDescriptionHelpFormatter)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="autodiff-course", description=TOP.format(**_example()),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = top.add_subparsers(dest="verb", required=True, metavar="VERB")

    build = _verb(
        verbs, "build", "run otter assign on masters and write the student release, autograder zip and solutions",
        "assignments/<NN_name>/ (the master, support files, grading/)",
        "student_release/<NN_name>/, autograder/<NN_name>/ (the Gradescope zip), solutions/<NN_name>/ "
        "(under --out when given); unchanged assignments are skipped",
        "autodiff-course build {name}", "0 built, 1 a build failed (the message names the master line)")
    build.add_argument("names", nargs="*", metavar="NAME", help="assignments (default: every folder under assignments/)")
    build.add_argument("--out", type=Path, default=None, help="write the generated folders here (default: the repository)")
    build.add_argument("--force", action="store_true", help="rebuild even when the sources have not changed")
    build.set_defaults(run=_build)

    grade = _verb(
        verbs, "grade", "grade submissions (notebooks, export zips, folders, Canvas downloads) in child processes",
        "the SUBMISSION paths and the built release of NAME (student_release/, autograder/)",
        "OUT/<id>/ (results.json for Gradescope, the executed notebook, grade.json), OUT/grades.csv, "
        "OUT/canvas_grades.csv, OUT/batch.json; graded submissions are kept and only new or changed "
        "ones are graded (--force: all)",
        "autodiff-course grade -a {name} --out graded/{nn} --jobs 2 canvas_download.zip late/*.ipynb",
        "0 every submission ok, 1 some not ok (each has a row and a reason), 2 nothing could be graded, "
        "130 interrupted")
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
                       help="the assignment's column in Canvas, e.g. 'Assignment 01 (12345)' (default: the "
                            "roster's one column naming NAME)")
    grade.add_argument("--canvas-points", type=float, default=None, metavar="POINTS",
                       help="what the Canvas column is out of (default: the roster's Points Possible row); "
                            "totals are scaled to it")
    grade.set_defaults(run=_grade)

    report = _verb(
        verbs, "report", "write an instructor's HTML page about a graded folder",
        "FOLDER (every <id>/grade.json, manual_scores.csv and credit.json when present)",
        "FOLDER/report.html (or --out): problems, credit, a sortable table per submission with links, "
        "pass rates and the most common failure messages per test",
        "autodiff-course report graded/{nn}", "0 written, 2 FOLDER is not a graded folder")
    report.add_argument("folder", type=Path, help="a folder written by `grade`")
    report.add_argument("--out", type=Path, default=None, help="the HTML file (default: FOLDER/report.html)")
    report.set_defaults(run=_report)

    written = _verb(
        verbs, "written", "collect every written answer per question, and a sheet for their scores",
        "FOLDER (the executed notebooks) and the assignment's master (its manual questions and points)",
        "FOLDER/written.html (or --out) and FOLDER/manual_scores.csv, a sheet to fill in (scores already "
        "in it are kept); grade, report and export then count them",
        "autodiff-course written graded/{nn}", "0 written (or no written questions), 2 FOLDER is not a graded folder")
    written.add_argument("folder", type=Path, help="a folder written by `grade`")
    written.add_argument("--out", type=Path, default=None, help="the HTML file (default: FOLDER/written.html)")
    written.set_defaults(run=_written)

    export = _verb(
        verbs, "export", "write a graded folder's grades.csv and Canvas CSV again (e.g. with a roster)",
        "FOLDER (every <id>/grade.json, manual_scores.csv when present) and --roster",
        "FOLDER/grades.csv and FOLDER/canvas_grades.csv, replacing them (it says so)",
        "autodiff-course export graded/{nn} --roster gradebook.csv --canvas-column 'Assignment {nn} (1234)'",
        "0 written, 1 some submissions of the batch are not graded yet, 2 FOLDER or the scores sheet cannot be read")
    export.add_argument("folder", type=Path, help="a folder written by `grade`")
    export.add_argument("--roster", type=Path, default=None, help="Canvas gradebook export (names and Canvas ids)")
    export.add_argument("--canvas-column", default=None, help="the assignment's column in Canvas")
    export.add_argument("--canvas-points", type=float, default=None, metavar="POINTS",
                        help="what the Canvas column is out of (default: the roster's Points Possible row)")
    export.set_defaults(run=_export)

    audit = _verb(
        verbs, "audit", "grade every kept correct variant and wrong mutant, and re-grade solutions under many seeds",
        "assignments/<NN_name>/variants/ and the built release", "a table on stdout (nothing on disk)",
        "autodiff-course audit {name} --seeds 5", "0 every answer graded right and no flake, 1 otherwise")
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
