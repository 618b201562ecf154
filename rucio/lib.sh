# What only the local Rucio's scripts share (sourced, not run); the rest comes from scripts/lib.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh" rucio
HERE="$ROOT/rucio"
STATE="${RUCIO_STATE:-$ROOT/.local/rucio}"
PORT="${RUCIO_PORT:-8080}"
# Instances may share one venv (RUCIO_VENV): the same Rucio release serves them all.
VENV="${RUCIO_VENV:-$STATE/venv}"
RUN="$STATE/run"
LOGS="$STATE/logs"
export RUCIO_STATE="$STATE" RUCIO_PORT="$PORT"
mkdir -p "$RUN" "$LOGS"

server_env() { env RUCIO_CONFIG="$STATE/etc/rucio.cfg" PYTHONPATH="$HERE" "$@"; }
client_env() {
  local account="$1"; shift
  env RUCIO_CLIENT_MODE=1 RUCIO_CONFIG="$STATE/etc/client-$account.cfg" PYTHONPATH="$HERE" "$@"
}

ping_ok() { http_answers "http://127.0.0.1:$PORT/ping"; }

# The server and each daemon by NAME: pid file in $RUN, log in $LOGS.
pid_alive() { service_pid "$RUN/$1.pid" >/dev/null; }
start_background() {
  local name="$1"; shift
  pid_alive "$name" || start_service "$RUN/$name.pid" "$LOGS/$name.log" "$@"
}
stop_background() { stop_service "$RUN/$1.pid"; }

# The demo data set: atlas (the default: ATLAS- and CMS-style datasets in DID columns, transfers) or cms
# (a second instance: CMS-style names with free-form JSON metadata; it needs RUCIO_DB_URL on PostgreSQL).
DEMO="${RUCIO_DEMO:-atlas}"
export RUCIO_DEMO="$DEMO"
DAEMONS=(submitter poller finisher)
# The second instance serves the catalog only; transfers (staging) go through the first.
[ "$DEMO" = atlas ] || DAEMONS=()
