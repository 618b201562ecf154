#!/usr/bin/env bash
# Bring up the local Rucio: venv, configuration, schema, REST server, demo accounts and data, the message
# broker (scripts/broker.sh), conveyor daemons and hermes.
# Idempotent: what is already there is kept; a killed run can be started again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_database() {
  local url="${RUCIO_DB_URL:-sqlite}" marker="$STATE/schema.done"
  [ -f "$marker" ] && [ "$(cat "$marker")" = "$url" ] && return
  if [[ "$url" == postgresql* ]]; then
    # The same server's maintenance database, in libpq's spelling of the URL.
    local db="${url##*/}" admin="${url/#postgresql+psycopg:/postgresql:}"; db="${db%%\?*}"; admin="${admin%/*}/postgres"
    # The database belongs to this state directory: one left by an earlier state (no marker) starts over.
    PGOPTIONS="-c client_min_messages=warning" psql "$admin" -qc "drop database if exists \"$db\" with (force)" >/dev/null
    psql "$admin" -qc "create database \"$db\"" >/dev/null
  fi
  say "building the Rucio schema and root account with Rucio's own tooling"
  (cd "$STATE" && server_env "$VENV/bin/python" "$HERE/build_schema.py") >>"$LOGS/schema.log" 2>&1 \
    || die "schema build failed, see $LOGS/schema.log"
  echo "$url" >"$marker"
}

start_server() {
  if pid_alive server && ping_ok; then say "REST server already running on port $PORT"; return; fi
  port_open "$PORT" && die "port $PORT is taken by another process; set RUCIO_PORT to a free port"
  say "starting the REST server (gunicorn, Rucio's Flask app) on 127.0.0.1:$PORT"
  start_background server env RUCIO_CONFIG="$STATE/etc/rucio.cfg" \
    "$VENV/bin/gunicorn" --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --timeout 120 \
    --access-logfile "$LOGS/access.log" rucio.web.rest.flaskapi.v1.main:application
  wait_for_http 60 "$RUN/server.pid" "http://127.0.0.1:$PORT/ping" && return
  die "the REST server did not answer /ping, see $LOGS/server.log"
}

start_daemons() {
  local name extra
  for name in "${DAEMONS[@]}"; do
    extra=(); [ "$name" = poller ] && extra=(--older-than 0)
    start_background "conveyor-$name" env RUCIO_CONFIG="$STATE/etc/rucio.cfg" \
      "$VENV/bin/rucio-conveyor-$name" --sleep-time 2 "${extra[@]}"
  done
  # Rucio's messages to the broker (scripts/broker.sh), looked for every 2 s (every second made the SQLite
  # instance refuse more concurrent writes). At most 800 a cycle: on SQLite hermes deletes what it sent with
  # one OR per message, and from about 1000 SQLite refuses the statement ("Expression tree is too large"),
  # so hermes sent the same messages again every cycle, without end.
  start_background hermes env RUCIO_CONFIG="$STATE/etc/rucio.cfg" "$VENV/bin/rucio-hermes" --sleep-time 2 --bulk 800
}

# Two callers at once (test suites in parallel) would load the demo data twice into one SQLite file.
mkdir -p "$STATE"
exec 9>"$STATE/up.lock"
flock 9
rm -f "$STATE/READY"
# The broker starts meanwhile; the daemons wait for it.
bash "$ROOT/scripts/broker.sh" &
broker=$!
ensure_venv "$VENV" "$HERE/requirements.txt" "$LOGS/pip.log"
server_env "$VENV/bin/python" "$HERE/configure.py"
ensure_database
start_server
client_env root "$VENV/bin/python" "$HERE/bootstrap_demo.py"
DEMO_DATA="$HERE/demo_data.py"; [ "$DEMO" = cms ] && DEMO_DATA="$HERE/demo_cms.py"
client_env root "$VENV/bin/python" "$DEMO_DATA" 2>>"$LOGS/demo-data.log" \
  || die "loading the demo data failed, see $LOGS/demo-data.log (running rucio/up.sh again resumes it)"
wait "$broker" || die "the message broker did not start (scripts/broker.sh)"
start_daemons
touch "$STATE/READY"
say "Rucio is up: http://127.0.0.1:$PORT (logs in $LOGS)"
