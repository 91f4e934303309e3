"""What a forger could hand a judge: the fuzz cases of ``test_judge_fuzz`` and ``test_forge_kit``.

Each case turns the solution's real probe data (and the data of a notebook whose every function
echoes its first argument back) into data that must earn nothing.
"""

from __future__ import annotations

import math

from autodiff_course import hidden

from helpers import chdir


class FloatLike(float):
    pass


class IntLike(int):
    pass


class ListLike(list):
    pass


# --------------------------------------------------------------------------- transforms of data


def transform(data, number=None, flag=None, lists=None, dicts=None):
    """A copy of ``data`` with numbers, bools, lists and dicts passed through the given functions."""
    if type(data) is bool:
        return flag(data) if flag else data
    if type(data) in (int, float):
        return number(data) if number else data
    if type(data) is list:
        items = [transform(item, number, flag, lists, dicts) for item in data]
        return lists(items) if lists else items
    if type(data) is dict:
        items = {key: transform(value, number, flag, lists, dicts) for key, value in data.items()}
        return dicts(items) if dicts else items
    return data


def subclassed(data, kinds: set[str]):
    """The same values, rebuilt from subclasses: what JSON could never hand a judge."""
    return transform(data,
                number=lambda v: (FloatLike(v) if type(v) is float and "float" in kinds else
                                  IntLike(v) if type(v) is int and "int" in kinds else v),
                lists=(lambda items: ListLike(items)) if "list" in kinds else None)


def _drop_first_key(items: dict) -> dict:
    return {k: v for k, v in items.items() if k != min(items)} if items else items


CASES = {
    "empty_dict": lambda real, echo: {},
    "empty_list": lambda real, echo: [],
    "none": lambda real, echo: None,
    "text": lambda real, echo: "",
    "true": lambda real, echo: True,
    "echoed_inputs": lambda real, echo: echo,
    "nan": lambda real, echo: transform(real, number=lambda v: math.nan),
    "inf": lambda real, echo: transform(real, number=lambda v: math.inf),
    "minus_inf": lambda real, echo: transform(real, number=lambda v: -math.inf),
    "huge": lambda real, echo: transform(real, number=lambda v: 1e300),
    "huge_int": lambda real, echo: transform(real, number=lambda v: 10**30),
    "zeros_and_flags_true": lambda real, echo: transform(real, number=lambda v: 0, flag=lambda v: True),
    # Flags forced True on the echoed inputs, not on the real data: a correct answer may show
    # either value of a flag that its judge has no reason to read.
    "echoed_inputs_flags_true": lambda real, echo: transform(echo, flag=lambda v: True),
    "lists_truncated": lambda real, echo: transform(real, lists=lambda items: items[:-1]),
    "lists_extended": lambda real, echo: transform(real, lists=lambda items: items + items[-1:]),
    "lists_emptied_flags_true": lambda real, echo: transform(real, flag=lambda v: True, lists=lambda items: []),
    "key_missing": lambda real, echo: transform(real, dicts=_drop_first_key),
    "key_extra": lambda real, echo: transform(real, dicts=lambda items: {**items, "unexpected": 0}),
    "float_subclass": lambda real, echo: subclassed(real, {"float"}),
    "int_subclass": lambda real, echo: subclassed(real, {"int"}),
    "list_subclass": lambda real, echo: subclassed(real, {"list"}),
}
"""Case name -> (the solution's real data, the data of the echoing notebook) -> what is sent."""


# --------------------------------------------------------------------------- the real data, once

PROBED: dict[str, dict[str, dict]] = {}


def _echo(*args, **kwargs):
    return args[0] if args else None


def _echoing(env: dict) -> dict:
    """The notebook with every function it defined replaced by one that returns its first argument."""
    return {k: (_echo if callable(v) and getattr(v, "__module__", None) == "__main__" and not isinstance(v, type)
                else v) for k, v in env.items()}




def probe(run) -> dict[str, dict]:
    """check -> {"real": collect's result on the solution, "echo": on the echoing notebook}; once per
    assignment and session."""
    if run.name not in PROBED:
        echo_env = _echoing(run.env)
        with chdir(run.dir):
            PROBED[run.name] = {check: {"real": hidden.collect(run.name, check, run.env),
                                        "echo": hidden.collect(run.name, check, echo_env)}
                                for check in hidden.check_names(run.name)}
    return PROBED[run.name]


def same_types(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(same_types(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return a.keys() == b.keys() and all(same_types(a[k], b[k]) for k in a)
    return True
