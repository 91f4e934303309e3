"""Grade submissions: one child process each, judges here, resumable atomic output.

For each submission the engine

1. loads its notebook bytes and parses them (an unreadable notebook is graded zero, with why);
2. stages a fresh folder (the release's support files and the notebook, kernel name normalised) and
   runs :mod:`autodiff_course.grade.worker` in it, in a new session and, where the machine allows
   one, its own PID namespace (the notebook cannot signal the grader, and everything it started dies
   with it), under a hard wall-clock limit (the whole process group is killed when it runs over;
   then every process carrying the child's environment token, for machines without a namespace);
3. if the child died or hung in a step (a cell, a probe, a test), runs it again with that step
   skipped, at most ``retries`` times, so one fatal cell costs only what depends on it;
4. judges the child's plain-data probe results here, in the grading process;
5. writes ``DIR/<id>/results.json`` (Gradescope), ``DIR/<id>/<id>.ipynb`` (the executed notebook)
   and last ``DIR/<id>/grade.json``: the marker that the submission is graded. Every write goes
   to a temporary file first and is renamed into place, so a killed batch leaves no half files.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .release import Release
from .submissions import Submission, SubmissionError

GRADE_VERSION = 1
MAX_RESULT_BYTES = 50 * 1024 * 1024
LOGIN = re.compile(r"^[A-Za-z0-9._@+-]{1,64}$")
MAX_CONTRIBUTORS = 6
CHILD_NPROC = 256  # processes and threads a child's own uid may run: a fork bomb stops there


@dataclass
class Limits:
    timeout: float = 600.0  # seconds for the whole child: cells, probes and tests
    cell_timeout: float = 120.0  # seconds for one cell, one probe or one test
    memory_mb: int = 4096  # address space of the child (torch alone maps about 0.7 GB)
    fsize_mb: int = 512  # largest file the child may write
    retries: int = 2  # re-runs that skip a step that killed or hung the child
    grace: float = 15.0  # seconds past ``timeout`` before the process group is killed


# --------------------------------------------------------------------------- small helpers


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write via a temporary file in the same folder and ``os.replace``: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def write_json(path: Path, value) -> None:
    write_atomic(path, json.dumps(value, indent=1, sort_keys=False) + "\n")


def _user_tasks() -> int:
    """Threads this user runs now (RLIMIT_NPROC counts threads of the whole user)."""
    uid, total = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    total += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                continue
    return total


def nproc_limit() -> int | None:
    """A process limit that leaves room for the notebook but stops a fork bomb; none for root
    (the kernel does not enforce it there) or where /proc is missing."""
    if os.geteuid() == 0 or not os.path.isdir("/proc"):
        return None
    return _user_tasks() + 512


_SANDBOXES = (
    # A new PID namespace: the notebook cannot name (so cannot signal) the grader or any process
    # outside, ``kill(-1)`` reaches only its own processes, and when the fork server (the
    # namespace's first process, which the kernel shields from signals sent inside) dies, the
    # kernel kills everything in it, even what left its process group. Its own /proc hides the
    # grader's command line and memory; its own network (a loopback, down) leaves nowhere to
    # send hidden material to.
    ["--pid", "--net", "--fork", "--kill-child", "--mount-proc"],
    # Not root: the same inside a user namespace, where the kernel allows it.
    ["--user", "--map-root-user", "--pid", "--net", "--fork", "--kill-child", "--mount-proc"],
    # Where a network namespace is refused: the rest still holds.
    ["--pid", "--fork", "--kill-child", "--mount-proc"],
    ["--user", "--map-root-user", "--pid", "--fork", "--kill-child", "--mount-proc"],
)
_SANDBOX: list[str] | None = None
_SANDBOX_LOCK = threading.Lock()


def sandbox_prefix() -> list[str]:
    """The command that starts the fork server in its own PID namespace, or ``[]`` where this
    machine does not allow one (then children share the grader's; see ``isolation`` in grade.json)."""
    global _SANDBOX
    with _SANDBOX_LOCK:
        if _SANDBOX is None:
            _SANDBOX = []
            tool = shutil.which("unshare")
            if tool and os.environ.get("AUTODIFF_NO_SANDBOX") != "1":
                for flags in _SANDBOXES:
                    try:
                        probe = subprocess.run([tool, *flags, sys.executable, "-c", "import os; print(os.getpid())"],
                                               capture_output=True, text=True, timeout=20)
                    except (OSError, subprocess.SubprocessError):
                        continue
                    if probe.returncode == 0 and probe.stdout.strip() == "1":
                        _SANDBOX = [tool, *flags]
                        break
        return list(_SANDBOX)


CHILD_UID_BASE = 61000
"""Children of job slot ``n`` run as uid ``CHILD_UID_BASE + n`` when the grader is root: no
passwd entry needed, below 65536 so user-namespaced containers map it, one per slot so two
notebooks graded side by side cannot touch each other's files or processes."""
_UID_USABLE: list[bool] = []


def child_uid(slot: int) -> int | None:
    """The uid the children of ``slot`` drop to, or None: not root, switched off
    (``AUTODIFF_NO_UID=1``), or the Python installation is not readable by other users."""
    if os.geteuid() != 0 or os.environ.get("AUTODIFF_NO_UID") == "1":
        return None
    uid = CHILD_UID_BASE + slot
    with _SANDBOX_LOCK:
        if not _UID_USABLE:
            try:
                probe = subprocess.run([sys.executable, "-c", "import encodings.idna, numpy"],
                                       user=uid, group=uid, extra_groups=[], env=child_env(), cwd="/",
                                       capture_output=True, timeout=120)
                _UID_USABLE.append(probe.returncode == 0)
            except (OSError, subprocess.SubprocessError):
                _UID_USABLE.append(False)
            if not _UID_USABLE[0]:
                print(f"autodiff-course: notebooks run as root: uid {uid} cannot run {sys.executable} (a folder on "
                      f"its path is closed to other users, e.g. /root; `chmod o+x` on it, or see "
                      f"`open_interpreter_path`)", file=sys.stderr)
        return uid if _UID_USABLE[0] else None


def protect_grading(folder: Path) -> None:
    """Close a folder of grading files (the judges, the references) to every user but the
    grader's: a child under its own uid cannot read them, not even without an enclosure."""
    if folder.is_dir() and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def open_interpreter_path() -> list[str]:
    """Let other users pass through (``o+x``, not list) the folders above this Python and its
    packages, as Gradescope's image needs (conda lives in /root); return the folders changed."""
    changed = []
    for top in {sys.prefix, sys.base_prefix, _package_parent()}:
        for folder in [Path(top), *Path(top).parents]:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)
                changed.append(str(folder))
    return changed


