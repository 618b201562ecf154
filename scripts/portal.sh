#!/usr/bin/env bash
# Build (when sources changed) and start the portal with `next start` in the background; `--stop` stops it.
# Env: PORTAL_PORT (3000), NEXTAUTH_URL (http://127.0.0.1:$PORT), NEXTAUTH_SECRET (else a generated one kept
# in .local/portal/nextauth-secret), PORTAL_PROCESSES (1: `next start`; N > 1: N processes sharing the port,
# portal/scripts/serve.ts), PORTAL_DEPLOYMENT (production unless set: the portal then refuses to
# start on the demo's defaults; demo.sh and e2e.sh set demo/test). Log: .local/portal/portal.log
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" portal
RUN="$ROOT/.local/portal"
PORT="${PORTAL_PORT:-3000}"
PIDFILE="$RUN/portal.pid"
mkdir -p "$RUN"
export NEXT_TELEMETRY_DISABLED=1
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:$PORT}"
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  # next start runs in production mode, where the portal refuses to sign anyone in without a secret.
  [ -s "$RUN/nextauth-secret" ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))' >"$RUN/nextauth-secret")
  NEXTAUTH_SECRET="$(cat "$RUN/nextauth-secret")"
  export NEXTAUTH_SECRET
fi

if [ "${1:-}" = "--stop" ]; then
  if service_pid "$PIDFILE" >/dev/null; then stop_service "$PIDFILE"; say "stopped"; fi
  rm -f "$PIDFILE"; exit 0
fi
if service_pid "$PIDFILE" >/dev/null; then say "already running on http://127.0.0.1:$PORT"; exit 0; fi
port_open "$PORT" && die "port $PORT is taken; set PORTAL_PORT"

# Rebuild only when a source file is newer than the last build.
build_id="$ROOT/portal/.next/BUILD_ID"
if [ ! -f "$build_id" ] || [ -n "$(find "$ROOT/portal" "$ROOT/protocol" -path '*/node_modules' -prune -o -path '*/.next' -prune \
    -o -type f -newer "$build_id" -print -quit)" ]; then
  say "building (next build)"
  (cd "$ROOT/portal" && npx next build >"$RUN/build.log" 2>&1) || { tail -40 "$RUN/build.log" >&2; exit 1; }
fi
cd "$ROOT/portal"
if [ "${PORTAL_PROCESSES:-1}" -gt 1 ]; then
  start_service "$PIDFILE" "$RUN/portal.log" node --import tsx scripts/serve.ts --port "$PORT" --processes "$PORTAL_PROCESSES"
else
  start_service "$PIDFILE" "$RUN/portal.log" npx next start -H 127.0.0.1 -p "$PORT"
fi
wait_for_http 60 "$PIDFILE" "http://127.0.0.1:$PORT/api/health" && { say "up on http://127.0.0.1:$PORT"; exit 0; }
tail -20 "$RUN/portal.log" >&2
die "the portal did not come up, see $RUN/portal.log"
