"""The grading package's shape and its small shared parts: no import cycles, small modules, the
one token sweep, the one strip function for notebook-only lines."""

from __future__ import annotations

import ast
import os
import subprocess
import time
from pathlib import Path

import pytest

import autodiff_course
from autodiff_course.grade import processes
from autodiff_course.grade.settings import CHILD_MARK
from autodiff_course.otter_runtime import Test, call_test, strip_notebook_lines

PACKAGE = Path(autodiff_course.__file__).resolve().parent


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at any depth of its code (lazy imports too)."""
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt, path + [nxt])
                if cycle:
                    return cycle
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [start])
            if cycle:
                return cycle
    return []


def test_no_import_cycles():
    graph = import_graph()
    assert "autodiff_course.grade.files" in graph["autodiff_course.grade.results"]
    assert find_cycle(graph) == []


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_modules_are_small_and_say_what_they_are():
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 400, f"{path.name} has grown past 400 lines: split it"
        doc = ast.get_docstring(ast.parse(source))
        assert doc and doc.splitlines()[0].strip(), f"{path.name} has no one-line docstring first"


def _sleeper(env: dict) -> subprocess.Popen:
    return subprocess.Popen(["sleep", "60"], env=env, start_new_session=True)


def test_the_sweep_kills_what_carries_the_token_and_spares_the_rest():
    token = os.urandom(8).hex()
    marked = _sleeper({**os.environ, CHILD_MARK: token})
    other = _sleeper({**os.environ, CHILD_MARK: "another-server"})
    plain = _sleeper({k: v for k, v in os.environ.items() if k != CHILD_MARK})
    try:
        time.sleep(0.2)  # let exec finish: /proc/<pid>/environ is the new program's
        assert processes.sweep(token) == 1
        assert marked.wait(timeout=10) == -9
        assert other.poll() is None and plain.poll() is None
        assert processes.sweep("") == 0  # no token: nothing to find, nothing killed
        assert other.poll() is None and plain.poll() is None
    finally:
        for proc in (marked, other, plain):
            proc.kill()
            proc.wait()


def test_kill_group_ends_a_whole_group():
    proc = subprocess.Popen(["sh", "-c", "sleep 60 & sleep 60"], start_new_session=True)
    try:
        time.sleep(0.2)
        processes.kill_group(proc.pid)
        assert proc.wait(timeout=10) == -9
    finally:
        proc.kill()
        proc.wait()
    processes.kill_group(proc.pid)  # gone already: no error


CELL = """\
import otter
grader = otter.Notebook("01.ipynb")
def f(x):
    if x:
        %time y = 1
        !ls
    return x
for i in range(2):
    grader.check("q1")
%matplotlib inline
print(f(3))
"""


def test_the_strip_keeps_blocks_valid_and_lines_in_place():
    stripped = strip_notebook_lines(CELL)
    compile(stripped, "<cell>", "exec")  # an emptied block would be a syntax error
    lines = stripped.splitlines()
    assert len(lines) == len(CELL.splitlines())  # tracebacks keep their line numbers
    assert lines[4] == "        pass" and lines[8] == "    pass" and lines[0] == "pass"
    assert "otter" not in stripped and "%" not in stripped and "!" not in stripped
    env: dict = {}
    exec(compile(stripped, "<cell>", "exec"), env)
    assert env["f"](0) == 0


def test_call_test_looks_parameters_up_in_the_namespace():
    test = Test("q", "test_add", 1.0, False, "def test_add(add, env):\n    assert add(1, 2) == 3 and 'add' in env\n")
    call_test(test.name, test.source, {"add": lambda a, b: a + b})
    with pytest.raises(AssertionError):
        call_test(test.name, test.source, {"add": lambda a, b: a - b})
    with pytest.raises(TypeError):  # a missing name is None, as in otter
        call_test(test.name, test.source, {})
    assert test.key == "q/test_add"
