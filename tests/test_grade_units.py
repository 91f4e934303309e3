"""Fast tests of the grader's parts that run no notebook: discovery, zips, Canvas, contributors,
resumability bookkeeping, the test-file reader and the progress bar."""

from __future__ import annotations

import io
import json
import zipfile

import nbformat
import pytest

from autodiff_course import paths
from autodiff_course.grade import engine, release as release_mod, submissions
from autodiff_course.grade.progress import ProgressBar
from helpers import write_notebook

NAME = "01_pickle_datasets"
FULL = 13.0
SOLUTION = paths.ROOT / "solutions" / NAME / f"{NAME}.ipynb"


def solution_nb() -> nbformat.NotebookNode:
    return nbformat.read(SOLUTION, as_version=4)


write = write_notebook


def test_discovery_rules(tmp_path):
    """Folders, duplicates and Canvas names become submissions as documented."""
    one = tmp_path / "student_folder"
    write(solution_nb(), one / f"{NAME}.ipynb")
    write(solution_nb(), one / "scratch.ipynb")
    many = tmp_path / "many"
    write(solution_nb(), many / "a.ipynb")
    write(solution_nb(), many / "b.ipynb")
    found = submissions.discover([one, many, many / "a.ipynb", tmp_path / "missing.ipynb"], NAME)
    assert [s.id for s in found] == ["student_folder", "a", "b", "missing"]
    assert found[0].load()[0] == f"{NAME}.ipynb"
    with pytest.raises(submissions.SubmissionError, match="does not exist"):
        found[3].load()
    match = submissions.CANVAS_NAME.match("smithann_LATE_123_456_my_notebook-2.ipynb")
    assert match and match.group("late") and match.group("user") == "123" and match.group("file") == "my_notebook-2.ipynb"


