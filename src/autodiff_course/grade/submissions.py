"""Find submissions on disk and name them.

What counts as one submission:

* a notebook (``.ipynb``, any file name);
* a zip made by the notebook's export cell (the notebook inside is used; nothing else in it is
  read, and never the ``.OTTER_LOG``);
* a folder holding one student's work (a notebook named after the assignment at its top, or a
  single notebook/zip anywhere in it);
* inside a Canvas "Download Submissions" zip or folder: one per student. Canvas names files
  ``lastfirst_12345_67890_name.ipynb`` (user id, then attachment id) and marks late work with
  ``_LATE_`` (``lastfirst_LATE_12345_67890_name.ipynb``).

A folder that is none of these is a folder of submissions: each notebook, zip and sub-folder in it
is looked at by the same rules. A path that holds no notebook still becomes a submission, one
whose loading fails with a plain reason, so every path given appears in the grades.

Files are read into memory with size caps; zip entries are never extracted by name, so entries
with ``..`` or absolute paths cannot write anywhere.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 20_000

CANVAS_NAME = re.compile(
    r"^(?P<student>[^_/]+?)(?P<late>_late)?_(?P<user>\d+)_(?P<attachment>\d+)_(?P<file>.+)$", re.I
)


class SubmissionError(Exception):
    """The submission holds no gradable notebook; the message says why in plain words."""


@dataclass
class Submission:
    id: str
    source: str
    loader: Callable[[], tuple[str, bytes]]
    students: list[dict] = field(default_factory=list)  # Canvas: {"name": "lastfirst", "canvas_id": "12345"}
    late: bool = False
    note: str = ""
    warnings: list[str] = field(default_factory=list)

    def load(self) -> tuple[str, bytes]:
        """(the notebook's file name, its bytes); raises :class:`SubmissionError`. What the loader
        noticed on the way (a zip with entries pointing outside it) goes to ``warnings``."""
        loaded = self.loader()
        if len(loaded) == 3:
            self.warnings = list(loaded[2])
        return loaded[0], loaded[1]


def _read_file(path: Path) -> bytes:
    if path.is_symlink():
        raise SubmissionError(f"{path.name} is a symbolic link; submit the file itself")
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(f"{path.name} is {size // 2**20} MB, more than the {MAX_NOTEBOOK_BYTES // 2**20} MB limit")
    return path.read_bytes()


def _points_outside(name: str) -> bool:
    """A zip entry name that would land outside the folder it is unpacked in."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or bool(re.match(r"^[A-Za-z]:", name))


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """One entry's bytes (at most one past the size cap); a damaged, encrypted or oddly compressed
    entry is the submission's :class:`SubmissionError`, never the batch's end."""
    try:
        with archive.open(info) as handle:
            return handle.read(MAX_NOTEBOOK_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as error:
        why = "it is encrypted" if "encrypted" in str(error) else f"{type(error).__name__}: {error}"
        raise SubmissionError(f"{info.filename[:120]} in {label} could not be unpacked ({why}); the zip is damaged: "
                              "download or export it again") from None


def _zip_notebooks(data: bytes, label: str, warnings: list[str]) -> list[tuple[str, Callable[[], bytes]]]:
    """Notebooks inside a zip held in memory: (entry name, reader); suspicious entries are noted
    in ``warnings``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SubmissionError(f"{label} is not a readable zip ({error})") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SubmissionError(f"{label} holds {len(infos)} entries, too many to be an exported notebook")
    found = []
    outside = [i.filename for i in infos if _points_outside(i.filename)]
    if outside:
        warnings.append(f"{label} holds {len(outside)} entr{'y' if len(outside) == 1 else 'ies'} with a path "
                        f"outside the zip (such as {outside[0][:80]!r}); they were never unpacked")
    for info in infos:
        parts = PurePosixPath(info.filename).parts
        if info.is_dir() or not info.filename.endswith(".ipynb"):
            continue
        if any(p in {"__MACOSX", ".ipynb_checkpoints"} for p in parts):
            continue

        def read(info=info) -> bytes:
            if info.file_size > MAX_NOTEBOOK_BYTES:
                raise SubmissionError(f"{info.filename} in {label} is larger than the notebook size limit")
            content = _unpack(archive, info, label)
            if len(content) > MAX_NOTEBOOK_BYTES:
                raise SubmissionError(f"{info.filename} in {label} is larger than the notebook size limit")
            return content

        found.append((info.filename, read))
    return found


def pick(names: list[str], assignment: str) -> int | None:
    """Which of several notebook names to grade: the one named after the assignment (Canvas may
    add ``-1``), else the only one; ``None`` when the choice is unclear."""
    def base(name: str) -> str:
        stem = PurePosixPath(name).name
        match = CANVAS_NAME.match(stem)
        stem = match.group("file") if match else stem
        return re.sub(r"(-\d+)?\.ipynb$", "", stem)

    exact = [i for i, n in enumerate(names) if base(n) == assignment]
    if exact:
        return exact[-1]
    return 0 if len(names) == 1 else None


def _notebook_from_zip(data: bytes, label: str, assignment: str) -> tuple[str, bytes, list[str]]:
    warnings: list[str] = []
    found = _zip_notebooks(data, label, warnings)
    if not found:
        raise SubmissionError(f"{label} holds no notebook (.ipynb)")
    choice = pick([n for n, _ in found], assignment)
    if choice is None:
        raise SubmissionError(f"{label} holds {len(found)} notebooks and none is named {assignment}.ipynb")
    name, read = found[choice]
    return PurePosixPath(name).name, read(), warnings


def _file_loader(path: Path, assignment: str) -> Callable[[], tuple]:
    def load() -> tuple:
        if path.suffix.lower() == ".ipynb":
            return path.name, _read_file(path)
        if path.suffix.lower() == ".zip":
            return _notebook_from_zip(_read_file(path), path.name, assignment)
        raise SubmissionError(f"{path.name} is neither a notebook (.ipynb) nor a zip made by the export cell")

    return load


def _notebooks_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in {".ipynb", ".zip"} and p.is_file()
        and not any(part in {".ipynb_checkpoints", "__MACOSX"} for part in p.relative_to(folder).parts)
    )


MAX_ID = 64
RESERVED_IDS = {"grades.csv", "canvas_grades.csv", "credit.json", "batch.json", "report.html"}  # the batch's own files


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _safe_id(text: str) -> str:
    """A short file-system-safe id: what the name allows, a hash of the whole name when it is
    long or names one of the batch's own files (so it stays unique and stable)."""
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "submission"
    if len(clean) > MAX_ID or clean.casefold() in RESERVED_IDS:
        clean = f"{clean[:MAX_ID - 9].rstrip('._')}-{_hash(text)}"
    return clean


# --------------------------------------------------------------------------- Canvas


@dataclass
class _CanvasFile:
    student: str
    user: str
    attachment: int
    late: bool
    filename: str
    read: Callable[[], bytes]


def _canvas_group(files: list[_CanvasFile], label: str, assignment: str) -> Submission:
    files = sorted(files, key=lambda f: f.attachment)
    first = files[-1]

    def load() -> tuple:
        notebooks = [f for f in files if f.filename.lower().endswith(".ipynb")]
        zips = [f for f in files if f.filename.lower().endswith(".zip")]
        if notebooks:
            choice = pick([f.filename for f in notebooks], assignment)
            chosen = notebooks[-1] if choice is None else notebooks[choice]  # the latest upload
            data = chosen.read()
            if len(data) > MAX_NOTEBOOK_BYTES:
                raise SubmissionError(f"{chosen.filename} is larger than the notebook size limit")
            return chosen.filename, data
        if zips:
            chosen = zips[-1]
            return _notebook_from_zip(chosen.read(), chosen.filename, assignment)
        names = ", ".join(f.filename for f in files)
        raise SubmissionError(f"no notebook (.ipynb) or exported zip among the files submitted ({names})")

    return Submission(
        id=_safe_id(f"{first.student}_{first.user}"),
        source=f"{label}: {', '.join(f'{f.student}_{f.user}_{f.attachment}_{f.filename}' for f in files)}",
        loader=load,
        students=[{"name": first.student, "canvas_id": first.user}],
        late=any(f.late for f in files),
    )


def _canvas_entries(names: list[str]) -> list[tuple[str, re.Match]]:
    out = []
    for name in names:
        match = CANVAS_NAME.match(PurePosixPath(name).name)
        if match:
            out.append((name, match))
    return out


def _canvas_submissions(entries: list[tuple[str, re.Match, Callable[[], bytes]]], label: str, assignment: str) -> list[Submission]:
    groups: dict[tuple[str, str], list[_CanvasFile]] = {}
    for _name, match, read in entries:
        key = (match.group("student").lower(), match.group("user"))
        groups.setdefault(key, []).append(
            _CanvasFile(match.group("student"), match.group("user"), int(match.group("attachment")),
                        bool(match.group("late")), match.group("file"), read)
        )
    return [_canvas_group(files, label, assignment) for _key, files in sorted(groups.items())]


def _canvas_zip(path: Path, assignment: str) -> list[Submission] | None:
    """The submissions of a Canvas download zip, or ``None`` when ``path`` is not one."""
    try:
        archive = zipfile.ZipFile(path)
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError):
        return None
    matched = _canvas_entries([i.filename for i in infos])
    if not matched or len(matched) < len(infos) / 2:
        return None
    by_name = {i.filename: i for i in infos}

    def reader(info):
        def read() -> bytes:
            if info.file_size > MAX_NOTEBOOK_BYTES:
                raise SubmissionError(f"{info.filename} is larger than the size limit")
            try:
                again = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as error:
                raise SubmissionError(f"{path.name} could not be read again ({error})") from None
            with again:
                return _unpack(again, info, path.name)
        return read

    return _canvas_submissions([(n, m, reader(by_name[n])) for n, m in matched], str(path.resolve()), assignment)


def _canvas_folder(folder: Path, assignment: str) -> list[Submission] | None:
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")]
    matched = _canvas_entries([p.name for p in files])
    if not matched or len(matched) < len(files) / 2:  # a stray name that looks like Canvas's is not enough
        return None
    entries = [(n, m, (lambda p=folder / n: _read_file(p))) for n, m in matched]
    return _canvas_submissions(entries, str(folder.resolve()), assignment)


# --------------------------------------------------------------------------- discovery


def discover(paths: list[Path], assignment: str) -> list[Submission]:
    """Every submission under ``paths``, with unique, stable, file-system-safe ids. A path that
    cannot even be looked at is one submission whose loading says why."""
    found: list[Submission] = []
    for path in paths:
        try:
            found += _discover_one(Path(path), assignment)
        except Exception as error:  # a folder that cannot be listed, a name the system refuses...
            found.append(_unreadable(Path(path), error))
    return _unique(found)


def _unreadable(path: Path, error: Exception) -> Submission:
    why = getattr(error, "strerror", None) or f"{type(error).__name__}: {error}"

    def load():
        raise SubmissionError(f"{path.name[:120]} could not be read ({why})")

    return Submission(id=_safe_id(path.stem), source=str(path), loader=load)


def _single(path: Path, assignment: str, loader=None) -> Submission:
    match = CANVAS_NAME.match(path.name)
    sub = Submission(
        id=_safe_id(f"{match.group('student')}_{match.group('user')}" if match else path.stem),
        source=str(path.resolve()),
        loader=loader or _file_loader(path, assignment),
    )
    if match:
        sub.students = [{"name": match.group("student"), "canvas_id": match.group("user")}]
        sub.late = bool(match.group("late"))
    return sub


def _discover_one(path: Path, assignment: str) -> list[Submission]:
    if not path.exists():
        def missing():
            raise SubmissionError(f"{path} does not exist")
        return [Submission(id=_safe_id(path.stem), source=str(path), loader=missing)]
    if path.is_file():
        if path.suffix.lower() == ".zip":
            canvas = _canvas_zip(path, assignment)
            if canvas is not None:
                return canvas
        return [_single(path, assignment)]
    canvas = _canvas_folder(path, assignment)
    if canvas is not None:
        return canvas
    inside = _notebooks_in(path)
    top = path / f"{assignment}.ipynb"
    if top.is_file():
        return [_single(path, assignment, loader=_file_loader(top, assignment))]
    if len(inside) <= 1:
        def load(inside=inside, path=path):
            if not inside:
                raise SubmissionError(f"the folder {path.name} holds no notebook (.ipynb) or exported zip")
            return _file_loader(inside[0], assignment)()
        return [_single(path, assignment, loader=load)]
    subs: list[Submission] = []
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or child.name in {"__MACOSX", "__pycache__"}:
            continue
        if child.is_dir() or child.suffix.lower() in {".ipynb", ".zip"}:
            subs += _discover_one(child, assignment)
    return subs


def _unique(subs: list[Submission]) -> list[Submission]:
    """Make ids unique, also where case does not count (``Alice`` and ``alice`` share a folder on
    macOS and Windows): a repeated id gets a short hash of its source, so it does not depend on
    order. Sources name the file in full (a Canvas zip by its resolved path), so two uploads with
    the same name in different folders are two submissions."""
    unique_sources: dict[str, Submission] = {}
    for sub in subs:  # the very same path given twice is one submission
        unique_sources.setdefault(sub.source, sub)
    subs = list(unique_sources.values())
    counts: dict[str, int] = {}
    for sub in subs:
        counts[sub.id.casefold()] = counts.get(sub.id.casefold(), 0) + 1
    seen: set[str] = set()
    for sub in subs:
        if counts[sub.id.casefold()] > 1:
            sub.id = f"{sub.id[:MAX_ID - 9]}-{_hash(sub.source)}"
        while sub.id.casefold() in seen:  # a hash collision between two sources, in theory
            sub.id += "-x"
        seen.add(sub.id.casefold())
    return subs