_JUDGE_LOCK = threading.Lock()


def judge_check(assignment: str, check: str, probe_result) -> str | None:
    """Run one judge here; judges may seed and use global RNGs, so one at a time."""
    from .. import hidden

    if not isinstance(probe_result, dict) or type(probe_result.get("ok")) is not bool:
        return "the grader received no readable result for this check"
    with _JUDGE_LOCK:
        hidden.seed_everything()
        return hidden.judge(assignment, check, probe_result)


# --------------------------------------------------------------------------- notebook intake


class NotebookError(Exception):
    """The submitted file is not a notebook we can run."""


def parse_notebook(data: bytes):
    """Bytes -> an nbformat 4 notebook with a standard Python kernel, or :class:`NotebookError`."""
    import nbformat

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotebookError("the notebook is not UTF-8 text") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"the notebook is not valid JSON ({error.msg} at line {error.lineno}); "
                            "it was probably damaged when saved or edited by hand") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells", raw.get("worksheets")), list):
        raise NotebookError("the file is JSON but not a notebook (it has no list of cells)")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several kinds for odd notebooks
        raise NotebookError(f"the notebook could not be read ({type(error).__name__})") from None
    for cell in nb.cells:
        if not isinstance(cell.get("source", ""), str):
            raise NotebookError("a cell of the notebook has no readable source")
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


