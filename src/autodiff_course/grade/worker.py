"""The grading child: run one student notebook, then the probes and public tests; write plain JSON.

Started by the engine as ``python -m autodiff_course.grade.worker --serve``: a fork server that
imports the heavy libraries (torch, numpy, matplotlib, IPython) once and then, per submission,
forks a child that has seen nothing but those imports. Each child moves into a fresh folder
holding the release's support files and the student's notebook, drops to an unprivileged uid of
its own when the grader runs as root, and then

1. lowers its own resource limits (memory, file size, processes) before any student code runs;
2. runs the code cells in order in an in-process IPython shell (magics stripped, ``display`` and
   inline matplotlib work), each under a time limit, carrying on past errors as otter does;
3. forgets the grader's modules the cells imported or patched (noted in the result), then calls
   every probe (:func:`autodiff_course.hidden.collect`, on fresh copies) and every public test;
4. writes ``result.json`` (plain data only, never a pickle) and the executed notebook.

The judges never run here: the engine runs them on ``result.json`` in its own process. The grading
package's checks are imported only after the student's cells have finished.

Progress (``cell 7``, ``check save``) is written to a small file before each step, so when this
process dies or hangs the engine knows where and can retry without that step.
``python -m autodiff_course.grade.worker SPEC.json`` runs one child without the server.
"""

from __future__ import annotations

import base64
import gc
import json
import os
import re
import resource
import signal
import sys
import time
from pathlib import Path

RESULT_VERSION = 1
MAX_STREAM_CHARS = 50_000  # per cell and stream: a flood of output is cut, not stored
MAX_OUTPUTS_PER_CELL = 40
MAX_ERROR_CHARS = 2_000

# otter's own lines (its grader object, checks, export) and IPython magics / shell escapes.
_SKIP_LINE = re.compile(r"^(\s*)(import otter\b|grader\s*=\s*otter\.|grader\.|%|!)")


class StepTimeout(BaseException):
    """Raised by the alarm when a cell, probe or test runs past its limit.

    A ``BaseException``, so a student's ``except Exception`` does not swallow it."""


def strip_line_magics(source: str) -> str:
    """Replace otter lines and magics by ``pass`` at the same indent, so blocks stay valid."""
    out = []
    for line in source.splitlines():
        match = _SKIP_LINE.match(line)
        out.append(f"{match.group(1)}pass" if match else line)
    return "\n".join(out)


# --------------------------------------------------------------------------- limits


def _limit(kind: int, value: int) -> None:
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):  # not supported here (macOS and RLIMIT_AS): the timeouts still apply
        pass


def apply_limits(spec: dict) -> None:
    """Lower this process's limits; children the student starts inherit them."""
    mb = 1024 * 1024
    if spec.get("memory_mb"):
        _limit(resource.RLIMIT_AS, int(spec["memory_mb"]) * mb)
    if spec.get("fsize_mb"):
        _limit(resource.RLIMIT_FSIZE, int(spec["fsize_mb"]) * mb)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails, it does not kill us
    if spec.get("nproc"):
        _limit(resource.RLIMIT_NPROC, int(spec["nproc"]))
    _limit(resource.RLIMIT_CORE, 0)


def die_with_parent() -> None:
    """Ask Linux to kill this process when the grader dies, so a killed batch leaves no orphans."""
    parent = os.getppid()  # in a PID namespace the parent may be its first process, pid 1
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the engine's timeouts still apply
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


