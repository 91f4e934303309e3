"""The student release as a student uses it: JupyterLab in a real browser (headless Chromium).

For each assignment, Run All on the blank notebook; for one, Run All on a duplicate with the
answers that is renamed while its kernel runs. Each run ends in the export cell. The notebooks' outputs, the
saved files and the zips are read back. Chromium is Debian's package (tools/bootstrap.sh installs
it); playwright drives it, pointed at that binary, since no browser can be downloaded here.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest

from autodiff_course import paths

ROOT = paths.ROOT
ZIP_SUFFIX = "_submission.zip"
TOKEN = "student-browser-test"
RUN_ALL_SECONDS = 240  # one Run All with its export (which runs the zipped notebook once more)


def _chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def _assignments() -> list[str]:
    return sorted(p.name for p in (ROOT / "student_release").iterdir() if (p / f"{p.name}.ipynb").is_file())


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a copy of the release (and the solutions, as answered notebooks),
    and a headless Chromium page on it; skipped with the reason where either cannot start."""
    browser_path = _chromium()
    if browser_path is None:
        pytest.skip("no Chromium here (Debian: apt-get install chromium; tools/bootstrap.sh does it as root)")
    try:
        from playwright.sync_api import sync_playwright
        import jupyterlab  # noqa: F401
    except ImportError as error:
        pytest.skip(f"{error.name} is not installed (pip install -c constraints.txt -e '.[dev]')")
    base = tmp_path_factory.mktemp("lab")
    work = base / "work"
    for name in _assignments():
        shutil.copytree(ROOT / "student_release" / name, work / name)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(base / "runtime"), "JUPYTER_CONFIG_DIR": str(base / "config"),
           "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(base / "ws")}
    env.pop("MPLBACKEND", None)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={work}", "--allow-root",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
         "jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=(base / "server.log").open("w"), stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("JupyterLab did not start:\n" + (base / "server.log").read_text()[-3000:])
                time.sleep(0.1)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(RUN_ALL_SECONDS * 1000)
            print(f"\nJupyterLab and Chromium started in {time.perf_counter() - started:.1f} s")
            yield {"page": page, "url": f"http://127.0.0.1:{port}", "work": work, "log": base / "server.log"}
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _run_all(lab, path: str, rename_to: str | None = None) -> tuple[dict, float]:
    """Open ``path`` in JupyterLab, (rename it), Run All; the notebook model as JSON and the seconds."""
    page = lab["page"]
    page.goto(f"{lab['url']}/lab/tree/{path}?reset&token={TOKEN}")
    page.wait_for_function(
        """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                   const k = w && w.context && w.context.sessionContext.session
                             && w.context.sessionContext.session.kernel;
                   return k && k.connectionStatus === 'connected' && k.status === 'idle'; }""",
        polling=200)
    if rename_to:
        folder = path.rsplit("/", 1)[0]
        page.evaluate(f"window.jupyterapp.serviceManager.contents.rename({path!r}, {folder + '/' + rename_to!r})")
        page.wait_for_function(f"window.jupyterapp.shell.currentWidget.context.path.endsWith({rename_to!r})")
    start = time.perf_counter()
    # The command's promise settles when the run ends, false where a cell raised (Run All stops there).
    page.evaluate("""() => { window.runAll = 'running';
        window.jupyterapp.commands.execute('notebook:run-all-cells').then(
            ok => { window.runAll = ok === false ? 'stopped' : 'done'; }, () => { window.runAll = 'stopped'; }); }""")
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const k = w.context.sessionContext.session.kernel;
                   const cells = w.content.model.toJSON().cells.filter(c => c.cell_type === 'code');
                   return window.runAll !== 'running' && k.status === 'idle'
                          && (window.runAll === 'stopped' || cells.every(c => c.execution_count !== null)); }""",
        polling=250)
    seconds = time.perf_counter() - start
    model = page.evaluate("window.jupyterapp.shell.currentWidget.content.model.toJSON()")
    page.evaluate("window.jupyterapp.shell.currentWidget.context.sessionContext.shutdown()")
    return model, seconds


def _text(output: dict) -> str:
    if output["output_type"] == "stream":
        return "".join(output["text"])
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    return "".join(output.get("data", {}).get("text/plain", ""))


def _checks(nb: dict) -> list[tuple[str, str]]:
    """(check cell source, its printed result) for every grader.check cell."""
    return [("".join(c["source"]), "".join(_text(o) for o in c["outputs"])) for c in nb["cells"]
            if c["cell_type"] == "code" and "".join(c["source"]).startswith("grader.check(")]


def _errors(nb: dict) -> list[str]:
    return [f"{''.join(c['source'])[:60]!r}: {_text(o)[:200]}" for c in nb["cells"] if c["cell_type"] == "code"
            for o in c["outputs"] if o["output_type"] == "error"]


def _export_text(nb: dict) -> str:
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and "grader.export(" in "".join(c["source"]))
    return "".join(_text(o) for o in cell["outputs"])


def _zip(folder: Path, stem: str) -> tuple[list[str], dict]:
    """The one zip the export left for ``stem``: its entries and the notebook inside."""
    zips = sorted(folder.glob("*.zip"))
    assert [z.name for z in zips if z.name.startswith(stem)] == [stem + ZIP_SUFFIX], [z.name for z in zips]
    with zipfile.ZipFile(folder / (stem + ZIP_SUFFIX)) as zf:
        assert zf.testzip() is None
        return zf.namelist(), json.loads(zf.read(stem + ".ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("name", _assignments())
def test_blank_run_all_reaches_the_export_in_jupyterlab(lab, name):
    folder = lab["work"] / name
    nb, seconds = _run_all(lab, f"{name}/{name}.ipynb")
    assert not _errors(nb), f"a blank notebook's Run All raised: {_errors(nb)}"
    checks = _checks(nb)
    assert checks and all("❌" in text or "failed" in text for _, text in checks), (
        "every check of a blank notebook should show its failure message: "
        + "; ".join(f"{s}: {t[:80]!r}" for s, t in checks if "failed" not in t))
    assert "Error at line" not in " ".join(t for _, t in checks), "a check message cites a line of a file students cannot see"
    export = _export_text(nb)
    assert f"Submit {name}{ZIP_SUFFIX}" in export and "Traceback" not in export and "TCP" not in export, export
    entries, zipped = _zip(folder, name)
    assert f"{name}.pdf" in entries, f"the PDF tools are here, so the zip should hold a PDF: {entries}"
    zipped_checks = [t for _, t in _checks(zipped)]
    assert zipped_checks == [t for _, t in checks], "the zip should hold the notebook as run, with its outputs"
    print(f"\n{name}: blank Run All with export {seconds:.1f} s")


@pytest.mark.slow
@pytest.mark.parametrize("name", _assignments() if os.environ.get("STUDENT_BROWSER_ALL") else _assignments()[:1])
def test_an_answered_duplicate_renamed_while_running_exports_itself(lab, name):
    """A JupyterLab duplicate (``-Copy1``) with the answers, renamed while its kernel runs: its
    checks pass, and the export zips it under its new name and leaves the original's zip alone.
    One assignment (the quickest; STUDENT_BROWSER_ALL=1: every one): the others' answered runs
    are the build's solution runs."""
    folder = lab["work"] / name
    blank_zip = folder / (name + ZIP_SUFFIX)
    before = blank_zip.read_bytes() if blank_zip.exists() else None
    solved = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    solved.metadata = nbformat.read(folder / f"{name}.ipynb", as_version=4).metadata  # its public checks alone
    for cell in solved.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(solved, folder / f"{name}-Copy1.ipynb")
    renamed = f"hw {name[:2]} final.ipynb"
    nb, seconds = _run_all(lab, f"{name}/{name}-Copy1.ipynb", rename_to=renamed)
    assert not _errors(nb), _errors(nb)
    failing = [s for s, text in _checks(nb) if "failed" in text or "❌" in text]
    assert not failing, f"checks fail on the solution: {failing}"
    assert f"Submit hw {name[:2]} final{ZIP_SUFFIX}" in _export_text(nb), _export_text(nb)
    entries, zipped = _zip(folder, renamed[:-6])
    assert f"{renamed[:-6]}.pdf" in entries, entries
    source = lambda notebook: ["".join(c["source"]) for c in notebook["cells"]]  # noqa: E731
    assert source(zipped) == source(nb), "the zip holds another notebook"
    assert (blank_zip.read_bytes() if blank_zip.exists() else None) == before, "the original's zip changed"
    print(f"\n{name}: answered, renamed duplicate's Run All with export {seconds:.1f} s")
