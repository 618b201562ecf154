#!/usr/bin/env bash
# Shortens the Rucio tokens of one userpass identity on the local Rucio (tests of token renewal):
#   rucio/token-lifetime.sh on IDENTITY PASSWORD ACCOUNT SECONDS | off     (see token_lifetime.py)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
server_env "$VENV/bin/python" "$HERE/token_lifetime.py" "$@"
