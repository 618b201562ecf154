#!/usr/bin/env bash
# pytest for the Jupyter server extension, in the build venv that scripts/jupyter-build.sh makes.
# Most tests talk to the real local Rucio, brought up here (idempotent) unless RUCIO_EXTERNAL=1.
# Extra arguments go to pytest (e.g. -k resume).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="$ROOT/.local/jupyter-build/venv/bin/python"
[[ -x "$PYTHON" ]] || { echo "[extension-pytest] no build venv: run scripts/jupyter-build.sh first" >&2; exit 1; }
if [[ "${RUCIO_EXTERNAL:-0}" != "1" ]]; then
  bash "$ROOT/rucio/up.sh" >/dev/null
fi
cd "$ROOT/extension"
"$PYTHON" -m pytest -q -p no:cacheprovider rucio_catalog_jupyterlab "$@"
