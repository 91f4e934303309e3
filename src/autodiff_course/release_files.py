"""What the student release holds beside otter's notebook: its first and export cells made to
follow the notebook the student works in, the module they call, requirements.txt and README.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

from . import paths

STUDENT_MODULE = Path(__file__).resolve().parent / "student" / "course_notebook.py"
"""Shipped as ``course_notebook.py`` next to every student notebook (it needs otter alone)."""

TORCH_VERSION = "2.13.0"  # tools/bootstrap.sh installs the same
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PINNED = ("numpy", "matplotlib", "otter-grader", "ipykernel", "ipywidgets", "ipylab", "nbformat", "nbconvert",
          "jupyterlab")
"""What students install, at the versions local grading uses (constraints.txt)."""

INIT_CELL = (
    "# Initialize Otter (the checks and the export follow this notebook, whatever you name it)\n"
    "import otter\n"
    "import course_notebook\n"
    'grader = course_notebook.Notebook("{name}.ipynb")'
)
EXPORT_CELL = (
    "# Saves this notebook, then writes <this notebook's name>_submission.zip next to it\n"
    "# (the notebook and a PDF of it when this machine can make one): submit that zip.\n"
    "grader.export(filtering=False, run_tests=True)"
)


def pins(root: Path | None = None) -> dict[str, str]:
    """Package -> version for :data:`PINNED`, from constraints.txt."""
    found = {}
    constraints = (root or paths.ROOT) / "constraints.txt"
    if not constraints.is_file():  # a course folder without its own pins uses the package's
        constraints = paths.ROOT / "constraints.txt"
    for line in constraints.read_text().splitlines():
        name, _, version = line.strip().partition("==")
        if version:
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    missing = [name for name in PINNED if name not in found]
    if missing:
        raise ValueError(f"constraints.txt pins no version of {', '.join(missing)}")
    return {name: found[name] for name in PINNED}


def requirements(root: Path | None = None) -> str:
    lines = [
        "# pip install -r requirements.txt   (README.md says more)",
        "# torch comes from PyTorch's CPU index below: its CPU build (about 200 MB) on Linux, macOS and",
        "# Windows, where PyPI's Linux wheel would pull several GB of CUDA libraries.",
        f"--extra-index-url {CPU_INDEX}",
        f"torch=={TORCH_VERSION}",
    ]
    lines += [f"{name}=={version}" for name, version in pins(root).items()]
    return "\n".join(lines) + "\n"


def readme(name: str) -> str:
    return f"""# Assignment {name}

## Install (once)

With Python 3.10 or newer (the grader runs 3.11), in this folder:

```bash
python -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -r requirements.txt
```

This installs torch's CPU build (about 200 MB; it is all this course needs), JupyterLab and otter,
at the versions the grader uses. With an NVIDIA GPU you may add the CUDA build afterwards:
`pip install torch=={TORCH_VERSION} --index-url https://download.pytorch.org/whl/cu126`.

## Work

```bash
jupyter lab {name}.ipynb
```

Keep the notebook in this folder, next to `course_notebook.py` and the other files here. You may
rename it or duplicate it (File, Duplicate): the checks and the export follow the notebook you run.
Run the cells from the top (Run, Run All Cells). Each `grader.check(...)` cell checks the task above
it; until you answer a task its check says so, and the cells after it still run.

## Export and submit

Run the last cell, `grader.export(...)`. It saves the notebook, then writes
`<your notebook's name>_submission.zip` next to it, holding the notebook and a PDF of it, and runs
the zipped notebook once more against the checks. Running it again replaces that zip.

* **Gradescope**: upload the zip.
* **Canvas**: upload the zip to the assignment.

The hidden tests that give the points run only after you submit; the checks here look at shapes
and types.

## Without LaTeX

The PDF is made with pandoc and LaTeX (xelatex) when they are installed, otherwise by Chrome,
Chromium or Edge printing the notebook (found where they are usually installed; set
`COURSE_PDF_BROWSER` to the browser's path if yours is elsewhere). With none of them the zip holds
the notebook alone, which the grader accepts, and the cell says so; where your course also wants a
PDF, print the notebook from your browser (File, Print, Save as PDF). To install the LaTeX route:
Debian or Ubuntu `sudo apt-get install pandoc texlive-xetex texlive-latex-extra
texlive-fonts-recommended texlive-plain-generic`; macOS `brew install pandoc` and
`brew install --cask mactex-no-gui`; Windows pandoc and MiKTeX from their installers.
"""


def _find(nb: nbformat.NotebookNode, pattern: str):
    cells = [c for c in nb.cells if c.cell_type == "code" and re.search(pattern, c.source, re.M)]
    if len(cells) != 1:
        raise ValueError(f"expected one cell matching {pattern!r}, found {len(cells)}")
    return cells[0]


def rewrite_cells(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Otter's init cell -> :data:`INIT_CELL`; its export cell -> :data:`EXPORT_CELL`."""
    _find(nb, r"otter\.Notebook\(").source = INIT_CELL.format(name=name)
    _find(nb, r"^\s*grader\.export\(").source = EXPORT_CELL
    return nb


def write_student_files(folder: Path, name: str, root: Path | None = None) -> None:
    shutil.copyfile(STUDENT_MODULE, folder / STUDENT_MODULE.name)
    (folder / "requirements.txt").write_text(requirements(root))
    (folder / "README.md").write_text(readme(name))
