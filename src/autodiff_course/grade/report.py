"""``autodiff-course report DIR``: one HTML page about a graded batch.

Score histogram, pass rate per question and per test, statuses with their reasons, and the slowest
submissions. Plots are matplotlib PNGs embedded as data URIs, so the page is a single file.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path

from .batch import load_records
from .files import write_atomic


def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _histogram(records: list[dict]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    totals = [r["total"] for r in records]
    top = max((r["max_total"] for r in records), default=1) or 1
    fig, ax = plt.subplots(figsize=(6, 3))
    if top <= 40:  # one bar per whole point, centred on it
        edges = [x - 0.5 for x in range(int(top) + 2)]
        ax.hist(totals, bins=edges, color="#4C72B0", edgecolor="white")
    else:
        ax.hist(totals, bins=40, range=(0, top), color="#4C72B0", edgecolor="white")
    ax.set_xlabel(f"total score (out of {top:g})")
    ax.set_ylabel("submissions")
    ax.set_title("Score distribution")
    return _png(fig)


def _bars(labels: list[str], rates: list[float], title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 0.35 * len(labels) + 1))
    ax.barh(labels[::-1], [100 * r for r in rates[::-1]], color="#55A868")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of submissions")
    ax.set_title(title)
    return _png(fig)


def _table(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(manifest: dict, records: list[dict]) -> str:
    questions: dict[str, list[dict]] = {}
    tests: dict[str, list[bool]] = {}
    for r in records:
        for name, q in r["questions"].items():
            questions.setdefault(name, []).append(q)
        for t in r["tests"]:
            tests.setdefault(f"{t['question']}: {t['test']}" + (" (hidden)" if t["hidden"] else ""), []).append(t["passed"])
    q_names = list(questions)
    q_full = [sum(q["score"] >= q["max_score"] for q in questions[n]) / len(questions[n]) for n in q_names]
    q_mean = [sum(q["score"] for q in questions[n]) / len(questions[n]) for n in q_names]
    t_names = list(tests)
    t_rates = [sum(v) / len(v) for v in tests.values()]
    statuses = Counter(r["status"] for r in records)
    problems = [[r["id"], r["status"], r["reason"]] for r in records if r["status"] != "ok"]
    slowest = sorted(records, key=lambda r: r.get("seconds") or 0, reverse=True)[:10]
    n = len(records)
    mean = sum(r["total"] for r in records) / n if n else 0.0
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Grading report: {html.escape(manifest['assignment'])}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style></head><body>",
        f"<h1>Grading report: {html.escape(manifest['assignment'])}</h1>",
        f"<p>{n} of {len(manifest['submissions'])} submissions graded; mean total {mean:.2f}; "
        + ", ".join(f"{c} {html.escape(s)}" for s, c in sorted(statuses.items())) + "</p>",
    ]
    if records:
        parts += [f"<h2>Scores</h2><img alt='score histogram' src='{_histogram(records)}'>"]
        parts += ["<h2>Questions</h2>", _table(["question", "full marks", "mean score", "max"],
                  [[q, f"{100 * f:.0f}%", f"{m:.2f}", f"{questions[q][0]['max_score']:g}"]
                   for q, f, m in zip(q_names, q_full, q_mean)]),
                  f"<img alt='full marks per question' src='{_bars(q_names, q_full, 'Full marks per question')}'>"]
        parts += ["<h2>Tests</h2>", _table(["test", "passed"], [[t, f"{100 * r:.0f}%"] for t, r in zip(t_names, t_rates)]),
                  f"<img alt='pass rate per test' src='{_bars(t_names, t_rates, 'Pass rate per test')}'>"]
    parts += ["<h2>Problems</h2>", _table(["id", "status", "reason"], problems) if problems else "<p>none</p>"]
    parts += ["<h2>Slowest submissions</h2>",
              _table(["id", "seconds", "status"], [[r["id"], f"{r.get('seconds') or 0:.1f}", r["status"]] for r in slowest])]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def main(*, folder: Path, out: Path | None = None, log=print) -> int:
    if not (folder / "batch.json").exists():
        log(f"{folder} is not a graded folder (no batch.json): run `autodiff-course grade` first")
        return 2
    manifest, records = load_records(folder)
    target = out or folder / "report.html"
    write_atomic(target, render(manifest, records))
    log(f"wrote {target} ({len(records)} submissions)")
    return 0
