"""Hidden tests as probe/judge pairs: probes touch student code, judges see only plain data.

Every hidden check of an assignment is a pair of module-level functions, kept in two files of
the assignment's ``grading/`` folder:

``probe_<check>(env)`` in ``probes.py``
    Runs in the student's process. Calls the student's code (found in ``env``, the notebook's
    globals) on inputs the student never saw and returns *plain data*: ``None``, ``bool``,
    ``int``, ``float``, ``str``, and lists/dicts of those. Nothing the student made may leave the
    probe: convert tensors with ``.tolist()`` and numbers with ``float()``. This file holds the
    probes, the hidden inputs they use and their helpers, and nothing that is an answer.

``judge_<check>(data)`` or ``judge_<check>(data, workdir)`` in ``judges.py``
    Runs in the grading process, never the student's. Compares ``data`` with values it computes
    itself and raises ``AssertionError`` with a message for the student. Messages say *what* is
    wrong, never the expected value. This file holds the references, expected values and
    tolerances; it may import the hidden inputs (``from . import probes``), never the reverse.

The trust model. Everything a probe returns was made in the student's process, so it is the
student's statement. A judge first states its exact shape with :func:`autodiff_course.schema.conform`
(every key, every length, finite numbers, exact types), then computes every verdict itself: a probe
reports raw observations (values, counts, the points a hidden function was called at), never a
flag such as "passed". What the grader can observe itself it does not ask the probe: a judge that
declares a parameter named ``workdir`` receives, as a :class:`pathlib.Path`, the folder the
notebook ran in, read after the student's process has exited (the job folder in a batch or on
Gradescope, the current folder in-process). That folder was writable by the student: read it only
through :mod:`autodiff_course.jobfiles` (no links followed, plain files only, sizes capped).
The grading child loads the probes from source bytes it read before any student code ran
(:mod:`autodiff_course.grade.pinned`), not through the import system.

The two files are loaded by path as ``autodiff_grading.a<NN_name>.probes`` and ``.judges``, from
the folder :func:`register` names (a release's copy) or else the assignment's own folder, or the
one an autograder zip ships next to this package (``files/grading/<NN_name>/``). The student's
side (:func:`collect`) loads only the probes, so the judges can stay out of its reach.

A master notebook's hidden test cell only names the check::

    def test_save_load(env):
        from autodiff_course.hidden import run_check
        run_check("save_load", env)
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import json
import math
import pickle
import random
import re
import sys
import threading
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

CHECK_SEED = 20261123
"""Seed for numpy, random and torch before every probe, so hidden inputs never vary."""

PACKAGE = "autodiff_grading"
"""The name the assignments' grading files are loaded under (nothing by that name is installed)."""

PACKAGED = Path(__file__).resolve().parents[1] / "grading"
"""Where an autograder zip keeps its assignment's grading files, beside this package."""


RUN_CHECK = re.compile(r"""run_check\(\s*["']([^"']+)["']""")


def checks_named(test_source: str) -> list[str]:
    """The checks a hidden test's body runs (``run_check("<check>", env)``), in order."""
    return RUN_CHECK.findall(test_source)


class CheckFailed(AssertionError):
    """A hidden check failed; the message is meant for the student."""


class UnsafePickleError(pickle.UnpicklingError):
    """A pickle asked for something other than numpy arrays and plain builtins."""


# --------------------------------------------------------------------------- registry

_FOLDERS: dict[str, Path] = {}
_LOADED: dict[str, ModuleType] = {}
_LOAD_LOCK = threading.RLock()


def register(assignment: str, folder: Path) -> None:
    """Load ``assignment``'s probes and judges from ``folder`` from now on."""
    with _LOAD_LOCK:
        folder = Path(folder)
        if _FOLDERS.get(assignment) != folder:
            for key in [k for k in _LOADED if k.startswith(f"{PACKAGE}.a{assignment}.")]:
                del _LOADED[key]
                sys.modules.pop(key, None)
        _FOLDERS[assignment] = folder


def grading_folder(assignment: str) -> Path:
    """The folder holding ``assignment``'s ``probes.py`` (and, for the grader, ``judges.py``)."""
    if assignment in _FOLDERS:
        return _FOLDERS[assignment]
    from . import paths

    for folder in (paths.grading_dir(assignment), PACKAGED / assignment):
        if (folder / "probes.py").is_file():
            return folder
    raise RuntimeError(f"no grading/probes.py for assignment {assignment!r} (looked in "
                       f"{paths.grading_dir(assignment)} and {PACKAGED / assignment})")


def _package(name: str, path: list[str]) -> ModuleType:
    """Our package object named ``name``: made anew unless the one in ``sys.modules`` is ours."""
    package = _LOADED.get(name)
    if package is None or sys.modules.get(name) is not package or package.__path__ != path:
        package = ModuleType(name)
        package.__path__ = path
        _LOADED[name] = package
    sys.modules[name] = package  # a module planted under this name is replaced
    return package


