#!/usr/bin/env bash
# End-to-end test through a real JupyterHub (e2e/hub): starts scripts/hub.sh on its own ports and state
# (E2E_HUB_PORT 8700, E2E_HUB_PORTAL_PORT 3700, .local/hub-e2e-<port>), runs the spec in Chromium, stops
# the hub. Needs the local Rucio and the extension wheel (scripts/jupyter-build.sh); its catalog is its own
# SQLite file, indexed here. The portal is built under /services/rucio-catalog unless the build there is
# for that path already (npm test runs this after the PostgreSQL e2e pass, which leaves that build).
# Extra arguments go to Playwright.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" hub-e2e
cd "$ROOT"
export HUB_PORT="${E2E_HUB_PORT:-8700}" HUB_PORTAL_PORT="${E2E_HUB_PORTAL_PORT:-3700}"
export HUB_RUN_DIR="$ROOT/.local/hub-e2e-$HUB_PORT" HUB_URL="http://127.0.0.1:${E2E_HUB_PORT:-8700}"
export PORTAL_DEPLOYMENT=test
# Downloads into each user's home: the demo's alice may not write rules to the mounted RSE.
export RUCIO_CATALOG_MODE=download
# Each run starts with no users' servers nor hub sessions left from the last.
rm -rf "$HUB_RUN_DIR/home" "$HUB_RUN_DIR/jupyterhub.sqlite"
mkdir -p "$HUB_RUN_DIR"
export DATABASE_URL="file:$HUB_RUN_DIR/catalog.db"
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export_demo_instances
npm run --silent db:migrate
npm run --silent index -- --instance=default --scope=data18_13TeV
trap 'bash "$ROOT/scripts/hub.sh" --stop' EXIT
bash scripts/hub.sh
cd e2e && npx playwright test -c hub/playwright.config.ts "$@"
