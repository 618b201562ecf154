#!/usr/bin/env bash
# One command for the whole product on embedded defaults: a local Rucio with demo data, the portal and
# JupyterLab with the extension. Prints the URLs and the demo logins.   `npm run demo -- --stop` stops it all.
# `npm run demo -- --hub`: the same Rucio, with a JupyterHub in front instead (scripts/hub.sh, docs/jupyterhub.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" demo
cd "$ROOT"

if [ "${1:-}" = "--stop" ]; then
  bash scripts/hub.sh --stop || true
  bash scripts/jupyter-up.sh --stop || true
  bash scripts/portal.sh --stop || true
  bash rucio/cms.sh --stop
  bash rucio/down.sh
  bash scripts/broker.sh --stop
  exit 0
fi

# A demo portal: the demo's defaults (root service identity, ...) are fine here, not in production.
export PORTAL_DEPLOYMENT="${PORTAL_DEPLOYMENT:-demo}"
# Each part learns where the others are from the ports.
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export_demo_instances
export PORTAL_BASE_PATH="${PORTAL_BASE_PATH:-}"
export RUCIO_CATALOG_PORTAL_URL="${RUCIO_CATALOG_PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3000}${PORTAL_BASE_PATH%/}}"
export PORTAL_FRAME_ANCESTORS="${PORTAL_FRAME_ANCESTORS:-http://127.0.0.1:${JUPYTER_PORT:-8888} http://localhost:${JUPYTER_PORT:-8888}}"
# Share's "Open in JupyterLab" links open the demo JupyterLab.
export PORTAL_JUPYTERLAB_LINK="${PORTAL_JUPYTERLAB_LINK-http://127.0.0.1:${JUPYTER_PORT:-8888}/lab}"
# The portal keeps its catalog up to date with what is uploaded to the demo Rucio (seconds between runs).
export CATALOG_INDEX_INTERVAL_SECONDS="${CATALOG_INDEX_INTERVAL_SECONDS:-60}"

started=$SECONDS
bash scripts/setup.sh
npm run --silent db:migrate
bash rucio/up.sh
bash rucio/cms.sh
# The demo data into the catalog before the portal opens (incremental: a re-run reads only what changed).
npm run --silent index
if [ "${1:-}" = "--hub" ]; then
  bash scripts/jupyter-build.sh
  bash scripts/hub.sh
  cat <<EOT

Rucio Catalog under JupyterHub is up ($((SECONDS - started)) s):
  JupyterHub  http://127.0.0.1:${HUB_PORT:-8000}/hub/login   users (hub/demo-users.json): ana / ana-hub-secret (Rucio jdoe), ben / ben-hub-secret (Rucio alice)
  Portal      http://127.0.0.1:${HUB_PORT:-8000}/services/rucio-catalog/   (a hub service; in JupyterLab: View > Open Rucio Catalog)
  Rucio REST  http://127.0.0.1:${RUCIO_PORT:-8080}
Logs: .local/hub/hub.log (the hub, the proxy, the users' servers and the portal), .local/rucio/logs
Stop: npm run demo -- --stop
EOT
  exit 0
fi
bash scripts/portal.sh
bash scripts/jupyter-build.sh
bash scripts/jupyter-up.sh

cat <<EOT

Rucio Catalog is up ($((SECONDS - started)) s):
  Portal      ${RUCIO_CATALOG_PORTAL_URL}
  JupyterLab  http://127.0.0.1:${JUPYTER_PORT:-8888}/lab?token=${JUPYTER_TOKEN:-rucio-demo}
  Rucio REST  http://127.0.0.1:${RUCIO_PORT:-8080}   (curl http://127.0.0.1:${RUCIO_PORT:-8080}/ping)
  Rucio "cms" http://127.0.0.1:${RUCIO_CMS_PORT:-8081}   (PostgreSQL-backed, CMS-style datasets with JSON metadata)
  Broker      stomp://127.0.0.1:${BROKER_STOMP_PORT:-61613}   (RabbitMQ, guest / guest: Rucio's events on /topic/rucio.events.default and .cms)
Demo Rucio logins (userpass): jdoe / jdoe-secret, alice / alice-secret, root / root-secret
Logs: .local/rucio/logs, .local/broker/log, .local/portal/portal.log, .local/jupyter/jupyter.log
Stop: npm run demo -- --stop
EOT
