"""Self-check and export for this notebook, whatever you named or copied it.

The notebook's first cell makes ``grader = course_notebook.Notebook("NN_name.ipynb")``. It is
otter's ``Notebook`` with two changes: it follows the notebook file this kernel runs (a renamed
copy, a JupyterLab duplicate ``NN_name-Copy1.ipynb``, another folder), and its export always
leaves one valid zip, ``<your notebook's name>_submission.zip``, with a PDF in it when this
machine can make one (LaTeX, or else Chrome, Chromium or Edge printing the page).

You do not need to read or change this file.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

import nbformat
import otter
from otter.check.logs import EventType
from otter.check.notebook import OTTER_LOG_FILENAME
from otter.test_files.exception_test import ExceptionTestFile

ZIP_SUFFIX = "_submission.zip"
BROWSER_ENV = "COURSE_PDF_BROWSER"  # a browser to print the PDF with, when it is not found
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge",
             "msedge", "chrome")
_BROWSER_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"%ProgramFiles%\Google\Chrome\Application\chrome.exe",
    r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe",
    r"%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe",
    r"%ProgramFiles%\Microsoft\Edge\Application\msedge.exe",
    r"%LocalAppData%\Google\Chrome\Application\chrome.exe",
)


def _server_session_path() -> str | None:
    """The notebook a running Jupyter server says this kernel belongs to (it follows renames)."""
    try:
        from ipykernel.connect import get_connection_file
        from jupyter_core.paths import jupyter_runtime_dir

        kernel_id = re.sub(r"^kernel-|\.json$", "", os.path.basename(get_connection_file()))
        runtime = glob.glob(os.path.join(jupyter_runtime_dir(), "jpserver-*.json"))
    except Exception:
        return None
    for info in runtime:
        try:
            with open(info, encoding="utf-8") as handle:
                server = json.load(handle)
            request = urllib.request.Request(server["url"].rstrip("/") + "/api/sessions",
                                             headers={"Authorization": f"token {server.get('token', '')}"})
            with urllib.request.urlopen(request, timeout=2) as reply:
                sessions = json.load(reply)
        except Exception:
            continue
        for session in sessions:
            if (session.get("kernel") or {}).get("id") == kernel_id and session.get("path"):
                return os.path.join(server.get("root_dir") or server.get("notebook_dir") or "", session["path"])
    return None


def _kernel_hints() -> list[str]:
    """What the front end told the kernel at its start: Jupyter's session name, VS Code's file."""
    hints = [os.environ.get("JPY_SESSION_NAME") or ""]
    try:
        from IPython import get_ipython

        namespace = get_ipython().user_ns
        hints += [str(namespace.get("__vsc_ipynb_file__") or ""), str(namespace.get("__session__") or "")]
    except Exception:
        pass
    return [hint for hint in hints if hint.endswith(".ipynb")]


def find_notebook(default: str | None = None) -> tuple[str | None, bool]:
    """(this kernel's notebook as a path from the working folder or None, whether a Jupyter
    front end runs it). ``default`` is used when nothing else says which file it is."""
    server = _server_session_path()
    for path in [server, *_kernel_hints()]:
        if path and os.path.isfile(path):
            return _relative(path), server is not None or bool(os.environ.get("JPY_SESSION_NAME"))
    if default and os.path.isfile(default):
        return default, False
    notebooks = glob.glob("*.ipynb")
    return (notebooks[0] if len(notebooks) == 1 else None), False


def _relative(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _unknown_notebook_message(default: str | None) -> str:
    example = default or "my notebook.ipynb"
    return ("Otter cannot tell which notebook file this is, so it cannot check or export it. Write "
            f"your notebook's file name in the first cell, for example "
            f'grader = course_notebook.Notebook("{example}"), then run that cell again.')


def _failure_message(self, excp: Exception, context: int = 0) -> str:
    """Otter's failure text without the test's line number: the student never sees that file."""
    try:
        line = self.source.split("\n")[excp.__traceback__.tb_next.tb_next.tb_lineno - 1].strip()
    except Exception:
        line = ""
    at = f" at\n  {line}" if line else ""
    return f"The check failed{at}\n{type(excp).__name__}: {str(excp).strip(chr(39))}"


ExceptionTestFile._generate_error_message = _failure_message


class Notebook(otter.Notebook):
    """Otter's notebook API, following the notebook file this kernel runs."""

    def __init__(self, nb_path: str | None = None, tests_dir: str = "./tests", tests_url_prefix=None):
        self._default = nb_path
        found, _ = find_notebook(nb_path)
        super().__init__(found, tests_dir=tests_dir, tests_url_prefix=tests_url_prefix)
        if found is None and not type(self)._grading_mode:
            print(_unknown_notebook_message(nb_path))

    def _follow(self) -> str | None:
        """The notebook now (it may have been renamed since the first cell ran)."""
        found, _ = find_notebook(self._default if self._notebook is None else self._notebook)
        if found is not None and found != self._notebook:
            self._notebook = found
            self._nbmeta_config = type(self._nbmeta_config).from_notebook(nbformat.read(found, nbformat.NO_CONVERT))
        return found

    def check(self, question, global_env=None):
        if not type(self)._grading_mode and (self._notebook is None or not os.path.isfile(self._notebook)):
            if self._follow() is None:
                print(_unknown_notebook_message(self._default))
                return None
        if global_env is None:
            global_env = sys._getframe(1).f_globals
        return super().check(question, global_env)

    def export(self, nb_path=None, export_path=None, pdf=True, filtering=False, pagebreaks=False,
               files=None, display_link=True, force_save=True, run_tests=False, ignore_log=False):
        """Save the notebook, then write ``<notebook>_submission.zip`` (the notebook, a PDF when
        one can be made, otter's log) in one step: no half-written zip ever has that name."""
        if type(self)._grading_mode:
            return None
        path, frontend = (nb_path, False) if nb_path else find_notebook(self._notebook or self._default)
        if path is None:
            print(_unknown_notebook_message(self._default))
            return None
        self._notebook = path
        self._log_event(EventType.BEGIN_EXPORT)
        notes = []
        if force_save and frontend:
            if not _save(path):
                notes.append(f"Could not confirm that {path} was saved just now: the zip holds it as last "
                             f"saved ({time.strftime('%H:%M:%S', time.localtime(os.path.getmtime(path)))}). "
                             "Save it (Ctrl+S or Cmd+S) and run this cell again if that is not your latest work.")
        elif force_save:
            notes.append(f"The zip holds {path} as it was last saved: save your notebook before running this cell.")
        others = sorted(set(glob.glob("*.ipynb")) - {os.path.basename(path)})
        if not frontend and not nb_path and others:
            notes.append(f"This kernel did not say which notebook it runs, so this exported {path}. If you work in "
                         f"another one ({', '.join(others[:3])}), put its file name in the first cell: "
                         f'grader = course_notebook.Notebook("its name.ipynb").')
        try:
            nbformat.read(path, as_version=4)
        except Exception as error:
            print(f"{path} could not be read as a notebook ({type(error).__name__}); save it and run this cell again.")
            return None
        pdf_path, pdf_note = make_pdf(path) if pdf else (None, "")
        if pdf_note:
            notes.append(pdf_note)
        self._log_event(EventType.END_EXPORT)
        zip_path = export_path or os.path.splitext(path)[0] + ZIP_SUFFIX
        extra = list(files or []) + list(self._addl_files)
        write_zip(zip_path, path, pdf_path, [] if ignore_log else [OTTER_LOG_FILENAME], extra)
        if pdf_path:
            shutil.rmtree(os.path.dirname(pdf_path), ignore_errors=True)
        inside = os.path.basename(path) + (" and a PDF of it" if pdf_path else " (no PDF)")
        print(f"Submit {zip_path}: it holds {inside}.")
        for note in notes:
            print(note)
        if display_link:
            from IPython.display import HTML, display

            display(HTML(f'<p>Your submission: <a href="{zip_path}" download="{os.path.basename(zip_path)}" '
                         f'target="_blank">{zip_path}</a></p>'))
        if run_tests:
            validate(zip_path, os.path.basename(path), self._tests_dir)


