#!/usr/bin/env bash
# Every test: lint, typecheck, unit, integration against the real local Rucio (started here), Python
# tests of the server extension, and end-to-end tests in Chromium. Installs what it needs itself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}" NEXT_TELEMETRY_DISABLED=1
step() { printf '\n== %s\n' "$*"; }

step "setup";         bash scripts/setup.sh --tests
step "lint";          npx eslint .
step "typecheck";     npm run --silent typecheck
step "unit tests";    npx vitest run --project unit
step "integration tests (real Rucio)"; npx vitest run --project integration
step "integration tests: the portal on PostgreSQL"; bash scripts/test-postgres.sh integration
step "extension build + Python tests"; bash scripts/jupyter-build.sh && bash scripts/extension-pytest.sh
# PostgreSQL first: the SQLite pass then restarts the portal that the JupyterLab tests embed.
step "end-to-end tests: portal on PostgreSQL (Chromium)"; bash scripts/test-postgres.sh e2e
step "end-to-end tests: portal (Chromium)";     bash scripts/e2e.sh
step "end-to-end tests: JupyterLab (Chromium)"; bash scripts/jupyter-e2e.sh
step "the wheel beside SWAN's extensions (clean venv)"; bash scripts/jupyter-swan-check.sh
