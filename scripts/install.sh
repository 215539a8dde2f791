#!/usr/bin/env bash
# Installs Harbour's npm dependencies (from the npm registry only) and builds it, when anything changed.
set -euo pipefail
cd "$(dirname "$0")/.."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Harbour needs Node 20.19 or newer (found "+process.versions.node+")"); process.exit(1) }'
# better-sqlite3, packages/udp-batch and packages/seal compile from source: fetch Debian's compiler and Python when missing.
if ! command -v g++ >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
  echo "Installing Debian's build-essential and python3 (native modules compile from source)…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q build-essential python3 >/dev/null
fi
stamp=node_modules/.harbour-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing dependencies (better-sqlite3, packages/udp-batch and packages/seal compile from source: about two minutes the first time)…"
  # Build native modules from source: never fetch prebuilt binaries from outside the npm registry.
  npm_config_build_from_source=true npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
echo "Building…"
npx tsc -b apps/server/tsconfig.build.json
npx vite build apps/web --logLevel warn
