"""Batch grading with real notebooks: right scores, every submission accounted for, broken ones
given a reason, resumable, and Gradescope's zip scoring as the local grader does.

One batch of assignment 01 is graded once per module (about a dozen notebook runs, two at a time)
and each test checks one property of it. Broken submissions are made here in tmp folders from the
committed solution and student notebooks.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from autodiff_course import paths
from autodiff_course.grade import batch, engine, release as release_mod, report, submissions
from helpers import release_notebook, with_cell, with_code, writable_by_children, write_notebook

NAME = "01_pickle_datasets"
SOLUTION = paths.ROOT / "solutions" / NAME / f"{NAME}.ipynb"
BLANK = paths.ROOT / "student_release" / NAME / f"{NAME}.ipynb"
VARIANTS = paths.ROOT / "assignments" / NAME / "variants"
FULL = 13.0  # 3 + 3 + 2 + 3 + 2 points over the five questions (checked against the release below)
CELL_LIMIT = 6.0  # seconds per cell in this batch: the solution's slowest cell takes under 1.5 s

pytestmark = pytest.mark.slow


def solution_nb() -> nbformat.NotebookNode:
    return release_notebook("solutions", NAME)


def with_variant(nb, question_def: str, variant: Path) -> nbformat.NotebookNode:
    """Put a kept variant's code in the cell that defines the question's function."""
    return with_code(nb, question_def, variant.read_text())


def set_contributors(nb, logins: list[str]) -> nbformat.NotebookNode:
    return with_code(nb, "CONTRIBUTORS =", f"CONTRIBUTORS = {logins!r}")


write = write_notebook


# expected (total, status, per-question scores that differ from full marks)
EXPECTED: dict[str, tuple[float, str]] = {}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grade")
    subs = base / "subs"
    sol = solution_nb()
    given = []

    def add(path: Path, total: float, status: str) -> Path:
        given.append(path)
        EXPECTED[path.name] = (total, status)
        return path

    add(write(sol, subs / "solution.ipynb"), FULL, "ok")
    add(subs / "blank.ipynb", 0.0, "ok")
    shutil.copy(BLANK, subs / "blank.ipynb")
    add(write(with_variant(sol, "def species_counts", VARIANTS / "species_counts" / "correct_loop.py"),
              subs / "variant_correct.ipynb"), FULL, "ok")
    add(write(with_variant(sol, "def species_counts", VARIANTS / "species_counts" / "wrong_transposed.py"),
              subs / "variant_wrong.ipynb"), FULL - 3, "ok")
    (subs / "invalid.ipynb").write_text('{"cells": [ {"cell_type": "code", "source": "x = 1"')
    add(subs / "invalid.ipynb", 0.0, "invalid")
    add(write(with_cell(sol, "while True:\n    pass", after="import rps"), subs / "infinite_loop.ipynb"),
        FULL, "timeout")
    add(write(with_cell(sol, "import os\nos._exit(0)", after="def load_trajectories"), subs / "os_exit.ipynb"),
        FULL, "crashed")
    probe_exit = copy.deepcopy(sol)  # ends the process only when a hidden check calls it
    cell = next(c for c in probe_exit.cells if c.cell_type == "code" and "def species_counts" in c.source)
    cell.source = cell.source.replace(
        "def species_counts(trajectory):\n",
        "def species_counts(trajectory):\n    import os\n    if len(trajectory) == 25:\n        os._exit(0)\n")
    add(write(probe_exit, subs / "probe_exit.ipynb"), FULL - 3, "crashed")
    # asks for 16 GB, 200 MB at a time: without the address-space limit it would get it (untouched
    # pages cost nothing on Linux) and no MemoryError would be noted
    hog = "def hog():\n    kept = []\n    while len(kept) < 80:\n        kept.append(bytearray(200_000_000))\n    return kept\n\nhog()"
    add(write(with_cell(sol, hog, after="import rps"), subs / "memory_hog.ipynb"), FULL, "ok")
    custom = copy.deepcopy(sol)  # renamed, saved from a custom kernel (as a conda env or Colab does)
    custom.metadata["kernelspec"] = {"name": "conda-env-course-py", "display_name": "Python [conda env:course]",
                                     "language": "python"}
    custom.metadata["colab"] = {"provenance": []}
    add(write(custom, subs / "Copy of my notebook (2).ipynb"), FULL, "ok")
    export = subs / "exported.zip"
    with zipfile.ZipFile(export, "w") as zf:
        zf.writestr(f"{NAME}.ipynb", nbformat.writes(with_variant(
            sol, "def save_trajectories", VARIANTS / "save_trajectories" / "wrong_two_digits.py")))
        zf.writestr(".OTTER_LOG", b"\x80\x04 not a log the grader ever loads")
        zf.writestr(f"{NAME}.pdf", b"%PDF-1.4 placeholder")
    add(export, FULL - 3 - 2, "ok")  # two-digit names also fail the saved dataset's check (2 points)
    canvas = base / "canvas"
    write(set_contributors(sol, ["jdoe", "asmith"]), canvas / f"doejane_LATE_12345_67890_{NAME}.ipynb")
    write(set_contributors(sol, ["partner_one_login", "partner_two_login"]),
          canvas / f"roebob_22222_33333_{NAME}-1.ipynb")
    (canvas / "kingal_44444_55555_answers.pdf").write_bytes(b"%PDF-1.4")
    given.append(canvas)
    out = base / "out"
    started = time.monotonic()
    code = batch.main(assignment=NAME, sources=given, out=out, jobs=2, cell_timeout=CELL_LIMIT, timeout=90,
                      memory_mb=1536, quiet=True, log=lambda *_: None)
    seconds = time.monotonic() - started
    rows = list(csv.DictReader(open(out / "grades.csv")))
    return {"out": out, "rows": rows, "given": given, "code": code, "seconds": seconds, "base": base}


def row_for(graded, source_name: str) -> dict:
    rows = [r for r in graded["rows"] if Path(r["source"]).name == source_name or source_name in r["source"]]
    assert len(rows) == 1, f"{source_name}: {len(rows)} rows"
    return rows[0]


def test_release_points_match_the_master():
    release = release_mod.local(NAME)
    assert release.max_points == FULL
    assert all(t.checks for t in release.tests if t.hidden)


def test_every_submission_has_exactly_one_row(graded):
    ids = [r["id"] for r in graded["rows"]]
    assert len(ids) == len(set(ids))
    assert len(ids) == len(EXPECTED) + 3  # plus the three Canvas students
    for name in EXPECTED:
        row_for(graded, name)
    assert graded["code"] == 1  # some submissions were not ok, and the exit code says so


@pytest.mark.parametrize("name", ["solution.ipynb", "blank.ipynb", "variant_correct.ipynb", "variant_wrong.ipynb",
                                  "invalid.ipynb", "infinite_loop.ipynb", "os_exit.ipynb", "probe_exit.ipynb",
                                  "memory_hog.ipynb",
                                  "Copy of my notebook (2).ipynb", "exported.zip"])
def test_scores_and_status(graded, name):
    row = row_for(graded, name)
    total, status = EXPECTED[name]
    assert (float(row["total"]), row["status"]) == (total, status), row
    if status != "ok":
        assert row["reason"], "a submission that is not ok must say why"


def test_wrong_answers_lose_points_on_their_own_question(graded):
    wrong = row_for(graded, "variant_wrong.ipynb")
    assert float(wrong["species_counts"]) == 0 and float(wrong["save_trajectories"]) == 3
    exported = row_for(graded, "exported.zip")
    assert float(exported["save_trajectories"]) == 0 and float(exported["species_counts"]) == 3


def test_broken_submissions_say_why_in_plain_words(graded):
    assert "not valid JSON" in row_for(graded, "invalid.ipynb")["reason"]
    assert "longer than 6 s" in row_for(graded, "infinite_loop.ipynb")["reason"]
    reason = row_for(graded, "os_exit.ipynb")["reason"]
    assert "exit code 0" in reason and "graded again without that step" in reason
    assert "MemoryError" in row_for(graded, "memory_hog.ipynb")["notes"]
    assert "during the hidden check species_counts" in row_for(graded, "probe_exit.ipynb")["reason"]


def test_canvas_pair_submission_credits_both_partners(graded):
    rows = [r for r in graded["rows"] if r["students"]]
    by_student = {r["students"]: r for r in rows}
    jane = by_student["doejane_12345"]
    assert jane["late"] == "yes" and jane["contributors"] == "jdoe asmith" and float(jane["total"]) == FULL
    bob = by_student["roebob_22222"]
    assert bob["late"] == "no" and bob["contributors"] == "roebob" and float(bob["total"]) == FULL
    al = by_student["kingal_44444"]
    assert al["status"] == "invalid" and "no notebook" in al["reason"]
    canvas = list(csv.reader(open(graded["out"] / "canvas_grades.csv")))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0] == "Points Possible" and float(canvas[1][5]) == FULL
    credited = {(r[0], r[1], r[3]): float(r[5]) for r in canvas[2:]}
    assert credited[("doejane", "12345", "")] == FULL  # the submitter, by her Canvas id
    assert credited[("roebob", "22222", "")] == FULL
    assert credited[("kingal", "44444", "")] == 0  # submitted no notebook: a zero, not a gap
    assert len(credited) == 3  # without a roster, partners are listed, not credited
    unknown = json.loads((graded["out"] / "credit.json").read_text())["unknown"]
    assert {(u["who"], u["why"][:16]) for u in unknown if u["submission"] == jane["id"]} == {
        ("jdoe", "no roster given "), ("asmith", "no roster given ")}


def test_outputs_per_submission(graded):
    out = graded["out"]
    row = row_for(graded, "solution.ipynb")
    results = json.loads((out / row["id"] / "results.json").read_text())
    assert sum(t["score"] for t in results["tests"]) == FULL
    assert {t["visibility"] for t in results["tests"] if "hidden" in t["name"]} == {"after_published"}
    assert all(set(t) >= {"name", "score", "max_score", "output", "visibility"} for t in results["tests"])
    executed = nbformat.read(out / row["id"] / f"{row['id']}.ipynb", as_version=4)
    nbformat.validate(executed)
    plots = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "display_data"]
    assert plots and all("image/png" in o.data for o in plots), "the executed notebook lost its plots"
    assert executed.metadata.kernelspec.name == "python3"
    hog = row_for(graded, "invalid.ipynb")
    assert json.loads((out / hog["id"] / "results.json").read_text())["tests"]  # zero, but every test listed


def test_hidden_feedback_shows_no_expected_values(graded):
    """A failed hidden test's output is the judge's message: no numbers from the reference."""
    row = row_for(graded, "variant_wrong.ipynb")
    results = json.loads((graded["out"] / row["id"] / "results.json").read_text())
    failed = [t for t in results["tests"] if t["score"] < t["max_score"]]
    assert failed and all("counts are wrong" in t["output"] or "shape" in t["output"] for t in failed)


def test_rerun_skips_what_is_graded_and_regrades_what_was_lost(graded):
    out = graded["out"]
    lost = row_for(graded, "solution.ipynb")["id"]
    (out / lost / "grade.json").unlink()  # as if the batch was killed before this one finished
    (out / lost / ".grade.json.123.tmp").write_text("{half")
    stamps = {r["id"]: (out / r["id"] / "grade.json").stat().st_mtime_ns for r in graded["rows"] if r["id"] != lost}
    code = batch.main(assignment=NAME, sources=graded["given"], out=out, jobs=2, cell_timeout=CELL_LIMIT,
                      timeout=90, memory_mb=1536, quiet=True, log=lambda *_: None)
    assert code == 1
    rows = list(csv.DictReader(open(out / "grades.csv")))
    assert [r["id"] for r in rows] == [r["id"] for r in graded["rows"]]
    assert [(r["total"], r["status"]) for r in rows] == [(r["total"], r["status"]) for r in graded["rows"]]
    for ident, stamp in stamps.items():
        assert (out / ident / "grade.json").stat().st_mtime_ns == stamp, f"{ident} was graded again"
    assert (out / lost / "grade.json").exists()


def test_report(graded):
    assert report.main(folder=graded["out"], log=lambda *_: None) == 0
    page = (graded["out"] / "report.html").read_text()
    assert page.count("data:image/png;base64,") >= 3
    assert "species_counts" in page and "Slowest submissions" in page and "not valid JSON" in page


def test_killed_batch_restarts_without_loss_or_duplicates(tmp_path):
    """SIGKILL the grader while it works, start it again: every submission once, none lost."""
    sources = []
    for index in range(2):
        sources.append(write(solution_nb(), tmp_path / "subs" / f"s{index}.ipynb"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "autodiff_course", "grade", "-a", NAME, "--out", str(out), "--jobs", "1",
               *map(str, sources)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(out.glob("*/grade.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(out.glob("*/grade.json")))
    assert done_before == 1
    assert subprocess.run(command, capture_output=True).returncode == 0
    rows = list(csv.DictReader(open(out / "grades.csv")))
    assert sorted(Path(r["source"]).name for r in rows) == ["s0.ipynb", "s1.ipynb"]
    assert all(float(r["total"]) == FULL and r["status"] == "ok" for r in rows)
    assert not list(out.rglob("*.tmp"))


def run_gradescope(archive: Path, submission: Path, where: Path) -> dict:
    """Unpack ``archive`` as Gradescope does (source/, submission/, results/) and run the entry
    point that its run_autograder calls, with this machine's Python; return results.json."""
    with zipfile.ZipFile(archive) as zf:
        from autodiff_course.grade.gradescope import ENTRY_POINT

        assert zf.read("run_otter.py").decode() == ENTRY_POINT, f"{archive.name} is stale: run `autodiff-course build`"
        root = where / "autograder"
        for folder in ("source", "submission", "results"):
            (root / folder).mkdir(parents=True)
        zf.extractall(root / "source")
    shutil.copy(submission, root / "submission" / submission.name)
    proc = subprocess.run([sys.executable, str(root / "source" / "run_otter.py")], capture_output=True,
                          text=True, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((root / "results" / "results.json").read_text())


def test_gradescope_zip_scores_as_the_local_grader(graded, tmp_path):
    """Unpack the built zip into a simulated /autograder and run its own entry point."""
    from autodiff_course.grade.gradescope import ENTRY_POINT

    archive = paths.ROOT / "autograder" / NAME / f"{NAME}-autograder.zip"
    with zipfile.ZipFile(archive) as zf:
        assert zf.read("run_otter.py").decode() == ENTRY_POINT, "the zip is stale: run `autodiff-course build`"
        assert b"torch==" in zf.read("environment.yml") and b"+cpu" in zf.read("environment.yml")
    for name in ["variant_wrong.ipynb", "exported.zip", "invalid.ipynb"]:
        got = run_gradescope(archive, graded["base"] / "subs" / name, tmp_path / name.replace(".", "_"))
        local = json.loads((graded["out"] / row_for(graded, name)["id"] / "results.json").read_text())
        assert [(t["name"], t["score"]) for t in got["tests"]] == [(t["name"], t["score"]) for t in local["tests"]]
        assert {t["visibility"] for t in got["tests"] if "hidden" in t["name"]} == {"after_published"}


OTHERS = [
    a for a in paths.available()
    if a != NAME and (paths.ROOT / "autograder" / a / "tests").is_dir() and (paths.ROOT / "solutions" / a / f"{a}.ipynb").exists()
]


@pytest.mark.parametrize("assignment", OTHERS)
def test_other_assignments_solution_full_marks_locally_and_on_gradescope(assignment, tmp_path):
    """The engine grades every built assignment, and its Gradescope zip agrees: the solution gets
    every point. (Blanks score zero on hidden tests: tests/test_release.py checks that for every
    assignment; 01's blank is graded here by the batch above.)"""
    release = release_mod.local(assignment)
    solution = tmp_path / "solution.ipynb"
    shutil.copy(paths.ROOT / "solutions" / assignment / f"{assignment}.ipynb", solution)
    out = tmp_path / "out"
    batch.main(assignment=assignment, sources=[solution], out=out, quiet=True, log=lambda *_: None)
    [row] = csv.DictReader(open(out / "grades.csv"))
    assert (float(row["total"]), row["status"]) == (release.max_points, "ok"), row
    local = json.loads((out / row["id"] / "results.json").read_text())
    got = run_gradescope(paths.ROOT / "autograder" / assignment / f"{assignment}-autograder.zip", solution,
                         tmp_path / "gradescope")
    assert [(t["name"], t["score"]) for t in got["tests"]] == [(t["name"], t["score"]) for t in local["tests"]]



STUBBORN = """\
import os, subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)  # " + PID_FILE])
open(PID_FILE, "w").write(str(helper.pid))
os.write(1, bytes(range(256)) * 100)  # garbage on the real stdout
print("flood " * 2_000_000)  # a flood of output: cut, not stored
while True:  # swallows the grader's time-out signal: only killing the process group stops it
    try:
        time.sleep(1)
    except BaseException:
        pass
"""


def test_hard_timeout_kills_the_process_group_and_regrades_without_the_cell(tmp_path):
    nb = solution_nb()
    pid_file = writable_by_children("stubborn-") / "helper.pid"
    nb.cells.append(nbformat.v4.new_code_cell(f"PID_FILE = {str(pid_file)!r}\n" + STUBBORN))
    sub = write(nb, tmp_path / "subs" / "stubborn.ipynb")
    release = release_mod.local(NAME)
    subs = submissions.discover([sub], NAME)
    limits = engine.Limits(timeout=15, cell_timeout=2, grace=1)
    [record] = engine.run(release, subs, tmp_path / "out", limits=limits)
    assert record["status"] == "timeout" and record["total"] == FULL, record["reason"]
    assert "ran past the 15 s limit" in record["reason"] and "graded again without that step" in record["reason"]
    assert pid_file.exists()  # the notebook's background process started; its pid is one in the child's
    left = []  # PID namespace, so find it by its command line, which names the pid file
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(pid_file) in (entry / "cmdline").read_text() \
                    and (entry / "stat").read_text().split(") ")[1].split()[0] != "Z":
                left.append(entry.name)
        except (OSError, IndexError):
            continue
    assert not left, "left running"
    executed = nbformat.read(tmp_path / "out" / record["id"] / f"{record['id']}.ipynb", as_version=4)
    assert all(len(o.get("text", "")) <= 60_000 for c in executed.cells if c.cell_type == "code" for o in c.outputs)


def test_export_writes_the_csvs_again_with_a_roster(graded, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section,A01 (5),Current Score\n"
                      "    Points Possible,,,,,100.00,(read only)\n\"Doe, Jane\",12345,900,jdoe,A,,\n"
                      "\"Smith, Ann\",12346,901,asmith,A,,\n")
    from autodiff_course.cli import main

    assert main(["export", str(graded["out"]), "--roster", str(roster), "--canvas-column", "A01 (5)"]) == 0
    rows = list(csv.reader(open(graded["out"] / "canvas_grades.csv")))
    assert rows[0][-1] == "A01 (5)" and rows[1][-1] == "100"
    assert ["Doe, Jane", "12345", "900", "jdoe", "A", "100"] in rows
    assert ["Smith, Ann", "12346", "901", "asmith", "A", "100"] in rows  # Jane's partner, on the roster
    assert [r["id"] for r in csv.DictReader(open(graded["out"] / "grades.csv"))] == [r["id"] for r in graded["rows"]]


POLLUTER = """\
import builtins, numpy, sys, torch
torch.LEFT_BEHIND = builtins.LEFT_BEHIND = numpy.LEFT_BEHIND = True
torch.manual_seed = lambda *a, **k: None
sys.modules["json"].dumps = lambda *a, **k: "{}"
torch.set_num_threads(2)
"""

INSPECTOR = """\
import builtins, json, numpy, torch
left = [m.__name__ for m in (torch, builtins, numpy) if hasattr(m, "LEFT_BEHIND")]
assert not left, f"state left by the previous notebook in {left}"
assert json.dumps([1]) == "[1]" and torch.get_num_threads() == 1
torch.manual_seed(3); a = torch.rand(2); torch.manual_seed(3)
assert torch.equal(a, torch.rand(2)), "manual_seed does not work"
"""


def test_each_submission_starts_from_a_clean_state(tmp_path):
    """Submissions graded one after another by the same warm worker (``--jobs 1``): whatever the
    first changes in the libraries the worker preloaded is gone for the second."""
    first = solution_nb()
    first.cells.append(nbformat.v4.new_code_cell(POLLUTER))
    second = solution_nb()
    second.cells.append(nbformat.v4.new_code_cell(INSPECTOR))
    subs = [write(first, tmp_path / "subs" / "a_polluter.ipynb"), write(second, tmp_path / "subs" / "b_inspector.ipynb")]
    release = release_mod.local(NAME)
    polluter, inspector = engine.run(release, submissions.discover(subs, NAME), tmp_path / "out", jobs=1)
    assert polluter["status"] == "ok"  # its patched json.dumps costs it its own hidden checks, nothing more
    assert inspector["total"] == FULL
    assert not [c for c in inspector["cells"] if c["status"] != "ok"], inspector["notes"]
