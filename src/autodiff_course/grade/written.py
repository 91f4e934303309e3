"""``autodiff-course written DIR``: every written answer of a graded folder, per question, for a TA.

Written questions are the master's ``manual: true`` questions; the student notebook marks each
one with a locked ``<!-- BEGIN QUESTION -->`` cell, and the answer is whatever the student put
between it and the next locked ``<!-- END QUESTION -->`` cell. This writes

* ``DIR/written.html``: one section per question, every submission's answer (as text, escaped),
  the points it is out of, and a link to the executed notebook;
* ``DIR/manual_scores.csv``: the sheet the TA fills in (one row per submission, one column per
  question, a ``Points Possible`` row as Canvas has). A sheet already there keeps every score
  typed into it; rows of new submissions are added. ``grade``, ``export`` and ``report`` read it
  back (:mod:`.manual`).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from .files import write_atomic
from .batch import load_records
from .manual import SHEET, questions, read_sheet, sheet_text

BEGIN, END = "<!-- BEGIN QUESTION -->", "<!-- END QUESTION -->"
PLACEHOLDER = "_Type your answer here, replacing this text._"


def answers(cells: list, names: list[str]) -> dict[str, str]:
    """{question: the student's answer} from a notebook's cells (nbformat dicts); the k-th
    ``BEGIN QUESTION`` cell opens the k-th written question."""
    found: dict[str, str] = {}
    current, parts, k = None, [], 0
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if current is not None and (END in source or BEGIN in source):
            found[current] = "\n\n".join(p for p in parts if p.strip() and p.strip() != PLACEHOLDER)
            current = None
        if BEGIN in source:
            if k < len(names):
                current, parts = names[k], []
            k += 1
        elif current is not None:
            parts.append(source)
    if current is not None:
        found[current] = "\n\n".join(p for p in parts if p.strip() and p.strip() != PLACEHOLDER)
    return found


def prompts(assignment: str, names: list[str], root: Path | None = None) -> dict[str, str]:
    """{question: its prompt} from the release's student notebook (the text of each BEGIN cell)."""
    from .. import paths

    path = (root or paths.ROOT) / "student_release" / assignment / f"{assignment}.ipynb"
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return {}
    begins = ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
              for c in cells if BEGIN in str(c.get("source", ""))]
    return {name: text.replace(BEGIN, "").strip() for name, text in zip(names, begins)}


def submission_answers(folder: Path, record: dict, names: list[str]) -> dict[str, str]:
    """The answers in a graded submission's executed notebook (none when it was not executed)."""
    path = folder / record["id"] / f"{record['id']}.ipynb"
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return {}
    return answers(cells if isinstance(cells, list) else [], names)


def render(assignment: str, written: list[tuple[str, float]], records: list[dict], folder: Path,
           root: Path | None = None) -> str:
    every = {r["id"]: submission_answers(folder, r, [n for n, _ in written]) for r in records}
    asked = prompts(assignment, [n for n, _ in written], root)
    parts = ["<!doctype html><html><head><meta charset='utf-8'>",
             f"<title>Written answers: {html.escape(assignment)}</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
             ".answer{white-space:pre-wrap;background:#f6f6f6;padding:.5em;border-left:3px solid #4C72B0}"
             ".none{color:#a00}.prompt{white-space:pre-wrap;color:#333}</style></head><body>",
             f"<h1>Written answers: {html.escape(assignment)}</h1>",
             f"<p>{len(records)} submissions. Enter points in <code>{SHEET}</code> (one row per submission, "
             "one column per question), then run <code>autodiff-course export</code> again.</p>"]
    for name, points in written:
        parts.append(f"<h2 id='{html.escape(name)}'>{html.escape(name)} (out of {points:g})</h2>")
        if asked.get(name):
            parts.append(f"<blockquote class='prompt'>{html.escape(asked[name])}</blockquote>")
        for r in records:
            who = " ".join(r.get("contributors", [])) or "nobody credited"
            text = every[r["id"]].get(name, "")
            link = f"{r['id']}/{r['id']}.ipynb"
            parts.append(f"<h3>{html.escape(r['id'])} <small>({html.escape(who)}; "
                         f"<a href='{html.escape(link)}'>notebook</a>)</small></h3>")
            parts.append(f"<div class='answer'>{html.escape(text)}</div>" if text
                         else "<p class='none'>no answer</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def main(*, folder: Path, out: Path | None = None, root: Path | None = None, log=print) -> int:
    """Write the answers page and the scores sheet of a graded folder; 2 when it is not one."""
    if not (folder / "batch.json").exists():
        log(f"{folder} is not a graded folder (no batch.json): run `autodiff-course grade` first")
        return 2
    manifest, records = load_records(folder)
    assignment = manifest["assignment"]
    written = questions(assignment, root)
    if not written:
        log(f"{assignment} has no written questions: nothing to write")
        return 0
    target = out or folder / "written.html"
    write_atomic(target, render(assignment, written, records, folder, root))
    sheet = folder / SHEET
    existed = sheet.exists()
    kept = read_sheet(sheet, written) if existed else {}
    write_atomic(sheet, sheet_text(written, records, kept))
    log(f"wrote {target} ({len(records)} submissions, {len(written)} written questions)")
    log(f"{'updated' if existed else 'wrote'} {sheet}: fill in the points, then run "
        f"`autodiff-course export {folder}` (scores already typed in are kept)")
    return 0
