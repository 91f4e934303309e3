"""The fork server: import the heavy libraries once, then fork one fresh child per request.

Started by the grader (:mod:`.client`) as ``python -m autodiff_course.grade.worker --serve
CONFIG``, in its own PID and network namespaces where the machine allows. It preloads what the
assignment's notebook and probes import, builds the enclosure (:mod:`.enclosure`), answers
:class:`~.protocol.Ready`, then per :class:`~.protocol.Request` forks a child that sets itself up
(:func:`run_request`: session, log, no inherited descriptors, no new privileges, the slot's uid or
no capabilities) and runs :mod:`.runner`; it answers the child's exit code as a
:class:`~.protocol.Reply` once it has killed whatever the child left running.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys

from . import protocol
from .enclosure import can_own_ipc_namespace, clear_owned, clear_scratch, enclose, own_ipc_namespace
from .privileges import die_with_parent, drop_capabilities, drop_privileges, no_new_privileges
from .processes import clear_leftovers
from .runner import main_or_report

PRELOAD = ("nbformat", "traitlets.config", "IPython.core.interactiveshell", "json", "pickle", "inspect")
"""Imported once by the server, for every child: what the runner itself needs. The client adds
what the assignment's notebook and probes import. Never the grading package's checks: a child's
memory holds only what the server holds."""


def preload(extra=()) -> None:
    import importlib

    names = [*PRELOAD, *extra]
    if any(n.split(".")[0] == "matplotlib" for n in extra):
        names.append("matplotlib_inline.backend_inline")  # the backend the notebooks draw with
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # not installed, or fails to import: the child meets that itself
            pass


def run_request(request: protocol.Request) -> int:
    """In the forked child: take the request's folder, log and uid, then grade one notebook."""
    os.setsid()
    log = os.open(request.log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.closerange(3, 1 << 16)  # the server's reply pipe above all: a notebook must not answer for itself
    own_ipc_namespace()  # while privileged: its shared memory and queues die with it (Ready says if it can)
    if request.uid is not None:
        os.fchown(1, request.uid, request.uid)
    no_new_privileges()
    drop_privileges(request.uid)
    if request.uid is None and os.geteuid() == 0:
        drop_capabilities()
    os.chdir(request.cwd)
    os.environ["HOME"] = request.cwd
    sys.path[0] = request.cwd  # the notebook's folder, as for a kernel started there (not the server's)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    return main_or_report([request.spec])


def serve(config_path: str | None = None) -> int:
    """Read one :class:`~.protocol.Request` per line on stdin, fork a child for each, answer its
    exit code.

    ``config_path`` (JSON, from the client) asks for the enclosure: ``root``, ``keep``,
    ``writable``, ``hide``, and names what to ``preload``. The first reply says whether the
    enclosure was made."""
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # stray prints of libraries go to the server's log, not into the replies
    die_with_parent()
    try:
        import ctypes

        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans of a child come back here
    except (OSError, AttributeError):
        pass
    config = {}
    if config_path:
        with open(config_path, encoding="utf-8") as handle:
            config = json.load(handle)
    preload(config.get("preload", []))  # before the enclosure: caches under $HOME are read now
    enclosed, why = False, "not asked"
    if config.get("root"):
        why = "not the first process of a PID namespace" if os.getpid() != 1 else enclose(config)
        enclosed = not why
    ipc = can_own_ipc_namespace()
    gc.collect()
    gc.freeze()  # the children's garbage collector leaves the shared pages alone
    replies.write(protocol.encode(protocol.Ready(os.getpid(), enclosed, why, ipc)))
    for line in sys.stdin.buffer:
        request = protocol.decode(line, protocol.Request)
        if isinstance(request, protocol.Garbled):  # only the grader writes here: a bug, say so
            sys.stderr.write(f"fork server: a request it cannot read ({request.why})\n")
            replies.write(protocol.encode(protocol.Reply(1)))
            continue
        child = os.fork()
        if child == 0:
            code = 1
            try:
                code = run_request(request)
            finally:
                os._exit(code)
        _, status = os.waitpid(child, 0)
        code = os.waitstatus_to_exitcode(status)
        clear_leftovers(child, request.uid)
        if enclosed:
            clear_scratch(config.get("writable", []))
        elif request.uid is not None:
            clear_owned(request.uid)
        replies.write(protocol.encode(protocol.Reply(code)))
    return 0
