"""The children's world: a fresh root (mounts, then chroot), a minimal /dev, an IPC namespace of
each child's own, and its scratch folders cleared."""

from __future__ import annotations

import os

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
SYSTEM_FOLDERS = ("/usr", "/etc", "/opt")  # programs, libraries, fonts, certificates: read-only
TMPFS_MB = 512
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")  # each bound alone: never the host's /dev
DEV_LINKS = {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1",
             "stderr": "/proc/self/fd/2"}
CLONE_NEWIPC = 0x08000000


def libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def _mount(source, target, fstype, flags: int, data=None) -> None:
    import ctypes

    enc = lambda v: v.encode() if isinstance(v, str) else v  # noqa: E731
    if libc().mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {source} on {target}: {os.strerror(error)}")


def _bind(path: str, new_root: str, *, writable: bool = False) -> None:
    target = new_root + path
    os.makedirs(target, exist_ok=True)
    _mount(path, target, None, MS_BIND | MS_REC)
    if not writable:
        _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _minimal_dev(dev: str) -> None:
    """A /dev of a few harmless devices, each host node bound alone (read-write), the usual links
    into /proc, and a mount point for a private /dev/shm; made read-only once that is mounted. No
    /dev/mqueue, no disks, no /dev/pts."""
    os.makedirs(dev, exist_ok=True)
    _mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755")
    for name in DEVICES:
        if os.path.exists("/dev/" + name):
            open(f"{dev}/{name}", "w").close()
            _mount("/dev/" + name, f"{dev}/{name}", None, MS_BIND)
    for name, target in DEV_LINKS.items():
        os.symlink(target, f"{dev}/{name}")
    os.makedirs(dev + "/shm")


def own_ipc_namespace() -> bool:
    """Move this process into a new IPC namespace (System V shared memory, semaphores and
    message queues, POSIX message queues): what it makes there dies with its last process, and
    nothing the next submission makes can meet it. Needs CAP_SYS_ADMIN; False where refused."""
    return libc().unshare(CLONE_NEWIPC) == 0


def can_own_ipc_namespace() -> bool:
    """Whether a child of this process can :func:`own_ipc_namespace` (tried in a fork)."""
    child = os.fork()
    if child == 0:
        os._exit(0 if own_ipc_namespace() else 1)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status) == 0


def enclose(config: dict) -> str:
    """Make the children's world: a fresh root holding the system folders and Python (read-only),
    the grading package and the probes' copy (``keep``, read-only), the job folder (``writable``),
    a private /tmp and /dev/shm, and this namespace's /proc; then ``chroot`` into it. Nothing else
    exists there: not the course repository, not the judges, not the other submissions, not the
    graded results.

    Needs a mount namespace of our own where we hold CAP_SYS_ADMIN (``unshare`` gives one); the
    children hold no capabilities, so they cannot undo it. Returns "" or why it was not made."""
    new_root = config["root"]
    try:
        _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the machine's mounts
        os.makedirs(new_root, exist_ok=True)
        _mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=0755")
        for name in os.listdir("/"):
            if os.path.islink("/" + name):  # /bin -> usr/bin and friends
                os.symlink(os.readlink("/" + name), f"{new_root}/{name}")
        _minimal_dev(new_root + "/dev")
        for scratch in ("/tmp", "/dev/shm"):  # first: what is kept may live under /tmp
            os.makedirs(new_root + scratch, exist_ok=True)
            _mount("tmpfs", new_root + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={TMPFS_MB}m,mode=1777")
        _mount(None, new_root + "/dev", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC)
        for folder in (*SYSTEM_FOLDERS, *config["keep"]):
            if os.path.isdir(folder):
                _bind(folder, new_root)
        for folder in config.get("writable", []):
            _bind(folder, new_root, writable=True)
        for folder in config.get("hide", []):  # last: nothing bound later may uncover it
            if os.path.isdir(new_root + folder):
                _mount("tmpfs", new_root + folder, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                       "size=4k,mode=000")
        os.makedirs(new_root + "/proc", exist_ok=True)
        _mount("proc", new_root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        os.chroot(new_root)
        os.chdir("/")
    except OSError as error:
        return str(error)
    return ""


def clear_owned(uid: int, folders=("/tmp", "/var/tmp", "/dev/shm")) -> None:
    """Without an enclosure: remove what a child under its own ``uid`` left at the top of the
    machine's shared scratch folders (POSIX shared memory lives in /dev/shm), so the next child
    of the slot, under the same uid, cannot read it. The uid is the grader's alone."""
    import shutil

    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_uid != uid:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                continue


def clear_scratch(keep: list[str]) -> None:
    """Empty the enclosure's /tmp and /dev/shm between children (the job folder excepted)."""
    import shutil

    for scratch in ("/tmp", "/dev/shm"):
        try:
            entries = os.listdir(scratch)
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(scratch, entry)
            if any(k == path or k.startswith(path + "/") for k in keep):
                continue
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    os.unlink(path)
                except OSError:
                    pass
