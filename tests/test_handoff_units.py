"""The instructor's hand-off, piece by piece without grading children (issue 14, points 7 to 11):
cells named as Jupyter numbers them, a missing name said in words, written answers and their
scores, the report's page, and the command's help."""

from __future__ import annotations

import csv
import json

import pytest

from autodiff_course import cli, hidden, paths
from autodiff_course.grade import cells, manual, report, scoring, settings, written
from helpers import release_notebook

NAME = "02_autograd"  # has two written questions (why_no_argument, when_no_grad), one point each


def test_a_cell_is_named_by_its_code_cell_number_and_first_line():
    nb = release_notebook("solutions", NAME)
    label = cells.Labeller(nb.cells)
    index = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "def autograd_derivative" in c.source)
    number = sum(c.cell_type == "code" for c in nb.cells[:index + 1])
    assert number < index + 1, "the notebook has markdown before it: the two numberings differ"
    assert label(index) == f"In [{number}] (`def autograd_derivative(f, x):`)"
    assert cells.cell_label({"index": index, "number": number, "line": "x = 1"}) == f"In [{number}] (`x = 1`)"
    assert cells.cell_label({"index": 4}) == "cell 5", "a record of the older format keeps its words"
    assert cells.first_line("\n\n  " + "y" * 200).endswith("…") and len(cells.first_line("y" * 200)) == 60


def test_a_name_the_notebook_never_defined_is_said_in_words():
    result = hidden.collect(NAME, "autograd_derivative", {})  # the probe does env["autograd_derivative"]
    assert result["ok"] is False and "KeyError" not in result["error"]
    message = scoring.judge_check(NAME, "autograd_derivative", result)
    assert message == "`autograd_derivative` is not defined (did an earlier cell fail?)"
    assert hidden.describe_error(hidden.NotDefined("G")) == "`G` is not defined (did an earlier cell fail?)"


def test_written_answers_are_found_between_the_question_markers():
    names = [n for n, _ in manual.questions(NAME)]
    assert names == ["why_no_argument", "when_no_grad"]
    blank = written.answers(release_notebook("student_release", NAME).cells, names)
    assert blank == {"why_no_argument": "", "when_no_grad": ""}, "the placeholder is no answer"
    solved = written.answers(release_notebook("solutions", NAME).cells, names)
    assert solved["why_no_argument"].startswith("The output tensor carries its whole history")
    assert solved["when_no_grad"].startswith("* Updating parameters") and "Question B" not in solved["when_no_grad"]
    assert manual.questions("01_pickle_datasets") == []


def _record(sid: str, total: float, status: str = "ok", **extra) -> dict:
    return {"id": sid, "total": total, "max_total": 24.0, "status": status, "reason": "", "notes": [],
            "questions": {"q1": {"score": total, "max_score": 24.0}}, "tests": [], "contributors": [sid],
            "late": False, "seconds": 1.0, **extra}


def test_manual_scores_count_in_totals_when_given(tmp_path):
    marks = [("why_no_argument", 1.0), ("when_no_grad", 2.0)]
    records = [_record("a", 24), _record("b", 20)]
    (tmp_path / manual.SHEET).write_text(manual.sheet_text(marks, records, {"a": {"when_no_grad": 1.5}}))
    rows = list(csv.reader(open(tmp_path / manual.SHEET)))
    assert rows[:3] == [["id", "contributors", "why_no_argument", "when_no_grad"], ["Points Possible", "", "1", "2"],
                        ["a", "a", "", "1.5"]]
    given = manual.scores(tmp_path, marks)
    assert given == {"a": {"when_no_grad": 1.5}, "b": {}}
    a, b = manual.include(records, marks, given)
    assert (a["total"], a["max_total"], b["total"], b["max_total"]) == (25.5, 27.0, 20.0, 27.0)
    assert a["questions"]["when_no_grad"] == {"score": 1.5, "max_score": 2.0, "written": True, "scored": True}
    assert any("not scored yet: why_no_argument, when_no_grad" in n for n in b["notes"])
    assert records[0]["total"] == 24, "the stored records are not changed"
    (tmp_path / manual.SHEET).write_text("id,contributors,why_no_argument,when_no_grad\na,a,3,\n")
    with pytest.raises(manual.ManualError, match="line 2: why_no_argument of a is 3, outside 0 to 1"):
        manual.scores(tmp_path, marks)


