"""The grader <-> fork server <-> child messages: typed, versioned, validated on decode.

One JSON object per line between the grader and its fork server (:class:`Ready` once, then a
:class:`Request` and its :class:`Reply` per submission), and the child's one-line progress file
(:class:`Step`). Whatever a decoder reads may have been garbled or forged by a notebook, so
decoding never raises: a bad line is a :class:`Garbled` (with why) or an ``unknown`` step.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

VERSION = 1
MAX_MESSAGE_CHARS = 2_000
"""The longest message a test shows in ``results.json`` (public and hidden alike), and the longest
error text a child reports."""


@dataclass(frozen=True)
class Garbled:
    """What a line that is not a valid message decodes to."""

    why: str


@dataclass(frozen=True)
class Ready:
    """The server's first line: its pid, whether it made the enclosure (why not), and whether each
    child gets an IPC namespace of its own."""

    pid: int
    enclosed: bool
    why: str = ""
    ipc: bool = False


@dataclass(frozen=True)
class Request:
    """Grade one notebook: the spec file, the job folder, the log file and the uid to drop to."""

    spec: str
    cwd: str
    log: str
    uid: int | None = None


@dataclass(frozen=True)
class Reply:
    """A child ended with this exit code (negative: killed by that signal)."""

    code: int


_KINDS = {"ready": Ready, "request": Request, "reply": Reply}
_TYPES = {Ready: {"pid": int, "enclosed": bool, "why": str, "ipc": bool},
          Request: {"spec": str, "cwd": str, "log": str, "uid": (int, type(None))},
          Reply: {"code": int}}


def encode(message) -> bytes:
    kind = next(k for k, c in _KINDS.items() if isinstance(message, c))
    return (json.dumps({"v": VERSION, "kind": kind, **asdict(message)}) + "\n").encode()


def decode(line: bytes | str, expected: type):
    """One line -> an ``expected`` message, or :class:`Garbled` saying why it is not one."""
    try:
        raw = json.loads(line)
    except (ValueError, TypeError, RecursionError):
        return Garbled("not a JSON line")
    if not isinstance(raw, dict):
        return Garbled("not a JSON object")
    if raw.get("v") != VERSION:
        return Garbled(f"protocol version {raw.get('v')!r}, expected {VERSION}")
    if _KINDS.get(raw.get("kind")) is not expected:
        return Garbled(f"a {str(raw.get('kind'))[:40]!r} message, expected {expected.__name__}")
    values = {}
    for name, kind in _TYPES[expected].items():
        value = raw.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return Garbled(f"field {name!r} is missing or of the wrong type")
        values[name] = value
    return expected(**values)


# --------------------------------------------------------------------------- progress steps

_FIXED = {"startup": "start-up", "loading checks": "the loading of the hidden checks",
          "writing results": "the writing of results", "done": "the end"}
MAX_CELLS = 100_000
MAX_NAME = 200


@dataclass(frozen=True)
class Step:
    """What a child runs now. ``kind``: ``cell`` (``index``), ``check`` / ``test`` (``name``),
    one of the fixed steps (``startup``...), or ``unknown`` (``name``: what was read)."""

    kind: str
    index: int | None = None
    name: str = ""

    @classmethod
    def cell(cls, index: int) -> "Step":
        return cls("cell", index=index)

    @classmethod
    def check(cls, name: str) -> "Step":
        return cls("check", name=name)

    @classmethod
    def test(cls, key: str) -> "Step":
        return cls("test", name=key)

    @property
    def skippable(self) -> bool:
        """A step the grader can skip when it runs the notebook again."""
        return self.kind in ("cell", "check", "test")

    def encode(self) -> str:
        if self.kind == "cell":
            return f"cell {self.index}"
        if self.kind in ("check", "test"):
            return f"{self.kind} {self.name}"
        return self.kind

    def describe(self) -> str:
        """The step in plain words, for the reason a student reads."""
        if self.kind == "cell":
            return f"notebook cell {self.index + 1}"
        if self.kind == "check":
            return f"the hidden check {self.name}"
        if self.kind == "test":
            return f"the public test {self.name}"
        if self.kind == "unknown":
            return f"an unknown step ({self.name[:60]!r})"
        return _FIXED[self.kind]


def decode_step(text: str) -> Step:
    """A progress line -> its :class:`Step`; anything unexpected is an ``unknown`` step."""
    text = text.strip()
    if not text:  # the child died before it wrote anything
        return Step("startup")
    if text in _FIXED:
        return Step(text)
    kind, _, rest = text.partition(" ")
    if kind == "cell" and rest.isascii() and rest.isdigit() and int(rest) < MAX_CELLS:
        return Step.cell(int(rest))
    if kind in ("check", "test") and 0 < len(rest) <= MAX_NAME and rest.isprintable() and rest == rest.strip():
        return Step(kind, name=rest)
    return Step("unknown", name=text[:MAX_NAME])
