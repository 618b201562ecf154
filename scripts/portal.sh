#!/usr/bin/env bash
# Build (when sources changed) and start the portal with `next start` in the background; `--stop` stops it.
# Env: PORTAL_PORT (3000), NEXTAUTH_URL (http://127.0.0.1:$PORT), NEXTAUTH_SECRET (else a generated one kept
# in .local/portal/nextauth-secret), PORTAL_DEPLOYMENT (production unless set: the portal then refuses to
# start on the demo's defaults; demo.sh and e2e.sh set demo/test). Log: .local/portal/portal.log
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
say() { printf '[portal] %s\n' "$*" >&2; }
alive() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

if [ "${1:-}" = "--stop" ]; then
  if alive; then kill -TERM -- "-$(cat "$PIDFILE")" 2>/dev/null || kill -TERM "$(cat "$PIDFILE")"; say "stopped"; fi
  rm -f "$PIDFILE"; exit 0
fi
if alive; then say "already running on http://127.0.0.1:$PORT"; exit 0; fi
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { say "ERROR: port $PORT is taken; set PORTAL_PORT"; exit 1; }

# Rebuild only when a source file is newer than the last build.
build_id="$ROOT/portal/.next/BUILD_ID"
if [ ! -f "$build_id" ] || [ -n "$(find "$ROOT/portal" "$ROOT/protocol" -path '*/node_modules' -prune -o -path '*/.next' -prune \
    -o -type f -newer "$build_id" -print -quit)" ]; then
  say "building (next build)"
  (cd "$ROOT/portal" && npx next build >"$RUN/build.log" 2>&1) || { tail -40 "$RUN/build.log" >&2; exit 1; }
fi
cd "$ROOT/portal"
# The portal outlives this script: it must not keep descriptors it inherited, such as the lock of
# `flock /tmp/e2e.lock bash scripts/e2e.sh` (fd 3), which would hold off every later run.
setsid nohup npx next start -H 127.0.0.1 -p "$PORT" >>"$RUN/portal.log" 2>&1 </dev/null 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
echo $! >"$PIDFILE"
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/api/health" 2>/dev/null && { say "up on http://127.0.0.1:$PORT"; exit 0; }
  alive || break; sleep 0.5
done
say "ERROR: the portal did not come up, see $RUN/portal.log"; tail -20 "$RUN/portal.log" >&2; exit 1