def test_zip_entries_are_never_extracted_by_name(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr(f"../../{NAME}.ipynb", nbformat.writes(solution_nb()))
    [sub] = submissions.discover([evil], NAME)
    name, data = sub.load()
    assert name == f"{NAME}.ipynb" and json.loads(data)["cells"]
    assert not (tmp_path.parent / f"{NAME}.ipynb").exists()


def test_contributors_validation():
    placeholder = ["partner_one_login", "partner_two_login"]
    assert engine.contributors_of(["jdoe", "partner_two_login"], placeholder) == (["jdoe"], "")
    assert engine.contributors_of(placeholder, placeholder)[0] == []
    assert engine.contributors_of("jdoe", placeholder)[0] == []
    assert engine.contributors_of(["a b", "x" * 200, 3], placeholder)[0] == []
    assert engine.contributors_of(None, placeholder)[1] == "the notebook defines no CONTRIBUTORS"


def test_release_reads_points_checks_and_order_from_the_built_tests():
    release = release_mod.local(NAME)
    assert [q.name for q in release.questions] == ["save_trajectories", "load_trajectories", "make_dataset",
                                                   "species_counts", "plot_species_counts"]
    assert release.max_points == FULL
    assert release.checks == ["save", "load", "saved_files", "species_counts", "plot_species_counts"]
    assert release.placeholder_contributors == ["partner_one_login", "partner_two_login"]
    assert all(not t.hidden and t.points == 0 or t.hidden and t.checks for t in release.tests)


def test_a_hidden_test_that_is_not_a_probe_judge_pair_is_refused(tmp_path):
    (tmp_path / "q.py").write_text(
        "from otter.test_files import test_case\nname = 'q'\npoints = 2\n\n"
        "@test_case(points=2, hidden=True)\ndef test_q(f):\n    assert f(1) == 2\n"
    )
    with pytest.raises(release_mod.ReleaseError, match="does not call run_check"):
        release_mod.parse_test_file(tmp_path / "q.py", NAME)


def test_points_left_unset_are_split_as_otter_does(tmp_path):
    (tmp_path / "q.py").write_text(
        "from otter.test_files import test_case\nname = 'q'\npoints = 4\n\n"
        "@test_case(hidden=False)\ndef test_a(x):\n    pass\n\n"
        "@test_case(hidden=True)\ndef test_b(env):\n    run_check('save', env)\n"
    )
    question = release_mod.parse_test_file(tmp_path / "q.py", NAME)
    assert [t.points for t in question.tests] == [2.0, 2.0] and question.tests[1].checks == ["save"]


def test_a_stored_grade_is_reused_only_for_the_same_release_and_bytes(tmp_path):
    release = release_mod.local(NAME)
    sub = submissions.Submission(id="s", source="s.ipynb", loader=lambda: ("s.ipynb", b"{}"))
    record = {"version": engine.GRADE_VERSION, "fingerprint": release.fingerprint, "digest": "abc",
              "assignment": NAME}
    engine.write_json(tmp_path / "s" / "grade.json", record)
    assert engine.already_graded(release, sub, tmp_path, "abc") == record
    assert engine.already_graded(release, sub, tmp_path, "other bytes") is None
    engine.write_json(tmp_path / "s" / "grade.json", dict(record, fingerprint="an older release"))
    assert engine.already_graded(release, sub, tmp_path, "abc") is None
    (tmp_path / "s" / "grade.json").write_text('{"version": 1, "fingerpr')  # torn by hand: never by us
    assert engine.already_graded(release, sub, tmp_path, "abc") is None


def test_notebook_intake_gives_plain_reasons():
    with pytest.raises(engine.NotebookError, match="not valid JSON"):
        engine.parse_notebook(b'{"cells": [')
    with pytest.raises(engine.NotebookError, match="not a notebook"):
        engine.parse_notebook(b'{"hello": 1}')
    with pytest.raises(engine.NotebookError, match="UTF-8"):
        engine.parse_notebook(b"\xff\xfe\x00garbage")
    nb = solution_nb()
    nb.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    parsed = engine.parse_notebook(nbformat.writes(nb).encode())
    assert parsed.metadata.kernelspec.name == "python3"


def test_canvas_zip_groups_files_per_student_and_picks_the_notebook(tmp_path):
    notebook = nbformat.writes(solution_nb())
    download = tmp_path / "submissions.zip"
    with zipfile.ZipFile(download, "w") as zf:
        zf.writestr(f"doejane_12345_100_{NAME}.ipynb", notebook)
        zf.writestr(f"doejane_12345_101_{NAME}-1.ipynb", notebook.replace("partner_one_login", "jdoe"))
        zf.writestr("doejane_12345_102_report.pdf", b"%PDF")
        export = io.BytesIO()
        with zipfile.ZipFile(export, "w") as inner:
            inner.writestr(f"{NAME}.ipynb", notebook)
            inner.writestr(".OTTER_LOG", b"never loaded")
        zf.writestr("roebob_LATE_22222_200_export.zip", export.getvalue())
    found = submissions.discover([download], NAME)
    assert [(s.id, s.late, s.students[0]["canvas_id"]) for s in found] == [("doejane_12345", False, "12345"),
                                                                           ("roebob_22222", True, "22222")]
    name, data = found[0].load()
    assert name == f"{NAME}-1.ipynb" and b"jdoe" in data  # the latest upload of the assignment's notebook
    name, data = found[1].load()
    assert name == f"{NAME}.ipynb" and json.loads(data)["cells"]


def test_progress_bar_shows_count_rate_and_time_left():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar.start(total=4, skipped=1)
    bar.update({"id": "a", "total": 11.0, "max_total": 11.0, "status": "ok"})
    text = stream.getvalue()
    assert "1 of 4 already graded" in text and "2/4" in text and "/min" in text and "left" in text


def _damaged(data: bytes) -> bytes:
    """A zip whose (stored) notebook entry has one byte changed: its CRC-32 no longer matches."""
    at = data.index(b'"cells"')
    return data[:at] + b"X" + data[at + 1:]


def test_a_damaged_zip_is_its_submissions_reason(tmp_path):
    """Issue 15.1: a bad CRC-32, in an export zip or inside a Canvas download, is that
    submission's plain reason; the batch is not ended by ``zipfile.BadZipFile``."""
    from autodiff_course.grade import intake

    notebook = nbformat.writes(solution_nb())
    for name, entry in (("export.zip", f"{NAME}.ipynb"), ("canvas.zip", f"doejane_12345_100_{NAME}.ipynb")):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr(entry, notebook)
        (tmp_path / name).write_bytes(_damaged(buffer.getvalue()))
    found = submissions.discover([tmp_path / "export.zip", tmp_path / "canvas.zip"], NAME)
    assert [s.id for s in found] == ["export", "doejane_12345"]
    for sub in found:
        _sha, data, _name, why = intake.digest(sub)
        assert data is None and "could not be unpacked" in why and "CRC" in why, why


def test_ids_are_short_unique_and_stable(tmp_path):
    """Issue 15.1 and 15.7: long names get a hash suffix, ids differ even where case does not
    count, the batch's own file names are never ids, and two Canvas zips with the same name in
    different folders are both graded."""
    notebook = nbformat.writes(solution_nb())
    long_canvas = tmp_path / "long.zip"
    with zipfile.ZipFile(long_canvas, "w") as zf:
        zf.writestr(f"{'a' * 300}_12345_100_{NAME}.ipynb", notebook)
    given = [long_canvas]
    for name in ("x" * 245, "Alice", "alice", "grades.csv", "batch.json"):
        given.append(tmp_path / f"{name}.ipynb")
        given[-1].write_text(notebook)
    for folder in ("section1", "section2"):
        (tmp_path / folder).mkdir()
        with zipfile.ZipFile(tmp_path / folder / "submissions.zip", "w") as zf:
            zf.writestr(f"doejane_12345_100_{NAME}.ipynb", notebook)
        given.append(tmp_path / folder / "submissions.zip")
    found = submissions.discover(given + [given[2]], NAME)  # the same path twice is one submission
    assert len(found) == len(given)
    ids = [s.id for s in found]
    assert all(len(i) <= submissions.MAX_ID for i in ids), ids
    assert len({i.casefold() for i in ids}) == len(ids), ids
    assert not {i.casefold() for i in ids} & submissions.RESERVED_IDS, ids
    assert sum(i.startswith("doejane_12345-") for i in ids) == 2, ids
    assert [s.id for s in submissions.discover(given, NAME)] == ids  # stable
    assert all(s.load()[1] for s in found)


def test_a_failure_that_cannot_be_written_is_still_a_row(tmp_path):
    """Issue 15.1: when the grader's failure is the write itself (a name the file system refuses),
    the failure handler keeps the record for grades.csv instead of raising again."""
    release = release_mod.local(NAME)
    sub = submissions.Submission(id="x" * 300, source="too long", loader=lambda: ("", b""))
    record = engine._grader_failure(release, sub, tmp_path, OSError(36, "File name too long"))
    assert record["status"] == "error" and "could not be written" in " ".join(record["notes"])


def test_a_name_that_is_not_utf8_does_not_end_the_batch(tmp_path):
    """Issue 15.1: a file name with bytes that are not UTF-8 (Linux allows them) is written into
    grades.csv escaped, instead of ending the batch with UnicodeEncodeError after grading."""
    import os

    from autodiff_course.grade import results

    name = os.fsdecode(b"\xff\xfe_notebook.ipynb")
    (tmp_path / name).write_text(nbformat.writes(solution_nb()))
    [sub] = submissions.discover([tmp_path / name], NAME)
    release = release_mod.local(NAME)
    record = engine.failure_record(release, sub, ValueError(f"{name} is odd"))
    written = results.write_batch(release, [record], tmp_path / "out")
    assert "_notebook.ipynb" in written["grades"].read_text(encoding="utf-8")


def test_grade_json_says_what_each_missing_layer_exposes():
    """Issue 15.3: a grader that is neither root nor allowed namespaces says, per submission, what
    its children could reach; one with every layer says nothing is missing."""
    from autodiff_course.grade.sandbox import exposures

    bare = exposures({"pid_namespace": False, "network": True, "ipc": "machine", "uid": None, "enclosed": False})
    assert set(bare) == {"pid_namespace", "network", "ipc", "enclosed", "uid"}
    assert "other submissions' notebooks and results" in bare["uid"] and "signal the grader" in bare["uid"]
    assert "--out" in bare["pid_namespace"] and "outlive" in bare["pid_namespace"]
    rooted = exposures({"pid_namespace": False, "network": True, "ipc": "submission", "uid": 61000, "enclosed": False})
    assert "uid 61000" in rooted["pid_namespace"] and "0600" in rooted["enclosed"] and "uid" not in rooted
    assert exposures({"pid_namespace": True, "network": False, "ipc": "submission", "uid": 61000, "enclosed": True}) == {}


def test_run_check_refuses_to_judge_in_the_process_that_calls_it():
    """Issue 15.6: only a runner of otter's own calls run_check (the hidden test files do), in the
    student's process: it refuses, names the grader, and loads no judge there."""
    import subprocess
    import sys

    from autodiff_course import hidden

    name = paths.available()[0]
    check = hidden.check_names(name)[0]
    code = (f"import sys\nfrom autodiff_course import hidden\ntry:\n    hidden.run_check({check!r}, {{}}, {name!r})\n"
            "except hidden.CheckFailed as error:\n    print(error)\n"
            "print('judges loaded' if any('judges' in m for m in sys.modules) else 'no judges')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "autodiff-course grade" in proc.stdout and proc.stdout.strip().endswith("no judges"), proc.stdout + proc.stderr
