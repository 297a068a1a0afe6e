#!/usr/bin/env bash
# Run every check: translations, ruff, mypy, and the whole pytest suite (service, HTTP,
# Socket.IO and browser tests). Extra arguments go to pytest.
#   bash scripts/test.sh [-k expr]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv test

"$VENV/bin/python" scripts/i18n.py compile >/dev/null
"$VENV/bin/python" scripts/i18n.py check
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/mypy"  # its settings, and the package it checks, are in pyproject.toml

set +e
# Two workers: one runs the browser tests in order (they mostly wait on a page), the
# other the rest (tests/conftest.py, pytest_xdist_make_scheduler, groups them).
"$VENV/bin/python" -m pytest -n 2 "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: a run with no tests is a broken run." >&2
  exit 1
fi
exit "$status"
