"""The grading child: run one student notebook, then its public tests, then the probes; write plain JSON.

The fork server (:mod:`.zygote`) forks a child per submission and calls :func:`main_or_report`
with the spec file; the child then

1. lowers its own resource limits (memory, file size, processes) before any student code runs;
2. runs the code cells in order in an in-process IPython shell (:mod:`.capture`; magics
   stripped, ``display`` and inline matplotlib work), each under a time limit, carrying on past
   errors as otter does;
3. puts back its own globals, forgets the grader's modules the cells imported or patched (noted
   in the result), then runs every public test and, only after them, every probe
   (:func:`autodiff_course.hidden.collect`), from the code :class:`~.pinned.Pinned` read before
   the first cell: nothing a student's code records of the hidden inputs can reach a public
   test's (visible) message, and no import hook of a cell can swap the probes;
4. writes ``result.json`` (plain data only, never a pickle) and the executed notebook.

The judges never run here: the engine runs them on ``result.json`` in its own process. The
grading package's probes are imported only after the student's cells have finished.

Progress (:class:`~.protocol.Step`: ``cell 7``, ``check save``) is written to a small file before
each step, so when this process dies or hangs the engine knows where and can retry without it.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import time
from pathlib import Path

from ..otter_runtime import KERNELSPEC, call_test, strip_notebook_lines
from .cells import first_line
from .capture import MAX_ERROR_CHARS, Recorder, Stream, connect_inline_backend, make_shell
from .files import write_json
from .pinned import Pinned, freeze_globals
from .privileges import apply_limits, die_with_parent
from .protocol import Step

RESULT_VERSION = 1


class StepTimeout(BaseException):
    """Raised by the alarm when a cell, probe or test runs past its limit.

    A ``BaseException``, so a student's ``except Exception`` does not swallow it."""


