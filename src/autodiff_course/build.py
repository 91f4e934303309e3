"""Build the release: otter assign on each master, then normalise, execute, render and scan."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

from . import hidden, leaks, normalize, paths, release_files, selfcheck
from .build_inputs import (  # noqa: F401  (the build's inputs, named here too)
    DIGEST_FILE, GRADING_FILES, PACKAGE_DIR, is_up_to_date, runtime_files, source_digest,
)
from .master import Master, read_master

COMMON_CONFIG = {
    "tests": {"files": False, "ok_format": False},
    "init_cell": True,
    "check_all_cell": True,
    # The zip holds the notebook and a PDF of all of it (written answers and plots included). The
    # export cell is ours (release_files.EXPORT_CELL, course_notebook.Notebook.export): it makes the
    # PDF with LaTeX or a Chromium-family browser, and without either a valid zip and one message.
    "export_cell": {
        "pdf": True,
        "filtering": False,
        "run_tests": True,
        "instructions": (
            "Run this cell to make the zip you submit: it saves this notebook, then zips it with a "
            "PDF of it (your written answers and plots). README.md says how the PDF is made and "
            "what to do where it cannot be."
        ),
    },
    "run_tests": True,
    "solutions_pdf": False,
    "requirements": "requirements.txt",
    "autograder_files": ["autodiff_course", "grading"],
    "python_version": "3.11",
    "generate": {"seed": 42, "show_hidden": True, "show_stdout": False},
}
"""Settings every master shares; a master's own ASSIGNMENT CONFIG adds to or overrides them."""

AUTOGRADER_REQUIREMENTS = """\
--extra-index-url https://download.pytorch.org/whl/cpu
torch==2.13.0+cpu
numpy
matplotlib
"""
"""Added to otter's own pins in the Gradescope image: torch's CPU build, never the CUDA one."""


class BuildError(RuntimeError):
    """The build cannot produce a correct release; the message says why and what to do."""


def _merge(base: dict, extra: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def assign_notebook(master: Master) -> nbformat.NotebookNode:
    """The master as otter assign reads it, with the common config merged into its config cell."""
    nb = copy.deepcopy(master.notebook)
    for cell in nb.cells:
        if cell.cell_type == "raw" and cell.source.strip().upper().startswith("# ASSIGNMENT CONFIG"):
            config = _merge(COMMON_CONFIG, master.config)
            config["name"] = master.name
            cell.source = "# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=True)
            return nb
    raise BuildError(f"{master.name}: the master has no '# ASSIGNMENT CONFIG' raw cell")


def _ignore(_dir: str, names: list[str]) -> set[str]:
    return {n for n in names if n in {"__pycache__", ".ipynb_checkpoints"} or n.endswith(".pyc")}


def stage_sources(name: str, work: Path, root: Path) -> Master:
    """Copy an assignment's student-facing files and its generated data into ``work``, with the
    runtime part of the package and the assignment's grading files for the autograder zip."""
    source = paths.assignment_dir(name, root)
    instructor_only = lambda d, names: _ignore(d, names) | (  # noqa: E731
        set(paths.INSTRUCTOR_ONLY) & set(names) if Path(d) == source else set())
    shutil.copytree(source, work, ignore=instructor_only)
    generator = work / "make_data.py"
    if generator.exists():
        _run([sys.executable, generator.name], work, f"{name}: the data generator make_data.py failed")
    for path in runtime_files():
        target = work / "autodiff_course" / path.relative_to(PACKAGE_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    grading = paths.grading_dir(name, root)
    for kind in GRADING_FILES:
        if not (grading / kind).is_file():
            raise BuildError(f"{name}: {grading / kind} is missing (every assignment has grading/probes.py "
                             "and grading/judges.py)")
        (work / "grading" / name).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(grading / kind, work / "grading" / name / kind)
    (work / "requirements.txt").write_text(AUTOGRADER_REQUIREMENTS)
    master = read_master(name, root)
    normalize.write_notebook(assign_notebook(master), work / f"{name}.ipynb")
    return master


def _run(command: list[str], cwd: Path, failure: str) -> str:
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-40:])
        raise BuildError(f"{failure}:\n{tail}")
    return proc.stdout


