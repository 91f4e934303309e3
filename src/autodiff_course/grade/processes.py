"""Ending what a child left running: its process group, and the one token sweep for both sides."""

from __future__ import annotations

import os
import signal

from .settings import CHILD_MARK


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def sweep(token: str) -> int:
    """Kill every process (this one excepted) carrying ``token`` in its environment
    (``settings.CHILD_MARK``): what a notebook started and moved out of its process group
    (``setsid``). A PID namespace does this by itself; this covers machines without one. Used by
    the grader after a fork server stops and by the server after each child. Returns the count."""
    if not token:
        return 0
    needle = f"{CHILD_MARK}={token}".encode()
    killed: set[int] = set()
    for _round in range(3):  # a process may fork while we look: look again
        found = 0
        for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
            # one already killed may not have died yet: its environment still shows the token
            if not entry.isdigit() or int(entry) == os.getpid() or int(entry) in killed:
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as handle:
                    if needle not in handle.read().split(b"\0"):
                        continue
                os.kill(int(entry), signal.SIGKILL)
                killed.add(int(entry))
                found += 1
            except (OSError, ValueError):
                continue
        if not found:
            break
    return len(killed)


def reap_all() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def clear_leftovers(child: int) -> None:
    """In the fork server, after a child ended: kill whatever it left running. As a PID
    namespace's first process that is simply everyone else; without one: the child's session,
    then every process carrying this server's token (what left the session)."""
    import time

    if os.getpid() == 1:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        kill_group(child)
        sweep(os.environ.get(CHILD_MARK, ""))
    time.sleep(0.01)
    reap_all()
