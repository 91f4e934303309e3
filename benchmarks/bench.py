"""Benchmarks that print figures (not timed tests): execution, grading, batches, builds, memory.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench.py --repeat 3``). Every figure is
the median of ``--repeat`` runs on this machine; the table says which machine that was.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autodiff_course import build, paths

BIN = Path(sys.executable).parent


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _solution_notebook(name: str) -> nbformat.NotebookNode:
    """The solution notebook as a student would hand it in: executed cells stripped of outputs."""
    nb = nbformat.read(paths.ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _release_copy(name: str, into: Path) -> Path:
    shutil.copytree(paths.ROOT / "student_release" / name, into, dirs_exist_ok=True)
    nb_path = into / f"{name}.ipynb"
    nbformat.write(_solution_notebook(name), nb_path)
    return nb_path


def plain_execution(name: str) -> None:
    """A fresh kernel runs the solution's code cells top to bottom: the floor any grader pays.

    Otter's own cells (``grader.check``, the export that makes a PDF) are left out, as every
    grader leaves them out."""
    with tempfile.TemporaryDirectory() as tmp:
        nb_path = _release_copy(name, Path(tmp))
        build.execute(nbformat.read(nb_path, as_version=4), Path(tmp))


def otter_zip(name: str, folder: Path) -> Path:
    """A copy of the zip that ``otter run`` accepts: the built one names a plugin that refuses
    (``grade/otter_plugin.py``). Its hidden tests still refuse to judge in the notebook's process,
    so this times otter's runner on trusted notebooks; its scores mean nothing."""
    import zipfile

    target = folder / f"{name}-otter.zip"
    with zipfile.ZipFile(paths.ROOT / "autograder" / name / f"{name}-autograder.zip") as zin, \
            zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "otter_config.json":
                data = json.dumps({k: v for k, v in json.loads(data).items() if k != "plugins"}).encode()
            zout.writestr(info, data)
    return target


