#!/usr/bin/env bash
# Run the real rucio CLI as one of the demo accounts: client.sh ACCOUNT ARGS...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
account="${1:?usage: client.sh ACCOUNT ARGS...}"; shift
[ -f "$STATE/etc/client-$account.cfg" ] || die "no client configuration for '$account': run rucio/up.sh first"
client_env "$account" "$VENV/bin/rucio" "$@"
