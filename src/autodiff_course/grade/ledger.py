"""A results folder as a ledger: every submission ever graded into it, of one assignment.

``batch.json`` lists each submission graded into the folder (id and source) and the runs that
graded them. A new ``grade`` run adds its submissions and replaces those with the same id (a
student's new upload, a regrade); the others stay, so ``grades.csv``, ``canvas_grades.csv``,
``report`` and ``export`` always cover the whole ledger. A folder belongs to the assignment it was
first graded for: grading another one into it is refused before anything is written.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from .files import write_json

MANIFEST = "batch.json"
OURS = {MANIFEST, "grades.csv", "canvas_grades.csv", "credit.json", "report.html"}  # the batch's own files


class LedgerError(Exception):
    """The folder cannot take this run; the message says what to do."""


def read(out: Path) -> dict | None:
    path = out / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LedgerError(f"{path} cannot be read ({error}): move the folder aside and grade into a new one") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("submissions"), list):
        raise LedgerError(f"{path} is not a results manifest: grade into a new folder")
    return manifest


def _owner(out: Path) -> str | None:
    """The assignment of a folder without a manifest (a first run killed before its end)."""
    for path in sorted(out.glob("*/grade.json"))[:50]:
        try:
            return json.loads(path.read_text(encoding="utf-8")).get("assignment")
        except (OSError, ValueError):
            continue
    return None


def check(out: Path, assignment: str) -> dict | None:
    """The folder's manifest (``None`` for a new folder); :class:`LedgerError` when the folder
    belongs to another assignment or is not a results folder at all."""
    if out.exists() and not out.is_dir():
        raise LedgerError(f"--out {out} is a file: give a folder for the results")
    manifest = read(out) if out.exists() else None
    owner = manifest.get("assignment") if manifest else (_owner(out) if out.exists() else None)
    if owner and owner != assignment:
        raise LedgerError(f"{out} holds the grades of {owner}, not of {assignment}: grade {assignment} into a "
                          f"folder of its own (e.g. --out {out.parent / assignment})")
    if not owner and out.exists() and any(p.is_file() and not p.name.startswith(".") and p.name not in OURS
                                          for p in out.iterdir()):
        raise LedgerError(f"{out} is not empty and holds no grades: give a new folder for the results "
                          "(or an existing results folder of the same assignment)")
    return manifest


def merge(manifest: dict | None, assignment: str, subs) -> tuple[dict, int, int]:
    """The ledger with ``subs`` added (a known id is replaced in place); (manifest, added, replaced).

    A source the ledger already holds keeps the id it had (``subs`` are renamed to it): alone in a
    later run, a file whose name once collided would otherwise get another id and a second row."""
    entries = {e["id"]: e for e in (manifest or {}).get("submissions", [])}
    known = {e["source"]: e["id"] for e in entries.values()}
    taken = {s.id.casefold() for s in subs}
    for sub in subs:
        old = known.get(sub.source)
        if old and old != sub.id and old.casefold() not in taken:
            taken.discard(sub.id.casefold())
            taken.add(old.casefold())
            sub.id = old
    added = replaced = 0
    for sub in subs:
        if sub.id in entries:
            replaced += entries[sub.id]["source"] != sub.source
        else:
            added += 1
        entries[sub.id] = {"id": sub.id, "source": sub.source}
    merged = {**(manifest or {}), "assignment": assignment, "submissions": list(entries.values()),
              "runs": list((manifest or {}).get("runs", []))}
    return merged, added, replaced


def write(out: Path, manifest: dict, *, given: int, graded: int, jobs: int, seconds: float) -> None:
    manifest["runs"].append({"finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "given": given, "graded": graded,
                             "jobs": jobs, "seconds": round(seconds, 2)})
    manifest["jobs"], manifest["seconds"] = jobs, round(seconds, 2)  # the last run's, as before
    write_json(out / MANIFEST, manifest)


def load_records(out: Path) -> tuple[dict, list[dict]]:
    """The manifest and the grade record of every submission of the ledger that is graded."""
    manifest = read(out) or {"assignment": "", "submissions": []}
    records = []
    for entry in manifest["submissions"]:
        path = out / entry["id"] / "grade.json"
        if path.exists():
            records.append(json.loads(path.read_text(encoding="utf-8")))
    return manifest, records
