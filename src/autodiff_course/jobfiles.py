"""Reading, in the grader, what a student's notebook wrote into its folder: no link followed,
plain files only, sizes and counts capped.

A judge that declares ``workdir`` (see :mod:`autodiff_course.hidden`) gets the folder the
notebook ran in, after the student's process has exited. The student's code could write anything
there: a link to the grader's files, a FIFO that blocks whoever opens it, a file of gigabytes,
names no file system shows well. So every path is opened one component at a time below
``workdir`` with ``O_NOFOLLOW`` (a link anywhere on the way is refused, also one swapped in
meanwhile), a file counts only when ``fstat`` says it is a plain file with one name, and nothing
larger than the caller's limit is read. Failures are :class:`~autodiff_course.hidden.CheckFailed`
with a message that names the path, for the student.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path
from typing import Any

from .hidden import CheckFailed, SafeUnpickler, UnsafePickleError

MAX_ENTRIES = 1000
"""A folder listing stops here: a notebook that writes more files than that is not read further."""


def _parts(relative: str) -> list[str]:
    parts = [p for p in str(relative).split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise ValueError(f"{relative!r} is not a path below the notebook's folder")
    return parts


def _open_folder(workdir: Path, parts: list[str]) -> int:
    """A descriptor of ``workdir/parts...``, each step a real folder (never a link)."""
    fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY)  # the grader's own path: trusted
    try:
        for part in parts:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def list_folder(workdir: Path, relative: str) -> list[str] | None:
    """The sorted names in the folder ``workdir/relative``; ``None`` when there is no such folder
    (or it, or a folder above it, is a link or not a folder)."""
    try:
        fd = _open_folder(workdir, _parts(relative))
    except OSError:
        return None
    try:
        names = []
        with os.scandir(fd) as entries:
            for entry in entries:
                if len(names) == MAX_ENTRIES:
                    raise CheckFailed(f"{relative} holds more than {MAX_ENTRIES} files: the grader does not read it")
                names.append(entry.name)
        return sorted(names)
    finally:
        os.close(fd)


def read_file(workdir: Path, relative: str, limit: int) -> bytes:
    """The bytes of the plain file ``workdir/relative``, of at most ``limit`` bytes."""
    *folder, name = _parts(relative)
    try:
        parent = _open_folder(workdir, folder)
    except OSError:
        raise CheckFailed(f"{relative}: its folder is missing or a link") from None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=parent)
    except OSError as error:
        why = "it is a link" if error.errno == errno.ELOOP else error.strerror
        raise CheckFailed(f"{relative} cannot be opened ({why})") from None
    finally:
        os.close(parent)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            raise CheckFailed(f"{relative} is not a plain file")
        if info.st_size > limit:
            raise CheckFailed(f"{relative} is larger than {limit} bytes: the grader does not read it")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise CheckFailed(f"{relative} is larger than {limit} bytes: the grader does not read it")
        return data
    finally:
        os.close(fd)


class ArrayUnpickler(SafeUnpickler):
    """:class:`~autodiff_course.hidden.SafeUnpickler` narrowed to what a pickled numpy array needs:
    no builtin callables (``bytearray(10**12)`` would fill the grader's memory), and numpy's
    ``_reconstruct`` only with the empty shape numpy's own pickles give it (the data comes after,
    from the file's bytes)."""

    ALLOWED = {"_reconstruct", "ndarray", "dtype", "encode", "_frombuffer"}

    def find_class(self, module: str, name: str) -> Any:
        if name not in self.ALLOWED and not (module == "numpy.dtypes" and name.endswith("DType")):
            raise UnsafePickleError(f"refused to load {module}.{name}: a trajectory pickle holds one numpy array")
        found = super().find_class(module, name)
        if name != "_reconstruct":
            return found

        def reconstruct(cls, shape, typecode):
            if tuple(shape) != (0,):
                raise UnsafePickleError("refused an array made with a shape of its own")
            return found(cls, shape, typecode)

        return reconstruct


def load_array(workdir: Path, relative: str, limit: int):
    """The numpy array pickled in ``workdir/relative`` (read as :func:`read_file` does)."""
    import numpy as np

    data = read_file(workdir, relative, limit)
    try:
        value = ArrayUnpickler(io.BytesIO(data)).load()
    except UnsafePickleError as error:
        raise CheckFailed(f"{relative}: unsafe pickle refused ({error})") from None
    except Exception as error:  # truncated, foreign or damaged bytes
        raise CheckFailed(f"{relative} is not a readable pickle ({type(error).__name__})") from None
    if type(value) is not np.ndarray:
        raise CheckFailed(f"{relative} holds a {type(value).__name__}, not a numpy array")
    return value
