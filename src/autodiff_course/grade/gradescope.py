"""Gradescope: the autograder zip runs this engine instead of otter's in-process runner.

The build replaces the zip's ``run_otter.py`` (which otter's ``run_autograder`` calls) with
:data:`ENTRY_POINT`. It grades ``/autograder/submission`` exactly as ``autodiff-course grade``
does (child process, limits, judges outside the student's process) and writes
``/autograder/results/results.json``. Paths are found from the entry file's own place, so a test
can unpack the zip into any folder laid out as ``source/``, ``submission/``, ``results/``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import traceback
from pathlib import Path

from . import engine, release as release_mod, submissions
from .files import write_json
from .sandbox import open_interpreter_path, protect_grading
from .settings import Limits

ENTRY_POINT = '''\
"""Gradescope entry point (written by autodiff-course's build): grade the submission with the
course's own engine: the student's notebook runs in a child process, the judges run here."""

import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent
sys.path.insert(0, str(SOURCE / "files"))

from autodiff_course.grade.gradescope import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(SOURCE.parent))
'''

def zip_metadata(student_notebook: Path) -> bytes:
    """``grading.json`` for the zip: what the engine reads from the student release locally (the
    questions' order and the placeholder contributors), since the zip holds no student notebook."""
    meta = {
        "question_order": release_mod.notebook_order(student_notebook),
        "placeholder_contributors": release_mod.placeholder_contributors(student_notebook),
        "imports": sorted(set(release_mod.notebook_imports(student_notebook))),
    }
    return (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode()


OTTER_PLUGIN = "autodiff_course.grade.otter_plugin.Refuse"
"""Named in the zip's ``otter_config.json``: ``otter run`` with the zip stops before the notebook
runs (:mod:`.otter_plugin`)."""


def otter_config(config: bytes) -> bytes:
    """The zip's ``otter_config.json`` with :data:`OTTER_PLUGIN` among its plugins."""
    value = json.loads(config)
    value["plugins"] = [p for p in value.get("plugins", []) if p != OTTER_PLUGIN] + [OTTER_PLUGIN]
    return (json.dumps(value, indent=2) + "\n").encode()


GRADING_PACKAGES = ("torch", "numpy", "matplotlib", "ipython", "nbformat")
"""What the engine and the notebooks import when grading; the zip pins them and all they depend on."""
TORCH_PIN = "torch==2.13.0+cpu"  # torch's CPU build: the CUDA one is gigabytes Gradescope has no GPU for
GRADESCOPE_MARKERS = {"extra": "", "python_version": "3.11", "sys_platform": "linux", "platform_system": "Linux",
                      "os_name": "posix", "platform_machine": "x86_64", "implementation_name": "cpython"}


def _name(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


def grading_pins(constraints: Path) -> list[str]:
    """``name==version`` for every package grading imports and each of their dependencies, at the
    versions ``constraints.txt`` pins for local grading (torch: its CPU build)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    pinned = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.strip().split("==", 1)
            pinned[_name(name)] = f"{name}=={version}"
    seen, todo = set(), list(GRADING_PACKAGES)
    while todo:
        name = _name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            requires = []
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate(GRADESCOPE_MARKERS):
                todo.append(requirement.name)
    return [TORCH_PIN] + sorted((pinned[n] for n in seen if n in pinned), key=str.lower)


def zip_environment(constraints: Path) -> bytes:
    """The zip's ``environment.yml`` (what its ``setup.sh`` installs): Python and the grading pins."""
    lines = ["name: otter-env", "channels:", "  - conda-forge", "dependencies:", "  - python=3.11", "  - pip",
             "  - pip:", "      - --extra-index-url https://download.pytorch.org/whl/cpu"]
    return ("\n".join(lines + [f"      - {pin}" for pin in grading_pins(constraints)]) + "\n").encode()


SETUP_SH = """\
#!/usr/bin/env bash
# Written by autodiff-course's build, in place of otter's stock setup.sh. Grading needs Python 3.11
# and the pinned packages of environment.yml, nothing more: no PDF is made here (no LaTeX, pandoc
# or browser) and nothing is in R. Miniforge is only the source of a Python 3.11 on any base image;
# run_autograder activates the environment it makes.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v wget >/dev/null; then
    apt-get update && apt-get install -y --no-install-recommends wget ca-certificates
fi
wget -nv "https://github.com/conda-forge/miniforge/releases/download/25.3.1-0/Miniforge3-Linux-$(uname -m).sh" \\
    -O /tmp/miniforge.sh
bash /tmp/miniforge.sh -b -p /root/miniforge3
rm -f /tmp/miniforge.sh
export PATH=/root/miniforge3/bin:$PATH
mamba env create -f /autograder/source/environment.yml
mamba shell init --shell bash
"""


def zip_entries(student_notebook: Path, constraints: Path) -> dict[str, bytes]:
    """What the build puts into otter's zip in place of otter's own: our entry point, grading
    metadata, the pinned environment and the set-up that installs only that."""
    return {"run_otter.py": ENTRY_POINT.encode(), "grading.json": zip_metadata(student_notebook),
            "environment.yml": zip_environment(constraints), "setup.sh": SETUP_SH.encode()}


LIMITS = Limits()
"""Gradescope stops an autograder after its own limit (10 minutes unless set); the defaults stay well below."""


def _submission(folder: Path, assignment: str) -> submissions.Submission:
    """Whatever the student uploaded, as one submission: a notebook, an export zip, or both."""

    def load():
        found = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in {".ipynb", ".zip"}
                       and ".ipynb_checkpoints" not in p.parts and "__MACOSX" not in p.parts)
        notebooks = [p for p in found if p.suffix.lower() == ".ipynb"]
        for group in (notebooks, [p for p in found if p.suffix.lower() == ".zip"]):
            if not group:
                continue
            choice = submissions.pick([p.name for p in group], assignment)
            chosen = group[-1] if choice is None else group[choice]
            return submissions._file_loader(chosen, assignment)()
        raise submissions.SubmissionError("the submission holds no notebook (.ipynb) or zip made by the export cell")

    return submissions.Submission(id="submission", source=str(folder), loader=load)


def main(root: Path | str = "/autograder") -> int:
    root = Path(root)
    target = root / "results" / "results.json"
    try:
        if os.geteuid() == 0:  # the image keeps conda under /root: let the notebook's own uid reach it
            open_interpreter_path()
        release = release_mod.gradescope(root / "source")
        if os.geteuid() == 0:  # the judges: the grader's alone, with or without an enclosure
            protect_grading(release.grading)
        sub = _submission(root / "submission", release.assignment)
        with tempfile.TemporaryDirectory(prefix="gradescope-") as tmp:
            engine.run(release, [sub], Path(tmp), jobs=1, force=True, limits=LIMITS)
            results = json.loads((Path(tmp) / sub.id / "results.json").read_text())
        # Gradescope has its own groups: the Canvas-credit notes mean nothing to students there
        results["output"] = "\n".join(line for line in results["output"].splitlines() if "CONTRIBUTORS" not in line)
    except Exception:  # the grader itself failed: say so to the student, keep the details hidden
        results = {
            "score": 0,
            "output": "The autograder failed on this submission. Please tell your instructor.",
            "stdout_visibility": "hidden",
            "tests": [{"name": "Autograder error", "score": 0, "max_score": 0, "visibility": "hidden",
                       "output": traceback.format_exc()[-4000:]}],
        }
    write_json(target, results)
    target.chmod(0o644)  # for Gradescope's harness, whatever its uid: no other student shares this machine
    return 0
