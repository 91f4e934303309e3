"""``autodiff-course report DIR``: one HTML page about a graded batch.

For an instructor: the problems (statuses with their reasons), the credit given in the Canvas CSV
(``credit.json``, when there is one), a table of every submission sortable in the browser (a
score per question, status, late, contributors, notes, links to its executed notebook and
results), the score histogram, pass rates per question and test (counting only submissions that
could be graded), the most common failure messages per test, and the slowest submissions. Plots
are matplotlib PNGs embedded as data URIs and the sorting is a few lines of inline script, so the
page is a single file that needs no network.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
from collections import Counter
from pathlib import Path

from .batch import load_records
from .files import write_atomic
from .manual import ManualError, with_written


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


def _table(header: list[str], rows: list[list], sortable: bool = False) -> str:
    """An HTML table; cells are text (escaped) or ``Markup`` (trusted HTML made here)."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    kind = " class='sortable'" if sortable else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Markup(str):
    """HTML this module built from escaped parts."""


def _cell(value) -> str:
    return value if isinstance(value, Markup) else html.escape(str(value))


# Click a column's header to sort by it (numbers as numbers), again to reverse. No network.
SORT_JS = """<script>
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var up = th.dataset.dir !== 'up'; th.dataset.dir = up ? 'up' : 'down';
    function key(r) { var t = r.cells[col].innerText.trim(), n = parseFloat(t);
                      return isNaN(n) || !/^-?[0-9.]/.test(t) ? t.toLowerCase() : n; }
    rows.sort(function (a, b) { var x = key(a), y = key(b);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
</script>"""

STYLE = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}table.sortable{font-size:85%}"
         "table.sortable td:last-child{min-width:30em;font-size:90%;color:#444}"
         "table.sortable th{max-width:7em;word-break:break-all}"
         "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
         "table.sortable th{cursor:pointer;background:#eef}table.sortable th:after{content:' \\2195';color:#99a}"
         ".bad{color:#a00}.late{color:#a60}")

EXCLUDED = ("invalid", "wrong_assignment", "error")  # rows that say nothing about a test


def _link(href: str, text: str) -> Markup:
    return Markup(f"<a href='{html.escape(href)}'>{html.escape(text)}</a>")


def students_table(records: list[dict], q_names: list[str], base: str) -> str:
    """One row per submission: links, late, contributors, a score per question, status, notes."""
    header = ["id", "files", "late", "contributors", *q_names, "total", "status", "notes"]
    rows = []
    for r in records:
        folder = f"{base}{r['id']}/"
        files = Markup(" ".join(_link(folder + name, label) for name, label in
                                (( f"{r['id']}.ipynb", "notebook"), ("results.json", "results"))))
        scores = [f"{r['questions'][q]['score']:g}" if q in r["questions"] else "" for q in q_names]
        status = Markup(f"<span class='{'bad' if r['status'] != 'ok' else ''}'>{html.escape(r['status'])}</span>")
        late = Markup("<span class='late'>late</span>") if r.get("late") else ""
        rows.append([r["id"], files, late, " ".join(r.get("contributors", [])), *scores,
                     f"{r['total']:g}", status, " | ".join(r.get("notes", []))])
    return _table(header, rows, sortable=True)


def failures_table(records: list[dict], top: int = 3) -> list[list]:
    """Per test failed by a valid submission: how many failed it and its most common messages."""
    failed: dict[str, Counter] = {}
    for r in records:
        for t in r["tests"]:
            if not t["passed"]:
                failed.setdefault(f"{t['question']}: {t['test']}", Counter())[t["output"][:300] or "failed"] += 1
    return [[name, sum(c.values()), Markup("<br>".join(f"{n} × {html.escape(m)}" for m, n in c.most_common(top)))]
            for name, c in sorted(failed.items(), key=lambda kv: -sum(kv[1].values()))]


def credit_section(folder: Path | None) -> list[str]:
    """What the results folder's ``credit.json`` says (written with the Canvas CSV), when there is one."""
    path = folder / "credit.json" if folder else None
    if path is None or not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ["<h2>Credit</h2><p class='bad'>credit.json could not be read</p>"]
    parts = ["<h2>Credit</h2>"]
    for key, value in (data.items() if isinstance(data, dict) else [("credit", data)]):
        items = value if isinstance(value, list) else [value]
        parts.append(f"<h3>{html.escape(str(key).replace('_', ' '))} ({len(items)})</h3>")
        if items:
            parts.append("<ul>" + "".join(f"<li>{html.escape(_plain(i))}</li>" for i in items) + "</ul>")
    return parts


