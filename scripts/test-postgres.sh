#!/usr/bin/env bash
# The portal's suites once more with PostgreSQL as its database (`npm test` runs both parts).
#   integration  every integration suite that takes its database from PORTAL_TEST_DATABASE (staging, auth,
#                API routes, incremental indexing); the catalog's other suites run on both databases anyway
#   e2e          the portal's Playwright tests against the production build on a fresh database, served
#                under PORTAL_BASE_PATH when set (e.g. /services/rucio-catalog; unset: the root)
# Databases live on the server scripts/postgres-server.sh names: SCRATCH_POSTGRES_URL, else the machine's
# own, else a project-local one it starts (`bash scripts/postgres-server.sh --stop` stops it; `npm test` does).
# Extra arguments go to vitest or Playwright.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" test-postgres
cd "$ROOT"
ADMIN_URL="$(bash scripts/postgres-server.sh)"
export SCRATCH_POSTGRES_URL="$ADMIN_URL"
# One per clone: a portal another clone left running on the same server must not find this run's requests.
E2E_DATABASE="rucio_catalog_e2e_$(printf %s "$ROOT" | md5sum | cut -c1-8)"

case "${1:-}" in
  integration)
    shift
    # The sign-in renewal suite spends its 100 s waiting for token expiries; what it stores, the embed
    # sign-in and stagings suites already check on PostgreSQL.
    mapfile -t suites < <(grep -rlE --include='*.int.test.ts' 'useScratchDatabase|testDatabaseProvider' portal |
      grep -v sign-in-renewal | sort)
    PORTAL_TEST_DATABASE=postgresql bash scripts/integration-tests.sh "${suites[@]}" "$@"
    ;;
  e2e)
    shift
    # A fresh database per run; it stays afterwards for a look at what the tests left.
    PGOPTIONS="--client-min-messages=warning" psql "$ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $E2E_DATABASE WITH (FORCE)" -c "CREATE DATABASE $E2E_DATABASE"
    DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$ADMIN_URL" "$E2E_DATABASE")"
    export DATABASE_URL
    # The accessibility checks look at markup the database does not change: the SQLite pass covers them.
    # A deployment's shape: two portal processes on one port (PORTAL_PROCESSES, portal/scripts/serve.ts).
    # PORTAL_BASE_PATH=/services/rucio-catalog runs it under a prefix, as a JupyterHub service runs it
    # (npm test does).
    PORTAL_BASE_PATH="${PORTAL_BASE_PATH:-}" PORTAL_PROCESSES="${PORTAL_PROCESSES:-2}" \
      bash scripts/e2e.sh --grep-invert catalog-a11y "$@"
    ;;
  *)
    echo "usage: bash scripts/test-postgres.sh integration|e2e [vitest or Playwright arguments]" >&2
    exit 2
    ;;
esac
