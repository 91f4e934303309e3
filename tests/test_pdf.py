"""The student's submission bundle: the export cell zips the notebook with a PDF of it, offline.

Otter's export cell renders the PDF with pandoc and xelatex (tools/pdf_deps.sh installs them from
Debian's packages). These tests run the real generated cells of a real notebook of this project in
a kernel, read the PDF back with poppler (pdftotext, pdfimages), and check that the written
answers and the plots are in it; and that without the tools the cell still makes a zip with the
notebook and tells the student what to install.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from autodiff_course import paths

ROOT = paths.ROOT
DEPS_SCRIPT = ROOT / "tools" / "pdf_deps.sh"
NAME = "01_pickle_datasets"  # the assignment whose executed solution is exported end to end
TOOLS = ("pandoc", "xelatex", "pdftotext", "pdfimages")

# A written answer as otter assign lays out a manual question in the student notebook: the
# prompt and the student's markdown response between BEGIN/END QUESTION comments.
WRITTEN_PROMPT = "<!-- BEGIN QUESTION -->\n\n**Written question.** Why does the reloaded dataset equal the saved one?"
WRITTEN_ANSWER = (
    "Pickle stores each array's bytes together with its shape and dtype, so loading rebuilds "
    "identical arrays and $\\max_i |a_i - b_i| = 0$ for every pair. Quokka marker sentence."
)
WRITTEN_END = "<!-- END QUESTION -->"


def _missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.fixture
def pdf_tools():
    """Fail in CI (bootstrap must have installed them), skip elsewhere, when the tools are missing."""
    missing = _missing_tools()
    if missing:
        message = f"PDF tools missing: {', '.join(missing)}; run `bash tools/pdf_deps.sh` (as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _deps_packages() -> list[str]:
    match = re.search(r"^PACKAGES=\(([^)]*)\)", DEPS_SCRIPT.read_text(), re.M)
    assert match, "tools/pdf_deps.sh should define PACKAGES=(...)"
    return match.group(1).split()


def _student_notebooks() -> list[Path]:
    return sorted((ROOT / "student_release").glob("*/*.ipynb"))


def _cell(nb, needle: str):
    cells = [c for c in nb.cells if c.cell_type == "code" and needle in c.source]
    assert len(cells) == 1, f"expected one code cell containing {needle!r}, found {len(cells)}"
    return cells[0]


@pytest.mark.parametrize("notebook", _student_notebooks(), ids=lambda p: p.parent.name)
def test_export_cell_asks_for_a_pdf_of_the_whole_notebook(notebook):
    nb = nbformat.read(notebook, as_version=4)
    call = _cell(nb, "grader.export(").source
    assert "pdf=False" not in call, "the export cell must put a PDF in the zip"
    assert "filtering=False" in call, "the PDF must show the whole notebook, not only manual questions"
    meta = nb.metadata["otter"]
    assert meta.get("require_no_pdf_confirmation") is True, (
        "without a PDF, otter must offer to make the zip anyway (require_no_pdf_ack)"
    )
    message = meta.get("export_pdf_failure_message") or ""
    for needed in ["pandoc", "xelatex", "Continue export", *_deps_packages()[:-1]]:  # not poppler-utils
        assert needed in message, f"the no-PDF message should name {needed!r}"


def _workdir(tmp: Path, written_answer: bool) -> tuple[Path, nbformat.NotebookNode]:
    """The student's folder with the executed solution saved as their notebook."""
    work = tmp / "student"
    shutil.copytree(ROOT / "student_release" / NAME, work)
    nb = nbformat.read(ROOT / "solutions" / NAME / f"{NAME}.ipynb", as_version=4)
    if written_answer:
        at = nb.cells.index(_cell(nb, "grader.export(")) - 1  # before the submission section
        nb.cells[at:at] = [
            nbformat.v4.new_markdown_cell(WRITTEN_PROMPT),
            nbformat.v4.new_markdown_cell(WRITTEN_ANSWER),
            nbformat.v4.new_markdown_cell(WRITTEN_END),
        ]
    nbformat.write(nb, work / f"{NAME}.ipynb")
    return work, nb


def _run_export(work: Path, nb, extra_cells: list[str], env: dict) -> nbformat.NotebookNode:
    """Run the notebook's own init and export cells (then ``extra_cells``) in a fresh kernel in
    ``work``, as a student does after saving the notebook."""
    from nbclient import NotebookClient

    driver = copy.deepcopy(nb)
    driver.cells = [copy.deepcopy(_cell(nb, "otter.Notebook(")), copy.deepcopy(_cell(nb, "grader.export("))]
    driver.cells += [nbformat.v4.new_code_cell(source) for source in extra_cells]
    client = NotebookClient(driver, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(work)}})
    client.execute(env=env)
    return driver


