"""Name a notebook's cells as Jupyter shows them: ``In [15]``, with the cell's first line."""

from __future__ import annotations

EXCERPT_CHARS = 60


def first_line(source) -> str:
    """The first line of a cell that is not blank, cut to :data:`EXCERPT_CHARS`."""
    text = "".join(source) if isinstance(source, list) else str(source or "")
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= EXCERPT_CHARS else line[:EXCERPT_CHARS - 1] + "…"
    return ""


def label(number: int | None, source="") -> str:
    """``In [15] (`while True:`)``: the code cell's number when run top to bottom, and its start."""
    head = f"In [{number}]" if number else "a cell"
    line = first_line(source)
    return f"{head} (`{line}`)" if line else head


class Labeller:
    """Labels of the cells of one notebook, by their index among all its cells (markdown included)."""

    def __init__(self, cells):
        self.numbers: dict[int, tuple[int, str]] = {}
        count = 0
        for index, cell in enumerate(cells or []):
            if _get(cell, "cell_type") == "code":
                count += 1
                self.numbers[index] = (count, _get(cell, "source") or "")

    def __call__(self, index: int | None) -> str:
        number, source = self.numbers.get(index, (None, ""))
        return label(number, source) if number else f"cell {(index or 0) + 1}"


def _get(cell, key: str):
    return cell.get(key) if isinstance(cell, dict) else getattr(cell, key, None)


def cell_label(report: dict) -> str:
    """The label of a cell from the child's report of it (``number``, ``line``; untrusted data)."""
    number = report.get("number")
    number = number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else None
    line = report.get("line") if isinstance(report.get("line"), str) else ""
    if number is None:
        index = report.get("index")
        return f"cell {index + 1}" if isinstance(index, int) and not isinstance(index, bool) else "a cell"
    return label(number, line)
