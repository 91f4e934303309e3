"""A Canvas gradebook export read as a roster: who the students are and what a column is worth.

Canvas's export (Grades, Export) has the columns ``Student, ID, SIS User ID, SIS Login ID,
Section`` (some instances add ``Integration ID``), then one column per assignment named
``<title> (<assignment id>)`` and read-only totals. Its second row is ``Points Possible`` with
each column's points; a row of posting policies (``Manual Posting``) may follow, and ``Student,
Test`` is Canvas's test student. ``ID`` is the Canvas user id (what Canvas download file names
carry), ``SIS Login ID`` the login students write in CONTRIBUTORS.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
EXTRA_IDENTITY = {"Integration ID", "Root Account"}
READ_ONLY = re.compile(r"^(Current|Final|Unposted Current|Unposted Final) (Score|Grade|Points)$|^Override ", re.I)
_COLUMN_ID = re.compile(r"\((\d+)\)\s*$")


class RosterError(Exception):
    """The roster cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Student:
    name: str
    canvas_id: str
    sis_id: str
    login: str
    section: str

    @property
    def fields(self) -> list[str]:
        return [self.name, self.canvas_id, self.sis_id, self.login, self.section]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.login or self.canvas_id})"


class Roster:
    def __init__(self, students: list[Student], points: dict[str, str], source: str = ""):
        self.students = students
        self.points = points  # assignment column -> its Points Possible cell
        self.source = source
        self._by_id = {s.canvas_id: s for s in students if s.canvas_id}
        self._by_login = {s.login.casefold(): s for s in students if s.login}

    @property
    def columns(self) -> list[str]:
        return list(self.points)

    def by_canvas_id(self, canvas_id: str) -> Student | None:
        return self._by_id.get(str(canvas_id).strip())

    def by_login(self, login: str) -> Student | None:
        return self._by_login.get(login.strip().casefold())

    def column(self, requested: str | None, assignment: str) -> str:
        """The roster's column for ``requested`` (its full name, its title or its Canvas id), or,
        when none is requested, the one column whose title holds the assignment's name."""
        if requested:
            wanted = requested.strip()
            found = [c for c in self.columns if c.strip() == wanted]
            found = found or [c for c in self.columns if _title(c) == _title(wanted)]
            number = _COLUMN_ID.search(wanted) or re.fullmatch(r"(\d+)", wanted)
            found = found or [c for c in self.columns if number and _COLUMN_ID.search(c)
                              and _COLUMN_ID.search(c).group(1) == number.group(1)]
        else:
            found = [c for c in self.columns if assignment.casefold() in c.casefold()]
        if len(found) == 1:
            return found[0]
        listing = "; ".join(self.columns[:30]) or "none"
        what = f"no column {requested!r}" if requested and not found else (
            f"{len(found)} columns match {requested or assignment!r}" if found else f"no column naming {assignment}")
        raise RosterError(f"the roster {self.source} has {what}: pass --canvas-column with one of its "
                          f"assignment columns ({listing})")

    def points_of(self, column: str) -> float | None:
        try:
            value = float(self.points.get(column, "").strip())
        except ValueError:
            return None
        return value if value > 0 else None


def _title(column: str) -> str:
    return _COLUMN_ID.sub("", column).strip().casefold()


def read(path: Path) -> Roster:
    """Read a Canvas gradebook export; :class:`RosterError` when it is not one."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        raise RosterError(f"the roster {path} does not exist: export it from Canvas (Grades, Export)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"the roster {path} could not be read ({error})") from None
    if not rows:
        raise RosterError(f"the roster {path} is empty: export it from Canvas (Grades, Export)")
    header = [h.strip() for h in rows[0]]
    missing = [h for h in ("Student", "ID", "SIS Login ID") if h not in header]
    if missing:
        raise RosterError(f"the roster {path} has no {', '.join(missing)} column: it must be Canvas's gradebook "
                          "export (Grades, Export), whose first columns are " + ", ".join(IDENTITY))
    at = {h: i for i, h in enumerate(header)}
    assignment_columns = [i for i, h in enumerate(header)
                          if h and h not in IDENTITY and h not in EXTRA_IDENTITY and not READ_ONLY.search(h)]
    points: dict[str, str] = {header[i]: "" for i in assignment_columns}
    students: list[Student] = []

    def cell(row, name):
        index = at.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    for row in rows[1:]:
        name = cell(row, "Student")
        if name.casefold() == "points possible":
            points = {header[i]: (row[i].strip() if i < len(row) else "") for i in assignment_columns}
            continue
        if not name and not cell(row, "ID"):  # the posting-policy row, or an empty line
            continue
        students.append(Student(name, cell(row, "ID"), cell(row, "SIS User ID"), cell(row, "SIS Login ID"),
                                cell(row, "Section")))
    if not students:
        raise RosterError(f"the roster {path} lists no students")
    return Roster(students, points, str(path))
