"""The instructor's hand-off with real notebooks: a results folder is a ledger of one assignment,
the Canvas CSV lands in the roster's column scaled to its points, credit follows one stated rule,
another assignment's notebook is never run or posted, and no CSV cell can run as a formula.

One Canvas download of assignment 01 (seven submissions, two at a time: about ten seconds) is
graded once for the module against a roster exported from Canvas, Points Possible row and all;
then one late upload and one resubmission are graded into the same folder.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import nbformat
import pytest

from autodiff_course import cli, paths
from autodiff_course.grade import batch, credit, report
from helpers import release_notebook, with_code, write_notebook

NAME = "01_pickle_datasets"
OTHER = "02_autograd"
FULL = 13.0
WRONG = FULL - 3  # the transposed species_counts variant loses that question's 3 points
COLUMN = "Assignment 01: Pickle datasets (4401)"

pytestmark = pytest.mark.slow

ROSTER = f"""\
Student,ID,SIS User ID,SIS Login ID,Section,{COLUMN},Assignment 02: Autograd (4402),Current Score,Unposted Current Score,Final Score,Unposted Final Score,Current Grade,Final Grade
    Points Possible,,,,,100.00,50.00,(read only),(read only),(read only),(read only),(read only),(read only)
,,,,,Manual Posting,,,,,,,
"Doe, Jane",10001,S001,jdoe,Section A,,,,,,,,
"Smith, Ann",10002,S002,asmith,Section A,,,,,,,,
"Lee, Carol",10003,S003,leecarol,Section B,,,,,,,,
"Roe, Bob",10004,S004,broe,Section B,,,,,,,,
"King, Al",10005,S005,kingal,Section B,,,,,,,,
"Wu, Han",10006,S006,hwu,Section A,,,,,,,,
"Student, Test",10099,,4f2c1a,Section A,,,,,,,,
"""


def solution():
    return release_notebook("solutions", NAME)


def contributors(nb, logins):
    return with_code(nb, "CONTRIBUTORS =", f"CONTRIBUTORS = {logins!r}")


def wrong_variant():
    variant = paths.ROOT / "assignments" / NAME / "variants" / "species_counts" / "wrong_transposed.py"
    return with_code(solution(), "def species_counts", variant.read_text())


def grade(sources, out, **kw):
    lines: list[str] = []
    code = batch.main(assignment=NAME, sources=sources, out=out, jobs=2, cell_timeout=6, timeout=90,
                      quiet=True, log=lines.append, **kw)
    return code, "\n".join(lines)


def table(path: Path) -> list[list[str]]:
    return list(csv.reader(open(path, encoding="utf-8")))


def canvas(out: Path) -> dict[str, list[str]]:
    rows = table(out / "canvas_grades.csv")
    return {r[0]: r for r in rows[1:]}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    base = tmp_path_factory.mktemp("ledger")
    roster = base / "Grades-Course.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    download = base / "submissions"
    write_notebook(solution(), download / f"leecarol_10003_501_{NAME}.ipynb")  # placeholder CONTRIBUTORS
    write_notebook(contributors(solution(), ["jdoe", "asmtih"]), download / f"doejane_LATE_10001_502_{NAME}.ipynb")
    write_notebook(contributors(wrong_variant(), ["jdoe"]), download / f"smithann_10002_503_{NAME}.ipynb")
    blank = release_notebook("student_release", NAME)  # names King Al by Canvas id and by login
    write_notebook(contributors(blank, ["10005", "kingal", "broe"]), download / f"roebob_10004_504_{NAME}.ipynb")
    write_notebook(release_notebook("student_release", OTHER), download / f"wuhan_10006_505_{OTHER}.ipynb")
    loose = base / "loose"
    partner = write_notebook(contributors(solution(), ["-2+3", "hwu"]), loose / "pair.ipynb")
    formula = loose / "=1+2.zip"  # a zip whose name becomes the first of its notes
    with zipfile.ZipFile(formula, "w") as zf:
        zf.writestr(f"../{NAME}.ipynb", nbformat.writes(solution()))
    out = base / "graded"
    code, said = grade([download, partner, formula], out, roster=roster, canvas_column="Assignment 01: Pickle datasets")
    assert code in (0, 1), said
    first = {"code": code, "said": said, "grades": table(out / "grades.csv"), "canvas": canvas(out),
             "credit": json.loads((out / "credit.json").read_text()),
             "stamps": {p.parent.name: p.stat().st_mtime_ns for p in out.glob("*/grade.json")}}
    late = base / "late"
    write_notebook(solution(), late / f"kingal_LATE_10005_506_{NAME}.ipynb")
    write_notebook(contributors(solution(), ["asmith"]), late / f"smithann_10002_507_{NAME}.ipynb")  # resubmitted
    code2, said2 = grade([late], out)  # the roster and column of the first run are remembered
    return {"base": base, "out": out, "roster": roster, "first": first, "code": code2, "said": said2}


def rows_by_id(rows):
    header = rows[0]
    return {r[0]: dict(zip(header, r)) for r in rows[1:]}


# --------------------------------------------------------------------------- 1: the ledger


def test_a_second_run_adds_and_replaces_and_drops_nothing(ledger):
    before = rows_by_id(ledger["first"]["grades"])
    after = rows_by_id(table(ledger["out"] / "grades.csv"))
    assert len(before) == 7 and len(after) == 8  # King Al's late file is new; Ann's upload replaced hers
    assert set(before) | {"kingal_10005"} == set(after)
    assert float(before["smithann_10002"]["total"]) == WRONG and float(after["smithann_10002"]["total"]) == FULL
    manifest = json.loads((ledger["out"] / "batch.json").read_text())
    assert [e["id"] for e in manifest["submissions"]] == list(after)
    assert [run["graded"] for run in manifest["runs"]] == [7, 2]
    untouched = {i: s for i, s in ledger["first"]["stamps"].items() if i != "smithann_10002"}
    for ident, stamp in untouched.items():
        assert (ledger["out"] / ident / "grade.json").stat().st_mtime_ns == stamp, f"{ident} was graded again"
    assert "graded 2 of the 2 submission(s) given" in ledger["said"]
    assert "with the roster of the folder's last run" in ledger["said"]
    assert "now holds 8 submission(s)" in ledger["said"] and "1 new to the folder, 1 replaced" in ledger["said"]


def test_canvas_csv_covers_the_whole_ledger(ledger):
    now = canvas(ledger["out"])
    assert "King, Al" in now and float(now["King, Al"][5]) == 100
    assert float(now["Smith, Ann"][5]) == 100
    assert "Lee, Carol" in now and "Doe, Jane" in now  # graded by the first run only


def test_report_and_export_read_every_graded_submission(ledger, capsys):
    out = ledger["out"]
    assert report.main(folder=out, log=lambda *_: None) == 0
    assert "8 of 8 submissions graded" in (out / "report.html").read_text()
    graded = canvas(out)
    (out / "canvas_grades.csv").unlink()
    assert cli.main(["export", str(out), "--roster", str(ledger["roster"])]) == 0  # the column as remembered
    assert len(table(out / "grades.csv")) == 1 + 8
    assert canvas(out) == graded and "King, Al" in graded


def test_a_folder_of_another_assignment_is_refused_untouched(ledger, tmp_path):
    other = write_notebook(release_notebook("student_release", OTHER), tmp_path / "other.ipynb")
    stamps = {p: p.stat().st_mtime_ns for p in ledger["out"].rglob("*") if p.is_file()}
    lines: list[str] = []
    code = batch.main(assignment=OTHER, sources=[other], out=ledger["out"], quiet=True, log=lines.append)
    assert code == 2
    assert f"holds the grades of {NAME}, not of {OTHER}" in lines[0] and "--out" in lines[0]
    assert {p: p.stat().st_mtime_ns for p in ledger["out"].rglob("*") if p.is_file()} == stamps


# --------------------------------------------------------------------------- 2, 3, 4: Canvas and credit


def test_canvas_scores_are_scaled_to_the_rosters_column(ledger):
    rows = table(ledger["out"] / "canvas_grades.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", COLUMN]
    assert rows[1] == ["Points Possible", "", "", "", "", "100"]
    first = ledger["first"]["canvas"]
    assert first["Lee, Carol"] == ["Lee, Carol", "10003", "S003", "leecarol", "Section B", "100"]
    assert first["Smith, Ann"][5] == f"{round(WRONG / FULL * 100, 2):g}"  # 76.92: to 0.01, as written


def test_exactly_one_row_per_student_matched_through_the_roster(ledger):
    rows = table(ledger["out"] / "canvas_grades.csv")[2:]
    ids = [r[1] for r in rows]
    assert len(ids) == len(set(ids)) and all(ids)
    roster_ids = {"10001", "10002", "10003", "10004", "10005", "10006"}
    assert set(ids) <= roster_ids  # every row is a roster student, with the roster's own fields


def test_credit_rule(ledger):
    first, said = ledger["first"]["canvas"], ledger["first"]["said"]
    assert first["Doe, Jane"][5] == "100"  # her own; Ann's 10/13 naming her is a conflict
    assert first["Smith, Ann"][3] == "asmith"  # left herself out of CONTRIBUTORS: the submitter still counts
    assert first["Roe, Bob"][5] == "0"  # his own blank: a zero of his own
    assert "King, Al" not in first  # Bob's blank named him by Canvas id and by login: neither puts a 0 on him
    assert first["Wu, Han"][5] == "100"  # his own upload is 02's, so only his partner's credit counts
    report_ = ledger["first"]["credit"]
    unknown = {(u["submission"], u["who"]) for u in report_["unknown"]}
    assert ("doejane_10001", "asmtih") in unknown and ("roebob_10004", "10005") in unknown
    assert ("pair", "-2+3") in unknown and ("roebob_10004", "kingal") in unknown
    [conflict] = report_["conflicts"]
    assert conflict["student"] == "Doe, Jane" and conflict["chosen"] == "doejane_10001"
    assert report_["rule"] == credit.RULE and "best" in credit.RULE
    assert "asmtih" in said and "conflict: Doe, Jane" in said  # on stdout too


def test_partners_are_not_credited_without_a_roster(ledger, tmp_path):
    out = tmp_path / "copy"
    import shutil

    shutil.copytree(ledger["out"], out)
    manifest = json.loads((out / "batch.json").read_text())
    del manifest["canvas"]  # as if graded without --roster
    (out / "batch.json").write_text(json.dumps(manifest))
    assert batch.export(folder=out, log=lambda *_: None) == 0
    rows = canvas(out)
    assert rows["Points Possible"][5] == f"{FULL:g}"  # no roster: totals as graded, said so
    assert {r[1] for n, r in rows.items() if n != "Points Possible"} == {"10001", "10002", "10003", "10004", "10005"}


# --------------------------------------------------------------------------- 5: wrong assignment


def test_another_assignments_notebook_is_not_run_and_not_posted(ledger):
    han = rows_by_id(ledger["first"]["grades"])["wuhan_10006"]
    assert han["status"] == "wrong_assignment" and OTHER in han["reason"] and float(han["total"]) == 0
    record = json.loads((ledger["out"] / "wuhan_10006" / "grade.json").read_text())
    assert record["cells"] == [] and not (ledger["out"] / "wuhan_10006" / "wuhan_10006.ipynb").exists()
    assert {"submission": "wuhan_10006", "why": credit.NOT_POSTED["wrong_assignment"]} in ledger["first"]["credit"]["not_posted"]
    assert ledger["first"]["code"] == 1
    assert "wuhan_10006" in (ledger["out"] / "report.html").read_text().split("Problems")[1]


# --------------------------------------------------------------------------- 12: formulas


def test_no_csv_cell_can_start_a_formula(ledger):
    grades = rows_by_id(table(ledger["out"] / "grades.csv"))
    assert grades["pair"]["contributors"] == "'-2+3 hwu"
    [zipped] = [r for i, r in grades.items() if "1_2" in i]
    assert zipped["notes"].startswith("'=1+2.zip holds 1 entry")
    for name in ("grades.csv", "canvas_grades.csv"):
        for row in table(ledger["out"] / name):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit(), (name, cell)
