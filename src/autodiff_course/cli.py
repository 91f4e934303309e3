"""The ``autodiff-course`` command: a thin layer that forwards each verb to its module."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__, paths


def _build(args: argparse.Namespace) -> int:
    from . import build

    return build.main(names=args.names, out=args.out, force=args.force)


def _audit(args: argparse.Namespace) -> int:
    from . import audit

    return audit.main(names=args.names, seeds=args.seeds)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="autodiff-course", description=__doc__)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = top.add_subparsers(dest="verb", required=True, metavar="VERB")

    build = verbs.add_parser(
        "build", help="run otter assign on masters and write student_release/, autograder/, solutions/"
    )
    build.add_argument("names", nargs="*", metavar="NAME", help=f"assignments (default: all of {', '.join(paths.ASSIGNMENTS)})")
    build.add_argument("--out", type=Path, default=None, help="write the generated folders here (default: the repository)")
    build.add_argument("--force", action="store_true", help="rebuild even when the sources have not changed")
    build.set_defaults(run=_build)

    audit = verbs.add_parser(
        "audit", help="grade every kept correct variant and wrong mutant, and re-grade solutions under many seeds"
    )
    audit.add_argument("names", nargs="*", metavar="NAME", help="assignments (default: all)")
    audit.add_argument("--seeds", type=int, default=20, help="seeds to re-grade each solution under (0: skip)")
    audit.set_defaults(run=_audit)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
