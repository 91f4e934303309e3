"""The children's world: a fresh root (mounts, then chroot) and its scratch folders cleared."""

from __future__ import annotations

import os

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
SYSTEM_FOLDERS = ("/usr", "/etc", "/opt")  # programs, libraries, fonts, certificates: read-only
TMPFS_MB = 512


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
        _bind("/dev", new_root, writable=True)
        for scratch in ("/tmp", "/dev/shm"):  # first: what is kept may live under /tmp
            os.makedirs(new_root + scratch, exist_ok=True)
            _mount("tmpfs", new_root + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={TMPFS_MB}m,mode=1777")
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
