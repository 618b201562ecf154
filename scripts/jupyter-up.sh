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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.local/jupyter"
VENV="$RUN/venv"
INSTANCE="${JUPYTER_INSTANCE_DIR:-$RUN}"
LOG="$INSTANCE/jupyter.log"
PIDFILE="$INSTANCE/jupyter.pid"
PORT="${JUPYTER_PORT:-8888}"
TOKEN="${JUPYTER_TOKEN:-rucio-demo}"
NOTEBOOKS="${JUPYTER_ROOT_DIR:-$INSTANCE/notebooks}"
# The bundle is built against @jupyterlab/core-meta 4.6.4; the executor uses rucio-clients' DownloadClient.
REQUIREMENTS=("jupyterlab>=4.6.4,<5" "rucio-clients==41.5.1")

# Keep the user's ~/.jupyter and ~/.local/share/jupyter out of this server.
export JUPYTER_CONFIG_DIR="$INSTANCE/config" JUPYTER_DATA_DIR="$INSTANCE/data" JUPYTER_RUNTIME_DIR="$INSTANCE/runtime"

# Local demo configuration of the server extension (see extension/README.md for every setting).
SWAN_RSE_FOLDER="$ROOT/.local/rucio/rses/swan"
export RUCIO_HOST="${RUCIO_HOST:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
export RUCIO_USERNAME="${RUCIO_USERNAME:-jdoe}" RUCIO_PASSWORD="${RUCIO_PASSWORD:-jdoe-secret}"
export RUCIO_CATALOG_PORTAL_URL="${RUCIO_CATALOG_PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3000}}"
export SWAN_RUCIO_INSTANCE="${SWAN_RUCIO_INSTANCE:-default}" SWAN_RUCIO_RSE="${SWAN_RUCIO_RSE:-SWAN-MOUNT}"
export SWAN_RUCIO_RSE_PATH="${SWAN_RUCIO_RSE_PATH:-$SWAN_RSE_FOLDER}"
# SWAN-MOUNT's PFNs are file://localhost<folder>/<scope>/..; the mount shows what follows the folder.
folder_parts="${SWAN_RSE_FOLDER#/}"
export SWAN_RUCIO_RSE_PATH_BEGINS_AT="${SWAN_RUCIO_RSE_PATH_BEGINS_AT:-$(tr '/' '\n' <<<"$folder_parts" | wc -l)}"

log() { printf '[jupyter-up] %s\n' "$*"; }
fail() { printf '[jupyter-up] %s\n' "$*" >&2; exit 1; }

running_pid() {
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q jupyter-lab && echo "$pid"
}

port_in_use() {
  python3 - "$PORT" <<'PY'
import socket, sys
with socket.socket() as s:
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}

server_answers() {
  curl -fs -o /dev/null -H "Authorization: token $TOKEN" "http://127.0.0.1:$PORT/api/status"
}

stop_server() {
  local pid
  pid="$(running_pid || true)"
  if [[ -z "$pid" ]]; then
    rm -f "$PIDFILE"
    log "not running"
    return
  fi
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

ensure_venv_and_wheel() {
  local wheel wheel_sum
  wheel="$(ls -t "$ROOT"/extension/dist/rucio_catalog_jupyterlab-*.whl 2>/dev/null | head -n 1)"
  [[ -n "$wheel" ]] || fail "no extension wheel in extension/dist: run scripts/jupyter-build.sh first"
  wheel_sum="$(sha256sum "$wheel" | cut -d' ' -f1)"

  if [[ ! -x "$VENV/bin/jupyter-lab" || "$(cat "$VENV/.requirements" 2>/dev/null)" != "${REQUIREMENTS[*]}" ]]; then
    log "installing ${REQUIREMENTS[*]} into $VENV"
    mkdir -p "$RUN"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --disable-pip-version-check -q "${REQUIREMENTS[@]}" >"$RUN/pip.log" 2>&1 ||
      { tail -n 30 "$RUN/pip.log" >&2; fail "pip install failed; log: $RUN/pip.log"; }
    printf '%s' "${REQUIREMENTS[*]}" >"$VENV/.requirements"
    rm -f "$VENV/.extension-wheel"
  fi

  if [[ "$(cat "$VENV/.extension-wheel" 2>/dev/null)" != "$wheel_sum" ]]; then
    log "installing $(basename "$wheel")"
    "$VENV/bin/pip" install --disable-pip-version-check -q --force-reinstall --no-deps "$wheel" >>"$RUN/pip.log" 2>&1 ||
      { tail -n 30 "$RUN/pip.log" >&2; fail "installing the wheel failed; log: $RUN/pip.log"; }
    # --no-deps above keeps jupyterlab untouched; this only adds what the wheel needs and is missing.
    "$VENV/bin/pip" install --disable-pip-version-check -q "$wheel" >>"$RUN/pip.log" 2>&1 ||
      { tail -n 30 "$RUN/pip.log" >&2; fail "installing the wheel's dependencies failed; log: $RUN/pip.log"; }
    printf '%s' "$wheel_sum" >"$VENV/.extension-wheel"
    return 0
  fi
  return 1
}

case "${1:-}" in
  --stop) stop_server; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--stop]" >&2; exit 2 ;;
esac

url="http://127.0.0.1:$PORT/lab?token=$TOKEN"
pid="$(running_pid || true)"
if [[ -n "$pid" ]]; then
  if ensure_venv_and_wheel; then
    log "a new extension wheel was installed; restart to load it: $0 --stop && $0"
  fi
  log "already running (pid $pid): $url"
  exit 0
fi

if port_in_use; then
  fail "port $PORT is already in use by another process (not started by this script); free it or set JUPYTER_PORT"
fi

ensure_venv_and_wheel || true
mkdir -p "$INSTANCE" "$NOTEBOOKS" "$JUPYTER_CONFIG_DIR" "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR"

log "starting JupyterLab on 127.0.0.1:$PORT (log: $LOG)"
nohup "$VENV/bin/jupyter-lab" \
  --no-browser --allow-root --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
  --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$NOTEBOOKS" \
  >"$LOG" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$PIDFILE"

for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$PIDFILE"
    tail -n 30 "$LOG" >&2
    fail "JupyterLab exited during start-up; log: $LOG"
  fi
  if server_answers; then
    log "ready (pid $pid): $url"
    exit 0
  fi
  sleep 0.5
done
tail -n 30 "$LOG" >&2
fail "JupyterLab did not answer on port $PORT within 60 s (pid $pid still running; stop it with $0 --stop)"
