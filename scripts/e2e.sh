#!/usr/bin/env bash
# End-to-end tests in Debian's Chromium against the real stack: local Rucio, the portal (production build).
# The local Rucio is brought up here (idempotent) unless RUCIO_EXTERNAL=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" e2e
cd "$ROOT"
# A test portal (and the second one e2e/portal/catalog-sign-in-required.spec.ts starts): demo defaults are fine.
export PORTAL_DEPLOYMENT="${PORTAL_DEPLOYMENT:-test}"
# PORTAL_BASE_PATH: the portal is built and served under that prefix, and the specs go through it.
export PORTAL_BASE_PATH="${PORTAL_BASE_PATH:-}"
export PORTAL_URL="${PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3000}${PORTAL_BASE_PATH%/}}"
# The portal may be framed by the demo JupyterLab and by the one the JupyterLab e2e tests start (8899),
# which embeds this portal afterwards (scripts/jupyter-e2e.sh, e2e/jupyterlab/real-portal.spec.ts).
export PORTAL_FRAME_ANCESTORS="${PORTAL_FRAME_ANCESTORS:-http://127.0.0.1:8888 http://localhost:8888 http://127.0.0.1:${E2E_JUPYTER_PORT:-8899}}"
# "Open in JupyterLab" links point at the JupyterLab the JupyterLab e2e tests start (share-link specs).
export PORTAL_JUPYTERLAB_LINK="${PORTAL_JUPYTERLAB_LINK-http://127.0.0.1:${E2E_JUPYTER_PORT:-8899}/lab}"
# The scopes of the demo data the specs search. Not scale_13TeV: its 50,000 datasets (registered by an
# integration test) would take minutes to index on every pass, and the specs leave it out anyway.
E2E_SCOPES=(data18_13TeV mc20_13TeV cms_run2 user.jdoe)
# Both local Rucio instances: one search spans them (e2e/portal/instances.spec.ts).
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export_demo_instances

npm run --silent db:migrate
[ "${RUCIO_EXTERNAL:-0}" = "1" ] || { bash rucio/up.sh; bash rucio/cms.sh; }
# Incremental: a re-run reads only what changed.
npm run --silent index -- --instance=default "${E2E_SCOPES[@]/#/--scope=}"
npm run --silent index -- --instance=cms
# A portal left running by an earlier run would serve its old build: restart on the current sources.
bash scripts/portal.sh --stop
bash scripts/portal.sh
cd e2e && npx playwright test "$@"