def otter_run(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = otter_zip(name, Path(tmp))
        nb_path = _release_copy(name, Path(tmp) / "sub")
        (Path(tmp) / "out").mkdir()
        subprocess.run(
            [str(BIN / "otter"), "run", "-a", str(zip_path), "-o", str(Path(tmp) / "out"), str(nb_path)],
            check=True, capture_output=True, cwd=tmp,
        )


def our_grader(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        nb_path = _release_copy(name, Path(tmp) / "sub")
        subprocess.run(
            [str(BIN / "autodiff-course"), "grade", "-a", name, "--out", str(Path(tmp) / "out"), str(nb_path)],
            check=True, capture_output=True, cwd=tmp,
        )


def our_grader_warm(name: str, copies: int = 5) -> tuple[float, float]:
    """What one more submission costs once a worker is warm: (grading ``copies`` solutions in one
    call - grading one) / (``copies`` - 1), and the part of it that is the student's own compute:
    the median over those submissions of their cells' seconds as measured inside the child. The
    worker pays the interpreter and ``import torch`` once; each submission after that pays a fork,
    its own code, the probes and public tests, and the judges."""
    def graded(count: int) -> tuple[float, list[float]]:
        with tempfile.TemporaryDirectory() as tmp:
            nb_path = _release_copy(name, Path(tmp) / "sub")
            for index in range(1, count):
                shutil.copy(nb_path, nb_path.with_name(f"copy{index}.ipynb"))
            started = time.perf_counter()
            subprocess.run(
                [str(BIN / "autodiff-course"), "grade", "-a", name, "--out", str(Path(tmp) / "out"),
                 *map(str, sorted((Path(tmp) / "sub").glob("*.ipynb")))],
                check=True, capture_output=True, cwd=tmp,
            )
            wall = time.perf_counter() - started
            records = [json.loads(p.read_text()) for p in (Path(tmp) / "out").glob("*/grade.json")]
            return wall, [sum(c.get("seconds", 0.0) for c in r["cells"]) for r in records]

    many, cells = graded(copies)
    return max(many - graded(1)[0], 0.0) / (copies - 1), statistics.median(cells)


def make_batch(into: Path, copies: int) -> dict[str, list[Path]]:
    """Per assignment, ``copies`` solutions and ``copies`` blank notebooks under varied names."""
    batch: dict[str, list[Path]] = {}
    for name in paths.available():
        folder = into / name
        folder.mkdir(parents=True)
        blank = nbformat.read(paths.ROOT / "student_release" / name / f"{name}.ipynb", as_version=4)
        solved = _solution_notebook(name)
        files = []
        for k in range(copies):
            for label, nb in (("solved", solved), ("blank", blank)):
                path = folder / f"student{k:02d}_{label}.ipynb"
                nbformat.write(nb, path)
                files.append(path)
        batch[name] = files
    return batch


def grade_batch(batch: dict[str, list[Path]], out: Path, jobs: int) -> float:
    start = time.perf_counter()
    for name, files in batch.items():
        subprocess.run(
            [str(BIN / "autodiff-course"), "grade", "-a", name, "--jobs", str(jobs), "--force",
             "--out", str(out / name), *map(str, files)],
            check=True, capture_output=True,
        )
    return time.perf_counter() - start


def otter_batch(batch: dict[str, list[Path]], work: Path) -> float:
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for name, files in batch.items():
        zip_path = otter_zip(name, work)
        for index, path in enumerate(files):
            sub = work / f"{name}-{index}"
            shutil.copytree(paths.ROOT / "student_release" / name, sub)
            shutil.copy(path, sub / f"{name}.ipynb")
            (sub / "out").mkdir()
            subprocess.run(
                [str(BIN / "otter"), "run", "-a", str(zip_path), "-o", str(sub / "out"), str(sub / f"{name}.ipynb")],
                check=True, capture_output=True, cwd=sub,
            )
    return time.perf_counter() - start


def worker_peak_mb(name: str) -> float:
    """Largest resident set of any process in one grading run of the solution (ru_maxrss)."""
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        nb_path = _release_copy(name, Path(tmp) / "sub")
        proc = subprocess.run(
            [sys.executable, "-c", code, str(BIN / "autodiff-course"), "grade", "-a", name,
             "--out", str(Path(tmp) / "out"), str(nb_path)],
            check=True, capture_output=True, text=True,
        )
    return int(proc.stdout.split()[-1]) / 1024


def build_times() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        assert build.main(out=Path(tmp), log=lambda *_: None) == 0
        scratch = time.perf_counter() - start
        start = time.perf_counter()
        assert build.main(out=Path(tmp), log=lambda *_: None) == 0
        return scratch, time.perf_counter() - start


def machine() -> str:
    cores = os.cpu_count()
    try:
        import torch

        gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    except Exception:
        gpu = "unknown GPU"
    return f"{platform.node()}: {platform.processor() or platform.machine()}, {cores} cores, {gpu}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=5, help="solved and blank notebooks per assignment in the batch")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-otter-batch", action="store_true", help="time only our grader on the batch")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args(argv)
    names = paths.resolve(args.names)

    print(f"machine: {machine()}")
    print(f"repeats: {args.repeat} (medians)\n")
    print("our grader, cold: one `grade` call for one notebook (it starts its worker: the interpreter and the "
          "imports of the assignment)")
    print("our grader, warm: each further notebook in the same call (a fork of the warm worker)")
    print("cells s: the student's own compute in a warm run (its cells' seconds, measured inside the child); "
          "overhead s: warm minus that, what grading adds beyond the physical limit\n")
    header = (f"{'assignment':<22} {'plain exec s':>12} {'ours cold s':>12} {'ratio':>6} {'ours warm s':>12} "
              f"{'ratio':>6} {'cells s':>8} {'overhead s':>10} {'otter run s':>12} {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for name in names:
        plain = _median(lambda: plain_execution(name), args.repeat)
        otter = _median(lambda: otter_run(name), args.repeat)
        ours = _median(lambda: our_grader(name), args.repeat)
        runs = [our_grader_warm(name) for _ in range(args.repeat)]
        warm, cells = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"{name:<22} {plain:>12.2f} {ours:>12.2f} {ours / plain:>6.2f} {warm:>12.2f} {warm / plain:>6.2f} "
              f"{cells:>8.2f} {warm - cells:>10.2f} {otter:>12.2f} {otter / plain:>6.2f}")
    print(f"\npeak memory of one grading run (largest process): "
          f"{max(worker_peak_mb(n) for n in names):.0f} MB")
    if not args.skip_batch:
        with tempfile.TemporaryDirectory() as tmp:
            batch = make_batch(Path(tmp) / "batch", args.copies)
            count = sum(len(files) for files in batch.values())
            print(f"\nbatch of {count} submissions ({args.copies} solved + {args.copies} blank per assignment):")
            for jobs in (1, 2):
                wall = grade_batch(batch, Path(tmp) / f"graded-{jobs}", jobs)
                print(f"  our grader --jobs {jobs}: {wall:7.1f} s  {60 * count / wall:5.1f} per minute")
            if not args.skip_otter_batch:
                wall = otter_batch(batch, Path(tmp) / "otter")
                print(f"  otter run one by one: {wall:7.1f} s  {60 * count / wall:5.1f} per minute")
    scratch, unchanged = build_times()
    print(f"\nbuild from scratch: {scratch:.1f} s; unchanged rebuild: {unchanged:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
