"""Read a master notebook (jupytext percent source in otter's assign format) into questions."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from . import paths
from .otter_runtime import KERNELSPEC, Question, Test


_TEST_CONFIG = re.compile(r'^\s*"""\s*#\s*BEGIN TEST CONFIG(.*?)"""\s*#\s*END TEST CONFIG\s*\n', re.S)
_SOLUTION_LINE = re.compile(r"#\s*SOLUTION(\s+NO PROMPT)?\s*$")
_BEGIN_SOLUTION = re.compile(r"^\s*#\s*BEGIN SOLUTION")
_END_SOLUTION = re.compile(r"^\s*#\s*END SOLUTION")


@dataclass
class Master:
    """A parsed master: its notebook, its assign config and its questions in order."""

    name: str
    notebook: nbformat.NotebookNode
    config: dict
    questions: list[Question]
    code_cells: list[tuple[str | None, str]]  # (question name or None, solution source)

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(f"{self.name} has no question {name!r}")

    def solution_lines(self) -> set[str]:
        """Stripped lines that otter removes from the student version (code and markdown)."""
        lines: set[str] = set()
        in_block = False  # between raw BEGIN/END SOLUTION cells
        for cell in self.notebook.cells:
            text = cell.source
            if cell.cell_type == "raw":
                head = text.strip().upper()
                if head.startswith("# BEGIN SOLUTION"):
                    in_block = True
                elif head.startswith("# END SOLUTION"):
                    in_block = False
                continue
            if cell.cell_type == "markdown":
                if in_block:
                    lines.update(_meaningful(text.splitlines()))
                continue
            inside = False
            for line in text.splitlines():
                if _BEGIN_SOLUTION.match(line):
                    inside = True
                elif _END_SOLUTION.match(line):
                    inside = False
                elif inside or _SOLUTION_LINE.search(line):
                    lines.update(_meaningful([_SOLUTION_LINE.sub("", line)]))
        return lines

    def public_lines(self) -> set[str]:
        """Stripped lines students legitimately receive: code and text outside solutions, and
        public tests. A solution line that also appears here is not a leak."""
        lines = _public_code_lines(self.notebook)
        in_block = False
        for cell in self.notebook.cells:
            if cell.cell_type == "raw":
                head = cell.source.strip().upper()
                if head.startswith("# BEGIN SOLUTION"):
                    in_block = True
                elif head.startswith("# END SOLUTION"):
                    in_block = False
            elif cell.cell_type == "markdown" and not in_block:
                lines |= _meaningful(cell.source.splitlines())
        for question in self.questions:
            for test in question.tests:
                if not test.hidden:
                    lines |= _meaningful(test.source.splitlines())
        return lines

    def hidden_test_lines(self) -> set[str]:
        lines: set[str] = set()
        for question in self.questions:
            for test in question.tests:
                if test.hidden:
                    lines.update(_meaningful(test.source.splitlines()))
        return lines


def _meaningful(lines) -> set[str]:
    """Lines long and specific enough that finding one elsewhere is evidence of a leak."""
    out = set()
    for line in lines:
        text = line.strip()
        if len(text) >= 12 and not text.startswith("#") and text not in {'"""', "'''"}:
            out.add(text)
    return out


def _public_code_lines(notebook) -> set[str]:
    """Lines of code cells outside any solution region (otter copies them verbatim)."""
    lines: set[str] = set()
    in_block = False
    for cell in notebook.cells:
        if cell.cell_type == "raw":
            head = cell.source.strip().upper()
            if head.startswith("# BEGIN SOLUTION"):
                in_block = True
            elif head.startswith("# END SOLUTION"):
                in_block = False
            continue
        if cell.cell_type != "code" or in_block or _TEST_CONFIG.match(cell.source):
            continue
        inside = False
        for line in cell.source.splitlines():
            if _BEGIN_SOLUTION.match(line):
                inside = True
            elif _END_SOLUTION.match(line):
                inside = False
            elif not inside and not _SOLUTION_LINE.search(line):
                lines.update(_meaningful([line]))
    return lines


def source_path(name: str, root: Path | None = None) -> Path:
    return paths.assignment_dir(name, root) / f"{name}.py"


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The master as a notebook: jupytext metadata dropped, a standard Python kernel set."""
    import jupytext

    notebook = jupytext.read(path)
    notebook.metadata = nbformat.from_dict({"kernelspec": dict(KERNELSPEC)})
    for cell in notebook.cells:
        cell.metadata = nbformat.from_dict({})
    return notebook


def _yaml_block(text: str) -> dict:
    body = text.split("\n", 1)[1] if "\n" in text else ""
    return yaml.safe_load(body) or {}


def _test_cell(question: str, source: str) -> Test:
    match = _TEST_CONFIG.match(source)
    config = yaml.safe_load(match.group(1)) if match else {}
    body = source[match.end():] if match else source
    tree = ast.parse(body)
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if len(functions) != 1:
        raise ValueError(f"a test cell must define exactly one function:\n{source}")
    if "points" not in (config or {}):
        raise ValueError(f"test {functions[0].name} must state its points in its TEST CONFIG")
    from .hidden import checks_named

    return Test(
        question=question,
        name=functions[0].name,
        points=float(config["points"]),
        hidden=bool(config.get("hidden", False)),
        source=body,
        checks=checks_named(body),
    )


def read_master(name: str, root: Path | None = None) -> Master:
    notebook = read_notebook(source_path(name, root))
    config: dict = {}
    questions: list[Question] = []
    code_cells: list[tuple[str | None, str]] = []
    current: Question | None = None
    in_tests = False
    for cell in notebook.cells:
        text = cell.source.strip()
        if cell.cell_type == "raw":
            head = text.split("\n", 1)[0].strip().upper()
            if head == "# ASSIGNMENT CONFIG":
                config = _yaml_block(text)
            elif head == "# BEGIN QUESTION":
                qconf = _yaml_block(text)
                current = Question(
                    name=qconf["name"], manual=bool(qconf.get("manual")), declared_points=qconf.get("points")
                )
                questions.append(current)
            elif head == "# END QUESTION":
                current = None
            elif head == "# BEGIN TESTS":
                in_tests = True
            elif head == "# END TESTS":
                in_tests = False
            continue
        if cell.cell_type != "code":
            continue
        if in_tests:
            if current is None:
                raise ValueError("a test cell outside a question")
            current.tests.append(_test_cell(current.name, cell.source))
            continue
        owner = current.name if current else None
        code_cells.append((owner, cell.source))
        if current is not None:
            current.code.append(cell.source)
    return Master(name=name, notebook=notebook, config=config, questions=questions, code_cells=code_cells)
