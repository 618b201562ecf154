#!/usr/bin/env bash
# pytest for the Jupyter server extension, in the build venv of scripts/jupyter-build.sh (made here when
# missing). Most tests talk to the real local Rucio, brought up here (idempotent) unless RUCIO_EXTERNAL=1.
# Extra arguments go to pytest (e.g. -k resume).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" extension-pytest
ensure_extension_build_venv
if [[ "${RUCIO_EXTERNAL:-0}" != "1" ]]; then
  bash "$ROOT/rucio/up.sh" >/dev/null
fi
cd "$ROOT/extension"
"$EXTENSION_BUILD_VENV/bin/python" -m pytest -q -p no:cacheprovider rucio_catalog_jupyterlab "$@"
