"""What a student installs and runs beside the notebook: requirements.txt, course_notebook.py.

The notebook-level behaviour (Run All in JupyterLab, renamed copies, the zip) is in
test_student_browser.py and test_pdf.py; these are the pieces, one at a time."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autodiff_course import paths, release_files

ROOT = paths.ROOT


@pytest.fixture(scope="module")
def course_notebook():
    spec = importlib.util.spec_from_file_location("course_notebook", release_files.STUDENT_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _requirement_pins(text: str) -> dict[str, str]:
    return dict(line.split("==") for line in text.splitlines() if "==" in line and not line.startswith("#"))


def test_requirements_pin_what_local_grading_pins_and_take_torch_from_the_cpu_index():
    text = release_files.requirements()
    assert f"--extra-index-url {release_files.CPU_INDEX}" in text.splitlines()
    pins = _requirement_pins(text)
    constraints = _requirement_pins((ROOT / "constraints.txt").read_text())
    constraints = {re.sub(r"[-_.]+", "-", k).lower(): v for k, v in constraints.items()}
    assert pins.pop("torch") == release_files.TORCH_VERSION
    assert pins == {name: constraints[name] for name in pins}, "a pin differs from constraints.txt"
    assert f'torch=={release_files.TORCH_VERSION}+cpu' in (ROOT / "tools" / "bootstrap.sh").read_text(), (
        "students and local grading should run the same torch")
    import torch

    assert torch.__version__.split("+")[0] == release_files.TORCH_VERSION


@pytest.mark.slow
def test_a_fresh_venv_resolves_the_requirements_to_the_cpu_build(tmp_path):
    """``pip install -r requirements.txt`` into a new venv, as a dry run: torch's CPU build, no
    CUDA libraries, every pinned version (PyTorch's index, or a local copy of its wheel where the
    machine's pip configuration has one). Without the dependencies of each (the pins come from
    constraints.txt, which one environment satisfies): a full resolve takes 20 s to minutes."""
    (tmp_path / "requirements.txt").write_text(release_files.requirements())
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--dry-run", "--quiet", "--retries", "0",
         "--timeout", "15", "--ignore-installed", "--no-deps", "--report", str(report), "-r", "requirements.txt"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 and re.search(r"NewConnectionError|Could not find a version|No matching", done.stderr):
        pytest.skip("no package index reachable: " + done.stderr.strip().splitlines()[-1][:200])
    assert done.returncode == 0, done.stderr[-2000:]
    chosen = {item["metadata"]["name"].lower(): item["metadata"]["version"]
              for item in json.loads(report.read_text())["install"]}
    assert chosen["torch"] == f"{release_files.TORCH_VERSION}+cpu", chosen["torch"]
    assert not [name for name in chosen if name.startswith("nvidia-")], "CUDA libraries in a CPU install"
    for name, version in _requirement_pins(release_files.requirements()).items():
        if name != "torch":
            assert chosen[name] == version, (name, chosen[name])


def test_the_notebook_followed_is_the_one_the_kernel_runs(course_notebook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("01_x.ipynb", "01_x-Copy1.ipynb"):
        (tmp_path / name).write_text("{}")
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "no-servers"))
    assert course_notebook.find_notebook("01_x.ipynb") == ("01_x.ipynb", False)
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "01_x-Copy1.ipynb"))  # set by jupyter-server
    assert course_notebook.find_notebook("01_x.ipynb") == ("01_x-Copy1.ipynb", True)
    monkeypatch.delenv("JPY_SESSION_NAME")
    assert course_notebook.find_notebook("renamed.ipynb") == (None, False), "two notebooks: it cannot know"
    assert "first cell" in course_notebook._unknown_notebook_message("01_x.ipynb")


def test_a_zip_that_fails_midway_never_takes_the_final_name(course_notebook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hw.ipynb").write_text("{}")
    (tmp_path / "hw_submission.zip").write_bytes(b"the zip of an earlier export")
    with pytest.raises(FileNotFoundError):
        course_notebook.write_zip("hw_submission.zip", "hw.ipynb", "missing.pdf", [], [])
    assert (tmp_path / "hw_submission.zip").read_bytes() == b"the zip of an earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hw.ipynb", "hw_submission.zip"], "a partial zip was left"
    course_notebook.write_zip("hw_submission.zip", "hw.ipynb", None, [".OTTER_LOG"], [])
    with zipfile.ZipFile("hw_submission.zip") as zf:
        assert zf.testzip() is None and sorted(zf.namelist()) == ["__zip_filename__", "hw.ipynb"]


def test_without_tex_or_browser_there_is_one_plain_note(course_notebook, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(course_notebook.BROWSER_ENV, raising=False)
    monkeypatch.setattr(course_notebook, "_BROWSER_PATHS", ())
    pdf, note = course_notebook.make_pdf(str(tmp_path / "absent.ipynb"))
    assert pdf is None and note.startswith("No PDF in the zip") and "README.md" in note
    assert "\n" not in note and "Traceback" not in note


def test_check_failures_do_not_cite_lines_of_a_hidden_file(course_notebook):
    from otter.test_files.exception_test import ExceptionTestFile

    source = ("from otter.test_files import test_case\nOK_FORMAT = False\nname = 'q'\n\n"
              "@test_case(points=1)\ndef test_x(x):\n    assert x == 1, 'x should be 1'\n")
    test = ExceptionTestFile.from_string(source, path="q.py")
    test.run({"x": 2})
    message = test.test_case_results[0].message
    assert "x should be 1" in message and "assert x == 1" in message
    assert not re.search(r"line \d+", message), message


def test_release_folders_hold_what_the_readme_names():
    for folder in sorted((ROOT / "student_release").iterdir()):
        names = {p.name for p in folder.iterdir()}
        assert {"README.md", "requirements.txt", "course_notebook.py", f"{folder.name}.ipynb"} <= names, folder
        assert (folder / "requirements.txt").read_text() == release_files.requirements(), f"{folder.name}: stale"
