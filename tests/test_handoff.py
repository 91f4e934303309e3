"""The instructor's hand-off with real notebooks of 02_autograd (issue 14, points 7 to 11): an
endless loop costs its cell's limit and is marked everywhere, a function never defined is said
in words naming the cell, written answers are exported and their scores come back into the
totals, and the report is a page Chromium renders with working links and sorting.

One small batch is graded once for the module (five notebooks, two at a time)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import time

import pytest

from autodiff_course import cli, paths
from autodiff_course.grade import batch, manual
from helpers import release_notebook, with_cell, with_code, write_notebook

NAME = "02_autograd"
FULL = 26.0  # the autograded points (Task 3b added 2); the two written questions add one each
CELL_LIMIT = 5.0  # the solution's slowest cell takes about 0.2 s

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("handoff")
    sol = release_notebook("solutions", NAME)
    subs = base / "subs"
    write_notebook(sol, subs / "solved.ipynb")
    write_notebook(with_cell(sol, "while True:\n    pass", after="Softsign passes gradcheck"), subs / "loop.ipynb")
    broken = with_code(sol, "def autograd_derivative", "def autograd_derivative(f, x):\n    return (\n")
    write_notebook(broken, subs / "broken.ipynb")
    slow_probe = "def to_numpy(t):\n    while t.numel() != 6:  # never for the public test, always for the probe\n" \
                 "        pass\n    return t.detach().cpu().numpy()"
    write_notebook(with_code(sol, "def to_numpy", slow_probe), subs / "probe_loop.ipynb")
    shutil.copy(paths.ROOT / "student_release" / NAME / f"{NAME}.ipynb", subs / "blank.ipynb")
    out = base / "out"
    logged: list[str] = []
    started = time.monotonic()
    code = batch.main(assignment=NAME, sources=[subs], out=out, jobs=2, cell_timeout=CELL_LIMIT,
                      quiet=True, log=logged.append)
    seconds = time.monotonic() - started
    rows = {r["id"]: r for r in csv.DictReader(open(out / "grades.csv", encoding="utf-8"))}
    return {"out": out, "rows": rows, "code": code, "seconds": seconds, "log": logged, "subs": subs}


def test_an_endless_loop_costs_its_cell_limit_and_is_marked_everywhere(graded):
    row, out = graded["rows"]["loop"], graded["out"]
    assert row["status"] == "timeout" and float(row["total"]) == FULL, "graded on what ran: every answer ran"
    assert "ran longer than 5 s and was stopped" in row["reason"]
    assert "`while True:`" in row["reason"] and "In [" in row["reason"], row["reason"]
    record = json.loads((out / "loop" / "grade.json").read_text())
    assert record["seconds"] < CELL_LIMIT + 20, "one stop at the cell's limit, no whole-notebook wait"
    results = json.loads((out / "loop" / "results.json").read_text())
    assert "Problem (timeout)" in results["output"]
    executed = json.loads((out / "loop" / "loop.ipynb").read_text())
    assert any(o.get("ename") == "CellTimeout" for c in executed["cells"] for o in c.get("outputs", []))
    assert cli.main(["report", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    problems = page.split("<h2>Problems</h2>")[1].split("<h2>")[0]
    assert "loop" in problems and "timeout" in problems


def test_a_hidden_check_that_hits_its_limit_is_marked(graded):
    row = graded["rows"]["probe_loop"]
    assert row["status"] == "timeout" and float(row["total"]) == FULL - 2, row
    assert "the hidden check to_numpy ran longer than 5 s and was stopped" in row["reason"], row["reason"]
    record = json.loads((graded["out"] / "probe_loop" / "grade.json").read_text())
    failed = [t for t in record["tests"] if not t["passed"]]
    assert [t["output"] for t in failed] == ["the hidden check ran longer than 5 s (an endless loop?)"], failed


def test_a_function_never_defined_is_named_with_its_cell(graded):
    record = json.loads((graded["out"] / "broken" / "grade.json").read_text())
    hidden = [t for t in record["tests"] if t["question"] == "autograd_derivative" and t["hidden"]]
    assert hidden and all(t["output"] == "`autograd_derivative` is not defined (did an earlier cell fail?)"
                          for t in hidden), hidden
    assert not any("KeyError" in t["output"] for t in record["tests"])
    note = next(n for n in record["notes"] if "raised an error" in n)
    assert "In [" in note and "(`def autograd_derivative(f, x):`)" in note and "SyntaxError" in note, note


def test_written_answers_are_exported_and_their_scores_counted(graded, capsys):
    out = graded["out"]
    assert cli.main(["written", str(out)]) == 0
    page = (out / "written.html").read_text(encoding="utf-8")
    assert page.count("The output tensor carries its whole history") == 4  # all but the blank one
    assert "<p class='none'>no answer</p>" in page  # the blank notebook
    assert "<blockquote class='prompt'>**Question A (written).**" in page, "each question's prompt heads it"
    sheet = out / manual.SHEET
    rows = list(csv.reader(open(sheet)))
    assert rows[0] == ["id", "contributors", "why_no_argument", "when_no_grad"] and rows[1][0] == "Points Possible"
    rows = [r if r[0] != "solved" else [r[0], r[1], "1", "0.5"] for r in rows]
    with open(sheet, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert cli.main(["written", str(out)]) == 0
    assert ["solved", "", "1", "0.5"] in list(csv.reader(open(sheet))), "scores typed in are kept"
    capsys.readouterr()
    assert cli.main(["export", str(out)]) == 0
    assert "replacing the grades.csv, canvas_grades.csv, credit.json" in capsys.readouterr().out
    grades = {r["id"]: r for r in csv.DictReader(open(out / "grades.csv", encoding="utf-8"))}
    assert (float(grades["solved"]["total"]), float(grades["solved"]["max_total"])) == (FULL + 1.5, FULL + 2)
    assert grades["solved"]["when_no_grad"] == "0.5" and float(grades["loop"]["max_total"]) == FULL + 2
    canvas = list(csv.reader(open(out / "canvas_grades.csv", encoding="utf-8")))
    assert canvas[1][0] == "Points Possible" and float(canvas[1][-1]) == FULL + 2


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium) for a headless "
                                             "screenshot of the report")
def test_the_report_renders_in_chromium_with_links_and_sorting(graded, tmp_path):
    out = graded["out"]
    assert cli.main(["report", str(out)]) == 0
    page = out / "report.html"
    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=1400,1000", page.as_uri()], check=True, capture_output=True, timeout=90)
    import matplotlib.image

    pixels = matplotlib.image.imread(str(shot))
    assert pixels.shape[:2] == (1000, 1400)
    assert pixels[..., :3].std() > 0.05, "the page is not blank"
    # Sort by total (two clicks on its header: descending) in the browser and read the rows back;
    # the rows come in the order of the names (blank first) before.
    html = page.read_text(encoding="utf-8")
    headers = html.split("<table class='sortable'>")[1].split("</thead>")[0].count("<th>")
    column = html.split("<table class='sortable'>")[1].split("</thead>")[0].split("<th>").index("total</th>")
    assert 0 < column <= headers
    clicked = tmp_path / "clicked.html"
    click = f"document.querySelector('table.sortable th:nth-child({column})').click();"
    clicked.write_text(html.replace("</body>", f"<script>{click}{click}</script></body>"), encoding="utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", clicked.as_uri()],
                         check=True, capture_output=True, text=True, timeout=90).stdout
    table = dom.split("class=\"sortable\"")[1].split("</table>")[0]
    order = [row.split("<td>")[1].split("</td>")[0] for row in table.split("<tr>")[2:]]
    assert order[0] in {"solved", "loop"} and order[-1] == "blank", f"two clicks: highest total first ({order})"
    for sid in ("solved", "loop", "broken", "blank", "probe_loop"):  # every link points at a file that is there
        assert f"<a href='{sid}/{sid}.ipynb'>" in html and (out / sid / f"{sid}.ipynb").exists()
        assert f"<a href='{sid}/results.json'>" in html and (out / sid / "results.json").exists()


def test_the_rerun_summary_says_how_many_it_graded_this_time(graded):
    """Last: it grades one notebook into the folder again."""
    assert any(line.startswith("graded 5 of the 5 submission(s) given") for line in graded["log"]), graded["log"]
    logged: list[str] = []
    assert batch.main(assignment=NAME, sources=[graded["subs"] / "solved.ipynb"], out=graded["out"],
                      cell_timeout=CELL_LIMIT, quiet=True, log=logged.append) == 1  # the folder holds failures
    assert any(line.startswith("graded 0 of the 1 submission(s) given") and "1 already graded" in line
               for line in logged), logged
    assert any("now holds 5 submission(s)" in line for line in logged), logged


def test_a_broken_masters_build_names_the_master_line_without_colours(tmp_path):
    """What the build reports when a solution's function fails only when a later plot cell calls it."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from autodiff_course.explain import solution_failure

    master = tmp_path / "09_demo.py"
    master.write_text("# %%\nimport statistics\n\n# %%\ndef scale(x):\n    y = x * 2\n    return statistics.mean(y[:0])\n\n"
                      "# %%\nvalues = [scale([v]) for v in range(3)]\nprint(values)\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import statistics"),  # raises inside statistics.py: a File frame last
                nbformat.v4.new_code_cell("def scale(x):\n    y = x * 2\n    return statistics.mean(y[:0])"),
                nbformat.v4.new_code_cell("values = [scale([v]) for v in range(3)]\nprint(values)")]
    with pytest.raises(CellExecutionError) as caught:
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert "\x1b[" in str(caught.value), "the kernel's traceback has colours"
    text = solution_failure(caught.value, master, "assignments/09_demo/09_demo.py")
    assert text == ("StatisticsError: mean requires at least one data point at assignments/09_demo/09_demo.py line 7 "
                    "(`return statistics.mean(y[:0])`), "
                    "reached from the cell that starts `values = [scale([v]) for v in range(3)]` "
                    "(assignments/09_demo/09_demo.py line 10)"), text
