#!/usr/bin/env bash
# Install warta with its test dependencies into .venv, plus Debian's Chromium and PostgreSQL for
# the browser and database tests. The README's test command (and CI, .ci/run) then runs pytest.
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
      echo "scripts/install-test-deps.sh: could not install ${need[*]}; those tests will skip" >&2
  fi
fi

