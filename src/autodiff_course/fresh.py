"""Compare executed notebooks by meaning: same sources, same text up to printing noise, same figures.

Another CPU (other vector kernels, another BLAS core) computes floats that differ in the last bits,
so printed numbers can change in their last digit and PNGs in their bytes while the notebook says
the same thing. Rules:

* cell sources, types, ids, attachments and metadata, notebook metadata, output types, execution
  counts and output metadata must be identical;
* consecutive stream outputs of one name are joined first (nbconvert's ``CoalesceStreamsPreprocessor``):
  where the kernel flushes in the middle of a ``print`` depends on timing, not on the notebook;
* text (stream text, ``text/*`` data, error ``ename``/``evalue``/``traceback``) is split into tokens.
  Words and punctuation must be identical, and so must line breaks; spaces and tabs are not
  tokens, because reprs pad numbers to align columns (``tensor([ 0.5, -0.0])`` becomes
  ``tensor([0.5, 0.0])`` when the sign flips);
* integers (no point, no exponent) must be equal. Two numbers of which at least one has a point or
  an exponent agree when ``|a - b| <= ulp + 1e-6 * max(|a|, |b|)``, where ``ulp`` is one unit in
  the last printed place of the more precise of the two (``1e-4`` for ``0.8561``, ``1e-9`` for
  ``1.2346e-05``). A value lying on a rounding boundary moves by exactly one such unit under any
  tiny change, so one unit is the least that tolerates printing noise, and anything larger is a
  change the printed digits can show. The relative ``1e-6`` covers numbers printed at full
  precision (``repr`` of a float computed in float32 differs by a few float32 ulps, ``1.2e-7``
  each, when a reduction is summed in another order). ``-0.0000`` equals ``0.0000``. Residuals
  printed at full precision near zero (``3e-17`` vs ``-1e-18``) do not agree: round them in the
  master;
* PNG images are compared by MIME type and width x height from their header, other binary
  images byte for byte.
"""

from __future__ import annotations

import base64
import copy
import re
import shutil
import struct
from decimal import Decimal
from pathlib import Path

import nbformat
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

REL_TOL = Decimal("1e-6")

