"""Does every verb work through the real command line (``cli.main``), and refuse bad input clearly?"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from autodiff_course import cli, paths

from helpers import release_notebook, write_notebook

NAME = paths.available()[0]


def test_build_of_unchanged_sources_is_a_no_op(tmp_path, capsys):
    for folder in paths.GENERATED:
        shutil.copytree(paths.ROOT / folder / NAME, tmp_path / folder / NAME)
    assert cli.main(["build", "--out", str(tmp_path), NAME]) == 0
    assert "up to date" in capsys.readouterr().out


def test_grade_of_an_assignment_that_does_not_exist_says_how_to_build_it(tmp_path, capsys):
    notebook = write_notebook(release_notebook("student_release", NAME), tmp_path / "a.ipynb")
    assert cli.main(["grade", "-a", "99_not_there", "--out", str(tmp_path / "out"), str(notebook)]) == 2
    assert "autodiff-course build 99_not_there" in capsys.readouterr().out


@pytest.mark.slow
def test_grade_report_export_and_audit_through_the_command_line(tmp_path, capsys):
    solution = write_notebook(release_notebook("solutions", NAME), tmp_path / "subs" / "solved.ipynb")
    blank = write_notebook(release_notebook("student_release", NAME), tmp_path / "subs" / "blank.ipynb")
    out = tmp_path / "graded"
    assert cli.main(["grade", "-a", NAME, "--out", str(out), str(solution), str(blank)]) == 0
    rows = {r["id"]: r for r in csv.DictReader(open(out / "grades.csv", encoding="utf-8"))}
    maximum = json.loads((out / "solved" / "grade.json").read_text())["max_total"]
    assert float(rows["solved"]["total"]) == maximum > 0 and float(rows["blank"]["total"]) == 0

    assert cli.main(["report", str(out)]) == 0
    assert "<img" in (out / "report.html").read_text(encoding="utf-8")

    (out / "grades.csv").unlink()
    assert cli.main(["export", str(out)]) == 0
    assert len(list(csv.DictReader(open(out / "grades.csv", encoding="utf-8")))) == 2

    capsys.readouterr()
    assert cli.main(["audit", "--seeds", "1", "--mutants", "none", NAME]) == 0  # mutants: tests/test_audit.py
    assert "audit passed" in capsys.readouterr().out
