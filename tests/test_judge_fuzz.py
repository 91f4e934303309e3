"""Judge fuzzing (issue 13.2): whatever a forged probe hands in, no judge gives a point or crashes.

Everything a probe returns is the student's statement. For every check of every assignment its
judge is fed data a forger could send: nothing at all, the solution's real data damaged
(numbers made NaN, infinite, huge; every flag True; lists cut, lengthened or emptied; keys
dropped or added), the hidden inputs echoed back (the probe run on a notebook whose every
function returns its first argument), and the real data rebuilt from subclasses of float, int and
list. None of it may earn the check, and ``hidden.judge`` must answer with a message (within a
few seconds) rather than raise. The real data path is JSON text: the last tests show that no
subclass crosses it.

The solution's real probe data comes from the solution executed once per assignment in-process
(``solution_run``) and probed once per check; it is cached for the session.
"""

from __future__ import annotations

import json

import pytest

import fuzzing
from autodiff_course import hidden, paths
from autodiff_course.grade.runner import Alarm, StepTimeout
from fuzzing import CASES, same_types, subclassed

JUDGE_SECONDS = 5  # the slowest judge takes well under a second on the real data; a hang is a crash

_FAILING_TODAY: dict[str, str] = {}  # case -> <assignment number>/<check>s, space-separated
"""Cases a judge is known to fail, marked ``xfail(strict=True)`` so that a fix shows (a strict xfail
that passes fails). Empty since the judges conform their data to exact schemas (issue 13.1); on
2026-12-02, before that, 101 cases failed (extra keys ignored, subclasses believed, a verdict flag
trusted)."""


def _known(name: str, check: str, case: str) -> bool:
    return f"{name[:2]}/{check}" in _FAILING_TODAY.get(case, "").split()


@pytest.fixture(scope="session")
def probed(solution_run):
    """``get(assignment)``: check -> {"real": the solution's probe result, "echo": the echoing notebook's}."""
    return lambda name: fuzzing.probe(solution_run(name))


def _all_checks():
    for name in paths.available():
        for check in hidden.check_names(name):
            yield name, check


CHECKS = list(_all_checks())


def _cases():
    for name, check in CHECKS:
        for case in CASES:
            marks = [pytest.mark.xfail(strict=True, reason="fixed by trust-a/trust-b")] if _known(name, check, case) else []
            yield pytest.param(name, check, case, id=f"{name}/{check}/{case}", marks=marks)


def _judged(name: str, check: str, data, workdir=None) -> str | None:
    """``hidden.judge``'s answer as the grader gets it, under a time limit. ``workdir``: the
    folder the notebook ran in, for judges that read it themselves (by default an empty one: a
    forger's notebook wrote nothing)."""
    import tempfile

    try:
        with Alarm(JUDGE_SECONDS), tempfile.TemporaryDirectory() as empty:
            return hidden.judge(name, check, {"ok": True, "data": data}, workdir=workdir or empty)
    except StepTimeout:
        pytest.fail(f"the judge of {check} ran longer than {JUDGE_SECONDS} s on this data")


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("name,check", CHECKS, ids=[f"{n}/{c}" for n, c in CHECKS])
def test_the_real_data_earns_the_check(name, check, probed, solution_run):
    """The fuzz below means something only if the undamaged data passes."""
    real = probed(name)[check]["real"]
    assert real["ok"], real
    assert _judged(name, check, real["data"], workdir=solution_run(name).dir) is None


@pytest.mark.parametrize("name,check,case", list(_cases()))
def test_fuzzed_data_earns_nothing_and_crashes_nothing(name, check, case, probed):
    results = probed(name)[check]
    real, echo = results["real"]["data"], results["echo"]
    if case.startswith("echoed_inputs") and not echo["ok"]:
        return  # the probe itself refused the echoing notebook: nothing reached a judge
    if case.startswith("echoed_inputs") and _judged(name, check, echo["data"]) is None:
        return  # the echoing notebook kept this check's answer (a class such as 02's LegendreP3): it is right
    data = CASES[case](real, echo.get("data"))
    if data == real and json.dumps(data) == json.dumps(real) and same_types(data, real):
        return  # this damage changes nothing in this check's data (no flag, no list, no dict)
    message = _judged(name, check, data)
    assert message is not None, f"{case} data earned the check {check}"
    assert isinstance(message, str) and message


@pytest.mark.parametrize("kinds", [{"float"}, {"int"}, {"list"}], ids=["float", "int", "list"])
def test_no_subclass_crosses_the_json_path(kinds, probed):
    """The child's data reaches the grader as JSON text: ``to_plain`` refuses subclasses, and
    what comes out of JSON is made of exact types only."""
    name, check = next((n, c) for n, c in CHECKS if subclassed(probed(n)[c]["real"]["data"], kinds) is not None
                       and not same_types(subclassed(probed(n)[c]["real"]["data"], kinds), probed(n)[c]["real"]["data"]))
    forged = subclassed(probed(name)[check]["real"]["data"], kinds)
    with pytest.raises(TypeError):
        hidden.to_plain(forged)
    back = json.loads(json.dumps(forged))
    assert same_types(back, probed(name)[check]["real"]["data"])
