"""Unit tests of the probe/judge helpers: plain data only, safe pickles only."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from autodiff_course import hidden


class Sneaky(float):
    def __eq__(self, other):
        return True


def test_to_plain_accepts_json_types_and_numpy_scalars():
    value = {"a": [1, 2.5, None, True, "x"], "b": (np.float64(1.5), np.int64(3))}
    assert hidden.to_plain(value) == {"a": [1, 2.5, None, True, "x"], "b": [1.5, 3]}


@pytest.mark.parametrize("bad", [Sneaky(1.0), np.zeros(3), object(), {1: 2}])
def test_to_plain_rejects_objects_that_could_forge_comparisons(bad):
    with pytest.raises(TypeError):
        hidden.to_plain(bad)


def test_safe_unpickler_round_trips_arrays_and_builtins():
    value = [np.arange(6.0).reshape(2, 3), {"k": (1, "two")}, np.array([1, 2], dtype=np.int32)]
    back = hidden.safe_load_pickle(pickle.dumps(value))
    assert np.array_equal(back[0], value[0]) and back[1] == {"k": (1, "two")}
    assert back[2].dtype == np.int32


class Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned > /tmp/autodiff_course_pwned",))


def test_safe_unpickler_refuses_code_before_running_it(tmp_path):
    marker = "/tmp/autodiff_course_pwned"
    if os.path.exists(marker):
        os.remove(marker)
    with pytest.raises(hidden.UnsafePickleError, match="refused"):
        hidden.safe_load_pickle(pickle.dumps(Boom()))
    assert not os.path.exists(marker)


def test_expect_close_states_count_not_expected_values():
    with pytest.raises(hidden.CheckFailed) as info:
        hidden.expect_close([1.0, 2.0, 3.5], [1.0, 2.0, 3.0], "f(x)", rtol=1e-6, atol=1e-9)
    assert "1 of 3" in str(info.value) and "3.0" not in str(info.value)


def test_collect_reports_student_errors_as_data():
    result = hidden.collect("01_pickle_datasets", "species_counts", {"species_counts": lambda t: 1 / 0})
    assert result == {"ok": False, "error": "ZeroDivisionError: division by zero"}
    message = hidden.judge("01_pickle_datasets", "species_counts", result)
    assert "ZeroDivisionError" in message


def test_every_assignment_pairs_its_probes_and_judges():
    from autodiff_course import paths

    for name in paths.available():
        assert hidden.check_names(name)


def test_probes_hold_no_judges_and_never_name_them():
    """The probes run in the student's process: no ``judge_*`` in them, and not even the word
    ``judges`` in their source (so none of them can load the judges)."""
    from autodiff_course import paths

    names = paths.available()
    assert len(names) > 1
    for name in names:
        module = hidden.checks_module(name)
        assert not [n for n in vars(module) if n.startswith("judge_")], name
        assert hidden.judges_module(name).__name__ == f"{hidden.PACKAGE}.a{name}.judges"
        source = paths.grading_dir(name) / "probes.py"
        assert "judges" not in source.read_text(encoding="utf-8"), f"{source} mentions judges"


_COLLECT_ONLY = textwrap.dedent(
    """
    import json, sys

    import numpy as np

    from autodiff_course import hidden, paths

    def judges_loaded():
        return sorted(m for m in sys.modules if m.startswith(hidden.PACKAGE) and m.endswith(".judges"))

    def species_counts(trajectory):
        return np.stack([(trajectory[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)

    result = hidden.collect("01_pickle_datasets", "species_counts", {"species_counts": species_counts})
    ran = 0
    for name in paths.available():  # every probe, on a notebook that defines nothing
        for probe in sorted(n[len("probe_"):] for n in vars(hidden.checks_module(name)) if n.startswith("probe_")):
            hidden.collect(name, probe, {})
            ran += 1
    before = judges_loaded()
    verdict = hidden.judge("01_pickle_datasets", "species_counts", result)
    print(json.dumps({"result": result["ok"], "ran": ran, "before": before, "verdict": verdict,
                      "after": judges_loaded()}))
    """
)


def test_collect_runs_probes_without_importing_the_judges(tmp_path):
    """What the student's process runs (``collect``) must work with the judges' package out of
    reach: run probes in a fresh interpreter and look at what it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _COLLECT_ONLY], cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["result"] is True and report["ran"] > 20
    assert report["before"] == [], f"collect imported {report['before']}"
    # the control: judging does import them, so the check above can see an import
    assert report["verdict"] is None and "autodiff_grading.a01_pickle_datasets.judges" in report["after"]
