"""Scan a student release for solution lines and hidden-test source, whatever otter's flags say."""

from __future__ import annotations

import json
from pathlib import Path

from .master import Master


def _strings(value) -> list[str]:
    """Every string inside a JSON document (cell sources, outputs, metadata alike)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []  # binary data (arrays, images) carries no source lines
    if path.suffix == ".ipynb":
        chunks = _strings(json.loads(text))
    else:
        chunks = [text]
    return [line.strip() for chunk in chunks for line in chunk.splitlines()]


def suspects(master: Master) -> dict[str, str]:
    """Lines that must never reach students, each with what it is."""
    found = {line: "solution line" for line in master.solution_lines() - master.public_lines()}
    found.update({line: "hidden-test line" for line in master.hidden_test_lines() - master.public_lines()})
    return found


def scan(release_dir: Path, master: Master) -> list[str]:
    """Findings as ``file: kind: line``; empty when the release is clean."""
    bad = suspects(master)
    findings = []
    for path in sorted(p for p in release_dir.rglob("*") if p.is_file()):
        for line in _lines(path):
            if line in bad:
                findings.append(f"{path.relative_to(release_dir)}: {bad[line]}: {line}")
    return findings
