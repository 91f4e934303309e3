"""What a graded batch is written as: Gradescope ``results.json``, ``grades.csv``, a Canvas CSV.

``results.json`` follows Gradescope's autograder schema: one entry in ``tests`` per test case,
public tests ``visible``, hidden tests ``after_published`` (hidden until the instructor publishes
grades), the grader's stdout hidden.

``grades.csv``: one row per submission given, in the order given: id, students (from Canvas file
names), late, contributors, one column per question, total, status (ok, invalid, timeout,
crashed, error), reason (plain words when something went wrong), notes, source.

The Canvas gradebook import CSV has Canvas's own first columns (Student, ID, SIS User ID, SIS Login
ID, Section), a "Points Possible" row, and one row per student credited: every contributor of a
submission gets its total. A student credited by several submissions gets the best of them.
A roster (Canvas's own gradebook export) maps logins to names and Canvas ids when given.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .files import write_atomic
from .release import Release

STATUSES = ("ok", "invalid", "timeout", "crashed", "error")


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


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def read_roster(path: Path) -> dict[str, dict]:
    """A Canvas gradebook export -> {login or Canvas id or name: its row}."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    roster = {}
    for row in rows:
        if (row.get("Student") or "").strip().lower() in {"points possible", ""}:
            continue
        for key in ("SIS Login ID", "ID", "SIS User ID"):
            if (row.get(key) or "").strip():
                roster[row[key].strip()] = row
    return roster


def canvas_rows(release: Release, records: list[dict], roster: dict[str, dict] | None = None,
                column: str | None = None) -> tuple[list[str], list[list[str]]]:
    column = column or release.assignment
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column]
    best: dict[tuple, tuple[float, list[str]]] = {}
    for r in records:
        canvas_ids = {s["name"]: s["canvas_id"] for s in r.get("students", [])}
        for who in r.get("contributors", []):
            row = (roster or {}).get(who)
            if row is not None:
                key = (row.get("Student", ""), row.get("ID", ""), row.get("SIS User ID", ""),
                       row.get("SIS Login ID", ""), row.get("Section", ""))
            elif r.get("contributors_from") == "canvas" and who in canvas_ids:
                key = (who, canvas_ids[who], "", "", "")
            else:
                key = ("", "", "", who, "")
            if key not in best or r["total"] > best[key][0]:
                best[key] = (r["total"], list(key))
    possible = max((r["max_total"] for r in records), default=release.max_points)  # written questions too
    rows = [["Points Possible", "", "", "", "", _fmt(possible)]]
    rows += [[*fields, _fmt(total)] for _key, (total, fields) in sorted(best.items())]
    return header, rows


def write_batch(release: Release, records: list[dict], out: Path, *, roster: Path | None = None,
                canvas_column: str | None = None) -> dict[str, Path]:
    """Write grades.csv and the Canvas CSV for ``records`` (one row each, in order)."""
    grades = out / "grades.csv"
    write_atomic(grades, _csv_text(*grades_rows(release, records)))
    canvas = out / "canvas_grades.csv"
    roster_map = read_roster(roster) if roster else None
    write_atomic(canvas, _csv_text(*canvas_rows(release, records, roster_map, canvas_column)))
    return {"grades": grades, "canvas": canvas}