class Alarm:
    """``with Alarm(seconds):`` raises :class:`StepTimeout` inside the block when time is up."""

    def __init__(self, seconds: float):
        self.seconds = max(float(seconds), 0.05)

    def __enter__(self):
        signal.signal(signal.SIGALRM, self._fire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    @staticmethod
    def _fire(_signum, _frame):
        raise StepTimeout()

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        return False


class Progress:
    """A one-line file saying what runs now; read by the engine when this process dies."""

    def __init__(self, path: str):
        self.handle = open(path, "w", encoding="utf-8")

    def __call__(self, step: Step) -> None:
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(step.encode())
        self.handle.flush()


def _error_line(exc: BaseException) -> str:
    from autodiff_course.hidden import describe_error

    return describe_error(exc)[:MAX_ERROR_CHARS]


def seed_cell(seed) -> None:
    """Seed numpy and random before a cell, as otter's grading does (``seed`` in its config)."""
    if seed is None:
        return
    import random

    random.seed(seed)
    try:
        import numpy

        numpy.random.seed(seed)
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass


def run_cells(spec: dict, shell, recorder: Recorder, progress: Progress, deadline: float) -> tuple[list, list]:
    """Run every code cell; return (cell reports, every cell with the outputs of code cells)."""
    import nbformat

    nb = nbformat.read(spec["notebook"], as_version=4)
    skip = set(spec.get("skip_cells", []))
    reports, cells = [], []
    count = 0
    for index, cell in enumerate(nb.cells):
        cell_dict = {k: v for k, v in dict(cell).items() if k != "attachments" or cell.cell_type != "code"}
        cells.append(cell_dict)
        if cell.cell_type != "code":
            continue
        count += 1
        cell_dict["outputs"], cell_dict["execution_count"] = [], None
        report = {"index": index, "number": count, "line": first_line(cell.source), "status": "ok", "seconds": 0.0}
        reports.append(report)
        if index in skip:
            report["status"] = "skipped"
            cell_dict["outputs"] = [{"output_type": "stream", "name": "stderr",
                                     "text": "[grader: this cell was skipped: it ended the process before]\n"}]
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            report["status"] = "not_run"
            continue
        progress(Step.cell(index))
        seed_cell(spec.get("seed"))
        started = time.monotonic()
        recorder.reset()
        result = None
        try:
            with Alarm(min(spec["cell_timeout"], remaining)):
                result = shell.run_cell(strip_notebook_lines(cell.source), store_history=False, silent=False)
        except StepTimeout:  # fired between the cell's end and the alarm's cancel
            pass
        report["seconds"] = round(time.monotonic() - started, 3)
        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
            setattr(sys, name, None)  # a failed cell's frames would keep its memory alive
        outputs = recorder.reset()
        error = result.error_in_exec or result.error_before_exec if result is not None else None
        if isinstance(error, StepTimeout):
            limit = min(spec["cell_timeout"], remaining)
            report["status"], report["error"] = "timeout", f"the cell ran longer than {limit:.0f} s and was stopped"
            outputs = [o for o in outputs if o.get("output_type") != "error"]
            outputs.append({"output_type": "error", "ename": "CellTimeout", "evalue": report["error"], "traceback": []})
        elif error is not None:
            report["status"], report["error"] = "error", _error_line(error)
        for output in outputs:
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count
        cell_dict["outputs"] = outputs
        cell_dict["execution_count"] = count
        if error is not None:  # free the failed cell's frames (and the memory they hold)
            result = error = shell.last_execution_result = None
            for holder in (shell.InteractiveTB, getattr(shell, "SyntaxTB", None)):
                if holder is not None and hasattr(holder, "tb"):
                    holder.tb = None
            gc.collect()
    return reports, cells


def run_checks(spec: dict, env: dict, recorder: Recorder, progress: Progress, deadline: float, workdir: str,
               pinned: Pinned) -> dict:
    """Call every probe on the student's globals; each result is ``collect``'s plain dict."""
    progress(Step("loading checks"))
    hidden, probes = pinned.load()  # the probes alone (no judges here); torch imported outside the time limits
    hidden.seed_everything()
    results = {}
    skip = set(spec.get("skip_checks", []))
    for name in spec["checks"]:
        if name in skip:
            results[name] = {"ok": False, "error": "your code ended the grading process during this check"}
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            results[name] = {"ok": False, "error": "not run: the notebook used up the whole time limit",
                             "stopped": "not_run"}
            continue
        progress(Step.check(name))
        os.chdir(workdir)  # probes look next to the notebook, whatever the cells did
        limit = min(spec["cell_timeout"], remaining)
        try:
            with Alarm(limit):
                results[name] = hidden.collect(spec["assignment"], name, env, probes=probes)
        except StepTimeout:
            results[name] = {"ok": False, "error": f"the hidden check ran longer than {limit:g} s (an endless loop?)",
                             "stopped": "limit"}
        except BaseException as exc:  # SystemExit or KeyboardInterrupt from student code
            results[name] = {"ok": False, "error": _error_line(exc)}
        recorder.reset()
    return results


def run_public_tests(spec: dict, env: dict, recorder: Recorder, progress: Progress, deadline: float, workdir: str) -> dict:
    """Run the public tests as otter does: parameters are looked up in the student's globals."""
    results = {}
    skip = set(spec.get("skip_tests", []))
    for test in spec["public_tests"]:
        key = test["key"]
        if key in skip:
            results[key] = {"passed": False, "message": "your code ended the grading process during this test"}
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            results[key] = {"passed": False, "message": "not run: the notebook used up the whole time limit",
                            "stopped": "not_run"}
            continue
        progress(Step.test(key))
        os.chdir(workdir)
        limit = min(spec["cell_timeout"], remaining)
        try:
            with Alarm(limit):
                call_test(test["name"], test["source"], env)
            results[key] = {"passed": True, "message": ""}
        except StepTimeout:
            results[key] = {"passed": False, "message": f"the test ran longer than {limit:g} s", "stopped": "limit"}
        except BaseException as exc:
            results[key] = {"passed": False, "message": _error_line(exc)}
        recorder.reset()
    return results


def _contributors(env: dict, name: str):
    """The notebook's contributor list as plain data (validated by the engine), or None."""
    from autodiff_course.hidden import to_plain

    if name not in env:
        return None
    try:
        return to_plain(env[name])
    except TypeError:
        return {"invalid": f"{name} is not a list of strings"}


def grader_modules() -> tuple[dict, dict]:
    """The grader's modules loaded now, and the attributes of ``hidden``: what cells may not change."""
    import autodiff_course.hidden as hidden

    return {n: m for n, m in sys.modules.items() if n.startswith("autodiff_course")}, dict(vars(hidden))


def reload_grader_modules(before: dict, attributes: dict) -> list[str]:
    """Forget every grader module the cells could have imported or patched, so the probes run from
    fresh copies; return a note in plain words when the notebook touched them."""
    ours = ("autodiff_course", attributes["PACKAGE"])  # the names as they were before any cell ran
    touched = sorted(n for n in sys.modules if n.startswith(ours) and n not in before)
    hidden = sys.modules.get("autodiff_course.hidden")
    if hidden is not before.get("autodiff_course.hidden") or any(
            vars(hidden).get(k, None) is not v for k, v in attributes.items()):
        touched.append("autodiff_course.hidden")
    keep = {"autodiff_course", "autodiff_course.grade"}
    for name in [n for n in sys.modules if n.startswith(("autodiff_course.", attributes["PACKAGE"])) and n not in keep]:
        del sys.modules[name]
    for package in keep:
        module = sys.modules.get(package)
        for attr in [a for a, v in list(vars(module).items()) if type(v).__name__ == "module"] if module else []:
            if f"{package}.{attr}" not in keep:
                delattr(module, attr)
    if not touched:
        return []
    return [f"the notebook imported or changed the grader's own modules ({', '.join(touched[:4])}); "
            "the hidden checks ran on fresh copies of them"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with open(argv[0], encoding="utf-8") as handle:
        spec = json.load(handle)
    started = time.monotonic()
    deadline = started + float(spec["timeout"])
    workdir = os.getcwd()
    progress = Progress(spec["progress"])
    progress(Step("startup"))
    die_with_parent()
    apply_limits(spec)
    pinned, restore_globals = Pinned(spec["assignment"], Path(spec["grading"])), freeze_globals(__name__)
    real_stdout = sys.stdout

    recorder = Recorder()
    shell = make_shell(recorder)
    connect_inline_backend(shell)
    sys.stdout, sys.stderr = Stream(recorder, "stdout"), Stream(recorder, "stderr")
    before, attributes = grader_modules()
    reports, cells = run_cells(spec, shell, recorder, progress, deadline)
    patched = restore_globals()
    env = shell.user_ns
    notes = reload_grader_modules(before, attributes)
    if patched:
        notes.append("the notebook changed the grading worker's own functions; they were put back before the checks")
    # Before the probes: what a public test shows and the contributors are read while the
    # notebook's own code has seen no hidden input it could stash in a global and raise there.
    public = run_public_tests(spec, env, recorder, progress, deadline, workdir)
    contributors = _contributors(env, spec.get("contributors_var", "CONTRIBUTORS"))
    checks = run_checks(spec, env, recorder, progress, deadline, workdir, pinned)
    progress(Step("writing results"))
    sys.stdout = real_stdout

    nb_dict = {
        "cells": cells,
        "metadata": {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for cell in nb_dict["cells"]:
        cell.setdefault("metadata", {})
    write_json(spec["executed"], nb_dict, indent=None, default=str)
    write_json(
        spec["result"],
        {
            "version": RESULT_VERSION,
            "cells": reports,
            "checks": checks,
            "public": public,
            "contributors": contributors,
            "notes": notes,
            "seconds": round(time.monotonic() - started, 3),
        },
        indent=None, default=str,
    )
    progress(Step("done"))
    return 0


def main_or_report(argv: list[str] | None = None) -> int:
    try:
        return main(argv)
    except BaseException:  # the grader's own failure: to the log the engine keeps for instructors
        import traceback

        sys.__stderr__.write(traceback.format_exc())
        sys.__stderr__.flush()
        return 1
