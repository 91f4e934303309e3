"""The judges' schema checker: exact shapes pass, everything a forger would try is refused."""

import math

import pytest

from autodiff_course.schema import Flag, Integer, ListOf, Matrix, Maybe, MapOf, Number, Record, SchemaError, Text, conform

SPEC = Record({"names": Maybe(ListOf(Text)), "values": Matrix(2, None), "count": Integer, "ok": Flag,
               "files": MapOf({"x": Number})})
GOOD = {"names": ["a"], "values": [[1.0, 2], [3.0, 4.0]], "count": 3, "ok": False, "files": {"f": {"x": 1.5}}}


def test_exact_data_passes():
    assert conform(GOOD, SPEC) is GOOD
    assert conform({**GOOD, "names": None}, SPEC)


class FloatLike(float):
    pass


@pytest.mark.parametrize("bad", [
    {},  # everything missing
    {**GOOD, "extra": 1},
    {k: v for k, v in GOOD.items() if k != "ok"},
    {**GOOD, "values": [[1.0, 2.0]]},  # a row short
    {**GOOD, "values": [[1.0, 2.0], [3.0]]},  # ragged
    {**GOOD, "values": [[math.nan, 2.0], [3.0, 4.0]]},
    {**GOOD, "values": [[math.inf, 2.0], [3.0, 4.0]]},
    {**GOOD, "values": [[True, 2.0], [3.0, 4.0]]},  # a bool is no number
    {**GOOD, "values": [[FloatLike(1.0), 2.0], [3.0, 4.0]]},  # nor a subclass of float
    {**GOOD, "count": 3.0},
    {**GOOD, "count": True},
    {**GOOD, "ok": 1},
    {**GOOD, "names": "a"},
    {**GOOD, "files": {"f": {}}},
    {**GOOD, "files": [1]},
    [GOOD],
    None,
])
def test_every_other_shape_is_refused(bad):
    with pytest.raises(SchemaError):
        conform(bad, SPEC)


def test_a_refusal_names_the_place_and_no_value():
    with pytest.raises(SchemaError, match=r"\['values'\]\[1\]"):
        conform({**GOOD, "values": [[1.0, 2.0], [3.0, "4"]]}, SPEC)
