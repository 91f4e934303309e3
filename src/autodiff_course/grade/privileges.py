"""What a child gives up before student code runs: uid, capabilities, resource limits, its parent."""

from __future__ import annotations

import os
import resource
import signal

from .enclosure import libc


def _limit(kind: int, value: int) -> None:
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):  # not supported here (macOS and RLIMIT_AS): the timeouts still apply
        pass


def apply_limits(spec: dict) -> None:
    """Lower this process's limits; children the student starts inherit them."""
    mb = 1024 * 1024
    if spec.get("memory_mb"):
        _limit(resource.RLIMIT_AS, int(spec["memory_mb"]) * mb)
    if spec.get("fsize_mb"):
        _limit(resource.RLIMIT_FSIZE, int(spec["fsize_mb"]) * mb)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails, it does not kill us
    if spec.get("nproc"):
        _limit(resource.RLIMIT_NPROC, int(spec["nproc"]))
    _limit(resource.RLIMIT_CORE, 0)


def die_with_parent() -> None:
    """Ask Linux to kill this process when the grader dies, so a killed batch leaves no orphans."""
    parent = os.getppid()  # in a PID namespace the parent may be its first process, pid 1
    try:
        libc().prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the engine's timeouts still apply
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def drop_capabilities() -> None:
    """For a child that stays uid 0 (in a user namespace, or where no other uid works): no
    capabilities, now or after ``exec``, so it can neither undo the enclosure nor leave it."""
    import ctypes

    lib = libc()
    for cap in range(64):
        lib.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP (fails harmlessly past the last capability)
    lib.prctl(28, 0x2F, 0, 0, 0)  # PR_SET_SECUREBITS: NOROOT, NO_SETUID_FIXUP, KEEP_CAPS, all locked
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    if lib.capset(header, (ctypes.c_uint32 * 6)()) != 0:
        raise RuntimeError("could not drop capabilities")
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":\t", 1) for line in status.read().splitlines() if ":\t" in line)
    if int(fields.get("CapEff", "0"), 16) or int(fields.get("CapPrm", "0"), 16):
        raise RuntimeError("capabilities are still held")


def no_new_privileges() -> None:
    libc().prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS: set-uid programs do not lift us


def drop_privileges(uid: int | None) -> None:
    """Become ``uid`` (group ``uid`` too, no supplementary groups) and prove there is no way back.

    Run as root only: afterwards the notebook cannot read the grader's 0700 files (the judges),
    signal the grader or another child, write the package, or lift its process limit."""
    if uid is None:
        return
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise RuntimeError("could not drop root privileges")
