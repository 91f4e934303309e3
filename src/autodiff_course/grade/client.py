"""The grader's side of the fork servers: start one per job slot, send requests, stop them."""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import protocol
from .processes import kill_group, kill_user, sweep
from .sandbox import child_env, child_uid, lease_uid, package_dir, sandbox_prefix
from .settings import CHILD_MARK, CHILD_SHARE, switch

_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()


class ServerGone(Exception):
    """The fork server could not start, or died."""


class ForkServer:
    """A warm worker (``worker --serve``, :mod:`.zygote`): pays for the interpreter and ``import
    torch`` once, then forks a child per submission that has seen only those imports. It runs in
    its own PID namespace where the machine allows one, so it can clear everything a child left."""

    START_TIMEOUT = 180.0

    def __init__(self, slot: int, preload: list[str], grading: Path):
        self.slot = slot
        self.uid, self.lease = child_uid(slot), None
        if self.uid is not None:  # a uid no other grader on this machine uses while we hold it
            self.uid, self.lease = lease_uid(self.uid)
        self.proc: subprocess.Popen | None = None
        self.token = ""
        self.buffer = b""
        self.enclosed = False
        self.ipc = False  # each child in an IPC namespace of its own
        self.folder = Path(tempfile.mkdtemp(prefix="grade-server-"))
        self.jobs = self.folder / "jobs"  # every submission's folders: the one place children may write
        self.jobs.mkdir()
        for folder in (self.folder, self.jobs):
            folder.chmod(0o711)  # a child may pass through to its own folder, not list the others
        self.probes = self.folder / "probes"  # a copy of the probes alone: the judges stay behind
        self.probes.mkdir(mode=0o755)
        shutil.copyfile(grading / "probes.py", self.probes / "probes.py")
        shared = [p for p in switch(CHILD_SHARE).split(os.pathsep) if p]
        (self.folder / "server.json").write_text(json.dumps({
            "root": str(self.folder / "root"),
            "keep": sorted({sys.prefix, sys.base_prefix, package_dir(), str(self.probes)}),
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
        ready = self._read(self.START_TIMEOUT, protocol.Ready)
        if not isinstance(ready, protocol.Ready):
            self.stop()
            why = ready.why if isinstance(ready, protocol.Garbled) else "no reply"
            raise ServerGone(f"the grading worker did not start ({why}): {self.log_tail()[-500:] or 'no output'}")
        self.enclosed, self.ipc = ready.enclosed, ready.ipc

    def log_tail(self) -> str:
        try:
            return (self.folder / "server.log").read_bytes()[-3000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def _read(self, timeout: float, expected: type):
        """The next line as an ``expected`` message, a :class:`~.protocol.Garbled` one, or None when
        the server closed its pipe or ``timeout`` passed."""
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
        return protocol.decode(line, expected)

    def run(self, request: protocol.Request, timeout: float) -> tuple[int | None, str]:
        """Grade one request; (exit code, "") or (None, "timeout" | "died")."""
        if not self.alive():
            self.start()
        try:
            self.proc.stdin.write(protocol.encode(request))
            self.proc.stdin.flush()
        except OSError:
            self.stop()
            return None, "died"
        reply = self._read(timeout, protocol.Reply)
        if not isinstance(reply, protocol.Reply):
            timed_out = reply is None and self.alive()
            self.stop()
            return None, "timeout" if timed_out else "died"
        return reply.code, ""

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
        kill_group(self.proc.pid)
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
        sweep(self.token)  # without a namespace: what the children moved out of every group
        if self.uid is not None:  # ... and what they also stripped of the token
            kill_user(self.uid)
        with _RUNNING_LOCK:
            _RUNNING.discard(self.proc)
        self.proc = None

    def close(self) -> None:
        self.stop(graceful=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.lease is not None:
            os.close(self.lease)
            self.lease = None


_LOCAL = threading.local()
_SERVERS: list[ForkServer] = []
_SERVERS_LOCK = threading.Lock()


def server_for(release=None) -> ForkServer:
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


def kill_running() -> None:
    """Kill every fork server's process group now (an interrupted batch)."""
    with _RUNNING_LOCK:
        for proc in list(_RUNNING):
            kill_group(proc.pid)


def close_servers() -> None:
    """Stop every fork server (the end of a batch, or of the process)."""
    with _SERVERS_LOCK:
        servers = list(_SERVERS)
        _SERVERS.clear()
    for server in servers:
        server.close()
    _LOCAL.__dict__.clear()


atexit.register(close_servers)
