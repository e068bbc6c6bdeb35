#!/usr/bin/env bash
# Install warta with its test dependencies into .venv and run the whole test suite.
# Used by the README's test command and by CI (.ci/run). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"

# System packages for the browser and PostgreSQL tests (Debian). Only installed when missing and
# when we may (root); without them those tests skip with a reason.
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  [ -d /usr/lib/postgresql ] || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ] && [ "${WARTA_NO_APT:-}" = "" ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || \
      echo "scripts/test.sh: could not install ${need[*]}; those tests will skip" >&2
  fi
fi

exec .venv/bin/python -m pytest "$@"
