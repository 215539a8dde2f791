#!/usr/bin/env bash
# Quick start, command 1: install, build and start Harbour on SQLite (./data) with a fictional demo school.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec node apps/server/dist/cli/index.js demo