def run_otter_assign(name: str, work: Path, result: Path) -> None:
    """Split the master with otter. Otter's own solution run is skipped: :func:`assemble`
    scores the solution in the one execution it makes anyway."""
    _run(
        [sys.executable, "-m", "otter", "assign", "--no-pdfs", "--no-run-tests", f"{name}.ipynb", str(result)],
        work,
        f"{name}: otter assign failed",
    )


def _is_grader_cell(cell) -> bool:
    lines = [line for line in cell.source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return cell.cell_type == "code" and bool(lines) and all(line.startswith("grader.") for line in lines)


def execute(
    nb: nbformat.NotebookNode, cwd: Path, timeout: int = 300, epilogue: str | None = None
) -> tuple[nbformat.NotebookNode, str]:
    """Run a notebook top to bottom in a fresh kernel (one thread, so floats never vary).

    Otter's ``grader.check``/``export`` cells are left unexecuted: their output carries random
    emoji and timestamps. ``epilogue`` is run last in the same kernel and left out of the
    returned notebook; its printed text is returned beside it."""
    import os

    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    skipped = {i: cell for i, cell in enumerate(nb.cells) if _is_grader_cell(cell)}
    runnable = copy.deepcopy(nb)
    runnable.cells = [cell for i, cell in enumerate(nb.cells) if i not in skipped]
    if epilogue:
        runnable.cells.append(nbformat.v4.new_code_cell(epilogue))
    client = NotebookClient(
        runnable, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # plots must render inline
    client.execute(env={**env, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    printed = ""
    if epilogue:
        last = runnable.cells.pop()
        printed = "".join(o.get("text", "") for o in last.outputs if o.get("output_type") == "stream")
    executed = iter(runnable.cells)
    nb.cells = [skipped[i] if i in skipped else next(executed) for i in range(len(nb.cells))]
    return nb, printed


def render_html(nb: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    return body


def _copy_release_files(src: Path, dst: Path, skip: set[str]) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_dir() or rel.parts[0] in skip or "__pycache__" in rel.parts:
            continue
        if path.name in {".OTTER_LOG"} or path.suffix == ".pyc":
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def assemble(name: str, master: Master, result: Path, staging: Path, grading: Path) -> float:
    """Turn otter's ``result`` folder into our three generated folders under ``staging``.

    Returns the seconds the solution took to execute (kernel start included)."""
    student_out = staging / "student_release" / name
    autograder_out = staging / "autograder" / name
    solutions_out = staging / "solutions" / name

    student_nb_path = result / "student" / f"{name}.ipynb"
    _copy_release_files(result / "student", student_out, skip={f"{name}.ipynb"})
    student_nb = release_files.rewrite_cells(nbformat.read(student_nb_path, as_version=4), name)
    normalize.write_notebook(student_nb, student_out / f"{name}.ipynb")
    release_files.write_student_files(student_out, name, root=grading.parents[2])

    zips = sorted((result / "autograder").glob("*-autograder_*.zip"))
    if len(zips) != 1:
        raise BuildError(f"{name}: expected one autograder zip from otter, found {len(zips)}")
    from .grade import gradescope  # Gradescope runs our engine, not otter's runner; `otter run` is refused
    import zipfile

    with zipfile.ZipFile(zips[0]) as zf:
        config = zf.read("otter_config.json")
    normalize.rewrite_zip(
        zips[0], autograder_out / f"{name}-autograder.zip",
        extra={**gradescope.zip_entries(student_out / f"{name}.ipynb", paths.ROOT / "constraints.txt"),
               "otter_config.json": gradescope.otter_config(config)},
    )

    with zipfile.ZipFile(autograder_out / f"{name}-autograder.zip") as zf:
        for entry in zf.namelist():
            if entry.startswith("tests/"):
                target = autograder_out / entry
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(entry))

    solution = release_files.rewrite_cells(nbformat.read(result / "autograder" / f"{name}.ipynb", as_version=4), name)
    with tempfile.TemporaryDirectory() as run_dir:
        _copy_release_files(student_out, Path(run_dir), skip=set())
        started = time.perf_counter()
        try:
            executed, printed = execute(solution, Path(run_dir), epilogue=selfcheck.epilogue(master, grading))
        except Exception as error:
            from .explain import solution_failure

            master_file = grading.parent / f"{name}.py"
            shown = f"assignments/{name}/{master_file.name}"
            raise BuildError(f"{name}: the solution notebook failed to execute: "
                             f"{solution_failure(error, master_file, shown)}") from None
        seconds = time.perf_counter() - started
        earned, possible, failures = selfcheck.score(name, printed, Path(run_dir))  # judges may read run_dir
    if failures or earned != possible:
        raise BuildError(
            f"{name}: the solution notebook does not score full marks ({earned:g}/{possible:g}); fix the "
            "master's solution or its tests:\n  " + "\n  ".join(failures)
        )
    unstable = normalize.unstable_outputs(executed)
    if unstable:
        raise BuildError(
            f"{name}: solution output changes from run to run, so the release cannot be reproduced; "
            "assign the value (`_ = ...`) or stop printing it:\n  " + "\n  ".join(unstable)
        )
    normalize.write_notebook(executed, solutions_out / f"{name}.ipynb")
    (solutions_out / f"{name}.html").write_text(render_html(nbformat.read(solutions_out / f"{name}.ipynb", as_version=4)))

    findings = leaks.scan(student_out, master)
    if findings:
        listing = "\n  ".join(findings[:20])
        raise BuildError(
            f"{name}: the student release leaks {len(findings)} solution or hidden-test line(s); "
            f"mark them as solution in the master or move them out of student-visible cells:\n  {listing}"
        )
    return seconds


def build_one(name: str, out_root: Path, root: Path | None = None) -> tuple[float, float]:
    """Build one assignment into ``out_root``'s generated folders.

    Returns the seconds the build took and the seconds its solution took to execute."""
    root = root or paths.ROOT
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"build-{name}-") as tmp:
        tmp_path = Path(tmp)
        work, result, staging = tmp_path / "src", tmp_path / "out", tmp_path / "staging"
        master = stage_sources(name, work, root)
        run_otter_assign(name, work, result)
        hidden.register(name, paths.grading_dir(name, root))
        executed_in = assemble(name, master, result, staging, paths.grading_dir(name, root))
        (staging / "autograder" / name / DIGEST_FILE).write_text(source_digest(name, root) + "\n")
        from .fresh import keep_committed_solution  # another CPU prints -0.0 for 0.0: keep the old bytes

        keep_committed_solution(staging / "solutions" / name, out_root / "solutions" / name, name)
        for folder in paths.GENERATED:
            target = out_root / folder / name
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(staging / folder / name, target)
    return time.perf_counter() - start, executed_in


def main(
    *, names: list[str] | None = None, out: Path | None = None, force: bool = False, log=print,
    root: Path | None = None,
) -> int:
    """Build the named assignments (all when none) into ``out`` (the repository by default).

    An assignment whose sources have not changed since its last build is skipped unless ``force``."""
    out_root = Path(out) if out else (root or paths.ROOT)
    selected = paths.resolve(names, root)
    if not selected:
        raise SystemExit("no assignment masters found under assignments/")
    total = 0.0
    for index, name in enumerate(selected, 1):
        if not force and is_up_to_date(name, out_root, root):
            log(f"[{index}/{len(selected)}] {name} is up to date (use --force to rebuild)")
            continue
        log(f"[{index}/{len(selected)}] building {name} ...")
        try:
            seconds, executed_in = build_one(name, out_root, root)
        except BuildError as error:
            log(f"BUILD FAILED: {error}")
            return 1
        total += seconds
        log(f"[{index}/{len(selected)}] {name} built in {seconds:.1f} s "
            f"(its solution executed in {executed_in:.1f} s and scored full marks)")
    log(f"done in {total:.1f} s; generated folders are in {out_root}")
    return 0
