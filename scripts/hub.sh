#!/usr/bin/env bash
# A SWAN-like deployment on this machine: JupyterHub (PyPI) behind its configurable-http-proxy (npm) on
# HUB_PORT; each hub user's JupyterLab with the extension; the portal as the hub-managed service
# /services/rucio-catalog/, on the same origin as every JupyterLab. Configuration: hub/jupyterhub_config.py.
#   scripts/hub.sh          start (idempotent; needs the local Rucio and the extension wheel)
#   scripts/hub.sh --stop   stop the hub, the proxy, the users' servers and the portal it runs
# Env: HUB_PORT (8000; the proxy's API listens on HUB_PORT+1, the hub's on HUB_PORT+2), HUB_PORTAL_PORT
# (3100: the portal behind the proxy), HUB_USERS_FILE (hub/demo-users.json: users, passwords and the Rucio
# identity each one's server uses), HUB_RUN_DIR (.local/hub: state, logs, the users' homes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" hub
RUN="${HUB_RUN_DIR:-$ROOT/.local/hub}"
# One venv for every hub run dir (the demo's and the tests').
VENV="$ROOT/.local/hub/venv"
PIDFILE="$RUN/hub.pid" LOG="$RUN/hub.log"
SERVICE_PATH=/services/rucio-catalog

export HUB_PORT="${HUB_PORT:-8000}"
export HUB_PROXY_API_PORT=$((HUB_PORT + 1)) HUB_API_PORT=$((HUB_PORT + 2))
export HUB_STATE_DIR="$RUN" HUB_USERS_FILE="${HUB_USERS_FILE:-$ROOT/hub/demo-users.json}"
export HUB_PROXY_COMMAND="$ROOT/node_modules/.bin/configurable-http-proxy"
export HUB_SINGLEUSER_COMMAND="$VENV/bin/jupyterhub-singleuser"
export HUB_PORTAL_COMMAND="$ROOT/scripts/portal.sh"
HUB_URL="http://127.0.0.1:$HUB_PORT"

# The portal under the hub: a build for its path, its own port and run directory, framed by the hub's pages.
export PORTAL_DEPLOYMENT="${PORTAL_DEPLOYMENT:-demo}"
export PORTAL_PORT="${HUB_PORTAL_PORT:-3100}" PORTAL_BASE_PATH="$SERVICE_PATH" PORTAL_RUN_DIR="$RUN/portal"
export NEXTAUTH_URL="$HUB_URL$SERVICE_PATH"
export PORTAL_FRAME_ANCESTORS="$HUB_URL http://localhost:$HUB_PORT"
# A share link opens in the JupyterLab of whoever follows it: the hub sends each user to their own server.
export PORTAL_JUPYTERLAB_LINK="$HUB_URL/hub/user-redirect/lab"
export RUCIO_URL="${RUCIO_URL:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export_demo_instances
# Each user's server: the demo's session settings, and the portal at its public URL on the hub's origin.
export RUCIO_CATALOG_PORTAL_URL="$HUB_URL$SERVICE_PATH"
export_demo_extension_env
# Each user's server gets its Rucio identity from the users file; in the hub's own environment these would
# reach the portal service and replace its service identity.
unset RUCIO_USERNAME RUCIO_PASSWORD RUCIO_ACCOUNT

# stop_user_servers: the users' servers and their kernels (each runs in a home folder under $RUN/home).
# The hub stops them when it shuts down cleanly; spawned in sessions of their own, they outlive a hub
# that is killed.
stop_user_servers() {
  local pid cwd
  for pid in $(pgrep -f "jupyterhub-singleuser|ipykernel_launcher" || true); do
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || continue
    case "$cwd" in "$RUN/home/"*) kill -TERM "$pid" 2>/dev/null || true ;; esac
  done
}

case "${1:-}" in
  --stop)
    if service_pid "$PIDFILE" >/dev/null; then stop_service "$PIDFILE"; say "stopped"; else say "not running"; fi
    # The hub stops its proxy, its service and the users' servers when it shuts down cleanly, not when it is
    # killed or fails to start.
    stop_service "$RUN/proxy.pid"
    stop_user_servers
    bash "$ROOT/scripts/portal.sh" --stop
    exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--stop]" >&2; exit 2 ;;
esac

if service_pid "$PIDFILE" >/dev/null; then say "already running: $HUB_URL/hub/login"; exit 0; fi
for port in "$HUB_PORT" "$HUB_PROXY_API_PORT" "$HUB_API_PORT" "$PORTAL_PORT"; do
  port_open "$port" && die "port $port is taken; set HUB_PORT / HUB_PORTAL_PORT"
done
[ -x "$HUB_PROXY_COMMAND" ] || die "configurable-http-proxy is missing: run 'npm ci' first"

ensure_venv_with_extension "$VENV" "$ROOT/scripts/requirements/hub.txt" "$RUN/pip.log" || true
# The site's JupyterLab defaults: no news or update toasts over the users' panels (JupyterLab's overrides.json).
mkdir -p "$VENV/share/jupyter/lab/settings"
cp "$ROOT/hub/jupyterlab-overrides.json" "$VENV/share/jupyter/lab/settings/overrides.json"
# Built before the hub starts it: the hub would otherwise wait on a build for minutes.
bash scripts/portal.sh --build

say "starting JupyterHub on $HUB_URL (log: $LOG)"
mkdir -p "$RUN"
: >"$LOG"
(cd "$RUN" && start_service "$PIDFILE" "$LOG" "$VENV/bin/jupyterhub" -f "$ROOT/hub/jupyterhub_config.py")
if wait_for_http 120 "$PIDFILE" "$HUB_URL/hub/health" && wait_for_http 120 "$PIDFILE" "$HUB_URL$SERVICE_PATH/api/health"; then
  say "up: $HUB_URL/hub/login (the portal: $HUB_URL$SERVICE_PATH/)"
  exit 0
fi
tail -n 30 "$LOG" >&2
die "the hub or its portal did not come up; log: $LOG, $PORTAL_RUN_DIR/portal.log"
