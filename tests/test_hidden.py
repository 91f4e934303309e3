"""Unit tests of the probe/judge helpers: plain data only, safe pickles only."""

from __future__ import annotations

import os
import pickle

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
