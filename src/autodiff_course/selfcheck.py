"""Score a solution in the same kernel run that executes it: probes there, judges here.

The build executes each solution once (for ``solutions/``); appending one cell that runs every
probe and public test lets it check full marks without a second execution."""

from __future__ import annotations

import json
from pathlib import Path

from . import hidden
from .master import Master
from .otter_runtime import Test

MARK = "AUTODIFF-COURSE-SELFCHECK:"


def epilogue(master: Master, grading: Path) -> str:
    """Source of the extra cell that collects every test's raw result inside the kernel, with
    the probes loaded from ``grading``."""
    spec = [
        {"question": q.name, "name": t.name, "hidden": t.hidden, "points": t.points, "source": t.source}
        for q in master.questions
        for t in q.tests
    ]
    return (
        "from autodiff_course.selfcheck import collect_all as _collect_all\n"
        f"print({MARK!r} + _collect_all({master.name!r}, {json.dumps(spec)!r}, globals(), {str(grading)!r}))"
    )


def collect_all(assignment: str, spec_json: str, env: dict, grading: str) -> str:
    """In the kernel: probe results for hidden checks, pass/fail for other tests, as JSON."""
    from .variants import run_test

    hidden.register(assignment, Path(grading))
    results = []
    for item in json.loads(spec_json):
        test = Test(item["question"], item["name"], item["points"], item["hidden"], item["source"],
                    hidden.checks_named(item["source"]))
        if test.checks:
            probes = {check: hidden.collect(assignment, check, env) for check in test.checks}
            results.append({**item, "probes": probes})
        else:
            outcome = run_test(test, env)
            results.append({**item, "passed": outcome.passed, "message": outcome.message})
    return json.dumps(results)


def score(assignment: str, output: str, workdir: Path | None = None) -> tuple[float, float, list[str]]:
    """Judge the kernel's results here: (points earned, points possible, failure lines). ``workdir``:
    the folder the notebook ran in, for judges that read it."""
    line = next((l for l in output.splitlines() if l.startswith(MARK)), None)
    if line is None:
        return 0.0, float("nan"), ["the self-check cell printed nothing"]
    earned = possible = 0.0
    failures = []
    for item in json.loads(line[len(MARK):]):
        possible += item["points"]
        if "probes" in item:
            messages = [hidden.judge(assignment, check, result, workdir) for check, result in item["probes"].items()]
            messages = [m for m in messages if m]
        else:
            messages = [] if item["passed"] else [item["message"]]
        if messages:
            failures.append(f"{item['question']}/{item['name']}: {'; '.join(messages)}")
        else:
            earned += item["points"]
    return earned, possible, failures