def _plain(item) -> str:
    if isinstance(item, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in item.items())
    if isinstance(item, list):
        return ", ".join(map(_plain, item))
    return str(item)


def render(manifest: dict, records: list[dict], folder: Path | None = None, base: str = "") -> str:
    """The page; ``base`` is the results folder as seen from the page (links), ``folder`` where it is."""
    valid = [r for r in records if r["status"] not in EXCLUDED]
    questions: dict[str, list[dict]] = {}
    tests: dict[str, list[bool]] = {}
    q_order: list[str] = []
    for r in records:
        q_order += [n for n in r["questions"] if n not in q_order]
    for r in valid:
        for name, q in r["questions"].items():
            questions.setdefault(name, []).append(q)
        for t in r["tests"]:
            tests.setdefault(f"{t['question']}: {t['test']}" + (" (hidden)" if t["hidden"] else ""), []).append(t["passed"])
    q_names = [n for n in q_order if n in questions]
    q_full = [sum(q["score"] >= q["max_score"] for q in questions[n]) / len(questions[n]) for n in q_names]
    q_mean = [sum(q["score"] for q in questions[n]) / len(questions[n]) for n in q_names]
    t_names = list(tests)
    t_rates = [sum(v) / len(v) for v in tests.values()]
    statuses = Counter(r["status"] for r in records)
    problems = [[r["id"], r["status"], r["reason"]] for r in records if r["status"] != "ok"]
    slowest = sorted(records, key=lambda r: r.get("seconds") or 0, reverse=True)[:10]
    n = len(records)
    mean = sum(r["total"] for r in records) / n if n else 0.0
    top = max((r["max_total"] for r in records), default=0)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Grading report: {html.escape(manifest['assignment'])}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Grading report: {html.escape(manifest['assignment'])}</h1>",
        f"<p>{n} of {len(manifest['submissions'])} submissions graded; mean total {mean:.2f} of {top:g}; "
        + ", ".join(f"{c} {html.escape(s)}" for s, c in sorted(statuses.items()))
        + f". Pass rates count the {len(valid)} submissions that could be graded "
          f"(not {', '.join(EXCLUDED)}).</p>",
    ]
    parts += ["<h2>Problems</h2>", _table(["id", "status", "reason"], problems) if problems else "<p>none</p>"]
    parts += credit_section(folder)
    if records:
        parts += ["<h2>Students</h2><p>Click a column's title to sort by it.</p>",
                  students_table(records, q_order, base)]
    if valid:
        parts += [f"<h2>Scores</h2><img alt='score histogram' src='{_histogram(valid)}'>"]
        parts += ["<h2>Questions</h2>", _table(["question", "full marks", "mean score", "max"],
                  [[q, f"{100 * f:.0f}%", f"{m:.2f}", f"{questions[q][0]['max_score']:g}"]
                   for q, f, m in zip(q_names, q_full, q_mean)]),
                  f"<img alt='full marks per question' src='{_bars(q_names, q_full, 'Full marks per question')}'>"]
        parts += ["<h2>Tests</h2>", _table(["test", "passed"], [[t, f"{100 * r:.0f}%"] for t, r in zip(t_names, t_rates)]),
                  f"<img alt='pass rate per test' src='{_bars(t_names, t_rates, 'Pass rate per test')}'>"]
        failures = failures_table(valid)
        parts += ["<h2>Most common failure messages</h2>",
                  _table(["test", "failed by", "messages (how many)"], failures) if failures else "<p>none</p>"]
    parts += ["<h2>Slowest submissions</h2>",
              _table(["id", "seconds", "status"], [[r["id"], f"{r.get('seconds') or 0:.1f}", r["status"]] for r in slowest])]
    parts.append(SORT_JS)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def main(*, folder: Path, out: Path | None = None, log=print) -> int:
    if not (folder / "batch.json").exists():
        log(f"{folder} is not a graded folder (no batch.json): run `autodiff-course grade` first")
        return 2
    manifest, records = load_records(folder)
    try:
        records = with_written(folder, manifest["assignment"], records)
    except ManualError as error:
        log(f"the written questions' scores are left out: {error}")
    target = out or folder / "report.html"
    base = os.path.relpath(folder.resolve(), target.resolve().parent).replace(os.sep, "/") + "/"
    write_atomic(target, render(manifest, records, folder, "" if base == "./" else base))
    log(f"wrote {target} ({len(records)} submissions)")
    return 0
