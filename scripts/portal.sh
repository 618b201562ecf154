#!/usr/bin/env bash
# Build (when sources changed) and start the portal with `next start` in the background; `--stop` stops it;
# `--build` only builds; `--foreground` runs it in this process (as a service another supervisor starts).
# Env: PORTAL_PORT (3000), NEXTAUTH_URL (http://127.0.0.1:$PORT), NEXTAUTH_SECRET (else a generated one kept
# in .local/portal/nextauth-secret), PORTAL_PROCESSES (1: `next start`; N > 1: N processes sharing the port,
# portal/scripts/serve.ts), PORTAL_DEPLOYMENT (production unless set: the portal then refuses to
# start on the demo's defaults; demo.sh and e2e.sh set demo/test), PORTAL_BASE_PATH (the path prefix it is served
# under, e.g. /services/rucio-catalog; empty: the root. Compiled into the build, so a change rebuilds),
# PORTAL_RUN_DIR (.local/portal: pid file, logs and the generated secret). Log: .local/portal/portal.log
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" portal
RUN="${PORTAL_RUN_DIR:-$ROOT/.local/portal}"
PORT="${PORTAL_PORT:-3000}"
PIDFILE="$RUN/portal.pid"
mkdir -p "$RUN"
export NEXT_TELEMETRY_DISABLED=1
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
BASE_PATH="${PORTAL_BASE_PATH:-}"
BASE_PATH="${BASE_PATH%/}"
export PORTAL_BASE_PATH="$BASE_PATH"
# next-auth finds its own routes from this URL's path: under a prefix, <origin><prefix>/api/auth. The
# portal's own address (<origin><prefix>) is taken to mean that.
NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:$PORT$BASE_PATH}"
if [ -n "$BASE_PATH" ] && [[ "${NEXTAUTH_URL%/}" == *"$BASE_PATH" ]]; then NEXTAUTH_URL="${NEXTAUTH_URL%/}/api/auth"; fi
export NEXTAUTH_URL
# The demo's sessions see SWAN-MOUNT's folder as their mount (scripts/jupyter-up.sh): map it the same way.
if [ "${PORTAL_DEPLOYMENT:-production}" != "production" ] && [ -z "${STAGING_MOUNTS:-}" ]; then
  export STAGING_MOUNTS="[{\"rse\":\"SWAN-MOUNT\",\"path\":\"$ROOT/.local/rucio/rses/swan\"}]"
fi
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
mode="${1:-background}"
case "$mode" in
  background | --build | --foreground) ;;
  *) echo "usage: $0 [--stop | --build | --foreground]" >&2; exit 2 ;;
esac
if [ "$mode" = background ] && service_pid "$PIDFILE" >/dev/null; then say "already running on http://127.0.0.1:$PORT$BASE_PATH"; exit 0; fi
[ "$mode" = --build ] || ! port_open "$PORT" || die "port $PORT is taken; set PORTAL_PORT"

# Rebuild only when a source file is newer than the last build, or that build was for another base path.
build_id="$ROOT/portal/.next/BUILD_ID"
base_stamp="$ROOT/portal/.next/PORTAL_BASE_PATH"
if [ ! -f "$build_id" ] || [ "$(cat "$base_stamp" 2>/dev/null)" != "base:$BASE_PATH" ] || [ -n "$(find "$ROOT/portal" "$ROOT/protocol" -path '*/node_modules' -prune -o -path '*/.next' -prune \
    -o -type f -newer "$build_id" -print -quit)" ]; then
  say "building (next build${BASE_PATH:+ under $BASE_PATH})"
  rm -f "$base_stamp"
  (cd "$ROOT/portal" && npx next build >"$RUN/build.log" 2>&1) || { tail -40 "$RUN/build.log" >&2; exit 1; }
  echo "base:$BASE_PATH" >"$base_stamp"
fi
[ "$mode" = --build ] && exit 0
cd "$ROOT/portal"
if [ "$mode" = --foreground ]; then
  # The pid stays through exec, so `--stop` (with the same PORTAL_RUN_DIR) stops it even when its supervisor did not.
  echo $$ >"$PIDFILE"
  exec npx next start -H 127.0.0.1 -p "$PORT"
fi
if [ "${PORTAL_PROCESSES:-1}" -gt 1 ]; then
  start_service "$PIDFILE" "$RUN/portal.log" node --import tsx scripts/serve.ts --port "$PORT" --processes "$PORTAL_PROCESSES"
else
  start_service "$PIDFILE" "$RUN/portal.log" npx next start -H 127.0.0.1 -p "$PORT"
fi
wait_for_http 60 "$PIDFILE" "http://127.0.0.1:$PORT$BASE_PATH/api/health" && { say "up on http://127.0.0.1:$PORT$BASE_PATH"; exit 0; }
tail -20 "$RUN/portal.log" >&2
die "the portal did not come up, see $RUN/portal.log"