class Alarm:
    """``with Alarm(seconds):`` raises :class:`StepTimeout` inside the block when time is up."""

    def __init__(self, seconds: float):
        self.seconds = max(float(seconds), 0.05)

    def __enter__(self):
        signal.signal(signal.SIGALRM, self._fire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    @staticmethod
    def _fire(_signum, _frame):
        raise StepTimeout()

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        return False


# --------------------------------------------------------------------------- output capture


class Recorder:
    """Collects a cell's outputs in nbformat 4 form, with caps on size and count."""

    def __init__(self):
        self.outputs: list[dict] = []
        self.dropped = 0

    def reset(self) -> list[dict]:
        done, self.outputs, self.dropped = self.outputs, [], 0
        return done

    def add(self, output: dict) -> None:
        if len(self.outputs) >= MAX_OUTPUTS_PER_CELL:
            self.dropped += 1
            return
        self.outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        if self.outputs and self.outputs[-1].get("output_type") == "stream" and self.outputs[-1]["name"] == name:
            current = self.outputs[-1]
            room = MAX_STREAM_CHARS - len(current["text"])
            if room > 0:
                current["text"] += text[:room]
                if len(text) > room:
                    current["text"] += "\n[output cut: too long]\n"
            return
        cut = text[:MAX_STREAM_CHARS]
        self.add({"output_type": "stream", "name": name, "text": cut})


class Stream:
    """A text file object that forwards writes to the recorder."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, recorder: Recorder, name: str):
        self.recorder, self.name = recorder, name

    def write(self, text) -> int:
        text = str(text)
        self.recorder.stream(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:  # libraries that insist on a descriptor get the real one
        return 1 if self.name == "stdout" else 2


def _plain_bundle(data: dict) -> dict:
    out = {}
    for mime, value in (data or {}).items():
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        elif not isinstance(value, (str, dict, list)):
            value = str(value)
        out[str(mime)] = value
    return out


def make_shell(recorder: Recorder):
    """An IPython shell whose displays, results and tracebacks go to ``recorder``."""
    from traitlets.config import Config
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, *args, **kwargs):
            recorder.add(
                {"output_type": "display_data", "data": _plain_bundle(data), "metadata": _json_safe(metadata or {})}
            )

        def clear_output(self, wait=False):
            pass

    class Hook(DisplayHook):
        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            recorder.add(
                {
                    "output_type": "execute_result",
                    "execution_count": self.prompt_count,
                    "data": _plain_bundle(format_dict),
                    "metadata": _json_safe(md_dict or {}),
                }
            )

        def finish_displayhook(self):
            pass

    class Shell(InteractiveShell):
        def _showtraceback(self, etype, evalue, stb):
            text = self.InteractiveTB.stb2text(stb)
            recorder.add(
                {
                    "output_type": "error",
                    "ename": getattr(etype, "__name__", str(etype)),
                    "evalue": str(evalue)[:MAX_ERROR_CHARS],
                    "traceback": text.splitlines()[-60:],
                }
            )

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    shell = Shell.instance(config=config, displayhook_class=Hook, display_pub_class=Publisher)
    return shell


def connect_inline_backend(shell) -> None:
    """Draw figures as PNG into the outputs. Importing the inline backend does this for the shell
    of the moment; the fork server imported it before this shell existed, so do it now."""
    if "matplotlib_inline.backend_inline" not in sys.modules:
        return  # not preloaded: importing it later (``import matplotlib.pyplot``) connects it
    from IPython.core.pylabtools import activate_matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support

    backend = "module://matplotlib_inline.backend_inline"
    activate_matplotlib(backend)
    configure_inline_support(shell, backend)


def _json_safe(value):
    return json.loads(json.dumps(value, default=str))


# --------------------------------------------------------------------------- steps


class Progress:
    """A one-line file saying what runs now; read by the engine when this process dies."""

    def __init__(self, path: str):
        self.handle = open(path, "w", encoding="utf-8")

    def __call__(self, text: str) -> None:
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(text)
        self.handle.flush()


def _error_line(exc: BaseException) -> str:
    from autodiff_course.hidden import describe_error

    return describe_error(exc)[:MAX_ERROR_CHARS]


def seed_cell(seed) -> None:
    """Seed numpy and random before a cell, as otter's grading does (``seed`` in its config)."""
    if seed is None:
        return
    import random

    random.seed(seed)
    try:
        import numpy

        numpy.random.seed(seed)
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass


def run_cells(spec: dict, shell, recorder: Recorder, progress: Progress, deadline: float) -> tuple[list, list]:
    """Run every code cell; return (cell reports, every cell with the outputs of code cells)."""
    import nbformat

    nb = nbformat.read(spec["notebook"], as_version=4)
    skip = set(spec.get("skip_cells", []))
    reports, cells = [], []
    count = 0
    for index, cell in enumerate(nb.cells):
        cell_dict = {k: v for k, v in dict(cell).items() if k != "attachments" or cell.cell_type != "code"}
        cells.append(cell_dict)
        if cell.cell_type != "code":
            continue
        count += 1
        cell_dict["outputs"], cell_dict["execution_count"] = [], None
        report = {"index": index, "status": "ok", "seconds": 0.0}
        reports.append(report)
        if index in skip:
            report["status"] = "skipped"
            cell_dict["outputs"] = [{"output_type": "stream", "name": "stderr",
                                     "text": "[grader: this cell was skipped: it ended the process before]\n"}]
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            report["status"] = "not_run"
            continue
        progress(f"cell {index}")
        seed_cell(spec.get("seed"))
        started = time.monotonic()
        recorder.reset()
        result = None
        try:
            with Alarm(min(spec["cell_timeout"], remaining)):
                result = shell.run_cell(strip_line_magics(cell.source), store_history=False, silent=False)
        except StepTimeout:  # fired between the cell's end and the alarm's cancel
            pass
        report["seconds"] = round(time.monotonic() - started, 3)
        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
            setattr(sys, name, None)  # a failed cell's frames would keep its memory alive
        outputs = recorder.reset()
        error = result.error_in_exec or result.error_before_exec if result is not None else None
        if isinstance(error, StepTimeout):
            limit = min(spec["cell_timeout"], remaining)
            report["status"], report["error"] = "timeout", f"the cell ran longer than {limit:.0f} s and was stopped"
            outputs = [o for o in outputs if o.get("output_type") != "error"]
            outputs.append({"output_type": "error", "ename": "CellTimeout", "evalue": report["error"], "traceback": []})
        elif error is not None:
            report["status"], report["error"] = "error", _error_line(error)
        for output in outputs:
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count
        cell_dict["outputs"] = outputs
        cell_dict["execution_count"] = count
        if error is not None:  # free the failed cell's frames (and the memory they hold)
            result = error = shell.last_execution_result = None
            for holder in (shell.InteractiveTB, getattr(shell, "SyntaxTB", None)):
                if holder is not None and hasattr(holder, "tb"):
                    holder.tb = None
            gc.collect()
    return reports, cells


def run_checks(spec: dict, env: dict, recorder: Recorder, progress: Progress, deadline: float, workdir: str) -> dict:
    """Call every probe on the student's globals; each result is ``collect``'s plain dict."""
    from autodiff_course import hidden

    progress("loading checks")
    hidden.register(spec["assignment"], Path(spec["grading"]))  # the probes alone: no judges here
    hidden.checks_module(spec["assignment"])  # imports (torch too) outside the probes' time limits
    hidden.seed_everything()
    results = {}
    skip = set(spec.get("skip_checks", []))
    for name in spec["checks"]:
        if name in skip:
            results[name] = {"ok": False, "error": "your code ended the grading process during this check"}
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            results[name] = {"ok": False, "error": "not run: the notebook used up the whole time limit"}
            continue
        progress(f"check {name}")
        os.chdir(workdir)  # probes look next to the notebook, whatever the cells did
        limit = min(spec["cell_timeout"], remaining)
        try:
            with Alarm(limit):
                results[name] = hidden.collect(spec["assignment"], name, env)
        except StepTimeout:
            results[name] = {"ok": False, "error": f"the hidden check ran longer than {limit:.0f} s (an endless loop?)"}
        except BaseException as exc:  # SystemExit or KeyboardInterrupt from student code
            results[name] = {"ok": False, "error": _error_line(exc)}
        recorder.reset()
    return results


def run_public_tests(spec: dict, env: dict, recorder: Recorder, progress: Progress, deadline: float, workdir: str) -> dict:
    """Run the public tests as otter does: parameters are looked up in the student's globals."""
    import inspect

    results = {}
    skip = set(spec.get("skip_tests", []))
    for test in spec["public_tests"]:
        key = test["key"]
        if key in skip:
            results[key] = {"passed": False, "message": "your code ended the grading process during this test"}
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            results[key] = {"passed": False, "message": "not run: the notebook used up the whole time limit"}
            continue
        progress(f"test {key}")
        os.chdir(workdir)
        limit = min(spec["cell_timeout"], remaining)
        try:
            with Alarm(limit):
                scope: dict = {}
                exec(compile(test["source"], f"<test {test['name']}>", "exec"), scope)
                func = scope[test["name"]]
                kwargs = {arg: (env if arg == "env" else env.get(arg)) for arg in inspect.signature(func).parameters}
                func(**kwargs)
            results[key] = {"passed": True, "message": ""}
        except StepTimeout:
            results[key] = {"passed": False, "message": f"the test ran longer than {limit:.0f} s"}
        except BaseException as exc:
            results[key] = {"passed": False, "message": _error_line(exc)}
        recorder.reset()
    return results


def _contributors(env: dict, name: str):
    """The notebook's contributor list as plain data (validated by the engine), or None."""
    from autodiff_course.hidden import to_plain

    if name not in env:
        return None
    try:
        return to_plain(env[name])
    except TypeError:
        return {"invalid": f"{name} is not a list of strings"}


def grader_modules() -> tuple[dict, dict]:
    """The grader's modules loaded now, and the attributes of ``hidden``: what cells may not change."""
    import autodiff_course.hidden as hidden

    return {n: m for n, m in sys.modules.items() if n.startswith("autodiff_course")}, dict(vars(hidden))


def reload_grader_modules(before: dict, attributes: dict) -> list[str]:
    """Forget every grader module the cells could have imported or patched, so the probes run from
    fresh copies; return a note in plain words when the notebook touched them."""
    ours = ("autodiff_course", attributes["PACKAGE"])  # the names as they were before any cell ran
    touched = sorted(n for n in sys.modules if n.startswith(ours) and n not in before)
    hidden = sys.modules.get("autodiff_course.hidden")
    if hidden is not before.get("autodiff_course.hidden") or any(
            vars(hidden).get(k, None) is not v for k, v in attributes.items()):
        touched.append("autodiff_course.hidden")
    keep = {"autodiff_course", "autodiff_course.grade"}
    for name in [n for n in sys.modules if n.startswith(("autodiff_course.", attributes["PACKAGE"])) and n not in keep]:
        del sys.modules[name]
    for package in keep:
        module = sys.modules.get(package)
        for attr in [a for a, v in list(vars(module).items()) if type(v).__name__ == "module"] if module else []:
            if f"{package}.{attr}" not in keep:
                delattr(module, attr)
    if not touched:
        return []
    return [f"the notebook imported or changed the grader's own modules ({', '.join(touched[:4])}); "
            "the hidden checks ran on fresh copies of them"]


def _write_json(path: str, value) -> None:
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(value, handle, default=str)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with open(argv[0], encoding="utf-8") as handle:
        spec = json.load(handle)
    started = time.monotonic()
    deadline = started + float(spec["timeout"])
    workdir = os.getcwd()
    progress = Progress(spec["progress"])
    progress("startup")
    die_with_parent()
    apply_limits(spec)
    real_stdout = sys.stdout

    recorder = Recorder()
    shell = make_shell(recorder)
    connect_inline_backend(shell)
    sys.stdout, sys.stderr = Stream(recorder, "stdout"), Stream(recorder, "stderr")
    before, attributes = grader_modules()
    reports, cells = run_cells(spec, shell, recorder, progress, deadline)
    env = shell.user_ns
    notes = reload_grader_modules(before, attributes)
    checks = run_checks(spec, env, recorder, progress, deadline, workdir)
    public = run_public_tests(spec, env, recorder, progress, deadline, workdir)
    contributors = _contributors(env, spec.get("contributors_var", "CONTRIBUTORS"))
    progress("writing results")
    sys.stdout = real_stdout

    nb_dict = {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for cell in nb_dict["cells"]:
        cell.setdefault("metadata", {})
    _write_json(spec["executed"], nb_dict)
    _write_json(
        spec["result"],
        {
            "version": RESULT_VERSION,
            "cells": reports,
            "checks": checks,
            "public": public,
            "contributors": contributors,
            "notes": notes,
            "seconds": round(time.monotonic() - started, 3),
        },
    )
    progress("done")
    return 0


def _main_or_report(argv: list[str] | None = None) -> int:
    try:
        return main(argv)
    except BaseException:  # the grader's own failure: to the log the engine keeps for instructors
        import traceback

        sys.__stderr__.write(traceback.format_exc())
        sys.__stderr__.flush()
        return 1


# --------------------------------------------------------------------------- the enclosure

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
SYSTEM_FOLDERS = ("/usr", "/etc", "/opt")  # programs, libraries, fonts, certificates: read-only
TMPFS_MB = 512


def _libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def _mount(source, target, fstype, flags: int, data=None) -> None:
    import ctypes

    enc = lambda v: v.encode() if isinstance(v, str) else v  # noqa: E731
    if _libc().mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {source} on {target}: {os.strerror(error)}")


def _bind(path: str, new_root: str, *, writable: bool = False) -> None:
    target = new_root + path
    os.makedirs(target, exist_ok=True)
    _mount(path, target, None, MS_BIND | MS_REC)
    if not writable:
        _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def enclose(config: dict) -> str:
    """Make the children's world: a fresh root holding the system folders and Python (read-only),
    the grading package without its judges, the job folder (read-write), a private /tmp and
    /dev/shm, and this namespace's /proc; then ``chroot`` into it. Nothing else exists there:
    not the course repository, not the other submissions, not the graded results.

    Needs a mount namespace of our own where we hold CAP_SYS_ADMIN (``unshare`` gives one); the
    children hold no capabilities, so they cannot undo it. Returns "" or why it was not made."""
    new_root = config["root"]
    try:
        _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the machine's mounts
        os.makedirs(new_root, exist_ok=True)
        _mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=0755")
        for name in os.listdir("/"):
            if os.path.islink("/" + name):  # /bin -> usr/bin and friends
                os.symlink(os.readlink("/" + name), f"{new_root}/{name}")
        _bind("/dev", new_root, writable=True)
        for scratch in ("/tmp", "/dev/shm"):  # first: what is kept may live under /tmp
            os.makedirs(new_root + scratch, exist_ok=True)
            _mount("tmpfs", new_root + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={TMPFS_MB}m,mode=1777")
        for folder in (*SYSTEM_FOLDERS, *config["keep"]):
            if os.path.isdir(folder):
                _bind(folder, new_root)
        for folder in config.get("writable", []):
            _bind(folder, new_root, writable=True)
        for folder in config.get("hide", []):  # last: nothing bound later may uncover it
            if os.path.isdir(new_root + folder):
                _mount("tmpfs", new_root + folder, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                       "size=4k,mode=000")
        os.makedirs(new_root + "/proc", exist_ok=True)
        _mount("proc", new_root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        os.chroot(new_root)
        os.chdir("/")
    except OSError as error:
        return str(error)
    return ""


def clear_scratch(keep: list[str]) -> None:
    """Empty the enclosure's /tmp and /dev/shm between children (the job folder excepted)."""
    import shutil

    for scratch in ("/tmp", "/dev/shm"):
        try:
            entries = os.listdir(scratch)
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(scratch, entry)
            if any(k == path or k.startswith(path + "/") for k in keep):
                continue
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    os.unlink(path)
                except OSError:
                    pass


def drop_capabilities() -> None:
    """For a child that stays uid 0 (in a user namespace, or where no other uid works): no
    capabilities, now or after ``exec``, so it can neither undo the enclosure nor leave it."""
    import ctypes

    libc = _libc()
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP (fails harmlessly past the last capability)
    libc.prctl(28, 0x2F, 0, 0, 0)  # PR_SET_SECUREBITS: NOROOT, NO_SETUID_FIXUP, KEEP_CAPS, all locked
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    if libc.capset(header, (ctypes.c_uint32 * 6)()) != 0:
        raise RuntimeError("could not drop capabilities")
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":\t", 1) for line in status.read().splitlines() if ":\t" in line)
    if int(fields.get("CapEff", "0"), 16) or int(fields.get("CapPrm", "0"), 16):
        raise RuntimeError("capabilities are still held")


def no_new_privileges() -> None:
    _libc().prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS: set-uid programs do not lift us


# --------------------------------------------------------------------------- the fork server

PRELOAD = ("nbformat", "traitlets.config", "IPython.core.interactiveshell", "json", "pickle", "inspect")
"""Imported once by the server, for every child: what the worker itself needs. The engine adds
what the assignment's notebook and probes import. Never the grading package's checks: a child's
memory holds only what the server holds."""


def preload(extra=()) -> None:
    import importlib

    names = [*PRELOAD, *extra]
    if any(n.split(".")[0] == "matplotlib" for n in extra):
        names.append("matplotlib_inline.backend_inline")  # the backend the notebooks draw with
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # not installed, or fails to import: the child meets that itself
            pass


def drop_privileges(uid: int | None) -> None:
    """Become ``uid`` (group ``uid`` too, no supplementary groups) and prove there is no way back.

    Run as root only: afterwards the notebook cannot read the grader's 0700 files (the judges),
    signal the grader or another child, write the package, or lift its process limit."""
    if uid is None:
        return
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise RuntimeError("could not drop root privileges")


def run_request(request: dict) -> int:
    """In the forked child: take the request's folder, log and uid, then grade one notebook."""
    os.setsid()
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.closerange(3, 1 << 16)  # the server's reply pipe above all: a notebook must not answer for itself
    if request.get("uid") is not None:
        os.fchown(1, request["uid"], request["uid"])
    no_new_privileges()
    drop_privileges(request.get("uid"))
    if request.get("uid") is None and os.geteuid() == 0:
        drop_capabilities()
    os.chdir(request["cwd"])
    os.environ["HOME"] = request["cwd"]
    sys.path[0] = request["cwd"]  # the notebook's folder, as for a kernel started there (not the server's)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    return _main_or_report([request["spec"]])


def _reap_all() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def clear_leftovers(child: int) -> None:
    """Kill whatever the child left running. As a PID namespace's first process that is simply
    everyone else; without one: the child's session, then every process carrying this server's
    environment token (what left the session), except the server itself."""
    if os.getpid() == 1:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        try:
            os.killpg(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        token = os.environ.get("AUTODIFF_GRADE_CHILD", "")
        needle = f"AUTODIFF_GRADE_CHILD={token}".encode()
        for _round in range(3) if token else ():
            found = 0
            for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
                if not entry.isdigit() or int(entry) == os.getpid():
                    continue
                try:
                    with open(f"/proc/{entry}/environ", "rb") as handle:
                        if needle not in handle.read().split(b"\0"):
                            continue
                    os.kill(int(entry), signal.SIGKILL)
                    found += 1
                except (OSError, ValueError):
                    continue
            if not found:
                break
    time.sleep(0.01)
    _reap_all()


def serve(config_path: str | None = None) -> int:
    """Read one JSON request per line on stdin, fork a child for each, answer its exit code.

    ``config_path`` (JSON, from the engine) asks for the enclosure: ``root``, ``keep``,
    ``writable``, ``hide``. The first reply says whether it was made."""
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints of libraries go to the server's log, not into the replies
    die_with_parent()
    try:
        import ctypes

        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans of a child come back here
    except (OSError, AttributeError):
        pass
    config = {}
    if config_path:
        with open(config_path, encoding="utf-8") as handle:
            config = json.load(handle)
    preload(config.get("preload", []))  # before the enclosure: caches under $HOME are read now
    enclosed, why = False, "not asked"
    if config.get("root"):
        why = "not the first process of a PID namespace" if os.getpid() != 1 else enclose(config)
        enclosed = not why
    gc.collect()
    gc.freeze()  # the children's garbage collector leaves the shared pages alone
    replies.write(json.dumps({"ready": os.getpid(), "enclosed": enclosed, "why": why}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        child = os.fork()
        if child == 0:
            code = 1
            try:
                code = run_request(request)
            finally:
                os._exit(code)
        _, status = os.waitpid(child, 0)
        code = os.waitstatus_to_exitcode(status)
        clear_leftovers(child)
        if enclosed:
            clear_scratch(config.get("writable", []))
        replies.write(json.dumps({"code": code}) + "\n")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        os._exit(serve(*sys.argv[2:3]))
    os._exit(_main_or_report())  # skip interpreter teardown: student threads or atexit hooks cannot hang us