_TOKEN = re.compile(
    r"(?P<number>(?:(?<![\w.)\]])[-+])?(?<![\w.])(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.]))"
    r"|(?P<word>\w+)"
    r"|(?P<newline>\r\n|\r|\n)"
    r"|(?P<other>\S)"
)
_TEXT_KEYS = {"text", "evalue", "traceback"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _text(value, key: str = "") -> str:
    if isinstance(value, list):  # a traceback's entries are lines; a split string keeps its newlines
        return ("\n" if key == "traceback" else "").join(value)
    return str(value)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line number from 1) for each token."""
    found, line = [], 1
    for match in _TOKEN.finditer(text):
        found.append((match.lastgroup, match.group(), line))
        if match.lastgroup == "newline":
            line += 1
    return found


def numbers_agree(a: str, b: str) -> bool:
    """Do two printed numbers say the same value, up to the tolerance in the module docstring?"""
    x, y = Decimal(a), Decimal(b)
    if not any(c in s for s in (a, b) for c in ".eE"):
        return x == y
    ulp = Decimal(1).scaleb(min(x.as_tuple().exponent, y.as_tuple().exponent))
    return abs(x - y) <= ulp + REL_TOL * max(abs(x), abs(y))


def _line(text: str, number: int) -> str:
    lines = text.splitlines() or [""]
    shown = lines[min(number, len(lines)) - 1].strip()
    return shown if len(shown) <= 90 else shown[:87] + "..."


def text_difference(old: str, new: str) -> str | None:
    """The first place where two texts differ in meaning, described; None when they agree."""
    a, b = _tokens(old), _tokens(new)
    for (kind_a, tok_a, line_a), (kind_b, tok_b, line_b) in zip(a, b):
        if kind_a == kind_b == "number" and numbers_agree(tok_a, tok_b):
            continue
        if (kind_a, tok_a) != (kind_b, tok_b):
            return (f"line {line_a}: {tok_a!r} became {tok_b!r} "
                    f"(was {_line(old, line_a)!r}, now {_line(new, line_b)!r})")
    if len(a) != len(b):
        longer, extra = (old, a[len(b):]) if len(a) > len(b) else (new, b[len(a):])
        first = next((t for t in extra if t[0] != "newline"), extra[0])
        return f"line {first[2]}: {'lost' if longer is old else 'gained'} {_line(longer, first[2])!r}"
    return None


def png_size(data: str) -> tuple[int, int] | None:
    """Width and height of a base64 PNG, None when it is not one."""
    raw = base64.b64decode(data)
    if raw[:8] != _PNG_SIGNATURE or raw[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", raw[16:24])


def _image_difference(mime: str, old, new) -> str | None:
    if mime == "image/png":
        size_a, size_b = png_size(_text(old)), png_size(_text(new))
        if size_a and size_b:
            return None if size_a == size_b else f"image {size_a[0]}x{size_a[1]} became {size_b[0]}x{size_b[1]}"
    return None if old == new else "image bytes changed"


def _value_difference(key: str, old, new) -> str | None:
    if key.startswith("image/") and key != "image/svg+xml":
        return _image_difference(key, old, new)
    if key.startswith("text/") or key in _TEXT_KEYS or key == "image/svg+xml":
        return text_difference(_text(old, key), _text(new, key))
    return None if old == new else f"{old!r:.60} became {new!r:.60}"


def _output_differences(where: str, old, new) -> list[str]:
    found = []
    for key in sorted(set(old) | set(new)):
        if key not in old or key not in new:
            found.append(f"{where}: {key!r} {'lost' if key in old else 'added'}")
        elif key == "data":
            for mime in sorted(set(old.data) | set(new.data)):
                if mime not in old.data or mime not in new.data:
                    found.append(f"{where}: {mime} {'lost' if mime in old.data else 'added'}")
                else:
                    change = _value_difference(mime, old.data[mime], new.data[mime])
                    found += [f"{where}, {mime}: {change}"] if change else []
        else:
            change = _value_difference(key, old[key], new[key])
            found += [f"{where}, {key}: {change}"] if change else []
    return found


def _describe(output) -> str:
    kind = output.get("output_type", "?")
    return f"{kind} {output.get('name', '')}".strip() if kind == "stream" else kind


def _coalesced(notebook):
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(copy.deepcopy(notebook), {})
    return notebook


def differences(old, new) -> list[str]:
    """What differs in meaning from notebook ``old`` to ``new`` (nodes or paths); empty when nothing."""
    old, new = (_coalesced(nbformat.read(nb, as_version=4) if isinstance(nb, (str, Path)) else nb)
                for nb in (old, new))
    found = []
    for key in ("nbformat", "nbformat_minor", "metadata"):
        if old.get(key) != new.get(key):
            found.append(f"notebook {key} changed")
    if len(old.cells) != len(new.cells):
        found.append(f"{len(old.cells)} cells became {len(new.cells)}")
    for index, (a, b) in enumerate(zip(old.cells, new.cells)):
        cell = f"cell {index} ({a.cell_type})"
        for key in sorted((set(a) | set(b)) - {"outputs"}):
            if a.get(key) != b.get(key):
                found.append(f"{cell}: {key} changed" + (f" ({_line(b.get(key, ''), 1)!r})" if key == "source" else ""))
        outs_a, outs_b = a.get("outputs", []), b.get("outputs", [])
        if len(outs_a) != len(outs_b):
            found.append(f"{cell}: outputs [{', '.join(map(_describe, outs_a))}] "
                         f"became [{', '.join(map(_describe, outs_b))}]")
            continue
        for number, (out_a, out_b) in enumerate(zip(outs_a, outs_b)):
            found += _output_differences(f"{cell}, output {number} ({_describe(out_a)})", out_a, out_b)
    return found


def keep_committed_solution(staged: Path, existing: Path, name: str) -> bool:
    """Put the ``existing`` solution notebook and HTML back into ``staged`` when the freshly built
    notebook means the same, so a rebuild on another CPU rewrites no bytes. True when kept."""
    files = [f"{name}.ipynb", f"{name}.html"]
    if not all((existing / f).is_file() and (staged / f).is_file() for f in files):
        return False
    try:
        if differences(existing / files[0], staged / files[0]):
            return False
    except (OSError, ValueError):  # an unreadable old notebook: the fresh one replaces it
        return False
    for f in files:
        shutil.copyfile(existing / f, staged / f)
    return True