_OTTER_NOTEBOOK = re.compile(r"""otter\.Notebook\(\s*["']([^"']+?)\.ipynb["']""")


def other_assignment(nb, assignment: str) -> str:
    """The assignment a notebook's ``otter.Notebook(...)`` line names, when it is another one."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            for name in _OTTER_NOTEBOOK.findall(cell.source):
                if name != assignment:
                    return name
    return ""


# --------------------------------------------------------------------------- the child


@dataclass
class ChildOutcome:
    result: dict | None
    executed: bytes | None
    seconds: float
    failure: str = ""  # plain words, when there is no result
    kind: str = ""  # "timeout", "crashed", "error"
    step: str = ""  # what ran when it failed: "cell 7", "check save", "test q/t", "startup"
    log_tail: str = ""  # the child's last output lines, for instructors only (never in results.json)


_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()
_STOPPING = threading.Event()


def _package_parent() -> str:
    return str(Path(__file__).resolve().parents[2])


def _package_dir() -> str:
    return str(Path(__file__).resolve().parents[1])


def child_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update(
        OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0", PYTHONUNBUFFERED="1",
        PYTHONPATH=_package_parent(),
        # Grade on the CPU, as Gradescope does: CUDA maps far more address space than RLIMIT_AS
        # allows, and GPU kernels may round differently. Hidden checks simulate CUDA where needed.
        CUDA_VISIBLE_DEVICES="",
    )
    env.pop("PYTHONSTARTUP", None)
    return env


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


CHILD_MARK = "AUTODIFF_GRADE_CHILD"


def _sweep(token: str) -> int:
    """Kill every process still carrying this child's token in its environment: what the notebook
    started and moved out of the process group (``setsid``). A PID namespace does this by itself;
    this covers machines without one. Returns how many were killed."""
    needle = f"{CHILD_MARK}={token}".encode()
    killed = 0
    for _round in range(3):  # a process may fork while we look: look again
        found = 0
        for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as handle:
                    if needle not in handle.read().split(b"\0"):
                        continue
                os.kill(int(entry), signal.SIGKILL)
                found += 1
            except (OSError, ValueError):
                continue
        killed += found
        if not found:
            break
    return killed


def read_private(path: Path, limit: int = MAX_RESULT_BYTES) -> bytes:
    """A file the child wrote, read without following links (the child owns its folder and could
    plant a link to the grader's files) and only when it is a plain file of at most ``limit``."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            raise ValueError("not a plain file")
        if info.st_size > limit:
            raise ValueError("far too large")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit + 1)[:limit]
    finally:
        os.close(fd)


def _read_result(path: Path, release: Release) -> dict:
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


class ServerGone(Exception):
    """The fork server could not start, or died."""