def _load(assignment: str, kind: str) -> ModuleType:
    name = f"{PACKAGE}.a{assignment}.{kind}"
    with _LOAD_LOCK:
        if name in _LOADED and sys.modules.get(name) is _LOADED[name]:
            return _LOADED[name]
        folder = grading_folder(assignment)
        path = folder / f"{kind}.py"
        if not path.is_file():
            raise RuntimeError(f"assignment {assignment}: {path} is missing")
        _package(PACKAGE, [])
        package = _package(f"{PACKAGE}.a{assignment}", [str(folder)])
        if kind == "judges":
            package.probes = _load(assignment, "probes")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
        setattr(package, kind, module)
        _LOADED[name] = module
        return module


def checks_module(assignment: str) -> ModuleType:
    """The module holding the probes and hidden inputs of ``assignment`` (e.g. ``01_pickle_datasets``)."""
    return _load(assignment, "probes")


def judges_module(assignment: str) -> ModuleType:
    """The module holding the judges of ``assignment``; never loaded by :func:`collect`."""
    return _load(assignment, "judges")


def check_names(assignment: str) -> list[str]:
    """Names of every probe/judge pair of ``assignment``; a probe without a judge is an error."""
    probes = {n[len("probe_"):] for n in vars(checks_module(assignment)) if n.startswith("probe_")}
    judges = {n[len("judge_"):] for n in vars(judges_module(assignment)) if n.startswith("judge_")}
    if probes != judges:
        raise RuntimeError(
            f"checks for {assignment}: unpaired probes/judges {sorted(probes ^ judges)}"
        )
    return sorted(probes)


def _lookup(module: ModuleType, kind: str, assignment: str, name: str) -> Callable:
    try:
        return getattr(module, f"{kind}_{name}")
    except AttributeError:
        raise RuntimeError(f"no hidden check {name!r} for assignment {assignment}") from None


def _probe(assignment: str, name: str) -> Callable:
    return _lookup(checks_module(assignment), "probe", assignment, name)


def _judge(assignment: str, name: str) -> Callable:
    return _lookup(judges_module(assignment), "judge", assignment, name)


# --------------------------------------------------------------------------- probe side


def seed_everything(seed: int | None = None) -> None:
    """Seed ``random``, numpy and torch (otter itself seeds only the first two).

    Without an argument the seed is ``CHECK_SEED`` as it is *now*, so an audit can re-grade
    under other seeds by changing it. Torch is seeded when it is loaded, and not imported for
    that alone (a second a grader need not pay): a checks module that uses torch imports it
    before its probes are seeded."""
    seed = CHECK_SEED if seed is None else seed
    random.seed(seed)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "manual_seed"):
        torch.manual_seed(seed)


def to_plain(value: Any, _where: str = "result") -> Any:
    """A copy of ``value`` made only of JSON types; anything else is a ``TypeError``.

    Types are compared exactly, so an object that pretends to be a number or a list (a subclass
    with a forged ``__eq__``) cannot slip through; numpy scalars are turned into Python numbers.
    """
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return float(value)
    if kind in (list, tuple):
        return [to_plain(item, f"{_where}[{i}]") for i, item in enumerate(value)]
    if kind is dict:
        plain = {}
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"{_where} has a non-string key {key!r}")
            plain[key] = to_plain(item, f"{_where}[{key!r}]")
        return plain
    module = getattr(kind, "__module__", "")
    if module == "numpy" and hasattr(value, "item") and getattr(value, "shape", None) == ():
        return to_plain(value.item(), _where)
    raise TypeError(f"{_where} is a {kind.__name__}, not plain data")


def describe_error(exc: BaseException) -> str:
    """One line for the student: the exception type and message, no grader internals."""
    if isinstance(exc, NotDefined):
        return str(exc)
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def collect(assignment: str, name: str, env: dict, probes: ModuleType | None = None) -> dict:
    """Run one probe against the student's globals; return ``{"ok": True, "data": ...}`` or
    ``{"ok": False, "error": "..."}``. The result is JSON text's worth of plain data. ``probes``:
    the probes module to take it from (the grading child's pinned copy), else the registered one."""
    # the checks module only: judges stay out of this process
    probe = _probe(assignment, name) if probes is None else _lookup(probes, "probe", assignment, name)
    seed_everything()
    try:
        data = to_plain(probe(_Globals(env)))
    except NotDefined as exc:  # the probe asked for a name the notebook never defined
        return {"ok": False, "error": str(exc), "undefined": exc.args[0]}
    except Exception as exc:  # student code raised: report it, do not crash the grader
        return {"ok": False, "error": describe_error(exc)}
    return {"ok": True, "data": json.loads(json.dumps(data))}


