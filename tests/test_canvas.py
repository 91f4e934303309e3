"""Fast tests of the Canvas hand-off that run no notebook: the roster as Canvas exports it, the
column and its points, the credit rule, CSV cells that could run as formulas, and the command's
refusals of bad input (exit 2 before anything is written)."""

from __future__ import annotations

import csv
import io
import itertools

import pytest

from autodiff_course import cli, paths
from autodiff_course.grade import credit, results, roster as roster_mod, settings, spreadsheet
from helpers import release_notebook, write_notebook

NAME = "01_pickle_datasets"
FULL = 11.0
COLUMN = "Assignment 01: Pickle datasets (4401)"
ROSTER = f"""\
Student,ID,SIS User ID,SIS Login ID,Integration ID,Section,{COLUMN},Quiz 1 (4410),Current Score,Final Score,Current Grade
    Points Possible,,,,,,25.00,10.00,(read only),(read only),(read only)
,,,,,,Manual Posting,,,,
"Doe, Jane",10001,S001,jdoe,,Section A,,,,,
"Smith, Ann",10002,S002,ASmith,,Section A,,,,,
"Roe, Bob",10004,S004,broe,,Section B,,,,,
"Student, Test",10099,,4f2c1a,,Section A,,,,,
"""


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "Grades.csv"
    path.write_text("\ufeff" + ROSTER, encoding="utf-8")  # Canvas writes a byte-order mark
    return roster_mod.read(path)


def record(ident, total, students=(), contributors=(), status="ok"):
    return {"id": ident, "total": total, "max_total": FULL, "status": status,
            "students": [{"name": n, "canvas_id": c} for n, c in students], "contributors": list(contributors),
            "contributors_from": "notebook" if contributors else ("canvas" if students else "none")}


def test_roster_reads_canvas_gradebook_export(roster):
    assert [s.login for s in roster.students] == ["jdoe", "ASmith", "broe", "4f2c1a"]  # no Points Possible or posting row
    assert roster.columns == [COLUMN, "Quiz 1 (4410)"]  # identity and read-only totals are not columns
    assert roster.by_login("asmith").canvas_id == "10002"  # logins match whatever their case
    assert roster.by_canvas_id("10004").name == "Roe, Bob"


@pytest.mark.parametrize("asked", [COLUMN, "Assignment 01: Pickle datasets", "4401", "Renamed title (4401)"])
def test_the_column_is_found_by_name_title_or_canvas_id(roster, asked):
    assert roster.column(asked, NAME) == COLUMN
    assert roster.points_of(COLUMN) == 25.0


def test_a_column_the_roster_does_not_have_says_which_it_has(roster):
    with pytest.raises(roster_mod.RosterError, match=r"pass --canvas-column .*Quiz 1 \(4410\)"):
        roster.column("Assignment 9", NAME)
    with pytest.raises(roster_mod.RosterError, match="no column naming"):
        roster.column(None, NAME)


