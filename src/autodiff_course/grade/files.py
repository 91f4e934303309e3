"""Files the grader writes (atomically) and reads from children (never through a link)."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

MAX_RESULT_BYTES = 50 * 1024 * 1024
_dumps = json.dumps  # bound at import, before any notebook runs: a cell patching json.dumps changes nothing here


def private_dir(folder: Path | str) -> Path:
    """Make ``folder`` and any missing folder above it, each 0700: what the grader writes (other
    submissions' notebooks and results) is closed to every other uid, a child's among them. A
    folder that already exists keeps its mode (it may be ``/tmp``)."""
    folder = Path(folder)
    for missing in reversed([f for f in (folder, *folder.parents) if not f.exists()]):
        try:
            missing.mkdir(mode=0o700)
        except FileExistsError:
            pass
    return folder


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Write via a temporary file in the same folder and ``os.replace``: never a half file, and
    0600 in folders made 0700 (:func:`private_dir`). Text holding a file name that is not UTF-8
    (undecodable bytes) is written with them escaped."""
    path = Path(path)
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with open(fd, "wb") as handle:
        handle.write(data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def write_json(path: Path | str, value, *, indent: int | None = 1, default=None) -> None:
    write_atomic(path, _dumps(value, indent=indent, sort_keys=False, default=default) + "\n")


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
