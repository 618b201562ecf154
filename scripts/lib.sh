# The one shell library of scripts/ and rucio/ (sourced, not run):
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" TAG      TAG prefixes every message: [TAG] ...
# Gives ROOT (the repository), say/die, background services by process group, a port check, waiting
# for HTTP, a venv kept in step with a requirements file, the JupyterLab extension's build venv and wheel,
# and the PostgreSQL probes the tests need.
LIB_TAG="${1:?source scripts/lib.sh with the tag of its messages}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '[%s] %s\n' "$LIB_TAG" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$LIB_TAG" "$*" >&2; exit 1; }

# service_pid PIDFILE: prints the pid of the service the pid file names, if it runs. A service leads
# its own process group (start_service), so a pid reused by an unrelated process after a reboot is
# not taken for it.
service_pid() {
  local pid
  pid="$(cat "$1" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] || return 1
  echo "$pid"
}

# start_service PIDFILE LOGFILE COMMAND...: COMMAND in the background, in a session of its own (so
# stop_service ends it with all its children), outliving this script, its output appended to LOGFILE.
start_service() {
  local pidfile="$1" logfile="$2"; shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  (
    # The service must not keep descriptors it inherited, such as the lock of
    # `flock /tmp/e2e.lock bash scripts/e2e.sh`, which would hold off every later run while it lives.
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    exec setsid nohup "$@" >>"$logfile" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
}

# stop_service PIDFILE [SIGNAL]: SIGNAL (TERM) to the service's process group, KILL after 10 s.
stop_service() {
  local pidfile="$1" signal="${2:-TERM}" pid
  pid="$(service_pid "$pidfile")" || { rm -f "$pidfile"; return 0; }
  # A service another supervisor started may not lead its process group: then the process alone.
  kill -"$signal" -- "-$pid" 2>/dev/null || kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# port_open PORT: something listens on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# http_answers URL [CURL_ARGS...]: URL answers with a success status within 3 s.
http_answers() {
  local url="$1"; shift
  curl -fsS -o /dev/null --max-time 3 "$@" "$url" 2>/dev/null
}

# wait_until SECONDS PIDFILE COMMAND...: until COMMAND succeeds; gives up early when the service of
# PIDFILE has exited (an empty PIDFILE: no such check).
wait_until() {
  local seconds="$1" pidfile="$2" deadline; shift 2
  deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    "$@" && return 0
    if [ -n "$pidfile" ]; then service_pid "$pidfile" >/dev/null || return 1; fi
    sleep 0.5
  done
  return 1
}

# wait_for_http SECONDS PIDFILE URL [CURL_ARGS...]: until URL answers (wait_until).
wait_for_http() {
  local seconds="$1" pidfile="$2"; shift 2
  wait_until "$seconds" "$pidfile" http_answers "$@"
}

# ensure_venv VENV REQUIREMENTS_FILE LOGFILE: a venv with the requirements installed; a copy of the file
# in the venv stamps it, so a re-run with the same requirements does nothing.
ensure_venv() {
  local venv="$1" requirements="$2" logfile="$3" stamp="$1/.requirements"
  [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp" && return 0
  say "installing $(grep -cvE '^[[:space:]]*(#|$)' "$requirements") requirement(s) of ${requirements#"$ROOT"/} into $venv"
  mkdir -p "$(dirname "$logfile")"
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install --disable-pip-version-check -q -r "$requirements" >"$logfile" 2>&1; then
    tail -n 30 "$logfile" >&2
    die "pip install failed, see $logfile"
  fi
  cp "$requirements" "$stamp"
}

# The JupyterLab extension: scripts/jupyter-build.sh builds its wheel into extension/dist with the venv
# below, which also runs the server extension's tests (scripts/extension-pytest.sh); the build logs beside it.
EXTENSION_BUILD_DIR="$ROOT/.local/jupyter-build"
EXTENSION_BUILD_VENV="$EXTENSION_BUILD_DIR/venv"
ensure_extension_build_venv() {
  ensure_venv "$EXTENSION_BUILD_VENV" "$ROOT/scripts/requirements/jupyter-build.txt" "$EXTENSION_BUILD_DIR/pip.log"
}

# newest_extension_wheel: prints the newest wheel in extension/dist (nothing when there is none).
newest_extension_wheel() { ls -t "$ROOT"/extension/dist/rucio_catalog_jupyterlab-*.whl 2>/dev/null | head -n 1; }

# ensure_venv_with_extension VENV REQUIREMENTS LOGFILE: the venv in step with REQUIREMENTS, with the newest
# extension wheel installed. Succeeds (0) when it installed a new wheel, fails (1) when the wheel was in place.
ensure_venv_with_extension() {
  local venv="$1" requirements="$2" logfile="$3" wheel wheel_sum
  wheel="$(newest_extension_wheel)"
  [[ -n "$wheel" ]] || die "no extension wheel in extension/dist: run scripts/jupyter-build.sh first"
  wheel_sum="$(sha256sum "$wheel" | cut -d' ' -f1)"

  # New requirements may change what the wheel's dependencies resolve to: install the wheel again after them.
  cmp -s "$requirements" "$venv/.requirements" || rm -f "$venv/.extension-wheel"
  ensure_venv "$venv" "$requirements" "$logfile"

  [[ "$(cat "$venv/.extension-wheel" 2>/dev/null)" != "$wheel_sum" ]] || return 1
  say "installing $(basename "$wheel")"
  "$venv/bin/pip" install --disable-pip-version-check -q --force-reinstall --no-deps "$wheel" >>"$logfile" 2>&1 ||
    { tail -n 30 "$logfile" >&2; die "installing the wheel failed; log: $logfile"; }
  # --no-deps above keeps jupyterlab untouched; this only adds what the wheel needs and is missing.
  "$venv/bin/pip" install --disable-pip-version-check -q "$wheel" >>"$logfile" 2>&1 ||
    { tail -n 30 "$logfile" >&2; die "installing the wheel's dependencies failed; log: $logfile"; }
  printf '%s' "$wheel_sum" >"$venv/.extension-wheel"
}

# export_demo_extension_env: the server extension's configuration for the local demo (see extension/README.md
# for every setting): jdoe on the local Rucio, SWAN-MOUNT mounted at its folder, the portal on PORTAL_PORT.
# Any of these variables set by the caller wins.
export_demo_extension_env() {
  local rse_folder="$ROOT/.local/rucio/rses/swan"
  export RUCIO_HOST="${RUCIO_HOST:-http://127.0.0.1:${RUCIO_PORT:-8080}}"
  export RUCIO_USERNAME="${RUCIO_USERNAME:-jdoe}" RUCIO_PASSWORD="${RUCIO_PASSWORD:-jdoe-secret}"
  export RUCIO_CATALOG_PORTAL_URL="${RUCIO_CATALOG_PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3000}}"
  export SWAN_RUCIO_INSTANCE="${SWAN_RUCIO_INSTANCE:-default}" SWAN_RUCIO_RSE="${SWAN_RUCIO_RSE:-SWAN-MOUNT}"
  export SWAN_RUCIO_RSE_PATH="${SWAN_RUCIO_RSE_PATH:-$rse_folder}"
  # SWAN-MOUNT's PFNs are file://localhost<folder>/<scope>/..; the mount shows what follows the folder.
  local folder_parts="${rse_folder#/}"
  export SWAN_RUCIO_RSE_PATH_BEGINS_AT="${SWAN_RUCIO_RSE_PATH_BEGINS_AT:-$(tr '/' '\n' <<<"$folder_parts" | wc -l)}"
}

# The PostgreSQL server the tests use when it lets them in: the machine's own, superuser, no password.
SYSTEM_POSTGRES_URL="postgresql://postgres@127.0.0.1:5432/postgres"

# postgres_answers URL: a PostgreSQL server at URL lets us in and runs a query (not just: the port is open;
# Debian's own server asks for a password on 127.0.0.1).
postgres_answers() { PGCONNECT_TIMEOUT=3 psql "$1" -XAtqc 'select 1' >/dev/null 2>&1; }

# postgres_bin_dir: where Debian's PostgreSQL server binaries are (the newest installed major version).
postgres_bin_dir() {
  local initdb
  initdb="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$initdb" ] && dirname "$initdb"
}

# The portal's Rucio instances in the demo and the tests: "default" (rucio/up.sh, at RUCIO_URL) and the
# PostgreSQL-backed "cms" (rucio/cms.sh), whose JSON metadata only the ALL plugin lists and whose own keys
# are facets. A RUCIO_INSTANCES already set is kept.
export_demo_instances() {
  [ -n "${RUCIO_INSTANCES:-}" ] && return
  local cms="http://127.0.0.1:${RUCIO_CMS_PORT:-8081}"
  # Both follow their hermes on the project's broker (scripts/broker.sh): new datasets are searchable in seconds.
  local stomp="stomp://guest:guest@127.0.0.1:${BROKER_STOMP_PORT:-61613}"
  local events_default="{\"url\":\"$stomp\",\"destination\":\"/topic/rucio.events.default\"}"
  local events_cms="{\"url\":\"$stomp\",\"destination\":\"/topic/rucio.events.cms\"}"
  RUCIO_INSTANCES="[{\"name\":\"default\",\"url\":\"$RUCIO_URL\",\"events\":$events_default},{\"name\":\"cms\",\"url\":\"$cms\",\"metaPlugin\":\"ALL\",\"username\":\"root\",\"password\":\"root-secret\",\"account\":\"root\",\"facets\":[\"era\",\"data_tier\",\"primary_dataset\"],\"events\":$events_cms}]"
  export RUCIO_INSTANCES
}
