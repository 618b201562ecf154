#!/usr/bin/env bash
# Stop the local Rucio (server and daemons). Data stays; `--purge` also deletes the database, files and venv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rm -f "$STATE/READY"
for name in "${DAEMONS[@]}"; do stop_background "conveyor-$name"; done
stop_background server
say "stopped"
if [ "${1:-}" = "--purge" ]; then rm -rf "$STATE"; say "purged $STATE"; fi
