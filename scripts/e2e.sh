#!/usr/bin/env bash
# End-to-end tests in Debian's Chromium against the real stack: local Rucio, the portal (production build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PORTAL_URL="${PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3000}}"
npm run --silent db:migrate
bash rucio/up.sh
# The catalog tests search the demo data: index it (incremental; a re-run reads only what changed).
npm run --silent index
# A portal left running by an earlier run would serve its old build: restart on the current sources.
bash scripts/portal.sh --stop
bash scripts/portal.sh
cd e2e && npx playwright test "$@"
