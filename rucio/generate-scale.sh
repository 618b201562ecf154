#!/usr/bin/env bash
# Register N datasets (no files) with ATLAS-style names and metadata in scope scale_13TeV: generate-scale.sh N
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
client_env root "$VENV/bin/python" "$HERE/generate_scale.py" "${1:-50000}"