def test_the_report_is_an_instructors_page(tmp_path):
    failed = {"question": "q1", "test": "t1", "hidden": True, "passed": False, "score": 0, "max_score": 24,
              "output": "the result should be a tensor"}
    records = [_record("ann", 24, late=True, tests=[{**failed, "passed": True, "output": ""}]),
               _record("bob", 0, tests=[failed]), _record("cy", 0, tests=[failed]),
               _record("dee", 0, status="invalid", reason="the notebook is not valid JSON", tests=[failed])]
    manifest = {"assignment": NAME, "submissions": [{"id": r["id"]} for r in records]}
    page = report.render(manifest, records, tmp_path)
    assert "table class='sortable'" in page and "<script>" in page and "http" not in page.replace("https://", "")
    assert "<a href='ann/ann.ipynb'>notebook</a>" in page and "<a href='ann/results.json'>results</a>" in page
    assert "<span class='late'>late</span>" in page
    assert "2 × the result should be a tensor" in page, "the invalid row's failure is not counted"
    assert "<td>q1: t1 (hidden)</td><td>33%</td>" in page, "pass rates over the three valid rows"
    assert "<h2>Credit</h2>" not in page
    (tmp_path / "credit.json").write_text(json.dumps({"unknown_logins": [{"login": "jdoe2", "submission": "bob"}]}))
    page = report.render(manifest, records, tmp_path)
    assert "<h3>unknown logins (1)</h3>" in page and "login: jdoe2; submission: bob" in page


@pytest.mark.parametrize("verb", ["grade", "report", "export", "written", "build", "audit"])
def test_every_verb_says_what_it_reads_and_writes_with_an_example(verb, capsys):
    with pytest.raises(SystemExit):
        cli.main([verb, "--help"])
    text = capsys.readouterr().out
    assert "reads:" in text and "writes:" in text and "example:" in text, text
    assert f"autodiff-course {verb}" in text.split("example:")[1]


def test_the_top_level_help_is_for_an_instructor(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    assert "thin layer" not in text and "exit codes" in text.lower()
    for verb in ("build", "grade", "report", "written", "export", "audit"):
        assert verb in text


def test_the_readme_documents_the_exit_codes():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "Exit codes" in readme
    for code in ("0", "1", "2", "130"):
        assert f"`{code}`" in readme.split("Exit codes")[1][:1500]


def test_default_limits_fit_the_assignments():
    # The solutions need at most 2.3 s for the whole notebook and 1.0 s for their slowest cell
    # (measured 2026-12-02); a cell limit of a few tens of seconds leaves a loaded machine and a
    # slower correct answer room while keeping an endless loop's cost to that.
    limits = settings.Limits()
    assert 10 <= limits.cell_timeout <= 60 and limits.cell_timeout * 2 <= limits.timeout <= 300


def test_the_warm_up_is_announced_before_the_first_result():
    import io

    from autodiff_course.grade.progress import ProgressBar

    stream = io.StringIO()
    ProgressBar(stream).start(total=16, skipped=14)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("14 of 16 already graded") and lines[1].startswith("grading 2: starting the grading")


def test_a_damaged_notebook_says_where_in_plain_words():
    from autodiff_course.grade.intake import NotebookError, parse_notebook

    with pytest.raises(NotebookError) as caught:
        parse_notebook(b'{"cells": [{"source": "x = 1')
    assert "at at" not in str(caught.value)
    assert "Unterminated string starting at line 1 column 23" in str(caught.value), str(caught.value)


def test_a_crash_names_the_cell_as_jupyter_shows_it(tmp_path):
    import nbformat

    from autodiff_course.grade.outcome import decode_outcome

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("import os"),
                nbformat.v4.new_markdown_cell("Now:"), nbformat.v4.new_code_cell("\nos._exit(3)")]
    (tmp_path / "progress").write_text("cell 3")
    outcome = decode_outcome(tmp_path, 3, "", 1.0, settings.Limits(), label=cells.Labeller(nb.cells))
    assert outcome.failure == "the Python process ended with exit code 3 during the cell In [2] (`os._exit(3)`)"
