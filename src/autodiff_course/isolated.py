"""Grade one question's code in a forked child, as the grader would: for code nobody reviewed.

:mod:`variants` grades reviewed files in the audit's own process. Machine-made code (the
mutants) may hang, end its process or change global state, so it runs in a fork of the process
that holds the solution's namespace: its cell and the question's tests there, each step under
the grader's own per-step alarm; the probes' JSON comes back through a pipe and is judged here.
"""

from __future__ import annotations

import ast
import io
import json
import os
import select
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Callable

from .master import Master
from .otter_runtime import Question


class InternalError(RuntimeError):
    """The child failed in the audit's own code, not in the code it grades."""


def bound_names(source: str) -> set[str]:
    """The names ``source`` defines at the top level of a notebook."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.With)):
            for target in ast.walk(node):
                if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                    names.add(target.id)
    return names


def _limited(limit: float, call: Callable, timed_out: Callable, failed: Callable):
    """``call()`` under the grader's per-step alarm, or what a timeout or an error gives instead."""
    from .grade.runner import Alarm, StepTimeout
    from .hidden import describe_error

    try:
        with Alarm(limit):
            return call()
    except StepTimeout:
        return timed_out()
    except BaseException as exc:  # SystemExit too: the grader records it and goes on
        return failed(describe_error(exc))


def _child(master: Master, env: dict, question: Question, source: str, original: str,
           workdir: Path, limit: float) -> dict:
    """Run ``source`` in place of the question's code (``original``) as a notebook cell would
    (what the question defined is gone first, so a cell that fails leaves it undefined), then
    the question's tests, probes only. Returns what crosses back, as JSON data."""
    from . import hidden, variants
    from .otter_runtime import call_test

    gone = bound_names(original)
    env = {k: v for k, v in env.items() if k not in gone}
    os.chdir(workdir)
    cell = _limited(limit, lambda: variants._exec(source, env, f"<code of {question.name}>"),
                    lambda: "the cell timed out", lambda error: error)
    tests = []
    for test in question.tests:
        os.chdir(workdir)
        if test.checks:
            tests.append({"checks": [_limited(
                limit, lambda: hidden.collect(master.name, check, env),
                lambda: {"ok": False, "error": f"the hidden check ran longer than {limit:.0f} s"},
                lambda error: {"ok": False, "error": error}) for check in test.checks]})
        else:
            tests.append(_limited(
                limit, lambda: (call_test(test.name, test.source, env), {"passed": True, "message": ""})[1],
                lambda: {"passed": False, "message": f"the test ran longer than {limit:.0f} s"},
                lambda error: {"passed": False, "message": error}))
    return {"cell": cell, "tests": tests}


def _one_thread() -> None:
    """A fork keeps one thread of the parent: torch must not wait for the rest of its thread pool
    (the child would hang on a lock no thread will release)."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def _fork_and_run(run: Callable[[], dict], deadline: float) -> bytes | None:
    """The JSON bytes ``run()`` returns in a forked child, or None if the child did not finish
    by ``deadline`` (it is killed) or ended on its own."""
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork of a process with torch's threads
        pid = os.fork()
    if pid == 0:  # the child never returns into the caller
        code = 1
        try:
            os.close(read)
            sys.stdout = sys.stderr = io.StringIO()
            _one_thread()
            try:
                data = json.dumps(run())
            except Exception:
                data = json.dumps({"internal": traceback.format_exc()})
            with os.fdopen(write, "wb") as out:
                out.write(data.encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    chunks = []
    with os.fdopen(read, "rb") as handle:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([handle], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                chunks = None
                break
            chunk = os.read(handle.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    return None if chunks is None else b"".join(chunks)


def grade_code(master: Master, env: dict, question: str, source: str, original: str,
               workdir: Path, limit: float) -> tuple[list, str]:
    """Grade ``source`` as the code of ``question`` (in place of ``original``) under the grader's
    per-step limit ``limit`` in seconds. Returns the outcomes (:class:`~.variants.Outcome`, as
    :func:`~.variants.grade_question` gives them) and a note on how the cell or the child ended."""
    from . import hidden
    from .variants import Outcome

    q = master.question(question)
    steps = 1 + sum(max(1, len(t.checks)) for t in q.tests)
    raw = _fork_and_run(lambda: _child(master, env, q, source, original, workdir, limit),
                        time.monotonic() + limit * steps + 10)
    try:
        report = json.loads(raw) if raw else None
    except ValueError:
        report = None
    if report is None:  # killed, or it ended itself: the grader gives no point for what did not finish
        return [Outcome(t.name, t.hidden, t.points, False, "the grading child did not finish")
                for t in q.tests], "the grading child did not finish"
    if "internal" in report:
        raise InternalError(report["internal"])
    outcomes = []
    for test, result in zip(q.tests, report["tests"]):
        if test.checks:
            messages = [hidden.judge(master.name, check, data) for check, data in zip(test.checks, result["checks"])]
            failed = [m for m in messages if m is not None]
            outcomes.append(Outcome(test.name, test.hidden, test.points, not failed, "; ".join(failed)))
        else:
            outcomes.append(Outcome(test.name, test.hidden, test.points, result["passed"], result["message"]))
    return outcomes, report["cell"] or ""
