"""What a graded batch is written as: Gradescope ``results.json``, ``grades.csv``, a Canvas CSV.

``results.json`` follows Gradescope's autograder schema: one entry in ``tests`` per test case,
public tests ``visible``, hidden tests ``after_published`` (hidden until the instructor publishes
grades), the grader's stdout hidden.

``grades.csv``: one row per submission of the ledger (:mod:`.ledger`), in the order first graded:
id, students (from Canvas file names), late, contributors, one column per question, total, status
(ok, invalid, wrong_assignment, timeout, crashed, error), reason (plain words when something went wrong), notes, source.

The Canvas gradebook import CSV has Canvas's own first columns (Student, ID, SIS User ID, SIS Login
ID, Section), a "Points Possible" row, and exactly one row per student credited by the rule of
:mod:`.credit`, scaled to the column's points possible (from the roster's own Points Possible row,
or ``--canvas-points``). ``credit.json`` lists whom it credited from which submission, and what it
refused: unknown logins, conflicts, submissions posted to nobody.
Every CSV goes through :mod:`.spreadsheet`, which neutralises cells a spreadsheet would run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .credit import allocate
from .files import write_atomic, write_json
from .release import Release
from .roster import Roster, RosterError, read as read_roster
from .spreadsheet import csv_text

STATUSES = ("ok", "invalid", "wrong_assignment", "timeout", "crashed", "error")


def _fmt(value: float) -> str:
    return f"{value:g}"


def gradescope_results(release: Release, record: dict) -> dict:
    tests = []
    for test in record["tests"]:
        tests.append({
            "name": f"{test['question']}: {test['test']}",
            "score": round(test["score"], 5),
            "max_score": round(test["max_score"], 5),
            "status": "passed" if test["passed"] else "failed",
            "output": ("passed" if test["passed"] else test["output"] or "failed"),
            "visibility": "after_published" if test["hidden"] else "visible",
        })
    lines = [f"{release.assignment}: graded by autodiff-course."]
    if record["status"] != "ok":
        lines.append(f"Problem ({record['status']}): {record['reason']}")
    lines += record.get("notes", [])
    return {
        "execution_time": round(record.get("seconds") or 0.0, 2),
        "output": "\n".join(lines),
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def grades_rows(release: Release, records: list[dict]) -> tuple[list[str], list[list[str]]]:
    questions = [q.name for q in release.questions]
    questions += list(dict.fromkeys(n for r in records for n in r["questions"] if n not in questions))  # written
    header = ["id", "students", "late", "contributors", *questions, "total", "max_total", "status", "reason",
              "notes", "source"]
    rows = []
    for r in records:
        scores = [_fmt(r["questions"].get(q, {}).get("score", 0.0)) for q in questions]
        rows.append([
            r["id"],
            " ".join(f"{s['name']}_{s['canvas_id']}" for s in r.get("students", [])),
            "yes" if r.get("late") else "no",
            " ".join(r.get("contributors", [])),
            *scores,
            _fmt(r["total"]),
            _fmt(r["max_total"]),
            r["status"],
            r.get("reason", ""),
            " | ".join(r.get("notes", [])),
            r.get("source", ""),
        ])
    return header, rows


@dataclass
class Canvas:
    """Where grades go in Canvas: the roster (or none), the column and the points it is out of."""

    roster: Roster | None = None
    column: str = ""
    points: float | None = None


def canvas_target(assignment: str, roster: Path | None = None, column: str | None = None,
                  points: float | None = None) -> Canvas:
    """The Canvas column and its points: from the roster's ``Points Possible`` row unless
    ``points`` is given; :class:`~.roster.RosterError` when the roster cannot say."""
    if points is not None and points <= 0:
        raise RosterError(f"--canvas-points must be above 0 (got {points:g})")
    if roster is None:
        return Canvas(None, column or assignment, points)
    table = read_roster(roster)
    name = table.column(column, assignment)
    points = points or table.points_of(name)
    if points is None:
        raise RosterError(f"the roster's Points Possible row gives no points for {name!r}: pass --canvas-points")
    return Canvas(table, name, points)


def write_batch(release: Release, records: list[dict], out: Path, canvas: Canvas | None = None) -> dict:
    """Write grades.csv, the Canvas CSV and credit.json for ``records`` (the whole ledger, in order)."""
    canvas = canvas or Canvas(column=release.assignment)
    grades = out / "grades.csv"
    write_atomic(grades, csv_text(*grades_rows(release, records)))
    max_total = max((r["max_total"] for r in records), default=release.max_points)  # written questions too
    credit = allocate(records, max_total, canvas.roster, canvas.column or release.assignment, canvas.points)
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", credit.column]
    write_atomic(out / "canvas_grades.csv", csv_text(header, credit.rows))
    write_json(out / "credit.json", credit.as_json())
    return {"grades": grades, "canvas": out / "canvas_grades.csv", "credit": out / "credit.json",
            "summary": credit.summary()}
