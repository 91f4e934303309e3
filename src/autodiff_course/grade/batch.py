"""``autodiff-course grade``: find submissions, grade them, write the batch's CSVs."""

from __future__ import annotations

import json
import time
from pathlib import Path

from . import engine, manual, release as release_mod, results, submissions
from .files import write_json
from .settings import limits_from
from .progress import ProgressBar


def main(*, assignment: str, sources: list[Path], out: Path, jobs: int = 1, force: bool = False,
         roster: Path | None = None, canvas_column: str | None = None, root: Path | None = None,
         quiet: bool = False, log=print, **limits) -> int:
    """Grade ``sources`` for ``assignment`` into ``out``; 0 when every submission was graded ok,
    1 when some were not (they still have rows and reasons), 2 when nothing could be graded.
    ``limits``: any field of :class:`~.settings.Limits` (``timeout=``, ``cell_timeout=``...);
    ``None`` or absent keeps its default."""
    try:
        release = release_mod.local(assignment, root)
    except release_mod.ReleaseError as error:
        log(f"cannot grade: {error}")
        return 2
    subs = submissions.discover(sources, assignment)
    if not subs:
        log("no submissions found in the paths given")
        return 2
    started = time.monotonic()
    before = {s.id: _stamp(out / s.id / "grade.json") for s in subs}
    try:
        records = engine.run(release, subs, out, jobs=jobs, force=force, limits=limits_from(**limits),
                             progress=None if quiet else ProgressBar())
    except KeyboardInterrupt:
        done = sum((out / s.id / "grade.json").exists() for s in subs)
        log(f"\ninterrupted: {done} of {len(subs)} graded and kept; run the same command again to grade the rest")
        return 130
    try:
        totals = manual.with_written(out, assignment, records, root)
    except manual.ManualError as error:
        log(f"the written questions' scores are left out: {error}")
        totals = records
    written = results.write_batch(release, totals, out, roster=roster, canvas_column=canvas_column)
    write_json(out / "batch.json", {
        "assignment": assignment,
        "submissions": [{"id": s.id, "source": s.source} for s in subs],
        "jobs": jobs,
        "seconds": round(time.monotonic() - started, 2),
    })
    counts = {status: sum(r["status"] == status for r in records) for status in results.STATUSES}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    fresh = sum(_stamp(out / s.id / "grade.json") != before[s.id] for s in subs)
    kept = f" ({len(records) - fresh} already graded, kept)" if fresh < len(records) else ""
    log(f"graded {fresh} of {len(records)} submission(s) of {assignment} in {time.monotonic() - started:.1f} s"
        f"{kept}; all {len(records)}: {summary}")
    log(f"  {written['grades']}\n  {written['canvas']}")
    return 0 if counts["ok"] == len(records) else 1


def _stamp(path: Path):
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def load_records(out: Path) -> tuple[dict, list[dict]]:
    """The batch manifest and the grade records of a graded folder (for the report)."""
    manifest = json.loads((out / "batch.json").read_text())
    records = []
    for entry in manifest["submissions"]:
        path = out / entry["id"] / "grade.json"
        if path.exists():
            records.append(json.loads(path.read_text()))
    return manifest, records


def export(*, folder: Path, roster: Path | None = None, canvas_column: str | None = None, root: Path | None = None,
           log=print) -> int:
    """Write a graded folder's grades.csv and Canvas CSV again (say with a roster), grading nothing."""
    if not (folder / "batch.json").exists():
        log(f"{folder} is not a graded folder (no batch.json): run `autodiff-course grade` first")
        return 2
    manifest, records = load_records(folder)
    missing = len(manifest["submissions"]) - len(records)
    if missing:
        log(f"{missing} submission(s) of the batch are not graded yet: run the same `grade` command again")
        return 1
    try:
        records = manual.with_written(folder, manifest["assignment"], records, root)
    except manual.ManualError as error:
        log(f"cannot read the written questions' scores: {error}")
        return 2
    replaced = [name for name in ("grades.csv", "canvas_grades.csv") if (folder / name).exists()]
    written = results.write_batch(release_mod.local(manifest["assignment"], root), records, folder,
                                  roster=roster, canvas_column=canvas_column)
    log(f"wrote {written['grades']} and {written['canvas']}"
        + (f" (replacing the {' and '.join(replaced)} that were there)" if replaced else ""))
    return 0
