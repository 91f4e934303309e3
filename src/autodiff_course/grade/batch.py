"""``autodiff-course grade``: check the command, find submissions, grade them, write the ledger's CSVs."""

from __future__ import annotations

import time
from pathlib import Path

from . import engine, ledger, manual, release as release_mod, results, submissions
from .ledger import load_records  # noqa: F401  (the report reads a folder through it)
from .progress import ProgressBar
from .roster import RosterError
from .settings import input_problem, limits_from


def source_problem(sources: list[Path]) -> str:
    """What is wrong with the paths given, in words that say what to do ("" when nothing)."""
    if not sources:
        return "no submission given: name the Canvas download (zip or folder), notebooks or folders to grade"
    for path in map(Path, sources):
        try:
            if not path.exists() and not path.is_symlink():
                return (f"{path} does not exist: check the path (a Canvas download is a zip, or the folder it "
                        "was unpacked into)")
            if path.is_dir() and not any(p.suffix.lower() in {".ipynb", ".zip"} for p in path.rglob("*")):
                return (f"{path} holds no notebook (.ipynb) or zip: give the folder the submissions were "
                        "downloaded or unpacked into")
        except OSError:  # a path the system cannot even look at: its row will say why
            continue
    return ""


def main(*, assignment: str, sources: list[Path], out: Path, jobs: int = 1, force: bool = False,
         roster: Path | None = None, canvas_column: str | None = None, canvas_points: float | None = None,
         root: Path | None = None, quiet: bool = False, log=print, **limits) -> int:
    """Grade ``sources`` for ``assignment`` into the ledger ``out``; 0 when every submission of the
    ledger is graded ok, 1 when some are not (they still have rows and reasons), 2 when the
    command cannot run (nothing is graded or written then), 130 when interrupted.
    ``limits``: any field of :class:`~.settings.Limits` (``timeout=``, ``cell_timeout=``...);
    ``None`` or absent keeps its default."""
    chosen = limits_from(**limits)
    problem = input_problem(jobs, chosen) or source_problem(sources)
    try:
        release = None if problem else release_mod.local(assignment, root)
        manifest = None if problem else ledger.check(out, assignment)
        canvas = None if problem else _canvas(manifest, assignment, roster, canvas_column, canvas_points, log)
    except (release_mod.ReleaseError, RosterError, ledger.LedgerError) as error:
        problem = str(error)
    if problem:
        log(f"cannot grade: {problem}")
        return 2
    subs = submissions.discover(sources, assignment)
    if not subs:
        log("cannot grade: no submissions found in the paths given")
        return 2
    manifest, added, replaced = ledger.merge(manifest, assignment, subs)
    if canvas.roster is not None:  # later runs and `export` use the same roster and column unless told otherwise
        manifest["canvas"] = {"roster": str(Path(canvas.roster.source).resolve()), "column": canvas.column,
                              "points_given": canvas_points or manifest.get("canvas", {}).get("points_given")}
    before = {s.id: _stamp(out, s.id) for s in subs}
    started = time.monotonic()
    ledger.write(out, dict(manifest, runs=list(manifest["runs"])), given=len(subs), graded=0, jobs=jobs, seconds=0)
    try:
        engine.run(release, subs, out, jobs=jobs, force=force, limits=chosen,
                   progress=None if quiet else ProgressBar())
    except KeyboardInterrupt:
        done = sum((out / s.id / "grade.json").exists() for s in subs)
        log(f"\ninterrupted: {done} of {len(subs)} graded and kept; run the same command again to grade the rest")
        return 130
    seconds = time.monotonic() - started
    graded = sum(_stamp(out, s.id) != before[s.id] for s in subs)
    ledger.write(out, manifest, given=len(subs), graded=graded, jobs=jobs, seconds=seconds)
    _, records = load_records(out)
    try:
        totals = manual.with_written(out, assignment, records, root)
    except manual.ManualError as error:
        log(f"the written questions' scores are left out: {error}")
        totals = records
    written = results.write_batch(release, totals, out, canvas)
    counts = {status: sum(r["status"] == status for r in records) for status in results.STATUSES}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    log(f"graded {graded} of the {len(subs)} submission(s) given in {seconds:.1f} s "
        f"({len(subs) - graded} already graded and unchanged; {added} new to the folder, {replaced} replaced)")
    log(f"{out} now holds {len(records)} submission(s) of {assignment}: {summary}")
    log("\n".join(written["summary"]))
    log(f"  {written['grades']}\n  {written['canvas']}\n  {written['credit']}")
    return 0 if counts["ok"] == len(records) else 1


def _canvas(manifest: dict | None, assignment: str, roster: Path | None, column: str | None,
            points: float | None, log) -> results.Canvas:
    """Where grades go in Canvas: as given, else as the folder's last run with a roster had it."""
    remembered = (manifest or {}).get("canvas") or {}
    if remembered and roster is None and Path(remembered["roster"]).is_file():
        roster = Path(remembered["roster"])
        log(f"with the roster of the folder's last run: {roster}")
    if remembered and roster is not None:
        column, points = column or remembered.get("column"), points or remembered.get("points_given")
    return results.canvas_target(assignment, roster, column, points)


def _stamp(out: Path, ident: str):
    try:
        return (out / ident / "grade.json").stat().st_mtime_ns
    except OSError:
        return None


def export(*, folder: Path, roster: Path | None = None, canvas_column: str | None = None,
           canvas_points: float | None = None, root: Path | None = None, log=print) -> int:
    """Write a graded folder's grades.csv, Canvas CSV and credit.json again (say with a roster), grading nothing."""
    try:
        manifest = ledger.read(folder) if folder.is_dir() else None
        if manifest is None:
            log(f"{folder} is not a graded folder (no batch.json): run `autodiff-course grade` first")
            return 2
        release = release_mod.local(manifest["assignment"], root)
        canvas = _canvas(manifest, manifest["assignment"], roster, canvas_column, canvas_points, log)
    except (release_mod.ReleaseError, RosterError, ledger.LedgerError) as error:
        log(f"cannot export: {error}")
        return 2
    manifest, records = load_records(folder)
    missing = len(manifest["submissions"]) - len(records)
    if missing:
        log(f"{missing} submission(s) of the folder are not graded yet: run the same `grade` command again")
        return 1
    try:
        records = manual.with_written(folder, manifest["assignment"], records, root)
    except manual.ManualError as error:
        log(f"cannot read the written questions' scores: {error}")
        return 2
    replaced = [name for name in ("grades.csv", "canvas_grades.csv", "credit.json") if (folder / name).exists()]
    written = results.write_batch(release, records, folder, canvas)
    log("\n".join(written["summary"]))
    log(f"wrote {written['grades']}, {written['canvas']} and {written['credit']}"
        + (f" (replacing the {', '.join(replaced)} that were there)" if replaced else ""))
    return 0
