#!/usr/bin/env bash
# Quick start, command 2: the whole test suite. Installs what the tests need when it is missing
# (Debian's chromium for the browser tests), builds, typechecks, lints, then runs every test on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium >/dev/null
fi
bash scripts/install.sh
echo "Typecheck…"
npx tsc -p apps/server --noEmit && npx tsc -p packages/shared --noEmit && npx tsc -p packages/udp-batch --noEmit && npx tsc -p packages/seal --noEmit && npx tsc -p apps/dns --noEmit
npx tsc -p apps/web --noEmit && npx tsc -p e2e --noEmit
echo "Lint…"
npx eslint . --max-warnings=0
echo "Tests (SQLite)…"
mkdir -p .tmp
npx vitest run --project unit --project server-db --project browser --reporter=default --reporter=json --outputFile.json=.tmp/vitest-sqlite.json
[ -n "${CI:-}" ] || node scripts/test-summary.mjs .tmp/vitest-sqlite.json