class ForkServer:
    """A warm worker (``worker --serve``): pays for the interpreter and ``import torch`` once,
    then forks a child per submission that has seen only those imports. It runs in its own PID
    namespace where the machine allows one, so it can clear everything a child left behind."""

    START_TIMEOUT = 180.0

    def __init__(self, slot: int, preload: list[str], grading: Path):
        self.slot = slot
        self.uid = child_uid(slot)
        self.proc: subprocess.Popen | None = None
        self.token = ""
        self.buffer = b""
        self.enclosed = False
        self.folder = Path(tempfile.mkdtemp(prefix="grade-server-"))
        self.jobs = self.folder / "jobs"  # every submission's folders: the one place children may write
        self.jobs.mkdir()
        for folder in (self.folder, self.jobs):
            folder.chmod(0o711)  # a child may pass through to its own folder, not list the others
        self.probes = self.folder / "probes"  # a copy of the probes alone: the judges stay behind
        self.probes.mkdir(mode=0o755)
        shutil.copyfile(grading / "probes.py", self.probes / "probes.py")
        shared = [p for p in os.environ.get("AUTODIFF_CHILD_SHARE", "").split(os.pathsep) if p]
        (self.folder / "server.json").write_text(json.dumps({
            "root": str(self.folder / "root"),
            "keep": sorted({sys.prefix, sys.base_prefix, _package_dir(), str(self.probes)}),
            "writable": [str(self.jobs), *shared],
            "hide": [],
            "preload": preload,
        }))

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        self.token = os.urandom(8).hex()
        env = child_env()
        env[CHILD_MARK] = self.token
        self.buffer = b""
        with open(self.folder / "server.log", "wb") as log:
            self.proc = subprocess.Popen(
                [*sandbox_prefix(), sys.executable, "-m", "autodiff_course.grade.worker", "--serve",
                 str(self.folder / "server.json")],
                cwd=self.folder, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                start_new_session=True,
            )
        with _RUNNING_LOCK:
            _RUNNING.add(self.proc)
        reply = self._read(self.START_TIMEOUT)
        if not reply or "ready" not in reply:
            self.stop()
            raise ServerGone(f"the grading worker did not start: {self.log_tail()[-500:] or 'no output'}")
        self.enclosed = reply.get("enclosed") is True

    def log_tail(self) -> str:
        try:
            return (self.folder / "server.log").read_bytes()[-3000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def _read(self, timeout: float) -> dict | None:
        """The next reply line, or None when the server closed its pipe or ``timeout`` passed."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            reply = json.loads(line)
        except ValueError:
            return None
        return reply if isinstance(reply, dict) else None

    def run(self, request: dict, timeout: float) -> tuple[int | None, str]:
        """Grade one request; (exit code, "") or (None, "timeout" | "died")."""
        if not self.alive():
            self.start()
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except OSError:
            self.stop()
            return None, "died"
        reply = self._read(timeout)
        if reply is None or type(reply.get("code")) is not int:
            timed_out = self.alive()
            self.stop()
            return None, "timeout" if timed_out else "died"
        return reply["code"], ""

    def stop(self, graceful: bool = False) -> None:
        """Stop the server: ``graceful`` (between batches, nothing running) closes its input and
        lets it end by itself for a moment first, so its exit is waited for all the way up."""
        if self.proc is None:
            return
        if graceful and self.alive():
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        _kill_group(self.proc)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        _sweep(self.token)  # without a namespace: what the children moved out of every group
        with _RUNNING_LOCK:
            _RUNNING.discard(self.proc)
        self.proc = None

    def close(self) -> None:
        self.stop(graceful=True)
        shutil.rmtree(self.folder, ignore_errors=True)


_LOCAL = threading.local()
_SERVERS: list[ForkServer] = []
_SERVERS_LOCK = threading.Lock()


def _server(release: Release | None = None) -> ForkServer:
    """This thread's fork server (one per job slot), made on first use for ``release``."""
    server = getattr(_LOCAL, "server", None)
    if server is None:
        with _SERVERS_LOCK:
            used = {s.slot for s in _SERVERS}
            server = ForkServer(next(n for n in range(len(_SERVERS) + 1) if n not in used), release.imports,
                                release.grading)
            _SERVERS.append(server)
        _LOCAL.server = server
    return server


def close_servers() -> None:
    """Stop every fork server (the end of a batch, or of the process)."""
    with _SERVERS_LOCK:
        servers = list(_SERVERS)
        _SERVERS.clear()
    for server in servers:
        server.close()
    _LOCAL.__dict__.clear()


atexit.register(close_servers)


def run_child(release: Release, workdir: Path, private: Path, limits: Limits,
              skip_cells: list[int], skip_checks: list[str], skip_tests: list[str]) -> ChildOutcome:
    """Grade the notebook in ``workdir`` in a child of this thread's fork server; the child writes
    into ``private`` (a fresh folder, made here, that it may write)."""
    server = _server(release)
    spec = {
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
        "nproc": CHILD_NPROC if server.uid is not None else nproc_limit(),
    }
    (private / "spec.json").write_text(json.dumps(spec))
    if server.uid is not None:  # the child's own folders; their parent stays the grader's
        for folder in (workdir, private):
            for path in [folder, *folder.rglob("*")]:
                os.chown(path, server.uid, server.uid, follow_symlinks=False)
    request = {"spec": str(private / "spec.json"), "cwd": str(workdir), "log": str(private / "worker.log"),
               "uid": server.uid}
    started = time.monotonic()
    try:
        code, trouble = server.run(request, limits.timeout + limits.grace)
    except ServerGone as error:
        code, trouble = None, "died"
        start_error = str(error)
    else:
        start_error = ""
    seconds = time.monotonic() - started

    def private_text(name: str, limit: int) -> str:
        try:
            data = read_private(private / name, MAX_RESULT_BYTES)
        except (OSError, ValueError):
            return ""
        return data[-limit:].decode("utf-8", "replace")

    log_tail = start_error or private_text("worker.log", 3000)
    step = private_text("progress", 200).strip()
    try:
        executed = read_private(private / "executed.ipynb")
    except (OSError, ValueError):
        executed = None
    if trouble == "timeout":
        return ChildOutcome(None, executed, seconds, f"it ran past the {limits.timeout:.0f} s limit "
                            f"for the whole notebook (during {_describe_step(step)}) and was stopped",
                            "timeout", step, log_tail)
    try:
        result = _read_result(private / "result.json", release)
    except (ValueError, OSError, UnicodeDecodeError, RecursionError) as error:
        if step == "done":
            return ChildOutcome(None, executed, seconds, f"its results could not be read ({error})", "error", step,
                                log_tail)
        if code is None:
            how = "was stopped when its grading worker died"
        else:
            how = f"was killed by signal {-code}" if code < 0 else f"ended with exit code {code}"
            if code == -signal.SIGKILL:
                how += " (out of memory, or the notebook killed its own grading process)"
        return ChildOutcome(None, executed, seconds, f"the Python process {how} during {_describe_step(step)}",
                            "crashed", step, log_tail)
    return ChildOutcome(result, executed, seconds)


def _describe_step(step: str) -> str:
    if step.startswith("cell "):
        return f"notebook cell {int(step.split()[1]) + 1}"
    if step.startswith("check "):
        return f"the hidden check {step.split(' ', 1)[1]}"
    if step.startswith("test "):
        return f"the public test {step.split(' ', 1)[1]}"
    return {"startup": "start-up", "": "start-up", "writing results": "the writing of results",
            "loading checks": "the loading of the hidden checks"}.get(step, step)


# --------------------------------------------------------------------------- one submission


def _digest(sub: Submission) -> tuple[str, bytes | None, str, str]:
    """(digest, notebook bytes or None, notebook name, load error)."""
    try:
        name, data = sub.load()
    except SubmissionError as error:
        return "error:" + hashlib.sha256(str(error).encode()).hexdigest()[:16], None, "", str(error)
    except OSError as error:
        return "error:oserror", None, "", f"the submission could not be read ({error.strerror or error})"
    return hashlib.sha256(data).hexdigest()[:16], data, name, ""


def contributors_of(raw, placeholder: list[str]) -> tuple[list[str], str]:
    """Validated logins from the notebook's ``CONTRIBUTORS``; (logins, problem in plain words)."""
    if raw is None:
        return [], "the notebook defines no CONTRIBUTORS"
    if not isinstance(raw, list):
        return [], "CONTRIBUTORS is not a list of logins"
    logins: list[str] = []
    for item in raw[:MAX_CONTRIBUTORS]:
        if isinstance(item, str) and LOGIN.match(item.strip()) and item.strip() not in placeholder:
            if item.strip() not in logins:
                logins.append(item.strip())
    if not logins:
        return [], "CONTRIBUTORS still holds the placeholder or no valid login"
    return logins, ""


def grade_submission(release: Release, sub: Submission, out: Path, limits: Limits,
                     digest_info: tuple | None = None) -> dict:
    """Grade one submission and write its three files; return its grade record."""
    started = time.monotonic()
    digest, data, nb_name, load_error = digest_info or _digest(sub)
    record = {
        "version": GRADE_VERSION,
        "id": sub.id,
        "source": sub.source,
        "assignment": release.assignment,
        "fingerprint": release.fingerprint,
        "digest": digest,
        "notebook": nb_name,
        "students": sub.students,
        "late": sub.late,
        "status": "ok",
        "reason": "",
        "notes": [],
        "contributors": [],
        "contributors_from": "",
        "child_logs": [],  # output of children that failed, for instructors (grade.json only)
    }
    record["notes"].extend(sub.warnings)  # what loading noticed (zip entries pointing outside it)
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
    if nb is not None:
        other = other_assignment(nb, release.assignment)
        if other:
            record["notes"].append(f"this is the notebook of {other}, not of {release.assignment}")
        result, executed = _run_with_retries(release, nb, limits, events, record["child_logs"])
        server = _server()
        record["isolation"] = {"pid_namespace": bool(sandbox_prefix()), "network": "--net" not in sandbox_prefix(),
                               "uid": server.uid, "enclosed": server.enclosed}
    record.update(_score(release, result, events))
    record["cells"] = result.get("cells", []) if result else []
    child_notes = result.get("notes") if result else None  # the child's own observations (untrusted text)
    for note in child_notes[:5] if isinstance(child_notes, list) else []:
        if isinstance(note, str):
            record["notes"].append(note[:300])
    record["child_seconds"] = result.get("seconds") if result else None
    logins, problem = contributors_of(result.get("contributors") if result else None, release.placeholder_contributors)
    if logins:
        record["contributors"], record["contributors_from"] = logins, "notebook"
    elif sub.students:
        record["contributors"] = [s["name"] for s in sub.students]
        record["contributors_from"] = "canvas"
        record["notes"].append(f"{problem}; the grade goes to the Canvas submitter")
    else:
        record["contributors_from"] = "none"
        record["notes"].append(f"{problem}; nobody can be credited in the Canvas CSV")
    if record["cells"]:
        errors = [c for c in record["cells"] if c.get("status") == "error"]
        if errors:
            first = errors[0]
            record["notes"].append(f"{len(errors)} cell(s) raised an error; the first, cell {first['index'] + 1}: "
                                   f"{first.get('error', '')}")
    kinds = [k for k, _ in events]
    for status in ("invalid", "error", "crashed", "timeout"):
        if status in kinds:
            record["status"] = status
            break
    record["reason"] = "; ".join(text for _, text in events)
    record["seconds"] = round(time.monotonic() - started, 2)
    if _STOPPING.is_set():  # the batch is being interrupted: leave this one ungraded
        raise KeyboardInterrupt
    from .results import gradescope_results

    folder = out / sub.id
    write_json(folder / "results.json", gradescope_results(release, record))
    if executed is not None:
        write_atomic(folder / f"{sub.id}.ipynb", executed)
    write_json(folder / "grade.json", record)  # last: its presence marks the submission graded
    return record


def _run_with_retries(release: Release, nb, limits: Limits, events: list,
                      logs: list) -> tuple[dict | None, bytes | None]:
    import nbformat

    skip_cells: list[int] = []
    skip_checks: list[str] = []
    skip_tests: list[str] = []
    executed = None
    with tempfile.TemporaryDirectory(prefix="grade-", dir=_server(release).jobs) as tmp:
        tmp_path = Path(tmp)
        tmp_path.chmod(0o711)  # a child may pass through to its own folders, not list or add to them
        for attempt in range(limits.retries + 1):
            if _STOPPING.is_set():  # the batch is being interrupted: start nothing new
                raise KeyboardInterrupt
            workdir, private = tmp_path / f"run{attempt}", tmp_path / f"private{attempt}"
            workdir.mkdir()
            private.mkdir()
            release.stage(workdir)
            nbformat.write(nb, str(workdir / f"{release.assignment}.ipynb"))
            outcome = run_child(release, workdir, private, limits, skip_cells, skip_checks, skip_tests)
            if outcome.executed is not None:
                executed = outcome.executed
            shutil.rmtree(workdir, ignore_errors=True)
            if outcome.result is not None:
                for cell in outcome.result["cells"]:
                    if isinstance(cell, dict) and cell.get("status") == "timeout":
                        events.append(("timeout", f"cell {cell.get('index', 0) + 1} ran longer than "
                                                  f"{limits.cell_timeout:.0f} s and was stopped"))
                    elif isinstance(cell, dict) and cell.get("status") == "not_run":
                        events.append(("timeout", f"cell {cell.get('index', 0) + 1} did not run: the "
                                                  f"notebook used up its {limits.timeout:.0f} s"))
                        break
                return outcome.result, executed
            logs.append(outcome.log_tail)
            step = outcome.step
            retry = attempt < limits.retries
            if step.startswith("cell ") and int(step.split()[1]) not in skip_cells:
                skip_cells.append(int(step.split()[1]))
            elif step.startswith("check ") and step[6:] not in skip_checks:
                skip_checks.append(step[6:])
            elif step.startswith("test ") and step[5:] not in skip_tests:
                skip_tests.append(step[5:])
            else:
                retry = False
            events.append((outcome.kind, f"{outcome.failure}"
                                         + ("; graded again without that step" if retry else "")))
            if not retry:
                break
    return None, executed


def _score(release: Release, result: dict | None, events: list) -> dict:
    """Per-test scores: public tests from the child's run, hidden tests from judges run here."""
    tests, questions = [], {}
    fallback = "; ".join(text for _, text in events) or "the notebook could not be graded"
    for question in release.questions:
        got = 0.0
        for test in question.tests:
            if result is None:
                passed, output = False, f"not graded: {fallback}"
            elif test.hidden:
                messages = [
                    judge_check(release.assignment, check, result["checks"].get(check))
                    for check in test.checks
                ]
                failed = [m for m in messages if m is not None]
                passed, output = not failed, "; ".join(failed)
            else:
                public = result["public"].get(test.key)
                if not isinstance(public, dict) or type(public.get("passed")) is not bool:
                    passed, output = False, "the grader received no result for this test"
                else:
                    passed, output = public["passed"], str(public.get("message", ""))[:2000]
            score = test.points if passed else 0.0
            got += score
            tests.append({
                "question": question.name, "test": test.name, "hidden": test.hidden,
                "score": score, "max_score": test.points, "passed": passed, "output": output,
            })
        questions[question.name] = {"score": got, "max_score": question.points}
    total = sum(q["score"] for q in questions.values())
    return {"tests": tests, "questions": questions, "total": total, "max_total": release.max_points}


# --------------------------------------------------------------------------- the batch


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
    out.mkdir(parents=True, exist_ok=True)
    records: dict[str, dict] = {}
    todo = []
    for sub in subs:
        info = _digest(sub)
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
        with _RUNNING_LOCK:
            for proc in list(_RUNNING):
                _kill_group(proc)
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
    events = [("error", f"the grader failed on this submission ({type(error).__name__}: {error}); "
                        "please report it")]
    record = {
        "version": GRADE_VERSION, "id": sub.id, "source": sub.source, "assignment": release.assignment,
        "fingerprint": "", "digest": "", "notebook": "", "students": sub.students, "late": sub.late,
        "status": "error", "reason": events[0][1], "notes": [], "contributors": [s["name"] for s in sub.students],
        "contributors_from": "canvas" if sub.students else "none", "cells": [], "child_seconds": None,
        "seconds": 0.0,
    }
    record.update(_score(release, None, events))
    from .results import gradescope_results

    write_json(out / sub.id / "results.json", gradescope_results(release, record))
    write_json(out / sub.id / "grade.json", record)  # fingerprint "" : graded again next run
    return record
