"""The exact shape of a probe's data, checked before a judge believes any of it.

Everything a probe returns was made in the student's process, so it is the student's statement.
A judge first states what that data must look like and calls :func:`conform`; only data of
exactly that shape (every key, every length, finite numbers, exact JSON types) gets past it.
The verdicts themselves are then computed by the judge, never read from the data.

A spec is one of:

``Number`` / ``Integer`` / ``Text`` / ``Flag`` / ``Nothing``
    a finite int or float (never a bool) / an int (never a bool) / a str / a bool / ``None``
    (the data of a probe whose judge observes for itself);
``ListOf(spec, length=None)``
    a list whose items all match ``spec``, of exactly ``length`` items when given;
``Record({"key": spec, ...})``
    a dict with exactly these keys;
``MapOf(spec)``
    a dict of str keys whose values all match ``spec``;
``Maybe(spec)``
    ``None`` or ``spec``;
``Matrix(rows, cols)``
    a list of ``rows`` lists of ``cols`` numbers (either may be None: any, but all rows alike).

Messages say where the data is wrong, never what a right answer holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .hidden import CheckFailed


class SchemaError(CheckFailed):
    """The data is not of the shape the judge stated: no point is given for it."""


class _Scalar:
    def __init__(self, name: str, kinds: tuple[type, ...], finite: bool = False):
        self.name, self.kinds, self.finite = name, kinds, finite

    def check(self, value: Any, where: str) -> None:
        if type(value) not in self.kinds:
            raise SchemaError(f"{where} should be {self.name}, not {type(value).__name__}")
        if self.finite and not math.isfinite(value):
            raise SchemaError(f"{where} should be a finite number")

    def __repr__(self) -> str:
        return self.name


Number = _Scalar("a number", (int, float), finite=True)
Integer = _Scalar("an integer", (int,))
Text = _Scalar("text", (str,))
Flag = _Scalar("True or False", (bool,))
Nothing = _Scalar("nothing (None)", (type(None),))


@dataclass(frozen=True)
class ListOf:
    item: Any
    length: int | None = None

    def check(self, value: Any, where: str) -> None:
        if type(value) is not list:
            raise SchemaError(f"{where} should be a list, not {type(value).__name__}")
        if self.length is not None and len(value) != self.length:
            raise SchemaError(f"{where} should have {self.length} items, not {len(value)}")
        for index, item in enumerate(value):
            _check(self.item, item, f"{where}[{index}]")


@dataclass(frozen=True)
class Record:
    fields: dict

    def check(self, value: Any, where: str) -> None:
        if type(value) is not dict:
            raise SchemaError(f"{where} should be a dict, not {type(value).__name__}")
        missing, extra = set(self.fields) - set(value), set(value) - set(self.fields)
        if missing or extra:
            raise SchemaError(f"{where} has the wrong keys (missing {sorted(missing)}, unexpected {sorted(extra)[:5]})")
        for key, spec in self.fields.items():
            _check(spec, value[key], f"{where}[{key!r}]")


@dataclass(frozen=True)
class MapOf:
    item: Any

    def check(self, value: Any, where: str) -> None:
        if type(value) is not dict:
            raise SchemaError(f"{where} should be a dict, not {type(value).__name__}")
        for key, item in value.items():
            if type(key) is not str:
                raise SchemaError(f"{where} has a key that is not text")
            _check(self.item, item, f"{where}[{key!r}]")


@dataclass(frozen=True)
class Maybe:
    item: Any

    def check(self, value: Any, where: str) -> None:
        if value is not None:
            _check(self.item, value, where)


@dataclass(frozen=True)
class Matrix:
    rows: int | None = None
    cols: int | None = None

    def check(self, value: Any, where: str) -> None:
        ListOf(ListOf(Number, self.cols), self.rows).check(value, where)
        if self.cols is None and len({len(row) for row in value}) > 1:
            raise SchemaError(f"{where}: rows of different lengths")


def _check(spec: Any, value: Any, where: str) -> None:
    if isinstance(spec, dict):
        spec = Record(spec)
    spec.check(value, where)


def conform(data: Any, spec: Any, what: str = "the data of your answer") -> Any:
    """``data`` when it has exactly the shape ``spec`` states, else :class:`SchemaError`."""
    _check(spec, data, what)
    return data
