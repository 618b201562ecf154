#!/usr/bin/env bash
# pytest for the Jupyter server extension, in the build venv of scripts/jupyter-build.sh (made here when
# missing). Most tests talk to the real local Rucio, brought up here (idempotent) unless RUCIO_EXTERNAL=1.
# Extra arguments go to pytest (e.g. -k resume).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" extension-pytest
VENV="$ROOT/.local/jupyter-build/venv"
ensure_venv "$VENV" "$ROOT/scripts/requirements/jupyter-build.txt" "$ROOT/.local/jupyter-build/pip.log"
if [[ "${RUCIO_EXTERNAL:-0}" != "1" ]]; then
  bash "$ROOT/rucio/up.sh" >/dev/null
fi
cd "$ROOT/extension"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider rucio_catalog_jupyterlab "$@"
