#!/usr/bin/env bash
# Create .venv and install the project with pinned versions. Idempotent: a second run is quick.
# Where no NVIDIA GPU is present, torch's CPU build is installed (the CUDA build is several GB).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv
bash tools/pdf_deps.sh  # pandoc + xelatex for the PDF in the submission zip (quick when present)
stamp="$VENV/.installed-$(cat pyproject.toml constraints.txt tools/bootstrap.sh | sha256sum | cut -c1-16)"
if [ -f "$stamp" ]; then exit 0; fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"; }

if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  echo "bootstrap: NVIDIA GPU found, installing torch 2.13.0 with CUDA"
  pip install "torch==2.13.0"
else
  echo "bootstrap: no GPU, installing torch 2.13.0 (CPU build)"
  pip install "torch==2.13.0+cpu" 2>/dev/null \
    || pip install "torch==2.13.0+cpu" --extra-index-url https://download.pytorch.org/whl/cpu
fi
echo "bootstrap: installing the project and its pinned dependencies"
pip install -c constraints.txt -e ".[dev]"
"$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null
rm -f "$VENV"/.installed-*
touch "$stamp"
