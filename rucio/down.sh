#!/usr/bin/env bash
# Stop the local Rucio (server, daemons and, for the first instance, the message broker). Data stays;
# `--purge` also deletes the database, files and venv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rm -f "$STATE/READY"
# Each daemon takes about 2 s to finish its cycle: they stop side by side.
for name in "${DAEMONS[@]}"; do stop_background "conveyor-$name" & done
stop_background hermes &
wait
stop_background server
# The broker is shared: the first instance's down stops it, the cms instance's leaves it to the first.
if [ "$DEMO" = atlas ]; then bash "$ROOT/scripts/broker.sh" --stop; fi
say "stopped"
if [ "${1:-}" = "--purge" ]; then rm -rf "$STATE"; say "purged $STATE"; fi
