"""The grading child's probes, fixed before the student's cells: what the cells do to the import
system, the builtins, the files or the runner's globals does not change which probes run."""

from __future__ import annotations

import builtins
import importlib.abc
import importlib.util
import sys
import types
from pathlib import Path

from autodiff_course.grade import pinned


def _grading(tmp_path: Path) -> Path:
    folder = tmp_path / "grading"
    folder.mkdir()
    (folder / "probes.py").write_text(
        "from autodiff_course.hidden import safe_load_pickle\n"
        "import autodiff_course.hidden as helper\n"
        "def probe_answer(env):\n    return env['answer']()\n")
    return folder


class Forger(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if "hidden" in name or "probes" in name else None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.collect = lambda *a, **k: {"ok": True, "data": "forged"}
        module.safe_load_pickle = "forged"


def test_probes_come_from_the_code_read_before_the_cells(tmp_path, monkeypatch):
    folder = _grading(tmp_path)
    pins = pinned.Pinned("99_test", folder)
    # what a cell could do between the start and the checks
    (folder / "probes.py").write_text("def probe_answer(env):\n    return 'forged'\n")
    monkeypatch.setattr(sys, "meta_path", [Forger(), *sys.meta_path])
    monkeypatch.setitem(sys.modules, "autodiff_course.hidden", types.ModuleType("autodiff_course.hidden"))
    real_import = builtins.__import__
    monkeypatch.setattr(builtins, "__import__", lambda name, *a, **k: Forger() if "hidden" in name else real_import(name, *a, **k))
    hidden, probes = pins.load()
    assert probes.helper is hidden and probes.safe_load_pickle is hidden.safe_load_pickle
    assert hidden is not sys.modules["autodiff_course.hidden"] and hidden.collect.__module__ == "autodiff_course.hidden"
    assert hidden.collect("99_test", "answer", {"answer": lambda: 42}, probes=probes) == {"ok": True, "data": 42}


def test_globals_and_code_are_put_back(monkeypatch):
    module = types.ModuleType("pinned_test_module")
    exec("def f():\n    return 1\nvalue = 3\n", vars(module))
    monkeypatch.setitem(sys.modules, module.__name__, module)
    restore = pinned.freeze_globals(module.__name__)
    assert restore() is False
    original = module.f
    module.f.__code__ = (lambda: "forged").__code__
    module.value, module.extra = "forged", 1
    assert restore() is True
    assert module.f is original and module.f() == 1 and module.value == 3 and not hasattr(module, "extra")
