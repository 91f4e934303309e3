"""The grader's code that runs after the student's cells, fixed before any of them runs.

The cells run in the very process that later runs the probes, so they could change what the
probes are: plant a module in ``sys.modules``, add a finder to ``sys.meta_path``, put a folder
of their own on ``autodiff_course.__path__``, replace ``builtins.__import__``, or rebind the
runner's own functions in its globals. Defence in depth (the judges trust nothing the probes
report, whatever ran them):

* :class:`Pinned` reads and compiles ``hidden.py`` and the assignment's ``probes.py`` from their
  files before the first cell, with a copy of the builtins as they were then. At check time it
  executes that code into fresh module objects it holds itself (never looked up in
  ``sys.modules``); the probes' ``from autodiff_course.hidden import ...`` gets the pinned
  helper, every other import the ``__import__`` of before the cells.
* :func:`freeze_globals` keeps a module's globals and its functions' code as they were, and
  puts them back after the cells.
"""

from __future__ import annotations

import builtins
import sys
from pathlib import Path
from types import FunctionType, ModuleType

HIDDEN = "autodiff_course.hidden"
_CODE: dict[str, object] = {}


def _compiled(path: Path):
    """``path`` compiled, once per process: the fork server compiles ``hidden.py`` when it loads
    the runner, so each child compiles only its probes (a code object cannot be changed)."""
    key = str(path)
    if key not in _CODE:
        _CODE[key] = compile(Path(path).read_bytes(), key, "exec", dont_inherit=True)
    return _CODE[key]


class Pinned:
    """The probes and ``hidden`` of one assignment, compiled now, loaded fresh by :meth:`load`."""

    def __init__(self, assignment: str, grading: Path):
        import autodiff_course.hidden as hidden  # the package as installed: no cell has run yet

        self.assignment = assignment
        self.builtins = dict(vars(builtins))
        self.real_import = builtins.__import__
        self.hidden_code = _compiled(Path(hidden.__file__))
        self.probes_path = Path(grading) / "probes.py"
        self.probes_code = compile(self.probes_path.read_bytes(), str(self.probes_path), "exec", dont_inherit=True)
        self.grading = Path(grading)
        self.hidden: ModuleType | None = None
        self.probes: ModuleType | None = None

    def _module(self, name: str, code, path: Path, package: str) -> ModuleType:
        module = ModuleType(name)
        module.__dict__.update(__file__=str(path), __package__=package, __builtins__=self.builtins)
        module.__dict__["__builtins__"]["__import__"] = self._import
        exec(code, module.__dict__)
        return module

    def _import(self, name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name == HIDDEN:  # from autodiff_course.hidden import ..., or import ... as
            return self.hidden if fromlist else _package_of(self.hidden)
        return self.real_import(name, globals, locals, fromlist, level)

    def load(self) -> tuple[ModuleType, ModuleType]:
        """Fresh ``hidden`` and probes modules, made from the code read before the cells."""
        self.hidden = self._module(HIDDEN, self.hidden_code, Path(self.hidden_code.co_filename), "autodiff_course")
        name = f"{self.hidden.PACKAGE}.a{self.assignment}.probes"
        self.probes = self._module(name, self.probes_code, self.probes_path, name.rpartition(".")[0])
        sys.modules[name] = self.probes  # for pickle and friends, as an import would; never read back here
        return self.hidden, self.probes


def freeze_globals(module_name: str):
    """Snapshot ``module_name``'s globals and its own functions' code; the result puts them back
    and says whether anything had changed."""
    namespace = vars(sys.modules[module_name])
    saved = dict(namespace)
    code = {f: (f.__code__, f.__defaults__, f.__kwdefaults__) for f in saved.values()
            if type(f) is FunctionType and f.__module__ == module_name}

    def restore() -> bool:
        changed = namespace.keys() != saved.keys() or any(namespace[k] is not v for k, v in saved.items()) or any(
            (f.__code__, f.__defaults__, f.__kwdefaults__) != kept for f, kept in code.items())
        namespace.clear()
        namespace.update(saved)
        for function, (body, defaults, kwdefaults) in code.items():
            function.__code__, function.__defaults__, function.__kwdefaults__ = body, defaults, kwdefaults
        return changed

    return restore


def _package_of(hidden: ModuleType) -> ModuleType:
    package = ModuleType("autodiff_course")
    package.hidden = hidden
    return package


def _compile_hidden_now() -> None:
    import autodiff_course.hidden as hidden

    _compiled(Path(hidden.__file__))


_compile_hidden_now()