class NotDefined(KeyError):
    """A name a probe looked up in the notebook's globals that is not there."""

    def __str__(self) -> str:
        return f"`{self.args[0]}` is not defined (did an earlier cell fail?)"


class _Globals(dict):
    """The notebook's globals as a probe sees them: a missing name raises :class:`NotDefined`.
    A shallow copy: the student's functions keep their own globals."""

    def __missing__(self, key):
        raise NotDefined(key)


# --------------------------------------------------------------------------- judge side


def wants_workdir(judge_fn: Callable) -> bool:
    """Whether a judge declares the ``workdir`` parameter (it reads the notebook's folder itself)."""
    try:
        return "workdir" in inspect.signature(judge_fn).parameters
    except (TypeError, ValueError):
        return False


def judge(assignment: str, name: str, result: dict, workdir: Path | str | None = None) -> str | None:
    """Judge a probe's result: ``None`` when it passes, else the message for the student.

    ``workdir``: the folder the notebook ran in, for judges that declare it (default: the
    current folder, where the in-process runners execute the notebook)."""
    judge_fn = _judge(assignment, name)
    if not result.get("ok"):
        return f"your code raised an error on a hidden input: {result.get('error', 'unknown')}"
    try:
        if wants_workdir(judge_fn):
            judge_fn(result["data"], workdir=Path.cwd() if workdir is None else Path(workdir))
        else:
            judge_fn(result["data"])
    except AssertionError as exc:
        return str(exc) or f"hidden check {name} failed"
    except Exception as exc:  # malformed data from the probe counts as a failure, not a crash
        return f"hidden check {name} could not read your answer ({describe_error(exc)})"
    return None


def run_check(name: str, env: dict, assignment: str | None = None) -> None:
    """What a hidden test's body calls. The course's engine never calls it: it reads the check's
    name from the test file, runs the probe in the student's process and the judge in its own.
    Reaching it means a runner of otter's own is running the hidden tests in the student's
    process, where no judge may load: refuse, and name the grader."""
    raise CheckFailed(f"hidden check {name!r} runs only in the course's grader (`autodiff-course grade`, or the "
                      "autograder zip on Gradescope), never in the notebook's own process")


# --------------------------------------------------------------------------- judge helpers


def expect(condition: bool, message: str) -> None:
    """``assert`` that survives ``python -O`` and carries a message for the student."""
    if not condition:
        raise CheckFailed(message)


def expect_close(actual: Any, expected: Any, what: str, *, rtol: float, atol: float) -> None:
    """Fail unless two plain arrays (nested lists of numbers) have one shape and agree within
    ``atol + rtol * |expected|`` everywhere; NaN never agrees. The message hides ``expected``."""
    import numpy as np

    try:
        a = np.asarray(actual, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what}: expected numbers, got something else") from None
    e = np.asarray(expected, dtype=np.float64)
    expect(a.shape == e.shape, f"{what}: wrong shape {list(a.shape)}")
    bad = ~(np.abs(a - e) <= atol + rtol * np.abs(e))
    if bad.any():
        raise CheckFailed(f"{what}: {int(bad.sum())} of {a.size} values are wrong")


def is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


# --------------------------------------------------------------------------- safe pickles

_SAFE_GLOBALS = {
    ("builtins", name)
    for name in (
        "list", "dict", "tuple", "set", "frozenset", "int", "float", "complex", "str",
        "bytes", "bytearray", "bool", "slice", "range",
    )
} | {
    (module, name)
    for module in ("numpy.core.multiarray", "numpy._core.multiarray")
    for name in ("_reconstruct", "scalar")
} | {("numpy", "ndarray"), ("numpy", "dtype"), ("codecs", "encode"), ("_codecs", "encode")} | {
    (module, "_frombuffer") for module in ("numpy.core.numeric", "numpy._core.numeric")
} | {("numpy.dtypes", name) for name in (
    "Float64DType", "Float32DType", "Int64DType", "Int32DType", "BoolDType", "ObjectDType",
)}


class SafeUnpickler(pickle.Unpickler):
    """Loads numpy arrays and plain builtins; refuses every other global before it is touched."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _SAFE_GLOBALS:
            raise UnsafePickleError(
                f"refused to load {module}.{name}: a dataset pickle may hold only numpy arrays "
                "and plain Python values"
            )
        return super().find_class(module, name)


def safe_load_pickle(path_or_bytes: Any) -> Any:
    """Unpickle a file path or bytes with :class:`SafeUnpickler`."""
    if isinstance(path_or_bytes, (bytes, bytearray)):
        return SafeUnpickler(io.BytesIO(path_or_bytes)).load()
    with open(path_or_bytes, "rb") as handle:
        return SafeUnpickler(handle).load()
