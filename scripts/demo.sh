#!/usr/bin/env bash
# One command for the whole product on embedded defaults: a local Rucio with demo data, the portal and
# JupyterLab with the extension. Prints the URLs and the demo logins.   `npm run demo -- --stop` stops it all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" demo
cd "$ROOT"

if [ "${1:-}" = "--stop" ]; then
  bash scripts/jupyter-up.sh --stop || true
  bash scripts/portal.sh --stop || true
  bash rucio/cms.sh --stop
  bash rucio/down.sh
  exit 0
fi

# A demo portal: the demo's defaults (root service identity, ...) are fine here, not in production.
export PORTAL_DEPLOYMENT="${PORTAL_DEPLOYMENT:-demo}"
# Each part learns where the others are from the ports.
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export_demo_instances
export RUCIO_CATALOG_PORTAL_URL="${RUCIO_CATALOG_PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3000}}"
export PORTAL_FRAME_ANCESTORS="${PORTAL_FRAME_ANCESTORS:-http://127.0.0.1:${JUPYTER_PORT:-8888} http://localhost:${JUPYTER_PORT:-8888}}"
# The portal keeps its catalog up to date with what is uploaded to the demo Rucio (seconds between runs).
export CATALOG_INDEX_INTERVAL_SECONDS="${CATALOG_INDEX_INTERVAL_SECONDS:-60}"

started=$SECONDS
bash scripts/setup.sh
npm run --silent db:migrate
bash rucio/up.sh
bash rucio/cms.sh
# The demo data into the catalog before the portal opens (incremental: a re-run reads only what changed).
npm run --silent index
bash scripts/portal.sh
bash scripts/jupyter-build.sh
bash scripts/jupyter-up.sh

cat <<EOT

Rucio Catalog is up ($((SECONDS - started)) s):
  Portal      http://127.0.0.1:${PORTAL_PORT:-3000}
  JupyterLab  http://127.0.0.1:${JUPYTER_PORT:-8888}/lab?token=${JUPYTER_TOKEN:-rucio-demo}
  Rucio REST  http://127.0.0.1:${RUCIO_PORT:-8080}   (curl http://127.0.0.1:${RUCIO_PORT:-8080}/ping)
  Rucio "cms" http://127.0.0.1:${RUCIO_CMS_PORT:-8081}   (PostgreSQL-backed, CMS-style datasets with JSON metadata)
Demo Rucio logins (userpass): jdoe / jdoe-secret, alice / alice-secret, root / root-secret
Logs: .local/rucio/logs, .local/portal/portal.log, .local/jupyter/jupyter.log
Stop: npm run demo -- --stop
EOT
