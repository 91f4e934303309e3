"""Every CSV the grader writes, with cells that a spreadsheet would run as a formula neutralised.

A notebook controls some of what lands in ``grades.csv`` (its notes, its CONTRIBUTORS logins), and a
spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some read a
leading tab or carriage return the same way). Following OWASP's advice on CSV injection, such a
cell is written with a single quote in front, which every spreadsheet shows as text; the csv
module quotes any cell holding a comma, a double quote or a line break. A plain number (``-3``, ``2.5``) is
left as it is: it cannot be a formula, and Canvas must read it as a number.
"""

from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def neutralise(cell) -> str:
    text = "" if cell is None else str(cell)
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_text(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180's; and a cell holding either is quoted
    for row in [header, *rows]:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()
