"""Ending what a child left running: its process group, and the one token sweep for both sides."""

from __future__ import annotations

import os
import signal
import time

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


def _of_user(uid: int) -> list[int]:
    """The living processes whose real, effective or saved uid is ``uid``."""
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                    fields = dict(line.split(":", 1) for line in handle.read().splitlines() if ":" in line)
                uids = fields["Uid"].split()[:3]
            except (OSError, KeyError, ValueError):
                continue
            if str(uid) in uids and not fields.get("State", "").strip().startswith("Z"):
                found.append(int(entry))
    return found


def kill_user(uid: int) -> int:
    """As root: kill every process running as ``uid``, in rounds until a look finds none (one may
    fork while we look). Only for a job slot's uid, which :func:`.sandbox.lease_uid` keeps this
    grader's alone. Root, not that uid, sends the signals: a process of the uid that kills all its
    uid's processes cannot kill the killer. No reaping: in the grader, other threads wait for
    their own children. Returns the count."""
    return _kill_until_none(lambda: [pid for pid in _of_user(uid) if pid != os.getpid()])


def _children() -> list[int]:
    """The living processes whose parent is this one."""
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    state, parent = handle.read().rsplit(") ", 1)[1].split()[:2]
            except (OSError, ValueError, IndexError):
                continue
            if parent == me and state != "Z":
                found.append(int(entry))
    return found


def kill_orphans() -> int:
    """In a fork server that is a child subreaper and no PID namespace's first process: kill
    everything under it once its child has ended. Whatever a notebook started (in a session of its
    own, with an empty environment) was reparented here when its parent died, and so are the
    children of each one killed: look again until none is left. Returns the count."""
    return _kill_until_none(_children, after=reap_all)


def _kill_until_none(find, after=None) -> int:
    """SIGKILL what ``find()`` lists, in rounds until it lists nothing (one may fork while we
    look), calling ``after()`` after each round; at most 200 rounds. Returns the count."""
    killed = 0
    for _round in range(200):
        found = find()
        if not found:
            break
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        time.sleep(0.005)
        if after is not None:
            after()
    return killed


def reap_all() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def clear_leftovers(child: int, uid: int | None = None) -> None:
    """In the fork server, after a child ended: kill whatever it left running. As a PID
    namespace's first process that is simply everyone else; without one: the child's session,
    every process carrying this server's token, everything reparented to the server, and, when
    the child ran under a uid of its own (``uid``), every process of that uid."""
    if os.getpid() == 1:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        kill_group(child)
        sweep(os.environ.get(CHILD_MARK, ""))
        kill_orphans()
        if uid is not None:
            kill_user(uid)
    time.sleep(0.01)
    reap_all()
