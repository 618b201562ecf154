#!/usr/bin/env bash
# Starts JupyterLab 4 (from PyPI) with the prebuilt Rucio Catalog extension wheel, in the background.
#   scripts/jupyter-up.sh          install/refresh and start (idempotent: says so if already running)
#   scripts/jupyter-up.sh --stop   stop the server this script started
# Env: JUPYTER_PORT (8888), JUPYTER_TOKEN (rucio-demo), JUPYTER_INSTANCE_DIR (.local/jupyter: config,
# data, runtime dirs, log, pid file and notebooks of this server; tests use their own),
# JUPYTER_ROOT_DIR (<instance dir>/notebooks).
# The server extension is configured for the local demo (jdoe on the local Rucio, SWAN-MOUNT mounted
# at its folder, the portal on port 3000) through the environment; any of those variables set by the
# caller wins. Everything stays under .local/jupyter; no Node needed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" jupyter-up
RUN="$ROOT/.local/jupyter"
VENV="$RUN/venv"
INSTANCE="${JUPYTER_INSTANCE_DIR:-$RUN}"
LOG="$INSTANCE/jupyter.log" PIDFILE="$INSTANCE/jupyter.pid"
PORT="${JUPYTER_PORT:-8888}" TOKEN="${JUPYTER_TOKEN:-rucio-demo}"
NOTEBOOKS="${JUPYTER_ROOT_DIR:-$INSTANCE/notebooks}"
REQUIREMENTS="$ROOT/scripts/requirements/jupyterlab.txt"

# Keep the user's ~/.jupyter and ~/.local/share/jupyter out of this server.
export JUPYTER_CONFIG_DIR="$INSTANCE/config" JUPYTER_DATA_DIR="$INSTANCE/data" JUPYTER_RUNTIME_DIR="$INSTANCE/runtime"

export_demo_extension_env

stop_server() {
  local pid
  if ! pid="$(service_pid "$PIDFILE")"; then
    rm -f "$PIDFILE"
    say "not running"
    return
  fi
  stop_service "$PIDFILE"
  say "stopped (pid $pid)"
}

case "${1:-}" in
  --stop) stop_server; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--stop]" >&2; exit 2 ;;
esac

url="http://127.0.0.1:$PORT/lab?token=$TOKEN"
if pid="$(service_pid "$PIDFILE")"; then
  if ensure_venv_with_extension "$VENV" "$REQUIREMENTS" "$RUN/pip.log"; then
    say "a new extension wheel was installed; restart to load it: $0 --stop && $0"
  fi
  say "already running (pid $pid): $url"
  exit 0
fi

port_open "$PORT" && die "port $PORT is already in use by another process (not started by this script); free it or set JUPYTER_PORT"

ensure_venv_with_extension "$VENV" "$REQUIREMENTS" "$RUN/pip.log" || true
mkdir -p "$INSTANCE" "$NOTEBOOKS" "$JUPYTER_CONFIG_DIR" "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR"

say "starting JupyterLab on 127.0.0.1:$PORT (log: $LOG)"
: >"$LOG"
start_service "$PIDFILE" "$LOG" "$VENV/bin/jupyter-lab" \
  --no-browser --allow-root --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
  --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$NOTEBOOKS"
pid="$(cat "$PIDFILE")"
if wait_for_http 60 "$PIDFILE" "http://127.0.0.1:$PORT/api/status" -H "Authorization: token $TOKEN"; then
  say "ready (pid $pid): $url"
  exit 0
fi
tail -n 30 "$LOG" >&2
service_pid "$PIDFILE" >/dev/null || { rm -f "$PIDFILE"; die "JupyterLab exited during start-up; log: $LOG"; }
die "JupyterLab did not answer on port $PORT within 60 s (pid $pid still running; stop it with $0 --stop)"
