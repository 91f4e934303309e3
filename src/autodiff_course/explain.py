"""Why a master's solution failed to execute, in words that point at the master's own line.

A kernel's traceback names cells (``Cell In[12], line 3``) of the notebook otter made, and carries
terminal colours. The line that raised is usually in an earlier cell (a function a plot cell
calls), so this names the innermost notebook line of the traceback and finds it in the master.
"""

from __future__ import annotations

import re
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
FRAME = re.compile(r"^(Cell In\[\d+\], line \d+|File [^\n]*)")
ARROW = re.compile(r"^-*> ?(\d+)\s?(.*)$")


def plain(text: str) -> str:
    """``text`` without terminal colour codes."""
    return ANSI.sub("", text or "")


def innermost_cell_line(traceback: str) -> str | None:
    """The source line marked in the last ``Cell In[...]`` frame of an IPython traceback."""
    found, in_cell = None, False
    for line in plain(traceback).splitlines():
        if FRAME.match(line):
            in_cell = line.startswith("Cell In[")
            continue
        marked = ARROW.match(line)
        if marked and in_cell and marked.group(2).strip():
            found = marked.group(2).strip()
    return found


def master_lines(master: Path, code: str) -> list[int]:
    """Line numbers (from 1) of the master where ``code`` stands (stripped, whole line)."""
    try:
        lines = master.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [number for number, line in enumerate(lines, 1) if line.strip() == code]


def solution_failure(error: BaseException, master: Path, shown: str | None = None) -> str:
    """One paragraph: the error, the master line that raised it, the cell that was running;
    ``shown`` is how the master is named (default: its file name)."""
    shown = shown or master.name
    ename, evalue = getattr(error, "ename", type(error).__name__), plain(getattr(error, "evalue", str(error)))
    traceback = getattr(error, "traceback", "") or str(error)
    code = innermost_cell_line(traceback)
    text = f"{ename}: {evalue.strip()}"
    where = master_lines(master, code) if code else []
    if where:
        text += f" at {shown} line {where[0]} (`{code}`)"
    elif code:
        text += f" at `{code}`"
    cell = _running_cell(traceback)
    first = next((ln.strip() for ln in cell.splitlines() if ln.strip()), "")
    if first and first != code:
        text += f", reached from the cell that starts `{first[:80]}`"
        where_cell = master_lines(master, first)
        if where_cell:
            text += f" ({shown} line {where_cell[0]})"
    return text


def _running_cell(traceback: str) -> str:
    """The source nbclient prints of the cell that was executing (between its dashed lines)."""
    parts = plain(traceback).split("------------------")
    return parts[1].strip("\n") if len(parts) > 2 else ""