def test_a_file_that_is_not_a_canvas_export_is_refused(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("name,email\nJane,j@x\n")
    with pytest.raises(roster_mod.RosterError, match="no Student, ID, SIS Login ID column"):
        roster_mod.read(path)
    with pytest.raises(roster_mod.RosterError, match="does not exist"):
        roster_mod.read(tmp_path / "missing.csv")


def test_scores_are_scaled_to_the_points_possible(roster):
    given = credit.allocate([record("a", 8.0, [("doejane", "10001")])], FULL, roster, COLUMN, 25.0)
    assert given.rows[0] == ["Points Possible", "", "", "", "", "25"]
    assert given.rows[1] == ["Doe, Jane", "10001", "S001", "jdoe", "Section A", f"{round(8 / 11 * 25, 2):g}"]


def test_the_flag_gives_the_points_when_the_roster_cannot(tmp_path):
    path = tmp_path / "Grades.csv"
    path.write_text(ROSTER.replace("25.00", "(read only)"))
    with pytest.raises(roster_mod.RosterError, match="pass --canvas-points"):
        results.canvas_target(NAME, path, "4401")
    assert results.canvas_target(NAME, path, "4401", 40.0).points == 40.0


def posted(given) -> dict[str, str]:
    return {row[1]: row[5] for row in given.rows[1:]}


def test_the_credit_rule(roster):
    records = [
        record("jane", 11.0, [("doejane", "10001")], ["jdoe", "asmiht"]),  # a typo for asmith
        record("ann", 5.0, [("smithann", "10002")], ["jdoe", "10004"]),  # left herself out; Jane, and Bob by Canvas id
        record("bob", 0.0, [("roebob", "10004")], ["10002", "asmith"]),  # Ann by Canvas id and login
        record("ghost", 9.0, [("gone", "55555")]),  # dropped the course
        record("other", 0.0, [("smithann", "10002")], status="wrong_assignment"),
    ]
    given = credit.allocate(records, FULL, roster, COLUMN, 25.0)
    assert posted(given) == {"10001": "25", "10002": f"{round(5 / 11 * 25, 2):g}", "10004": "0"}
    assert {(u["submission"], u["who"]) for u in given.unknown} == {
        ("jane", "asmiht"), ("ann", "10004"), ("bob", "10002"), ("bob", "asmith"), ("ghost", "gone (Canvas id 55555)")}
    assert [(c["student"], c["chosen"], [s["submission"] for s in c["credits"]]) for c in given.conflicts] == [
        ("Doe, Jane", "jane", ["jane", "ann"])]
    assert given.not_posted == [{"submission": "other", "why": credit.NOT_POSTED["wrong_assignment"]}]
    text = "\n".join(given.summary())
    assert "asmiht" in text and "conflict: Doe, Jane" in text and "not posted: other" in text


def test_no_submission_can_lower_another_students_grade(roster):
    """Whatever a further notebook claims (any login, any Canvas id, any score), nobody else's
    posted grade goes down and nobody uncredited gets a zero."""
    base = [record("jane", 11.0, [("doejane", "10001")]), record("ann", 6.0, [("smithann", "10002")])]
    before = posted(credit.allocate(base, FULL, roster, COLUMN, 25.0))
    names = ["jdoe", "asmith", "broe", "10001", "10004", "S004", "4f2c1a"]
    for total, claimed in itertools.product([0.0, 3.0], itertools.combinations(names, 2)):
        after = posted(credit.allocate(base + [record("x", total, [], claimed)], FULL, roster, COLUMN, 25.0))
        for student, value in before.items():
            assert float(after[student]) >= float(value), (total, claimed)
        assert all(float(after[s]) > 0 for s in set(after) - set(before)), (total, claimed)


def test_exactly_one_row_per_student_however_named(roster):
    records = [record("jane", 11.0, [("doejane", "10001")], ["JDOE", "jdoe"]),
               record("pair", 7.0, [], ["jdoe", "broe"])]
    given = credit.allocate(records, FULL, roster, COLUMN, 25.0)
    ids = [row[1] for row in given.rows[1:]]
    assert sorted(ids) == ["10001", "10004"]


def test_a_pair_who_both_uploaded_the_same_work_is_no_conflict(roster):
    records = [record("partner", 9.0, [("doejane", "10001")], ["jdoe", "asmith"]),
               record("own", 9.0, [("smithann", "10002")], ["asmith", "jdoe"])]
    given = credit.allocate(records, FULL, roster, COLUMN, 25.0)
    assert given.conflicts == []
    assert {s["login"]: (s["submission"], s["as"]) for s in given.students} == {
        "jdoe": ("partner", "submitter"), "ASmith": ("own", "submitter")}  # on a tie, each her own upload


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_could_start_a_formula_is_written_as_text(cell):
    text = spreadsheet.csv_text(["a"], [[cell]])
    [[back]] = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert back == "'" + cell


@pytest.mark.parametrize("cell", ["11", "-3", "72.73", "jdoe", "Doe, Jane", ""])
def test_plain_cells_are_left_as_they_are(cell):
    [[back]] = list(csv.reader(io.StringIO(spreadsheet.csv_text(["a"], [[cell]]))))[1:]
    assert back == cell


# --------------------------------------------------------------------------- the ledger's bookkeeping


def test_a_ledger_keeps_each_sources_id_across_runs(tmp_path):
    from autodiff_course.grade import ledger, submissions

    twins = [write_notebook(release_notebook("student_release", NAME), tmp_path / side / "sol.ipynb")
             for side in ("a", "b")]
    first = submissions.discover(twins, NAME)
    assert len({s.id for s in first}) == 2 and all(s.id.startswith("sol-") for s in first)  # the collision's hashes
    manifest, added, replaced = ledger.merge(None, NAME, first)
    again = submissions.discover(twins[:1], NAME)
    assert again[0].id == "sol"  # alone, it would get the plain name
    manifest, added, replaced = ledger.merge(manifest, NAME, again)
    assert again[0].id == first[0].id and (added, replaced) == (0, 0)
    assert [e["id"] for e in manifest["submissions"]] == [s.id for s in first]


# --------------------------------------------------------------------------- the command's input


@pytest.fixture
def notebook(tmp_path):
    return write_notebook(release_notebook("student_release", NAME), tmp_path / "subs" / "a.ipynb")


def refused(capsys, *argv):
    code = cli.main(["grade", "-a", NAME, *map(str, argv)])
    return code, capsys.readouterr().out


def test_a_missing_path_is_an_error_and_writes_nothing(tmp_path, notebook, capsys):
    code, said = refused(capsys, "--out", tmp_path / "out", notebook, tmp_path / "typo.zip")
    assert code == 2 and "typo.zip does not exist: check the path" in said
    assert not (tmp_path / "out").exists()


def test_an_empty_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("nothing to grade")
    code, said = refused(capsys, "--out", tmp_path / "out", tmp_path / "empty")
    assert code == 2 and "holds no notebook (.ipynb) or zip" in said and not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", [0, -3, settings.cores() + 1, 64])
def test_jobs_outside_one_to_the_cores_is_an_error(tmp_path, notebook, capsys, jobs):
    code, said = refused(capsys, "--out", tmp_path / "out", "--jobs", jobs, notebook)
    assert code == 2 and f"give 1 to {settings.cores()}" in said and f"{settings.WORKER_MB} MB" in said
    assert not (tmp_path / "out").exists()


def test_a_limit_below_zero_is_an_error(tmp_path, notebook, capsys):
    code, said = refused(capsys, "--out", tmp_path / "out", "--cell-timeout", "0", notebook)
    assert code == 2 and "--cell-timeout 0 is not possible" in said


def test_a_folder_that_is_not_a_results_folder_is_refused(tmp_path, notebook, capsys):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.tex").write_text("mine")
    code, said = refused(capsys, "--out", tmp_path / "home", notebook)
    assert code == 2 and "not empty and holds no grades" in said
    assert sorted(p.name for p in (tmp_path / "home").iterdir()) == ["thesis.tex"]


def test_a_roster_without_the_column_is_refused_before_grading(tmp_path, notebook, capsys):
    path = tmp_path / "Grades.csv"
    path.write_text(ROSTER)
    code, said = refused(capsys, "--out", tmp_path / "out", "--roster", path, notebook)
    assert code == 2 and "pass --canvas-column" in said and not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- Gradescope's environment


def test_the_gradescope_environment_pins_what_local_grading_pins():
    from autodiff_course.grade import gradescope

    constraints = paths.ROOT / "constraints.txt"
    pinned = dict(line.split("==") for line in constraints.read_text().split() if "==" in line)
    env = gradescope.zip_environment(constraints).decode()
    for package in ("numpy", "matplotlib", "ipython", "nbformat", "traitlets", "matplotlib-inline", "pillow"):
        assert f"- {package}=={pinned[package]}\n" in env, package
    assert "- torch==2.13.0+cpu\n" in env
    assert not [line for line in env.splitlines() if line.startswith("      - ") and "==" not in line
                and "--extra-index-url" not in line], "every package pinned"
    assert "otter-grader" not in env and "playwright" not in env  # grading imports neither
    setup = "\n".join(line for line in gradescope.SETUP_SH.splitlines() if not line.startswith("#"))
    for unwanted in ("playwright", "texlive", "pandoc", "libgit2", "nb_conda_kernels", "R "):
        assert unwanted not in setup
    assert "environment.yml" in setup
