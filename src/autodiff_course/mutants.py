"""Mutants nobody chose: one small edit of a question's solution lines, made by operators.

Each mutant is a graded question's code (its solution cells, as the student's notebook would
hold them) with exactly one edit, made on the syntax tree and only on the lines a student
writes (those between ``# BEGIN SOLUTION`` / ``# END SOLUTION`` or marked ``# SOLUTION``).
The operators (:data:`OPERATORS`, in the order a mutant is named by when two make one source):

=================  ====================================================================
``autograd``       a ``.detach()`` removed, a ``zero_grad()`` / ``.zero_()`` dropped,
                   a ``with torch.no_grad():`` block run with gradients on
``reduction``      ``sum`` <-> ``mean`` (methods, functions, ``reduction="sum"``)
``dtype``          ``float64`` <-> ``float32``, ``double`` <-> ``float``
``compare``        ``<`` <-> ``<=``, ``<`` -> ``>=`` ..., ``==`` <-> ``!=``, ``is``/``in`` negated
``arith``          ``+`` <-> ``-``, ``*`` <-> ``/``, ``**`` -> ``*``, ``@`` -> ``*``, also in ``x -= y``;
                   ``and`` <-> ``or``
``constant``       a number ``c`` -> ``c + 1``, ``c - 1``, ``2 * c``, ``-c``; ``True`` <-> ``False``
``sign``           a unary minus dropped
``range``          ``range(n)`` -> ``range(n + 1)``, ``range(n - 1)`` (each bound that is no number)
``swap_args``      two neighbouring positional arguments of a call swapped
``drop``           one statement removed
=================  ====================================================================

Identical sources are made once. A maintained library was looked for first: cosmic-ray 8 has
``mutate_code`` on one source string but brings a dozen runtime dependencies and none of the
autograd, reduction or dtype operators; mutmut 3 writes trampolined files for its own runner;
mutatest has not been released since 2020. Standard ``ast`` does the whole job here.
"""

from __future__ import annotations

import ast
import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from . import paths
from .master import _BEGIN_SOLUTION, _END_SOLUTION, _SOLUTION_LINE, Master
from .otter_runtime import Question, strip_notebook_lines

DROP = object()
"""An operator's way to say: remove this statement."""


@dataclass(frozen=True)
class Mutant:
    question: str
    operator: str
    line: int  # in the question's code (its solution cells joined)
    where: str  # that line of the solution, stripped
    change: str  # "<before> -> <after>"
    source: str  # the question's code with the edit

    @property
    def key(self) -> str:
        """What a reviewed list names a mutant by: stable while other lines change."""
        return f"{self.where} | {self.change}"


# --------------------------------------------------------------------------- operators


def _new(node: ast.AST, **fields) -> ast.AST:
    made = copy.deepcopy(node)
    for name, value in fields.items():
        setattr(made, name, value)
    return made


