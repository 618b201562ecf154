#!/usr/bin/env bash
# Installs the built wheel into a clean venv from PyPI only (no Node involved: the wheel carries the
# prebuilt labextension), beside SWAN's own PyPI extensions, and checks that JupyterLab lists them and
# that the server loads them together. Leaves nothing behind (temporary venv, port 8897 by default).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" swan-check
PORT="${SWAN_CHECK_PORT:-8897}"
SWAN_PACKAGES=(swancontents swankernelenv sparkmonitor)
wheel="$(newest_extension_wheel)"
[[ -n "$wheel" ]] || die "no wheel: run scripts/jupyter-build.sh first"

work="$(mktemp -d)"
cleanup() {
  stop_service "$work/server.pid"
  rm -rf "$work"
}
trap cleanup EXIT
export JUPYTER_CONFIG_DIR="$work/config" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime"

say "clean venv: jupyterlab 4, $(basename "$wheel"), ${SWAN_PACKAGES[*]}"
printf '%s\n' "jupyterlab>=4.6.4,<5" "$wheel" "${SWAN_PACKAGES[@]}" >"$work/requirements.txt"
ensure_venv "$work/venv" "$work/requirements.txt" "$work/pip.log"
"$work/venv/bin/pip" list --disable-pip-version-check 2>/dev/null | grep -i -E "^(jupyterlab|rucio|swan|sparkmonitor)" || true

plain() { sed 's/\x1b\[[0-9;]*m//g'; }  # the listings are coloured
labextensions="$("$work/venv/bin/jupyter" labextension list 2>&1 | plain)"
server_extensions="$("$work/venv/bin/jupyter" server extension list 2>&1 | plain)"
for extension in rucio-catalog-jupyterlab sparkmonitor; do
  grep -q "$extension v[0-9.]* enabled OK" <<<"$labextensions" || { echo "$labextensions" >&2; die "$extension is not listed as enabled"; }
done
for extension in rucio_catalog_jupyterlab swancontents; do
  grep -q "$extension [0-9.]* OK" <<<"$server_extensions" || { echo "$server_extensions" >&2; die "$extension is not listed as OK"; }
done
say "jupyter labextension list and jupyter server extension list show them enabled and OK"

mkdir -p "$work/notebooks"
port_open "$PORT" && die "port $PORT is taken; set SWAN_CHECK_PORT"
start_service "$work/server.pid" "$work/server.log" "$work/venv/bin/jupyter-lab" --no-browser --allow-root \
  --ip=127.0.0.1 --port="$PORT" --port-retries=0 --IdentityProvider.token=swan-check --ServerApp.root_dir="$work/notebooks"
config_url="http://127.0.0.1:$PORT/rucio-catalog/config"
wait_for_http 60 "$work/server.pid" "$config_url" -H "Authorization: token swan-check" ||
  { tail -n 40 "$work/server.log" >&2; die "the server did not answer $config_url"; }
for extension in rucio_catalog_jupyterlab swancontents jupyterlab; do
  grep -q "$extension | extension was successfully loaded" "$work/server.log" ||
    { tail -n 40 "$work/server.log" >&2; die "$extension did not load"; }
done
say "one server loaded rucio_catalog_jupyterlab, swancontents and jupyterlab; /rucio-catalog/config answers"
