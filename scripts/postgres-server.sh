#!/usr/bin/env bash
# The PostgreSQL server the tests make their scratch databases on; prints its admin URL (user postgres):
#   SCRATCH_POSTGRES_URL when set, as it is;
#   else the server on 127.0.0.1:5432 when it lets postgres in without a password;
#   else a project-local server started here: a cluster in .local/postgres from Debian's postgresql
#   binaries (scripts/setup.sh --tests installs them when needed), trust auth, on 127.0.0.1 only, port
#   LOCAL_POSTGRES_PORT (54329). LOCAL_POSTGRES=1 goes straight to this one.
#   scripts/postgres-server.sh          print the URL (starting the local server if it is the one)
#   scripts/postgres-server.sh --stop   stop the local server
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" postgres
STATE="$ROOT/.local/postgres"
DATA="$STATE/data" PIDFILE="$STATE/postgres.pid"
PORT="${LOCAL_POSTGRES_PORT:-54329}"
LOCAL_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

# PostgreSQL refuses to run as root: then the cluster belongs to Debian's postgres user.
AS_OWNER=()
[ "$(id -u)" -ne 0 ] || AS_OWNER=(setpriv --reuid=postgres --regid=postgres --init-groups)

start_local_server() {
  local bin
  bin="$(postgres_bin_dir)" || die "no PostgreSQL server binaries in /usr/lib/postgresql: run scripts/setup.sh --tests"
  mkdir -p "$STATE"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "creating a PostgreSQL cluster in $DATA"
    rm -rf "$DATA"
    mkdir -m 700 "$DATA"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$DATA"
    "${AS_OWNER[@]}" test -w "$DATA" || die "the postgres user cannot reach $DATA: clone the repository where other users may enter, or set SCRATCH_POSTGRES_URL"
    "${AS_OWNER[@]}" "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
      || die "initdb failed, see $STATE/initdb.log"
  fi
  port_open "$PORT" && die "port $PORT is taken by another process; set LOCAL_POSTGRES_PORT to a free port"
  say "starting PostgreSQL ($bin) on 127.0.0.1:$PORT"
  # Scratch databases only: durability is not worth the time (fsync, full-page writes off).
  start_service "$PIDFILE" "$STATE/postgres.log" "${AS_OWNER[@]}" "$bin/postgres" -D "$DATA" \
    -c listen_addresses=127.0.0.1 -c port="$PORT" -c unix_socket_directories= \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off
}

case "${1:-}" in
  --stop)
    # SIGINT is PostgreSQL's fast shutdown: it does not wait for clients such as a portal still connected.
    if service_pid "$PIDFILE" >/dev/null; then stop_service "$PIDFILE" INT; say "stopped"; fi
    exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--stop]" >&2; exit 2 ;;
esac

if [ -n "${SCRATCH_POSTGRES_URL:-}" ]; then echo "$SCRATCH_POSTGRES_URL"; exit 0; fi
if [ "${LOCAL_POSTGRES:-0}" != "1" ] && postgres_answers "$SYSTEM_POSTGRES_URL"; then echo "$SYSTEM_POSTGRES_URL"; exit 0; fi
service_pid "$PIDFILE" >/dev/null || start_local_server
wait_until 30 "$PIDFILE" postgres_answers "$LOCAL_URL" ||
  { tail -n 20 "$STATE/postgres.log" >&2; die "PostgreSQL did not answer on port $PORT, see $STATE/postgres.log"; }
echo "$LOCAL_URL"
