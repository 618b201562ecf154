#!/usr/bin/env bash
# The second local Rucio instance ("cms"): PostgreSQL-backed (its database rucio_cms_<clone> on the server
# scripts/postgres-server.sh names), so free-form JSON metadata works; CMS-style demo datasets; no
# transfer daemons. Port RUCIO_CMS_PORT (8081), state in .local/rucio-cms, the first instance's venv.
#   bash rucio/cms.sh          bring it up (idempotent)
#   bash rucio/cms.sh --stop   stop it
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh" rucio-cms
export RUCIO_DEMO=cms RUCIO_PORT="${RUCIO_CMS_PORT:-8081}" RUCIO_STATE="$ROOT/.local/rucio-cms"
export RUCIO_VENV="$ROOT/.local/rucio/venv"
if [ "${1:-}" = "--stop" ]; then exec bash "$ROOT/rucio/down.sh"; fi
admin="$(bash "$ROOT/scripts/postgres-server.sh")"
export RUCIO_DB_URL="postgresql+psycopg://${admin#postgresql://}"
# One database per clone: two clones (a demo and a CI run) on one server never share Rucio's tables.
RUCIO_DB_URL="${RUCIO_DB_URL%/*}/rucio_cms_$(printf %s "$ROOT" | md5sum | cut -c1-8)"
exec bash "$ROOT/rucio/up.sh"
