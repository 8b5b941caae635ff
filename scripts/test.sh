#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine, then run it.
#   - Java (HermiT, the OWL reasoner behind `referentiel ontology check`, runs on the JVM)
#   - Chromium from Debian (the workbench's browser tests drive it with Playwright; browser downloads
#     by `playwright install` are never needed)
#   - OpenLink Virtuoso 7 (Debian virtuoso-opensource), the second SPARQL server of the remote-store tests
#   - a virtual environment with referentiel and its test extra (pytest, hypothesis, ruff, sssom-py,
#     the Oxigraph server used by the remote-store tests)
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  echo "Java (JDK) not found: installing a headless JDK (HermiT runs on the JVM; the OWL 2 DL profile test compiles a small Java check)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq default-jdk-headless >/dev/null
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium not found: installing Debian's chromium (the workbench's browser tests drive it)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null; } \
      || echo "warning: Chromium could not be installed: the browser tests will be skipped (reason shown)." >&2
  else
    echo "warning: no apt-get here: install Chromium at /usr/bin/chromium, or the browser tests are skipped." >&2
  fi
fi

if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1; then
  echo "OpenLink Virtuoso not found: installing it (the remote-store tests start one on loopback)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # the package's own service is not needed: the tests run their own server in a temporary folder
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq virtuoso-opensource >/dev/null
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true; fi
fi

VENV="${REFERENTIEL_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q ".[test]"

"$VENV/bin/ruff" check src tests benchmarks
set +e
"$VENV/bin/python" -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure." >&2
  exit 1
fi
exit "$rc"