def _words(text: str) -> str:
    return " ".join(re.findall(r"[A-Za-z0-9]+", text))


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
def test_export_cell_zips_the_notebook_with_a_pdf_showing_answers_and_plots(tmp_path, pdf_tools):
    work, nb = _workdir(tmp_path, written_answer=True)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    start = time.perf_counter()
    _run_export(work, nb, [], env)
    seconds = time.perf_counter() - start
    assert seconds < 90, f"exporting took {seconds:.0f} s"

    zips = sorted(work.glob(f"{NAME}_*.zip"))
    assert len(zips) == 1, f"the export cell should make one zip, found {[z.name for z in zips]}"
    with zipfile.ZipFile(zips[0]) as zf:
        names = zf.namelist()
        assert f"{NAME}.ipynb" in names and f"{NAME}.pdf" in names, names
        assert zf.read(f"{NAME}.ipynb") == (work / f"{NAME}.ipynb").read_bytes(), "the zip's notebook differs"
        pdf = tmp_path / "from_zip.pdf"
        pdf.write_bytes(zf.read(f"{NAME}.pdf"))

    text = _words(_run("pdftotext", str(pdf), "-"))
    assert _words(WRITTEN_ANSWER.split("$")[0]) in text, "the written answer is not in the PDF"
    assert "Quokka marker sentence" in text, "the written answer's end (after its formula) is missing"
    headings = [c.source.splitlines()[0].lstrip("#") for c in nb.cells
                if c.cell_type == "markdown" and c.source.startswith("#")]
    assert headings, "the notebook should have markdown headings"
    for heading in headings:
        assert _words(heading) in text, f"heading {heading!r} is not in the PDF"
    printed = [o.text.splitlines()[0][:40] for c in nb.cells if c.cell_type == "code"
               for o in c.get("outputs", []) if o.output_type == "stream" and o.text.strip()]
    assert printed, "the executed notebook should print something"
    for line in printed:
        assert _words(line) in text, f"printed output {line!r} is not in the PDF"

    # Every plot of the notebook is an image in the PDF (pdfimages lists each with its page and
    # size; soft masks, the images' alpha channels, are listed apart and not counted).
    plots = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                for o in c.get("outputs", []))
    assert plots >= 1, "the executed notebook should have plots"
    rows = [line.split() for line in _run("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    images = [row for row in rows if row[2] == "image"]
    assert len(images) == plots, f"{plots} plot(s) in the notebook, {len(images)} image(s) in the PDF"
    assert all(int(row[3]) >= 200 and int(row[4]) >= 200 for row in images), "a plot lost its resolution"


@pytest.mark.slow
def test_without_pdf_tools_the_export_cell_still_makes_the_zip(tmp_path):
    """A student without pandoc and LaTeX sees what to install and can still submit the notebook."""
    work, nb = _workdir(tmp_path, written_answer=False)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()  # PATH with no pandoc, xelatex or anything else
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PATH"] = str(empty_bin)
    click = (
        "from ipywidgets import Button, HTML\n"
        "from ipywidgets.widgets.widget import _instances\n"
        "shown = list(_instances.values())\n"
        "print('\\n'.join(w.value for w in shown if isinstance(w, HTML)))\n"
        "buttons = [w for w in shown if isinstance(w, Button) and w.description == 'Continue export']\n"
        "assert len(buttons) == 1, buttons\n"
        "buttons[0].click()  # what the student does after reading the message\n"
    )
    driver = _run_export(work, nb, [click], env)
    assert not list(work.glob("*.pdf")), "no PDF can be made without pandoc and xelatex"
    shown = "".join(o.get("text", "") for o in driver.cells[-1].outputs if o.output_type == "stream")
    assert "could not be made" in shown and "Pandoc" in shown, "the message or the error is not shown"
    for package in _deps_packages()[:-1]:
        assert package in shown, f"the message should say to install {package}"

    zips = sorted(work.glob(f"{NAME}_*.zip"))
    assert len(zips) == 1, "after 'Continue export' the zip should be made"
    with zipfile.ZipFile(zips[0]) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    assert f"{NAME}.ipynb" in names and not any(n.endswith(".pdf") for n in names), names


def test_pdf_deps_script_is_quick_when_everything_is_present(pdf_tools):
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(DEPS_SCRIPT)], capture_output=True, text=True, timeout=60)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    assert "installing" not in proc.stdout, "everything is present: the script should install nothing"
    assert seconds < 5, f"the check took {seconds:.1f} s"
