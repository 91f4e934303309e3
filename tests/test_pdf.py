"""The student's submission bundle: the export cell zips the notebook with a PDF of it, offline.

The export cell (course_notebook.Notebook.export, shipped in every release folder) renders the PDF
with pandoc and xelatex, or else by printing the notebook's HTML page with Chromium
(tools/pdf_deps.sh installs all three from Debian's packages). These tests run the real generated
cells of a real notebook of this project in a headless kernel, read the PDF back with poppler
(pdftotext, pdfimages), and check that the written answers and the plots are in it; and that
without any of the tools the cell still makes one valid zip with the notebook and says so once.
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

from autodiff_course import paths, release_files

ROOT = paths.ROOT
DEPS_SCRIPT = ROOT / "tools" / "pdf_deps.sh"
NAME = "01_pickle_datasets"  # the assignment whose executed solution is exported end to end
TOOLS = ("pandoc", "xelatex", "pdftotext", "pdfimages")
ZIP = f"{NAME}_submission.zip"

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
    assert "course_notebook.Notebook(" in _cell(nb, "import otter").source, "the checks must follow renamed copies"
    shipped = notebook.parent / "course_notebook.py"
    assert shipped.read_bytes() == release_files.STUDENT_MODULE.read_bytes(), "the release's course_notebook.py is stale"
    readme = (notebook.parent / "README.md").read_text()
    for needed in ["pip install -r requirements.txt", "Gradescope", "Canvas", "Chrome", *_deps_packages()[:5]]:
        assert needed in readme, f"README.md should name {needed!r}"


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
    driver.cells = [copy.deepcopy(_cell(nb, "course_notebook.Notebook(")), copy.deepcopy(_cell(nb, "grader.export("))]
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

    zips = sorted(work.glob("*.zip"))
    assert [z.name for z in zips] == [ZIP], f"the export cell should make one zip, found {[z.name for z in zips]}"
    with zipfile.ZipFile(zips[0]) as zf:
        names = zf.namelist()
        assert f"{NAME}.ipynb" in names and f"{NAME}.pdf" in names, names
        assert zf.read(f"{NAME}.ipynb") == (work / f"{NAME}.ipynb").read_bytes(), "the zip's notebook differs"
        pdf = tmp_path / "from_zip.pdf"
        pdf.write_bytes(zf.read(f"{NAME}.pdf"))

    raw = _run("pdftotext", str(pdf), "-")
    assert not re.search(r"^\d+(\.\d+)+\s+\d+\.\s", raw, re.M), "LaTeX numbers headings that carry numbers"
    text = _words(raw)
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


def _bin_with(tmp: Path, *tools: str) -> str:
    """A PATH holding only ``tools`` (links to this machine's)."""
    folder = tmp / "bin"
    folder.mkdir()
    for tool in tools:
        (folder / tool).symlink_to(shutil.which(tool))
    return str(folder)


def _printed(driver) -> str:
    return "".join(o.get("text", "") for c in driver.cells for o in c.get("outputs", []) if o.output_type == "stream")


@pytest.mark.slow
def test_without_pdf_tools_the_export_cell_still_makes_one_valid_zip(tmp_path):
    """No pandoc, LaTeX or browser: one plain message, no traceback, one valid zip with the notebook."""
    work, nb = _workdir(tmp_path, written_answer=False)
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "COURSE_PDF_BROWSER")}
    env["PATH"] = _bin_with(tmp_path)
    driver = _run_export(work, nb, [], env)
    outputs = [o for c in driver.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], outputs
    shown = _printed(driver)
    assert shown.count("No PDF in the zip") == 1 and "Traceback" not in shown, shown
    assert f"Submit {ZIP}" in shown, shown
    assert [z.name for z in work.glob("*.zip")] == [ZIP] and not list(work.glob(".export-*")), list(work.iterdir())
    with zipfile.ZipFile(work / ZIP) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert zf.read(f"{NAME}.ipynb") == (work / f"{NAME}.ipynb").read_bytes()
    assert not any(n.endswith(".pdf") for n in names), names


@pytest.mark.slow
def test_without_tex_chromium_prints_the_pdf(tmp_path, pdf_tools):
    """Without pandoc and LaTeX the browser route still gives a PDF with the answers and the plots."""
    if shutil.which("chromium") is None:
        pytest.skip("no chromium here (tools/pdf_deps.sh installs it)")
    work, nb = _workdir(tmp_path, written_answer=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "COURSE_PDF_BROWSER")}
    env["PATH"] = _bin_with(tmp_path, "chromium")
    driver = _run_export(work, nb, [], env)
    assert "No PDF" not in _printed(driver), _printed(driver)
    with zipfile.ZipFile(work / ZIP) as zf:
        pdf = tmp_path / "from_zip.pdf"
        pdf.write_bytes(zf.read(f"{NAME}.pdf"))
    text = _words(_run("pdftotext", str(pdf), "-"))
    assert "Quokka marker sentence" in text and "Pickle in two minutes" in text, text[:500]
    plots = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                for o in c.get("outputs", []))
    images = [row for row in (line.split() for line in _run("pdfimages", "-list", str(pdf)).splitlines()[2:])
              if row[2] == "image"]
    assert len(images) >= plots >= 1, f"{plots} plot(s) in the notebook, {len(images)} image(s) in the PDF"


def test_pdf_deps_script_is_quick_when_everything_is_present(pdf_tools):
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(DEPS_SCRIPT)], capture_output=True, text=True, timeout=60)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    assert "installing" not in proc.stdout, "everything is present: the script should install nothing"
    assert seconds < 5, f"the check took {seconds:.1f} s"
