"""Grade a batch: one child process per submission, retries, judges here, resumable atomic output.

For each submission the engine

1. loads its notebook bytes and parses them (:mod:`.intake`; an unreadable notebook is graded
   zero, with why, and another assignment's notebook is not run: ``wrong_assignment``);
2. stages a fresh folder (the release's support files and the notebook, kernel name normalised)
   and runs it in a child of this job slot's fork server (:mod:`.outcome`, :mod:`.client`,
   :mod:`.zygote`, :mod:`.runner`), under the limits and isolation of :mod:`.sandbox`;
3. if the child died or hung in a step (a cell, a probe, a test), runs it again with that step
   skipped, at most ``retries`` times, so one fatal cell costs only what depends on it;
4. judges the child's plain-data probe results here, in the grading process (:mod:`.scoring`),
   while the job folder the child ran in is still there for judges that read it themselves;
5. writes ``DIR/<id>/results.json`` (Gradescope), ``DIR/<id>/<id>.ipynb`` (the executed notebook)
   and last ``DIR/<id>/grade.json``: the marker that the submission is graded. Every write goes
   to a temporary file first and is renamed into place, so a killed batch leaves no half files.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from . import sandbox
from .client import close_servers, kill_running, server_for
from .files import private_dir, write_atomic, write_json
from .intake import NotebookError, digest, parse_notebook, wrong_assignment
from .cells import Labeller, cell_label
from .outcome import ChildOutcome, run_child
from .release import Release
from .results import gradescope_results
from .sandbox import open_interpreter_path, protect_grading
from .scoring import GRADE_VERSION, contributors_of, failure_record, finish_record, new_record
from .settings import Limits
from .submissions import Submission

__all__ = [  # what tests, benchmarks and the Gradescope entry point use from here
    "GRADE_VERSION", "ChildOutcome", "Limits", "NotebookError", "already_graded", "close_servers",
    "contributors_of", "grade_submission", "open_interpreter_path", "parse_notebook", "protect_grading",
    "run", "write_atomic", "write_json",
]

_STOPPING = threading.Event()


def grade_submission(release: Release, sub: Submission, out: Path, limits: Limits,
                     digest_info: tuple | None = None) -> dict:
    """Grade one submission and write its three files; return its grade record."""
    started = time.monotonic()
    sha, data, nb_name, load_error = digest_info or digest(sub)
    record = new_record(release, sub, sha, nb_name)
    events: list[tuple[str, str]] = []  # (kind, plain words)
    result, executed = None, None
    nb = None
    if data is None:
        events.append(("invalid", load_error))
    else:
        try:
            nb = parse_notebook(data)
        except NotebookError as error:
            events.append(("invalid", str(error)))
    if nb is not None and wrong_assignment(nb, release.assignment):
        events.append(("wrong_assignment", wrong_assignment(nb, release.assignment)))
        nb = None  # never run: its code was written against another assignment's files and tests
    if nb is not None:
        server = server_for(release)
        with tempfile.TemporaryDirectory(prefix="grade-", dir=server.jobs, ignore_cleanup_errors=True) as tmp:
            result, executed, workdir = _run_with_retries(release, nb, limits, events, record["child_logs"], Path(tmp))
            record["isolation"] = sandbox.isolation(server.uid, server.enclosed, server.ipc)
            finish_record(record, release, sub, result, events, workdir)
    else:
        finish_record(record, release, sub, result, events)
    record["seconds"] = round(time.monotonic() - started, 2)
    if _STOPPING.is_set():  # the batch is being interrupted: leave this one ungraded
        raise KeyboardInterrupt
    folder = out / sub.id
    write_json(folder / "results.json", gradescope_results(release, record))
    if executed is not None:
        write_atomic(folder / f"{sub.id}.ipynb", executed)
    write_json(folder / "grade.json", record)  # last: its presence marks the submission graded
    return record


def _timeouts(result: dict, limits: Limits) -> list[tuple[str, str]]:
    """The cells a finished child reports as stopped or not run, as events."""
    events = []
    for cell in result["cells"]:
        if not isinstance(cell, dict):
            continue
        where = cell_label(cell)
        if cell.get("status") == "timeout":
            events.append(("timeout", f"{where} ran longer than {limits.cell_timeout:g} s and was stopped; "
                                      "the rest of the notebook ran and was graded"))
        elif cell.get("status") == "not_run":
            events.append(("timeout", f"{where} and the cells after it did not run: the notebook used up "
                                      f"its {limits.timeout:g} s; what ran before was graded"))
            break
    stopped = [(f"the hidden check {name}", r) for name, r in result["checks"].items()]
    stopped += [(f"the public test {key}", r) for key, r in result["public"].items()]
    limited = [what for what, r in stopped if isinstance(r, dict) and r.get("stopped") == "limit"]
    if limited:
        events.append(("timeout", f"{', '.join(limited[:3])} ran longer than {limits.cell_timeout:g} s and "
                                  "was stopped (an endless loop?)"))
    if any(isinstance(r, dict) and r.get("stopped") == "not_run" for _, r in stopped) and not any(
            text.startswith("the notebook used up") or "did not run" in text for _, text in events):
        events.append(("timeout", f"some checks did not run: the notebook used up its {limits.timeout:g} s"))
    return events


def _run_with_retries(release: Release, nb, limits: Limits, events: list, logs: list,
                      tmp_path: Path) -> tuple[dict | None, bytes | None, Path | None]:
    """Run the child in a fresh folder under ``tmp_path`` until it leaves a result; return the
    result, the executed notebook and the folder it ran in (kept for the judges; the caller
    removes ``tmp_path``)."""
    import nbformat

    skip: dict[str, list] = {"cell": [], "check": [], "test": []}
    executed = None
    label = Labeller(nb.cells)
    tmp_path.chmod(0o711)  # a child may pass through to its own folders, not list or add to them
    for attempt in range(limits.retries + 1):
        if _STOPPING.is_set():  # the batch is being interrupted: start nothing new
            raise KeyboardInterrupt
        workdir, private = tmp_path / f"run{attempt}", tmp_path / f"private{attempt}"
        workdir.mkdir()
        private.mkdir()
        release.stage(workdir)
        nbformat.write(nb, str(workdir / f"{release.assignment}.ipynb"))
        outcome = run_child(release, workdir, private, limits, skip["cell"], skip["check"], skip["test"],
                            label=label)
        if outcome.executed is not None:
            executed = outcome.executed
        if outcome.result is not None:  # the fork server answers once the child and its leftovers are gone
            events.extend(_timeouts(outcome.result, limits))
            return outcome.result, executed, workdir
        shutil.rmtree(workdir, ignore_errors=True)
        logs.append(outcome.log_tail)
        step = outcome.step
        what = step.index if step.kind == "cell" else step.name
        retry = attempt < limits.retries and step.skippable and what not in skip[step.kind]
        if step.skippable and what not in skip[step.kind]:
            skip[step.kind].append(what)
        events.append((outcome.kind, f"{outcome.failure}"
                                     + ("; graded again without that step" if retry else "")))
        if not retry:
            break
    return None, executed, None


def already_graded(release: Release, sub: Submission, out: Path, digest: str) -> dict | None:
    """The stored grade when it is complete and still valid for this release and these bytes."""
    path = out / sub.id / "grade.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (record.get("version") == GRADE_VERSION and record.get("fingerprint") == release.fingerprint
            and record.get("digest") == digest and record.get("assignment") == release.assignment):
        return record
    return None


def run(release: Release, subs: list[Submission], out: Path, *, jobs: int = 1, force: bool = False,
        limits: Limits | None = None, progress=None) -> list[dict]:
    """Grade every submission (skipping those already graded unless ``force``); return the records
    in the order of ``subs``."""
    limits = limits or Limits()
    private_dir(out)
    records: dict[str, dict] = {}
    todo = []
    for sub in subs:
        info = digest(sub)
        stored = None if force else already_graded(release, sub, out, info[0])
        if stored is not None:
            records[sub.id] = stored
        else:
            todo.append((sub, info))
    if progress is not None:
        progress.start(total=len(subs), skipped=len(records))
    if todo:  # the judges' imports (numpy, torch) overlap the start of the first worker
        threading.Thread(target=_import_judges, args=(release.assignment,), daemon=True).start()
    _STOPPING.clear()
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="grade")
    try:
        futures = {pool.submit(grade_submission, release, sub, out, limits, info): sub for sub, info in todo}
        for future in as_completed(futures):
            sub = futures[future]
            try:
                record = future.result()
            except KeyboardInterrupt:
                raise
            except Exception as error:  # a grader bug must not stop the batch: record it
                record = _grader_failure(release, sub, out, error)
            records[sub.id] = record
            if progress is not None:
                progress.update(record)
    except BaseException:
        _STOPPING.set()
        kill_running()
        pool.shutdown(wait=True, cancel_futures=True)
        close_servers()
        raise
    pool.shutdown(wait=True)
    close_servers()
    if progress is not None:
        progress.finish()
    return [records[sub.id] for sub in subs]


def _import_judges(assignment: str) -> None:
    from .. import hidden

    try:
        hidden.judges_module(assignment)
    except Exception:  # the first judge reports it, with the submission it belongs to
        pass


def _grader_failure(release: Release, sub: Submission, out: Path, error: Exception) -> dict:
    """The record of a submission the grader failed on; kept for grades.csv even when its own
    files cannot be written either (the failure may have been that very write)."""
    record = failure_record(release, sub, error)
    try:
        write_json(out / sub.id / "results.json", gradescope_results(release, record))
        write_json(out / sub.id / "grade.json", record)  # fingerprint "" : graded again next run
    except OSError as again:
        record["notes"].append(f"its results could not be written ({again.strerror or again})")
    return record