def _attr_call(node: ast.AST) -> str | None:
    """``name`` for a call ``<something>.name(...)``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_grad_block(node: ast.With) -> bool:
    names = {"no_grad", "enable_grad", "inference_mode"}
    for item in node.items:
        call = item.context_expr
        func = call.func if isinstance(call, ast.Call) else call
        if (isinstance(func, ast.Attribute) and func.attr in names) or (isinstance(func, ast.Name) and func.id in names):
            return True
    return False


def op_autograd(node, in_list):
    if _attr_call(node) == "detach":
        yield node.func.value
    if in_list and isinstance(node, ast.Expr) and _attr_call(node.value) in {"zero_grad", "zero_"}:
        yield DROP
    if isinstance(node, ast.With) and _is_grad_block(node):
        yield ast.If(test=ast.Constant(True), body=copy.deepcopy(node.body), orelse=[])


_SWAPPED = {"sum": "mean", "mean": "sum", "float64": "float32", "float32": "float64", "double": "float", "float": "double"}


def _renamed(node, names: set[str]):
    if isinstance(node, ast.Attribute) and node.attr in names:
        yield _new(node, attr=_SWAPPED[node.attr])
    if isinstance(node, ast.Constant) and type(node.value) is str and node.value in names:
        yield _new(node, value=_SWAPPED[node.value])


def op_reduction(node, in_list):
    yield from _renamed(node, {"sum", "mean"})


def op_dtype(node, in_list):
    if isinstance(node, ast.Constant):
        yield from _renamed(node, {"float64", "float32"})
    else:
        yield from _renamed(node, {"float64", "float32", "double", "float"})


_COMPARE = {
    ast.Lt: (ast.LtE, ast.GtE), ast.LtE: (ast.Lt, ast.Gt), ast.Gt: (ast.GtE, ast.LtE), ast.GtE: (ast.Gt, ast.Lt),
    ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,),
    ast.In: (ast.NotIn,), ast.NotIn: (ast.In,),
}


def op_compare(node, in_list):
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            for other in _COMPARE.get(type(op), ()):
                ops = list(node.ops)
                ops[index] = other()
                yield _new(node, ops=ops)


_ARITH = {
    ast.Add: (ast.Sub,), ast.Sub: (ast.Add,), ast.Mult: (ast.Div,), ast.Div: (ast.Mult,),
    ast.FloorDiv: (ast.Div,), ast.Mod: (ast.FloorDiv,), ast.Pow: (ast.Mult,), ast.MatMult: (ast.Mult,),
}


def op_arith(node, in_list):
    if isinstance(node, (ast.BinOp, ast.AugAssign)):
        for other in _ARITH.get(type(node.op), ()):
            yield _new(node, op=other())
    if isinstance(node, ast.BoolOp):
        yield _new(node, op=ast.Or() if isinstance(node.op, ast.And) else ast.And())


def op_constant(node, in_list):
    if not isinstance(node, ast.Constant):
        return
    value = node.value
    if type(value) is bool:
        yield _new(node, value=not value)
    elif type(value) in (int, float):
        seen = {value}
        for other in (value + 1, value - 1, 2 * value, -value):
            if other not in seen:
                seen.add(other)
                yield _new(node, value=other)


def op_sign(node, in_list):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield copy.deepcopy(node.operand)


def op_range(node, in_list):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and not node.keywords:
        for index, bound in enumerate(node.args):
            if isinstance(bound, (ast.Constant, ast.Starred)):
                continue  # numbers are the constant operator's
            for op in (ast.Add, ast.Sub):
                args = list(node.args)
                args[index] = ast.BinOp(left=copy.deepcopy(bound), op=op(), right=ast.Constant(1))
                yield _new(node, args=args)


def op_swap_args(node, in_list):
    if isinstance(node, ast.Call) and not any(isinstance(a, ast.Starred) for a in node.args):
        for index in range(len(node.args) - 1):
            args = list(node.args)
            args[index], args[index + 1] = args[index + 1], args[index]
            if ast.dump(args[index]) != ast.dump(args[index + 1]):
                yield _new(node, args=args)


def op_drop(node, in_list):
    if in_list and isinstance(node, ast.stmt) and not isinstance(node, ast.Pass):
        yield DROP


OPERATORS: dict[str, Callable[[ast.AST, bool], Iterable]] = {
    "autograd": op_autograd, "reduction": op_reduction, "dtype": op_dtype, "compare": op_compare,
    "arith": op_arith, "constant": op_constant, "sign": op_sign, "range": op_range,
    "swap_args": op_swap_args, "drop": op_drop,
}


# --------------------------------------------------------------------------- making mutants


def question_code(question: Question) -> tuple[str, set[int]]:
    """The question's solution cells as one Python source, and the numbers of its solution lines."""
    cells = [strip_notebook_lines(cell) for cell in question.code
             if any(_BEGIN_SOLUTION.match(l) or _SOLUTION_LINE.search(l) for l in cell.splitlines())]
    source = "\n\n".join(cells)
    solution, inside = set(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if _BEGIN_SOLUTION.match(line):
            inside = True
        elif _END_SOLUTION.match(line):
            inside = False
        elif (inside or _SOLUTION_LINE.search(line)) and line.strip():
            solution.add(number)
    return source, solution


def _slots(tree: ast.AST) -> Iterator[tuple[ast.AST, str, int | None, ast.AST]]:
    """Every (parent, field, index in a list or None, child) of ``tree``, in a fixed order."""
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for index, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        yield parent, name, index, child
            elif isinstance(value, ast.AST):
                yield parent, name, None, value


def _put(parent: ast.AST, name: str, index: int | None, replacement) -> None:
    if index is None:
        setattr(parent, name, replacement)
        return
    items = getattr(parent, name)
    if replacement is DROP:
        del items[index]
        if not items and name in ("body", "orelse", "finalbody") and not (isinstance(parent, ast.If) and name == "orelse"):
            items.append(ast.Pass())
    else:
        items[index] = replacement


def _short(node) -> str:
    if node is DROP:
        return "(statement removed)"
    text = ast.unparse(node).splitlines()
    line = text[0] + (" ..." if len(text) > 1 else "")
    return line if len(line) <= 100 else line[:97] + "..."


def question_mutants(question: Question) -> list[Mutant]:
    """Every distinct mutant of one question, in a fixed order."""
    source, solution = question_code(question)
    if not solution:
        return []
    tree = ast.parse(source)
    original = ast.unparse(tree)
    lines = source.splitlines()
    seen, made, repeats = {original}, [], {}
    for position, (_parent, _name, index, node) in enumerate(_slots(tree)):
        line = getattr(node, "lineno", None)
        if line not in solution:
            continue
        for operator, make in OPERATORS.items():
            for replacement in make(node, index is not None):
                mutated = copy.deepcopy(tree)
                parent, name, index2, _ = next(s for k, s in enumerate(_slots(mutated)) if k == position)
                _put(parent, name, index2, replacement if replacement is DROP else copy.deepcopy(replacement))
                text = ast.unparse(ast.fix_missing_locations(mutated))
                if text in seen:
                    continue
                try:
                    compile(text, "<mutant>", "exec")
                except SyntaxError:
                    continue
                seen.add(text)
                if isinstance(node, ast.Constant) and isinstance(parent, (ast.expr, ast.keyword)):
                    change = f"{_short(_parent)} -> {_short(parent)}"  # a bare number says too little
                else:
                    change = f"{_short(node)} -> {_short(replacement)}"
                where = lines[line - 1].strip()
                count = repeats[(where, change)] = repeats.get((where, change), 0) + 1
                made.append(Mutant(question.name, operator, line, where,
                                   change + (f" (#{count})" if count > 1 else ""), text))
    return made


def graded_questions(master: Master) -> list[Question]:
    return [q for q in master.questions if not q.manual and q.hidden_points > 0]


def all_mutants(master: Master) -> list[Mutant]:
    return [m for q in graded_questions(master) for m in question_mutants(q)]


def sample(mutants: list[Mutant], per_question: int | None) -> list[Mutant]:
    """At most ``per_question`` mutants of each question (all when None), chosen by a hash of
    their key: the same sample every run, and a new line elsewhere does not reshuffle it."""
    if per_question is None:
        return mutants
    chosen: dict[str, list[Mutant]] = {}
    for mutant in sorted(mutants, key=lambda m: hashlib.sha256(m.key.encode()).hexdigest()):
        kept = chosen.setdefault(mutant.question, [])
        if len(kept) < per_question:
            kept.append(mutant)
    keep = {id(m) for group in chosen.values() for m in group}
    return [m for m in mutants if id(m) in keep]


# --------------------------------------------------------------------------- the reviewed list

EQUIVALENT_FILE = "equivalent_mutants.yaml"


def equivalents_path(name: str, root: Path | None = None) -> Path:
    return paths.assignment_dir(name, root) / "variants" / EQUIVALENT_FILE


def read_equivalents(name: str, root: Path | None = None) -> dict[tuple[str, str], str]:
    """(question, mutant key) -> the reason it computes what the solution computes."""
    path = equivalents_path(name, root)
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = {}
    for entry in entries:
        if set(entry) != {"question", "line", "change", "why"} or not str(entry["why"]).strip():
            raise ValueError(f"{path}: every entry has exactly question, line, change and a non-empty why: {entry}")
        out[(entry["question"], f"{entry['line']} | {entry['change']}")] = entry["why"]
    return out
