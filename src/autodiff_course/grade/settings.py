"""Every grading limit and ``AUTODIFF_*`` switch, declared once with its default and help text.

``cli.py`` builds the ``grade`` options from :class:`Limits`' fields, ``batch`` and
``gradescope`` take their defaults from it, and the sandbox reads its switches through
:func:`switch` / :func:`switch_on`, so a default or a name is written only here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _limit(default, help: str, flag: str = ""):
    return field(default=default, metadata={"help": help, "flag": flag})


@dataclass
class Limits:
    """What one submission may use; each field is a ``grade`` option (``--cell-timeout``...)."""

    # Measured 2026-12-02 (2-core VM, one job): the solutions' cells take 0.3 to 2.0 s in all, their
    # slowest cell 1.0 s, cells and checks together at most 2.3 s. A cell stopped at its limit costs
    # only that cell: the notebook is graded on what ran, and its status says "timeout".
    timeout: float = _limit(90.0, "seconds for the whole notebook: cells, probes and tests "
                                   "(the solutions need under 3)")
    cell_timeout: float = _limit(30.0, "seconds for one cell, hidden check or test "
                                       "(the slowest solution cell needs about 1)")
    memory_mb: int = _limit(4096, "address-space limit of a submission's process, in MB "
                                  "(torch alone maps about 0.7 GB)")
    fsize_mb: int = _limit(512, "largest file a submission may write, in MB")
    retries: int = _limit(2, "re-runs that skip a step (cell, check, test) that killed or hung the child")
    grace: float = _limit(15.0, "seconds past --timeout before the child's process group is killed")


def limit_fields():
    """(name, type, default, help) of every limit, in declaration order."""
    return [(f.name, f.type if isinstance(f.type, type) else {"float": float, "int": int}[f.type], f.default,
             f.metadata["help"]) for f in fields(Limits)]


def limits_from(**given) -> Limits:
    """A :class:`Limits` with the values given (``None`` keeps the default)."""
    return Limits(**{k: v for k, v in given.items() if v is not None})


WORKER_MB = 330
"""What one job slot costs: its warm worker holds torch, numpy and matplotlib (measured peak 326 MB)."""


def cores() -> int:
    """The CPUs this process may run on (a container's or ``taskset``'s share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def input_problem(jobs: int, limits: Limits) -> str:
    """What is wrong with ``--jobs`` and the limits, in words that say what to do ("" when nothing)."""
    if not 1 <= jobs <= cores():
        return (f"--jobs {jobs} is not possible here: give 1 to {cores()} (this machine's cores); each job "
                f"slot is a worker of about {WORKER_MB} MB")
    for f in fields(Limits):
        value, least = getattr(limits, f.name), 0 if f.name == "retries" else 1e-9
        if value < least:
            flag = "--" + f.name.replace("_", "-")
            return f"{flag} {value:g} is not possible: give a number {'of 0 or more' if least == 0 else 'above 0'}"
    return ""


@dataclass(frozen=True)
class Switch:
    name: str
    default: str
    help: str


NO_SANDBOX = Switch("AUTODIFF_NO_SANDBOX", "", "1: no PID/network namespaces and no enclosure (debugging)")
NO_UID = Switch("AUTODIFF_NO_UID", "", "1: children keep the grader's uid instead of 61000 + slot (debugging)")
CHILD_SHARE = Switch("AUTODIFF_CHILD_SHARE", "", "folders (os.pathsep-separated) shown read-write inside the "
                                                 "enclosure (the tests use it)")
SWITCHES = {s.name: s for s in (NO_SANDBOX, NO_UID, CHILD_SHARE)}

CHILD_MARK = "AUTODIFF_GRADE_CHILD"
"""Not a switch: the environment variable carrying a fork server's random token, by which
:func:`autodiff_course.grade.processes.sweep` finds what its children left running."""


def switch(declared: Switch) -> str:
    """The value of a declared switch (its default when unset)."""
    return os.environ.get(declared.name, declared.default)


def switch_on(declared: Switch) -> bool:
    return switch(declared) == "1"
