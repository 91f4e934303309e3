#!/usr/bin/env bash
# Install what the notebooks' export cell needs to put a PDF in the submission zip, offline.
#
# Otter's export cell (grader.export(...)) always renders the PDF through nbconvert's LaTeX
# route: pandoc turns the markdown into LaTeX, xelatex typesets it, and nbconvert's template
# loads a few packages from texlive-latex-extra (adjustbox, titling, enumitem, ucs, upquote),
# texlive-plain-generic (ulem, soul) and texlive-fonts-recommended (eurosym). poppler-utils
# (pdftotext, pdftoppm, pdfimages) is what tests/test_pdf.py reads the PDF back with. chromium is
# the export's route to a PDF without TeX (it prints the notebook's HTML page) and the browser that
# tests/test_student_browser.py drives JupyterLab with.
# Everything comes from Debian's packages, so nothing is downloaded outside the package manager.
#
# Idempotent and quick: when every command and LaTeX style is present it only looks and exits.
# Set AUTODIFF_SKIP_PDF_DEPS=1 to skip it (PDF export and tests/test_pdf.py then need them anyway).
set -euo pipefail

PACKAGES=(pandoc texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-plain-generic poppler-utils chromium)
COMMANDS=(pandoc xelatex kpsewhich pdftotext pdftoppm pdfimages chromium)
STYLES=(adjustbox.sty titling.sty enumitem.sty ucs.sty upquote.sty ulem.sty soul.sty eurosym.sty)

missing() {
  local name
  for name in "${COMMANDS[@]}"; do
    command -v "$name" >/dev/null 2>&1 || echo "$name"
  done
  if command -v kpsewhich >/dev/null 2>&1; then
    for name in "${STYLES[@]}"; do
      [ -n "$(kpsewhich "$name" 2>/dev/null)" ] || echo "$name"
    done
  fi
}

absent=$(missing | tr '\n' ' ')
[ -z "$absent" ] && exit 0

if [ "${AUTODIFF_SKIP_PDF_DEPS:-}" = 1 ]; then
  echo "pdf_deps: AUTODIFF_SKIP_PDF_DEPS=1, not installing (missing: $absent)"
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  SUDO=(none)
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "${SUDO[0]:-}" = none ]; then
  echo "pdf_deps: WARNING: cannot install the PDF tools here (missing: $absent)." >&2
  echo "pdf_deps: notebooks still build and grade; to export PDFs and run tests/test_pdf.py, install" >&2
  echo "pdf_deps: ${PACKAGES[*]} (Debian/Ubuntu names) with your package manager." >&2
  exit 0
fi

echo "pdf_deps: installing ${PACKAGES[*]} (missing: $absent)"
start=$SECONDS
apt() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 "$@"; }
apt update >/dev/null
apt install -y --no-install-recommends "${PACKAGES[@]}" >/dev/null
absent=$(missing | tr '\n' ' ')
if [ -n "$absent" ]; then
  echo "pdf_deps: still missing after installing: $absent" >&2
  exit 1
fi
echo "pdf_deps: done in $((SECONDS - start)) s"
