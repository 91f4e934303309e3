"""Judging and the grade record: per-test scores, contributors, status and reason."""

from __future__ import annotations

import re
import threading

from .cells import cell_label
from .protocol import MAX_MESSAGE_CHARS

GRADE_VERSION = 1
LOGIN = re.compile(r"^[A-Za-z0-9._@+-]{1,64}$")
MAX_CONTRIBUTORS = 6
STATUS_ORDER = ("invalid", "wrong_assignment", "error", "crashed", "timeout")  # the first present names the record's status
_JUDGE_LOCK = threading.Lock()


def judge_check(assignment: str, check: str, probe_result, workdir=None) -> str | None:
    """Run one judge here; judges may seed and use global RNGs, so one at a time. ``workdir``: the
    job folder the notebook ran in, for judges that read it (the child has exited by now)."""
    from .. import hidden

    if not isinstance(probe_result, dict) or type(probe_result.get("ok")) is not bool:
        return "the grader received no readable result for this check"
    if probe_result["ok"] is False and probe_result.get("stopped") in ("limit", "not_run"):
        return str(probe_result.get("error", ""))[:200]
    if probe_result["ok"] is False and isinstance(probe_result.get("undefined"), str):
        return f"`{probe_result['undefined'][:80]}` is not defined (did an earlier cell fail?)"
    with _JUDGE_LOCK:
        hidden.seed_everything()
        return hidden.judge(assignment, check, probe_result, workdir)


def contributors_of(raw, placeholder: list[str]) -> tuple[list[str], str]:
    """Validated logins from the notebook's ``CONTRIBUTORS``; (logins, problem in plain words)."""
    if raw is None:
        return [], "the notebook defines no CONTRIBUTORS"
    if not isinstance(raw, list):
        return [], "CONTRIBUTORS is not a list of logins"
    logins: list[str] = []
    for item in raw[:MAX_CONTRIBUTORS]:
        if isinstance(item, str) and LOGIN.match(item.strip()) and item.strip() not in placeholder:
            if item.strip() not in logins:
                logins.append(item.strip())
    if not logins:
        return [], "CONTRIBUTORS still holds the placeholder or no valid login"
    return logins, ""


def score(release, result: dict | None, events: list, workdir=None) -> dict:
    """Per-test scores: public tests from the child's run, hidden tests from judges run here (on
    the child's data and, for judges that ask, its job folder ``workdir``)."""
    tests, questions = [], {}
    fallback = "; ".join(text for _, text in events) or "the notebook could not be graded"
    for question in release.questions:
        got = 0.0
        for test in question.tests:
            if result is None:
                passed, output = False, f"not graded: {fallback}"
            elif test.hidden:
                messages = [
                    judge_check(release.assignment, check, result["checks"].get(check), workdir)
                    for check in test.checks
                ]
                failed = [m for m in messages if m is not None]
                passed, output = not failed, "; ".join(failed)
            else:
                public = result["public"].get(test.key)
                if not isinstance(public, dict) or type(public.get("passed")) is not bool:
                    passed, output = False, "the grader received no result for this test"
                else:
                    passed, output = public["passed"], str(public.get("message", ""))
            output = output if len(output) <= MAX_MESSAGE_CHARS else output[:MAX_MESSAGE_CHARS - 1] + "…"
            points = test.points if passed else 0.0
            got += points
            tests.append({
                "question": question.name, "test": test.name, "hidden": test.hidden,
                "score": points, "max_score": test.points, "passed": passed, "output": output,
            })
        questions[question.name] = {"score": got, "max_score": question.points}
    total = sum(q["score"] for q in questions.values())
    return {"tests": tests, "questions": questions, "total": total, "max_total": release.max_points}


def new_record(release, sub, digest: str, notebook: str) -> dict:
    """A submission's grade record before anything is graded."""
    return {
        "version": GRADE_VERSION,
        "id": sub.id,
        "source": sub.source,
        "assignment": release.assignment,
        "fingerprint": release.fingerprint,
        "digest": digest,
        "notebook": notebook,
        "students": sub.students,
        "late": sub.late,
        "status": "ok",
        "reason": "",
        "notes": list(sub.warnings),  # what loading noticed (zip entries pointing outside it)
        "contributors": [],
        "contributors_from": "",
        "child_logs": [],  # output of children that failed, for instructors (grade.json only)
    }


def finish_record(record: dict, release, sub, result: dict | None, events: list, workdir=None) -> dict:
    """Fill ``record`` from the child's ``result`` (or its absence) and the ``events`` met:
    scores, cells, the child's notes, contributors, status and reason."""
    record.update(score(release, result, events, workdir))
    record["cells"] = result.get("cells", []) if result else []
    child_notes = result.get("notes") if result else None  # the child's own observations (untrusted text)
    for note in child_notes[:5] if isinstance(child_notes, list) else []:
        if isinstance(note, str):
            record["notes"].append(note[:300])
    record["child_seconds"] = result.get("seconds") if result else None
    logins, problem = contributors_of(result.get("contributors") if result else None, release.placeholder_contributors)
    if logins:
        record["contributors"], record["contributors_from"] = logins, "notebook"
    elif sub.students:
        record["contributors"] = [s["name"] for s in sub.students]
        record["contributors_from"] = "canvas"
        record["notes"].append(f"{problem}; the grade goes to the Canvas submitter")
    else:
        record["contributors_from"] = "none"
        record["notes"].append(f"{problem}; nobody can be credited in the Canvas CSV")
    if record["cells"]:
        errors = [c for c in record["cells"] if c.get("status") == "error"]
        if errors:
            first = errors[0]
            record["notes"].append(f"{len(errors)} cell(s) raised an error; the first, {cell_label(first)}: "
                                   f"{first.get('error', '')}")
    kinds = [k for k, _ in events]
    for status in STATUS_ORDER:
        if status in kinds:
            record["status"] = status
            break
    record["reason"] = "; ".join(text for _, text in events)
    return record


def failure_record(release, sub, error: Exception) -> dict:
    """The record of a submission the grader itself failed on (graded again next run)."""
    events = [("error", f"the grader failed on this submission ({type(error).__name__}: {error}); "
                        "please report it")]
    record = {
        "version": GRADE_VERSION, "id": sub.id, "source": sub.source, "assignment": release.assignment,
        "fingerprint": "", "digest": "", "notebook": "", "students": sub.students, "late": sub.late,
        "status": "error", "reason": events[0][1], "notes": [], "contributors": [s["name"] for s in sub.students],
        "contributors_from": "canvas" if sub.students else "none", "cells": [], "child_seconds": None,
        "seconds": 0.0,
    }
    record.update(score(release, None, events))
    return record
