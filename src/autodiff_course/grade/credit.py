"""Who gets which grade in Canvas: the credit rule, applied once, with everything it refused listed.

The rule, in one sentence (:data:`RULE`): each submission's grade goes to its Canvas submitter
and to every partner its CONTRIBUTORS names by a login the roster knows, a partner only when it
earned points; a student credited by several submissions gets the best of them and is listed as
a conflict where they differ. So a submission can only raise another student's grade, never lower it or put a zero
on it: a partner is named by login (never by a Canvas id, which any notebook can copy from a URL),
and a partner's zero credits nothing. Wrong-assignment notebooks and the grader's own failures
are posted to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .roster import Roster

RULE = ("each submission's grade goes to its Canvas submitter and to every partner its CONTRIBUTORS names by a "
        "login the roster knows (a partner only when it earned points); a student credited by several submissions "
        "gets the best of them, and is listed as a conflict where they differ")
NOT_POSTED = {"wrong_assignment": "it is the notebook of another assignment",
              "error": "its grading failed (its reason says how): grade it again, or by hand"}


@dataclass
class Credit:
    column: str
    points: float | None  # the column's points possible; None: totals are written as graded
    rows: list[list[str]] = field(default_factory=list)  # the Canvas CSV, Points Possible row first
    students: list[dict] = field(default_factory=list)
    unknown: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    not_posted: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"rule": RULE, "column": self.column, "points_possible": self.points, "students": self.students,
                "unknown": self.unknown, "conflicts": self.conflicts, "not_posted": self.not_posted}

    def summary(self) -> list[str]:
        """What an instructor must read before importing, as lines for stdout."""
        lines = [f"credit: {len(self.students)} student(s) in the Canvas CSV"]
        for u in self.unknown:
            lines.append(f"  not credited: {u['who']} named by {u['submission']}: {u['why']}")
        for c in self.conflicts:
            lines.append(f"  conflict: {c['student']} is credited by " + ", ".join(
                f"{s['submission']} ({s['total']:g})" for s in c["credits"]) + f"; the best, {c['chosen']}, counts")
        for n in self.not_posted:
            lines.append(f"  not posted: {n['submission']}: {n['why']}")
        return lines


def _key(fields: list[str]) -> tuple:
    """One student, however found: by Canvas id when known, else by login."""
    return ("id", fields[1]) if fields[1] else ("login", fields[3].casefold())


def _fmt(value: float) -> str:
    return f"{round(value, 2):g}"


def allocate(records: list[dict], max_total: float, roster: Roster | None, column: str,
             points: float | None) -> Credit:
    """Apply the credit rule to ``records`` (in ledger order, so the listing is stable)."""
    credit = Credit(column, points)
    offers: dict[tuple, list[tuple[dict, str, list[str]]]] = {}  # student key -> (record, as, fields)
    for r in records:
        if r.get("status") in NOT_POSTED:
            credit.not_posted.append({"submission": r["id"], "why": NOT_POSTED[r["status"]]})
            continue
        named_here: set[tuple] = set()

        def offer(fields: list[str], how: str) -> None:
            key = _key(fields)
            if key not in named_here:
                named_here.add(key)
                offers.setdefault(key, []).append((r, how, fields))

        for s in r.get("students", []):  # Canvas's own record of who uploaded it
            student = roster.by_canvas_id(s["canvas_id"]) if roster else None
            if roster is not None and student is None:
                credit.unknown.append({"submission": r["id"], "who": f"{s['name']} (Canvas id {s['canvas_id']})",
                                       "why": "the Canvas submitter is not on the roster (dropped, or another course)"})
                continue
            offer(student.fields if student else [s["name"], s["canvas_id"], "", "", ""], "submitter")
        if r.get("contributors_from") != "notebook":
            if not r.get("students"):
                credit.unknown.append({"submission": r["id"], "who": "nobody",
                                       "why": "neither a Canvas file name nor CONTRIBUTORS says whose work it is"})
            continue
        for login in r.get("contributors", []):
            student = roster.by_login(login) if roster else None
            if student is None:
                why = ("no roster given (pass --roster to credit partners)" if roster is None
                       else "no student of the roster has this login (a typo?)")
                credit.unknown.append({"submission": r["id"], "who": login, "why": why})
                continue
            if _key(student.fields) in named_here or r["total"] > 0:
                offer(student.fields, "partner")
            else:
                credit.unknown.append({"submission": r["id"], "who": login,
                                       "why": "a partner's zero credits nothing (it can only raise a grade)"})
    scale = (points / max_total) if points and max_total else None
    credit.rows.append(["Points Possible", "", "", "", "", _fmt(points if points else max_total)])
    for key in sorted(offers, key=lambda k: (offers[k][0][2][0].casefold(), k)):
        choices = offers[key]
        best, how, fields = max(choices, key=lambda c: (c[0]["total"], c[1] == "submitter"))  # own work on a tie
        scaled = best["total"] * scale if scale else best["total"]
        credit.rows.append([*fields, _fmt(scaled)])
        credit.students.append({"student": fields[0], "canvas_id": fields[1], "login": fields[3],
                                "submission": best["id"], "as": how, "total": best["total"], "posted": _fmt(scaled)})
        if len({c[0]["total"] for c in choices}) > 1:  # a pair who both uploaded the same work agree
            credit.conflicts.append({"student": fields[0] or fields[3], "chosen": best["id"], "credits": [
                {"submission": c[0]["id"], "as": c[1], "total": c[0]["total"]} for c in choices]})
    return credit
