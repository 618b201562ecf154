#!/usr/bin/env bash
# pytest for the Jupyter server extension, in the build venv that scripts/jupyter-build.sh makes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/extension"
"$ROOT/.local/jupyter-build/venv/bin/python" -m pytest -q -p no:cacheprovider rucio_catalog_jupyterlab
