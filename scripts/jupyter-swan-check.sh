#!/usr/bin/env bash
# Installs the built wheel into a clean venv from PyPI only (no Node involved: the wheel carries the
# prebuilt labextension), beside SWAN's own PyPI extensions, and checks that JupyterLab lists them and
# that the server loads them together. Leaves nothing behind (temporary venv, port 8897 by default).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${SWAN_CHECK_PORT:-8897}"
SWAN_PACKAGES=(swancontents swankernelenv sparkmonitor)
wheel="$(ls -t "$ROOT"/extension/dist/rucio_catalog_jupyterlab-*.whl 2>/dev/null | head -n 1)"
[[ -n "$wheel" ]] || { echo "[swan-check] no wheel: run scripts/jupyter-build.sh first" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export JUPYTER_CONFIG_DIR="$work/config" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime"

echo "[swan-check] clean venv: jupyterlab 4, $(basename "$wheel"), ${SWAN_PACKAGES[*]}"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --disable-pip-version-check -q "jupyterlab>=4.6.4,<5" "$wheel" "${SWAN_PACKAGES[@]}" >"$work/pip.log" 2>&1 ||
  { tail -n 30 "$work/pip.log" >&2; exit 1; }
"$work/venv/bin/pip" list --disable-pip-version-check 2>/dev/null | grep -i -E "^(jupyterlab|rucio|swan|sparkmonitor)" || true

plain() { sed 's/\x1b\[[0-9;]*m//g'; }  # the listings are coloured
labextensions="$("$work/venv/bin/jupyter" labextension list 2>&1 | plain)"
server_extensions="$("$work/venv/bin/jupyter" server extension list 2>&1 | plain)"
for extension in rucio-catalog-jupyterlab sparkmonitor; do
  grep -q "$extension v[0-9.]* enabled OK" <<<"$labextensions" || { echo "$labextensions" >&2; exit 1; }
done
for extension in rucio_catalog_jupyterlab swancontents; do
  grep -q "$extension [0-9.]* OK" <<<"$server_extensions" || { echo "$server_extensions" >&2; exit 1; }
done
echo "[swan-check] jupyter labextension list and jupyter server extension list show them enabled and OK"

mkdir -p "$work/notebooks"
"$work/venv/bin/jupyter-lab" --no-browser --allow-root --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
  --IdentityProvider.token=swan-check --ServerApp.root_dir="$work/notebooks" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null -H "Authorization: token swan-check" "http://127.0.0.1:$PORT/rucio-catalog/config" && break
  sleep 0.5
done
for extension in rucio_catalog_jupyterlab swancontents jupyterlab; do
  grep -q "$extension | extension was successfully loaded" "$work/server.log" ||
    { tail -n 40 "$work/server.log" >&2; echo "[swan-check] $extension did not load" >&2; exit 1; }
done
curl -fs -H "Authorization: token swan-check" "http://127.0.0.1:$PORT/rucio-catalog/config" >/dev/null
echo "[swan-check] one server loaded rucio_catalog_jupyterlab, swancontents and jupyterlab; /rucio-catalog/config answers"