def _save(path: str, timeout: float = 10) -> bool:
    """Ask JupyterLab (through ipylab) or the classic notebook to save; True once the file changed."""
    before = os.path.getmtime(path)
    try:
        from IPython.display import Javascript, display

        display(Javascript("if (typeof Jupyter !== 'undefined') { Jupyter.notebook.save_checkpoint(); }"))
        import ipylab

        ipylab.JupyterFrontEnd().commands.execute("docmanager:save")
    except Exception:
        return False
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.getmtime(path) > before and os.path.getsize(path) > 0:
            time.sleep(0.2)  # the server writes the file in one go; let it finish
            return True
        time.sleep(0.1)
    return False


def write_zip(zip_path: str, notebook: str, pdf: str | None, logs: list[str], files: list[str]) -> None:
    """Write the zip beside its final name, check it, then move it there in one rename."""
    folder = os.path.dirname(os.path.abspath(zip_path))
    handle, partial = tempfile.mkstemp(prefix=".export-", suffix=".partial", dir=folder)
    os.close(handle)
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(notebook, os.path.basename(notebook))
            if pdf:
                zf.write(pdf, os.path.splitext(os.path.basename(notebook))[0] + ".pdf")
            for log in logs:
                if os.path.isfile(log):
                    zf.write(log, os.path.basename(log))
            for extra in files:
                for item in ([extra] if os.path.isfile(extra) else glob.glob(f"{extra}/**/*.*", recursive=True)):
                    zf.write(item)
            zf.writestr("__zip_filename__", os.path.basename(zip_path))
        with zipfile.ZipFile(partial) as zf:
            if zf.testzip() is not None:
                raise zipfile.BadZipFile("the zip just written does not read back")
        os.replace(partial, zip_path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def find_browser() -> str | None:
    """Chrome, Chromium or Edge, which print a page to PDF without any TeX."""
    named = os.environ.get(BROWSER_ENV)
    if named:
        return shutil.which(named) or (named if os.path.isfile(named) else None)
    for name in _BROWSERS:
        if shutil.which(name):
            return shutil.which(name)
    for candidate in _BROWSER_PATHS:
        path = os.path.expandvars(candidate)
        if os.path.isfile(path):
            return path
    return None


def make_pdf(notebook: str) -> tuple[str | None, str]:
    """(a PDF of the saved notebook in a temporary folder or None, a note for the student).

    LaTeX (pandoc and xelatex) first, as otter does; otherwise a Chromium-family browser prints
    the notebook's HTML page."""
    out = tempfile.mkdtemp(prefix="export-pdf-")
    pdf = os.path.join(out, "notebook.pdf")
    tried = []
    if shutil.which("pandoc") and shutil.which("xelatex"):
        try:
            _latex_pdf(notebook, pdf, out)
            return pdf, ""
        except Exception as error:
            tried.append(f"LaTeX failed ({_first_line(error)})")
    browser = find_browser()
    if browser:
        try:
            _browser_pdf(notebook, pdf, out, browser)
            return pdf, ""
        except Exception as error:
            tried.append(f"{os.path.basename(browser)} failed ({_first_line(error)})")
    shutil.rmtree(out, ignore_errors=True)
    why = "; ".join(tried) or "this machine has neither pandoc with LaTeX (xelatex) nor Chrome, Chromium or Edge"
    return None, (f"No PDF in the zip: {why}. The zip is still a valid submission. Where your course "
                  "also asks for a PDF, print this page from your browser (File, Print, Save as PDF), or "
                  "see README.md for what to install.")


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def _latex_pdf(notebook: str, pdf: str, out: str) -> None:
    from otter.export import export_notebook

    nb = nbformat.read(notebook, as_version=4)
    # The headings already carry their numbers ("## 1. Pickle"): LaTeX must not add its own.
    # A raw cell without a mime type: nbconvert's PDF exporter copies only those (and application/pdf).
    nb.cells.insert(0, nbformat.v4.new_raw_cell("\\setcounter{secnumdepth}{0}"))
    copy = os.path.join(out, "notebook.ipynb")
    nbformat.write(nb, copy)
    export_notebook(copy, dest=pdf, filtering=False, pagebreaks=False)
    if not os.path.isfile(pdf):
        raise RuntimeError("no PDF was written")


def _browser_pdf(notebook: str, pdf: str, out: str, browser: str) -> None:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_filename(notebook)
    page = os.path.join(out, "notebook.html")
    with open(page, "w", encoding="utf-8") as handle:
        handle.write(body)
    command = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer",
               f"--user-data-dir={os.path.join(out, 'profile')}", f"--print-to-pdf={pdf}",
               "file:///" + os.path.abspath(page).replace(os.sep, "/").lstrip("/")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if not os.path.isfile(pdf) or os.path.getsize(pdf) == 0:
        raise RuntimeError((done.stderr or done.stdout or f"exit status {done.returncode}").strip()[-300:])


def validate(zip_path: str, notebook_name: str, tests_dir: str) -> None:
    """Run the zipped notebook again in a fresh process against the checks, as otter does, and
    print the summary (the kernel's own log lines stay out of it)."""
    import dill

    handle, results_path = tempfile.mkstemp(suffix=".pkl")
    os.close(handle)
    print("Running your submission against the checks in this notebook...\n")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "otter.check.validate_export", "--zip-path", zip_path,
             "--nb-arcname", notebook_name, "--tests-dir", tests_dir, "--results-path", results_path],
            env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}, capture_output=True, text=True,
        )
        if done.returncode != 0:
            print("The zipped notebook could not be run again:\n" + (done.stderr or done.stdout)[-2000:])
            return
        with open(results_path, "rb") as results_file:
            results = dill.load(results_file)
        summary = "\n".join("    " + line for line in results.summary().splitlines())
        print(f"Your submission got these results from the checks you can see:\n\n{summary}")
    finally:
        os.remove(results_path)
