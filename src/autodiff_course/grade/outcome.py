"""One child run: write its spec, send the request, decode the files it left into an outcome."""

from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import protocol
from .client import ServerGone, server_for
from .files import MAX_RESULT_BYTES, read_private
from .protocol import Step
from .sandbox import child_nproc
from .settings import Limits


@dataclass
class ChildOutcome:
    result: dict | None
    executed: bytes | None
    seconds: float
    failure: str = ""  # plain words, when there is no result
    kind: str = ""  # "timeout", "crashed", "error"
    step: Step = field(default_factory=lambda: Step("startup"))  # what ran when it failed
    log_tail: str = ""  # the child's last output lines, for instructors only (never in results.json)


def read_result(path: Path) -> dict:
    """The child's result.json, checked for shape; raises ``ValueError`` with why."""
    try:
        data = read_private(path)
    except FileNotFoundError:
        raise ValueError("no result file") from None
    except OSError:
        raise ValueError("the result file is not a plain file") from None
    result = json.loads(data.decode("utf-8"))
    if not isinstance(result, dict) or result.get("version") != 1:
        raise ValueError("the result file is not one the grader wrote")
    if not isinstance(result.get("cells"), list) or not isinstance(result.get("checks"), dict):
        raise ValueError("the result file lacks cells or checks")
    if not isinstance(result.get("public"), dict):
        raise ValueError("the result file lacks public tests")
    return result


def child_spec(release, server, workdir: Path, private: Path, limits: Limits, skip_cells: list[int],
               skip_checks: list[str], skip_tests: list[str]) -> dict:
    """What the runner reads: the notebook, where to write, what to run and skip, the limits."""
    return {
        "assignment": release.assignment,
        "grading": str(server.probes),
        "notebook": str(workdir / f"{release.assignment}.ipynb"),
        "executed": str(private / "executed.ipynb"),
        "result": str(private / "result.json"),
        "progress": str(private / "progress"),
        "checks": release.checks,
        "public_tests": [
            {"key": t.key, "name": t.name, "source": t.source} for t in release.tests if not t.hidden
        ],
        "skip_cells": skip_cells,
        "skip_checks": skip_checks,
        "skip_tests": skip_tests,
        "contributors_var": "CONTRIBUTORS",
        "seed": release.seed,
        "timeout": limits.timeout,
        "cell_timeout": limits.cell_timeout,
        "memory_mb": limits.memory_mb,
        "fsize_mb": limits.fsize_mb,
        "nproc": child_nproc(server.uid),
    }


def run_child(release, workdir: Path, private: Path, limits: Limits,
              skip_cells: list[int], skip_checks: list[str], skip_tests: list[str], label=None) -> ChildOutcome:
    """Grade the notebook in ``workdir`` in a child of this thread's fork server; the child writes
    into ``private`` (a fresh folder, made here, that it may write)."""
    server = server_for(release)
    spec = child_spec(release, server, workdir, private, limits, skip_cells, skip_checks, skip_tests)
    (private / "spec.json").write_text(json.dumps(spec))
    if server.uid is not None:  # the child's own folders; their parent stays the grader's
        for folder in (workdir, private):
            for path in [folder, *folder.rglob("*")]:
                os.chown(path, server.uid, server.uid, follow_symlinks=False)
    request = protocol.Request(spec=str(private / "spec.json"), cwd=str(workdir), log=str(private / "worker.log"),
                               uid=server.uid)
    started = time.monotonic()
    try:
        code, trouble = server.run(request, limits.timeout + limits.grace)
    except ServerGone as error:
        code, trouble = None, "died"
        start_error = str(error)
    else:
        start_error = ""
    seconds = time.monotonic() - started
    return decode_outcome(private, code, trouble, seconds, limits, start_error, label)


def _private_text(path: Path, limit: int) -> str:
    try:
        data = read_private(path, MAX_RESULT_BYTES)
    except (OSError, ValueError):
        return ""
    return data[-limit:].decode("utf-8", "replace")


def decode_outcome(private: Path, code: int | None, trouble: str, seconds: float, limits: Limits,
                   start_error: str = "", label=None) -> ChildOutcome:
    """What the child in ``private`` came to: its result, or why there is none (in plain words)
    and the step it was in. Everything read here the notebook could have written. ``label``
    names a cell by its index (``In [15] (`while True:`)``, :class:`.cells.Labeller`)."""
    log_tail = start_error or _private_text(private / "worker.log", 3000)
    step = protocol.decode_step(_private_text(private / "progress", 200))
    where = f"the cell {label(step.index)}" if label is not None and step.kind == "cell" else step.describe()
    try:
        executed = read_private(private / "executed.ipynb")
    except (OSError, ValueError):
        executed = None
    if trouble == "timeout":
        return ChildOutcome(None, executed, seconds, f"it ran past the {limits.timeout:.0f} s limit "
                            f"for the whole notebook (during {where}) and was stopped",
                            "timeout", step, log_tail)
    try:
        result = read_result(private / "result.json")
    except (ValueError, OSError, UnicodeDecodeError, RecursionError) as error:
        if step.kind == "done":
            return ChildOutcome(None, executed, seconds, f"its results could not be read ({error})", "error", step,
                                log_tail)
        if code is None:
            how = "was stopped when its grading worker died"
        else:
            how = f"was killed by signal {-code}" if code < 0 else f"ended with exit code {code}"
            if code == -signal.SIGKILL:
                how += " (out of memory, or the notebook killed its own grading process)"
        return ChildOutcome(None, executed, seconds, f"the Python process {how} during {where}",
                            "crashed", step, log_tail)
    return ChildOutcome(result, executed, seconds)
