"""Sandbox policy: which namespaces, which uid, what a child's process and environment may be."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

from .settings import NO_SANDBOX, NO_UID, switch_on

CHILD_NPROC = 256  # processes and threads a child's own uid may run: a fork bomb stops there
CHILD_UID_BASE = 61000
"""Children of job slot ``n`` run as uid ``CHILD_UID_BASE + n`` (or the next one free:
:func:`lease_uid`) when the grader is root: no passwd entry needed, below 65536 so
user-namespaced containers map it, one per slot so two notebooks graded side by side cannot
touch each other's files or processes."""

_PID = ["--pid", "--fork", "--kill-child", "--mount-proc"]
_SANDBOXES = tuple(
    # A new PID namespace: the notebook cannot name (so cannot signal) the grader or any process
    # outside, ``kill(-1)`` reaches only its own processes, and when the fork server (the
    # namespace's first process, which the kernel shields from signals sent inside) dies, the
    # kernel kills everything in it, even what left its process group. Its own /proc hides the
    # grader's command line and memory; its own network (a loopback, down) leaves nowhere to
    # send hidden material to; its own IPC namespace keeps System V and POSIX IPC objects off the
    # machine's (each child then takes one of its own: ``enclosure.own_ipc_namespace``).
    # Not root: the same inside a user namespace, where the kernel allows it. Where a network or
    # IPC namespace is refused, the rest still holds.
    [*user, *_PID[:1], *net, *ipc, *_PID[1:]]
    for net in (["--net"], []) for user in ([], ["--user", "--map-root-user"]) for ipc in (["--ipc"], [])
)
_SANDBOX: list[str] | None = None
_UID_USABLE: list[bool] = []
_LOCK = threading.Lock()


def package_parent() -> str:
    return str(Path(__file__).resolve().parents[2])


def package_dir() -> str:
    return str(Path(__file__).resolve().parents[1])


def sandbox_prefix() -> list[str]:
    """The command that starts the fork server in its own PID namespace, or ``[]`` where this
    machine does not allow one (then children share the grader's; see ``isolation`` in grade.json)."""
    global _SANDBOX
    with _LOCK:
        if _SANDBOX is None:
            _SANDBOX = []
            tool = shutil.which("unshare")
            if tool and not switch_on(NO_SANDBOX):
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


def child_uid(slot: int) -> int | None:
    """The uid the children of ``slot`` drop to, or None: not root, switched off
    (``settings.NO_UID``), or the Python installation is not readable by other users."""
    if os.geteuid() != 0 or switch_on(NO_UID):
        return None
    uid = CHILD_UID_BASE + slot
    with _LOCK:
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


LEASES = Path("/tmp")
"""Where the lock files live by which graders running at once on this machine keep their job
slots' uids apart (``.autodiff-course-uid-<uid>.lock``)."""


def lease_uid(uid: int) -> tuple[int, int]:
    """The first uid from ``uid`` up that no other fork server on this machine holds, and the
    descriptor whose lock holds it (close it to give the uid back). Every process of the uid can
    then be killed and every file it left removed without touching another grader's children."""
    import fcntl

    for candidate in range(uid, CHILD_UID_BASE + 4096):
        try:  # a link planted there, or a lock another grader holds: the next uid
            fd = os.open(LEASES / f".autodiff-course-uid-{candidate}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW,
                         0o600)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return candidate, fd
        except OSError:
            os.close(fd)
    raise RuntimeError(f"every child uid from {uid} up is held by another grader")


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


def child_nproc(uid: int | None) -> int | None:
    """The process limit of a child running as ``uid`` (None: the grader's own uid)."""
    return CHILD_NPROC if uid is not None else nproc_limit()


def protect_grading(folder: Path) -> None:
    """Close a folder of grading files (the judges, the references) to every user but the
    grader's: a child under its own uid cannot read them, not even without an enclosure."""
    if folder.is_dir() and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def open_interpreter_path() -> list[str]:
    """Let other users pass through (``o+x``, not list) the folders above this Python and its
    packages, as Gradescope's image needs (conda lives in /root); return the folders changed."""
    changed = []
    for top in {sys.prefix, sys.base_prefix, package_parent()}:
        for folder in [Path(top), *Path(top).parents]:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)
                changed.append(str(folder))
    return changed


def child_env() -> dict:
    """The environment of the fork server and its children."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update(
        OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0", PYTHONUNBUFFERED="1",
        PYTHONPATH=package_parent(),
        # Grade on the CPU, as Gradescope does: CUDA maps far more address space than RLIMIT_AS
        # allows, and GPU kernels may round differently. Hidden checks simulate CUDA where needed.
        CUDA_VISIBLE_DEVICES="",
    )
    env.pop("PYTHONSTARTUP", None)
    return env


def isolation(uid: int | None, enclosed: bool, own_ipc: bool = False) -> dict:
    """``grade.json``'s ``isolation`` record: what this submission's child had. ``ipc``:
    "submission" (an IPC namespace of its own), "worker" (its slot's, shared with the slot's
    earlier children) or "machine"; ``missing``: each layer it lacked, and what that exposes."""
    prefix = sandbox_prefix()
    record = {"pid_namespace": bool(prefix), "network": "--net" not in prefix,
              "ipc": "submission" if own_ipc else "worker" if "--ipc" in prefix else "machine",
              "uid": uid, "enclosed": enclosed}
    return {**record, "missing": exposures(record)}


def exposures(record: dict) -> dict[str, str]:
    """For each layer an :func:`isolation` record lacks: what the notebook could do for it."""
    uid, missing = record["uid"], {}
    if not record["pid_namespace"]:
        missing["pid_namespace"] = (
            "it sees every process of the machine and its command line (the grader's, with its --out folder); "
            "what it leaves running is found and killed (its session, the fork server's token and orphans"
            + (f", every process of uid {uid})" if uid is not None else
               "), but after a timeout stops the fork server, a process it started in a session of its own "
               "with an empty environment is not found and may outlive its grading"))
    if record["network"]:  # True: it has the machine's network
        missing["network"] = "it can open connections: whatever it reads, it can send out"
    if record["ipc"] != "submission":
        missing["ipc"] = ("System V and POSIX IPC objects it makes are seen by the "
                          + ("later submissions of its job slot" if record["ipc"] == "worker" else
                             "machine's other processes, later submissions among them"))
    if not record["enclosed"]:
        missing["enclosed"] = "it sees the machine's files, all that its uid may read" + (
            ": the results the grader writes are closed to it (0700 folders, 0600 files), and so are the judges "
            "where their folder is (the zip's, 0700), not a course repository open to other users"
            if uid is not None else "")
    if uid is None:
        missing["uid"] = "it runs as the grader's user" + (
            ", without capabilities, inside the enclosure" if record["enclosed"] else
            ": it can read and change what the grader can (the judges, the course repository, other "
            "submissions' notebooks and results)" + ("" if record["pid_namespace"] else
                                                    ", signal the grader and read its memory"))
    return missing
