"""Scores of written questions, typed by a TA into ``DIR/manual_scores.csv``, and totals with them.

The sheet (written by ``autodiff-course written``) has a header ``id, contributors, <question>...``,
a ``Points Possible`` row, and one row per submission; an empty cell is a score not given yet.
:func:`scores` reads it; :func:`include` adds the written questions to grade records: their
points always count in ``max_total`` (the assignment is worth them), a given score in ``total``,
and a record still missing one says so in its notes.
"""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

SHEET = "manual_scores.csv"
POSSIBLE = "Points Possible"


class ManualError(ValueError):
    """The sheet cannot be read as scores (a word, a negative or too large number), with where."""


def questions(assignment: str, root: Path | None = None) -> list[tuple[str, float]]:
    """The written questions of ``assignment`` with their points, in notebook order (from its master;
    none where there is no master, as inside a Gradescope zip)."""
    from .. import paths

    if not (paths.assignment_dir(assignment, root) / f"{assignment}.py").is_file():
        return []
    from ..master import read_master

    return [(q.name, float(q.declared_points or 0)) for q in read_master(assignment, root).questions if q.manual]


def read_sheet(path: Path, written: list[tuple[str, float]]) -> dict[str, dict[str, float]]:
    """{submission id: {question: points}} from the sheet at ``path``, checked against ``written``."""
    limits = dict(written)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    found: dict[str, dict[str, float]] = {}
    for line, row in enumerate(rows, start=2):
        sid = (row.get("id") or "").strip()
        if not sid or sid == POSSIBLE:
            continue
        given = {}
        for question, top in limits.items():
            text = (row.get(question) or "").strip()
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                raise ManualError(f"{path.name} line {line}: {question} of {sid} is {text!r}, not a number") from None
            if not 0 <= value <= top:
                raise ManualError(f"{path.name} line {line}: {question} of {sid} is {value:g}, "
                                  f"outside 0 to {top:g}")
            given[question] = value
        found[sid] = given
    return found


def scores(out_dir: Path, written: list[tuple[str, float]] | None = None) -> dict[str, dict[str, float]]:
    """The manual scores of a graded folder: {submission id: {question: points}}; {} without a sheet.
    ``written`` (name, points) checks the range; without it every column but id and contributors
    is read as a question, unbounded above."""
    path = Path(out_dir) / SHEET
    if not path.exists():
        return {}
    if written is None:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
        written = [(h, float("inf")) for h in header if h not in ("id", "contributors")]
    return read_sheet(path, written)


def sheet_text(written: list[tuple[str, float]], records: list[dict], kept: dict[str, dict[str, float]]) -> str:
    """The sheet for ``records``, with the scores already in ``kept``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "contributors", *[name for name, _ in written]])
    writer.writerow([POSSIBLE, "", *[f"{points:g}" for _, points in written]])
    for r in records:
        given = kept.get(r["id"], {})
        writer.writerow([r["id"], " ".join(r.get("contributors", [])),
                         *[f"{given[n]:g}" if n in given else "" for n, _ in written]])
    return buffer.getvalue()


def include(records: list[dict], written: list[tuple[str, float]], given: dict[str, dict[str, float]]) -> list[dict]:
    """Copies of ``records`` with the written questions in ``questions``, ``total`` and ``max_total``."""
    if not written:
        return records
    done = []
    for record in records:
        record = copy.deepcopy(record)
        mine = given.get(record["id"], {})
        for name, points in written:
            score = mine.get(name)
            record["questions"][name] = {"score": score or 0.0, "max_score": points, "written": True,
                                         "scored": score is not None}
            record["total"] += score or 0.0
            record["max_total"] += points
        missing = [n for n, _ in written if n not in mine]
        if missing:
            record.setdefault("notes", []).append(
                f"written question(s) not scored yet: {', '.join(missing)} (autodiff-course written)")
        done.append(record)
    return done


def with_written(folder: Path, assignment: str, records: list[dict], root: Path | None = None) -> list[dict]:
    """``records`` of a graded folder with its written questions and the scores in its sheet."""
    written = questions(assignment, root)
    return include(records, written, scores(folder, written)) if written else records
