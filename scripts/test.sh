#!/usr/bin/env bash
# Every test: lint, typecheck, unit, integration against the real local Rucio, Python tests of the server
# extension, and end-to-end tests in Chromium. Installs what it needs itself. Starts the local Rucio (with its
# message broker) once for every suite (unless RUCIO_EXTERNAL=1) and a PostgreSQL when none is at hand
# (scripts/postgres-server.sh); at the end it stops the services it started, and leaves running those that
# ran before it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" test
cd "$ROOT"
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}" NEXT_TELEMETRY_DISABLED=1
# Each step says when it starts, and how long the run has taken so far: the budget is per run.
step() { printf '\n== %s  (at %dm%02ds)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

# Taken before anything starts: what is up now is someone else's (a demo, a developer's portal).
to_stop=()
[ "${RUCIO_EXTERNAL:-0}" = "1" ] || port_open "${RUCIO_PORT:-8080}" || to_stop+=(rucio)
[ "${RUCIO_EXTERNAL:-0}" = "1" ] || port_open "${RUCIO_CMS_PORT:-8081}" || to_stop+=(rucio-cms)
[ "${RUCIO_EXTERNAL:-0}" = "1" ] || port_open "${BROKER_STOMP_PORT:-61613}" || to_stop+=(broker)
port_open "${PORTAL_PORT:-3000}" || to_stop+=(portal)
port_open "${E2E_JUPYTER_PORT:-8899}" || to_stop+=(jupyterlab)
service_pid .local/postgres/postgres.pid >/dev/null || to_stop+=(postgres)
stop_what_this_run_started() {
  local service
  for service in "${to_stop[@]}"; do
    case "$service" in
      rucio) bash rucio/down.sh ;;
      rucio-cms) bash rucio/cms.sh --stop ;;
      broker) bash scripts/broker.sh --stop ;;
      portal) bash scripts/portal.sh --stop ;;
      jupyterlab) JUPYTER_PORT="${E2E_JUPYTER_PORT:-8899}" JUPYTER_INSTANCE_DIR="$ROOT/.local/jupyter/e2e-${E2E_JUPYTER_PORT:-8899}" \
        bash scripts/jupyter-up.sh --stop ;;
      postgres) bash scripts/postgres-server.sh --stop ;;
    esac || say "could not stop $service"
  done
}
trap stop_what_this_run_started EXIT
# Interrupted too: a signal ends the script through exit, which runs the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

step "setup";         bash scripts/setup.sh --tests
SCRATCH_POSTGRES_URL="$(bash scripts/postgres-server.sh)"
export SCRATCH_POSTGRES_URL
if [ "${RUCIO_EXTERNAL:-0}" != "1" ]; then
  step "local Rucio (two instances)"; bash rucio/up.sh && bash rucio/cms.sh
  # Up for the whole run: the suites need not bring it up again each.
  export RUCIO_EXTERNAL=1
  # The 50,000 datasets of scale_13TeV (kill-and-resume, the scale suite) register while the checks run.
  bash rucio/generate-scale.sh 50000 > .local/generate-scale.log 2>&1 &
  SCALE_PID=$!
fi
step "lint";          npm run --silent lint
step "typecheck";     npm run --silent typecheck
step "unit tests";    npx vitest run --project unit
[ -z "${SCALE_PID:-}" ] || wait "$SCALE_PID" || { cat .local/generate-scale.log; exit 1; }
step "integration tests (real Rucio)"; bash scripts/integration-tests.sh
step "integration tests: the portal on PostgreSQL"; bash scripts/test-postgres.sh integration
step "extension build + Python tests"; bash scripts/jupyter-build.sh && bash scripts/extension-pytest.sh
# PostgreSQL first, under the path a JupyterHub serves it at; the hub test then uses that build, and the
# SQLite pass rebuilds at the root and restarts the portal that the JupyterLab tests embed.
step "end-to-end tests: portal on PostgreSQL under /services/rucio-catalog (Chromium)"
PORTAL_BASE_PATH=/services/rucio-catalog bash scripts/test-postgres.sh e2e
step "end-to-end test: through JupyterHub (Chromium)"; bash scripts/hub-e2e.sh
step "end-to-end tests: portal (Chromium)";     bash scripts/e2e.sh
step "end-to-end tests: JupyterLab (Chromium)"; bash scripts/jupyter-e2e.sh
step "the wheel beside SWAN's extensions (clean venv)"; bash scripts/jupyter-swan-check.sh
step "done"
