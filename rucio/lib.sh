# Shared paths and helpers of the local Rucio scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/rucio"
STATE="${RUCIO_STATE:-$ROOT/.local/rucio}"
PORT="${RUCIO_PORT:-8080}"
VENV="$STATE/venv"
RUN="$STATE/run"
LOGS="$STATE/logs"
export RUCIO_STATE="$STATE" RUCIO_PORT="$PORT"
mkdir -p "$RUN" "$LOGS"

say() { printf '[rucio] %s\n' "$*" >&2; }
die() { printf '[rucio] ERROR: %s\n' "$*" >&2; exit 1; }

server_env() { env RUCIO_CONFIG="$STATE/etc/rucio.cfg" PYTHONPATH="$HERE" "$@"; }
client_env() {
  local account="$1"; shift
  env RUCIO_CLIENT_MODE=1 RUCIO_CONFIG="$STATE/etc/client-$account.cfg" PYTHONPATH="$HERE" "$@"
}

pid_alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ping_ok() { curl -fsS --max-time 3 "http://127.0.0.1:$PORT/ping" >/dev/null 2>&1; }

# start_background NAME COMMAND... : a detached process with a pid file and a log file
start_background() {
  local name="$1"; shift
  if pid_alive "$name"; then return 0; fi
  setsid nohup "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$name.pid"
}

stop_background() {
  local name="$1" pid
  pid_alive "$name" || { rm -f "$RUN/$name.pid"; return 0; }
  pid="$(cat "$RUN/$name.pid")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
}

DAEMONS=(submitter poller finisher)
