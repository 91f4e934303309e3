"""Make generated files byte-reproducible: stable notebooks and zips with fixed names and dates."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import nbformat

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
EXECUTABLE = {"run_autograder", "setup.sh"}
_VOLATILE_CELL_METADATA = ("execution", "lines_to_next_cell", "collapsed", "scrolled")


def notebook(nb: nbformat.NotebookNode, prefix: str = "cell") -> nbformat.NotebookNode:
    """Give cells sequential ids and drop metadata that changes from run to run."""
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{prefix}-{index:03d}"
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nb.metadata.pop("jupytext", None)
    nb.metadata.pop("widgets", None)
    language_info = nb.metadata.get("language_info")
    if language_info:
        language_info.pop("version", None)
    return nb


_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,}")


def unstable_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Outputs that differ between identical runs (object reprs with memory addresses)."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + [
                value for key, value in output.get("data", {}).items() if key.startswith("text/")
            ]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                match = _ADDRESS.search(text)
                if match:
                    line = next(l for l in text.splitlines() if match.group(0) in l)
                    found.append(f"cell {index}: {line.strip()[:100]}")
    return found


def write_notebook(nb: nbformat.NotebookNode, path: Path, prefix: str = "cell") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        nbformat.write(notebook(nb, prefix), handle)


def rewrite_zip(source: Path, target: Path, extra: dict[str, bytes] | None = None) -> None:
    """Copy a zip with entries sorted, dated 1980-01-01 and given fixed permissions.

    ``extra`` adds or replaces entries (archive name -> bytes). Caches are dropped.
    """
    entries: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as zin:
        for info in zin.infolist():
            if info.is_dir() or "__pycache__" in info.filename or info.filename.endswith(".pyc"):
                continue
            entries[info.filename] = zin.read(info)
    entries.update(extra or {})
    write_zip(entries, target)


def write_zip(entries: dict[str, bytes], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if Path(name).name in EXECUTABLE else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.create_system = 3
            zout.writestr(info, entries[name])
