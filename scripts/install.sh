#!/usr/bin/env bash
# Installs Harbour's npm dependencies (from the npm registry only) and builds it, when anything changed.
set -euo pipefail
cd "$(dirname "$0")/.."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Harbour needs Node 20.19 or newer (found "+process.versions.node+")"); process.exit(1) }'
stamp=node_modules/.harbour-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing dependencies (better-sqlite3 and packages/udp-batch compile from source: about two minutes the first time)…"
  # Build native modules from source: never fetch prebuilt binaries from outside the npm registry.
  npm_config_build_from_source=true npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
echo "Building…"
npx tsc -b apps/server/tsconfig.build.json
npx vite build apps/web --logLevel warn
