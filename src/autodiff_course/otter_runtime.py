"""Otter's conventions at run time: a test, a question, calling a test, cell lines to strip.

One model of an otter test (:class:`Test`, read from a master by :mod:`master` and from a
release's test files by :mod:`grade.release`), one way to call it (:func:`call_test`: used by the
grading child's public tests, by :mod:`variants` and by :mod:`selfcheck`), and one way to make a
notebook cell plain Python (:func:`strip_notebook_lines`). Light on purpose: the grading child
imports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
"""The kernel every notebook we write or run names."""

# otter's own lines (its grader object, checks, export) and IPython magics / shell escapes.
# course_notebook is the release's wrapper of otter's Notebook (release_files.INIT_CELL).
_NOTEBOOK_ONLY = re.compile(r"^(\s*)(import (otter|course_notebook)\b|grader\s*=\s*(otter|course_notebook)\.|grader\.|%|!)")


def strip_notebook_lines(source: str) -> str:
    """Replace otter lines and magics by ``pass`` at the same indent, so blocks stay valid."""
    out = []
    for line in source.splitlines():
        match = _NOTEBOOK_ONLY.match(line)
        out.append(f"{match.group(1)}pass" if match else line)
    return "\n".join(out)


@dataclass
class Test:
    """One otter test: a single ``def test_...(...)`` function of a question."""

    __test__ = False  # not a pytest class

    question: str
    name: str
    points: float
    hidden: bool
    source: str  # the function definition, decorator and TEST CONFIG removed
    checks: list[str] = field(default_factory=list)  # the probe/judge checks a hidden test runs

    @property
    def key(self) -> str:
        return f"{self.question}/{self.name}"


@dataclass
class Question:
    name: str
    tests: list[Test] = field(default_factory=list)
    manual: bool = False
    declared_points: float | None = None  # the master's ``points:`` (the tests' points decide)
    code: list[str] = field(default_factory=list)  # the master's solution cells of this question

    @property
    def points(self) -> float:
        return sum(t.points for t in self.tests)

    @property
    def hidden_points(self) -> float:
        return sum(t.points for t in self.tests if t.hidden)


def call_test(name: str, source: str, env: dict) -> None:
    """Call the test function ``name`` defined by ``source`` the way otter does: each parameter
    is looked up in ``env`` (the notebook's globals; ``env`` itself for a parameter named so).
    Raises whatever the test raises."""
    import inspect

    scope: dict = {}
    exec(compile(source, f"<test {name}>", "exec"), scope)
    func = scope[name]
    func(**{arg: (env if arg == "env" else env.get(arg)) for arg in inspect.signature(func).parameters})
