#!/usr/bin/env bash
# The fault and load tests that take too long for `npm test` (run after it: it sets up what they need).
# Faults: the indexer, the staging tracker and the download worker killed with SIGKILL mid-run, a Jupyter
# server restarted mid-download, Rucio stopped for 30 s mid-staging. Load: the search API under 200
# clients for 60 s, the staging tracker with 1,000 requests. Prints the figures and the time taken.
# Env: RESILIENCE_CATALOG_ROWS (1000000; the bench catalog is built once into .local/bench and reused),
# TRACKER_LOAD_REQUESTS (1000), LOAD_CONNECTIONS (200), LOAD_SECONDS (60).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" test-resilience
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1
ROWS="${RESILIENCE_CATALOG_ROWS:-1000000}"
REQUESTS="${TRACKER_LOAD_REQUESTS:-1000}"
export TRACKER_LOAD_REQUESTS="$REQUESTS"
failed=()
started=$SECONDS

# The Rucio-stop test and the tracker load use a second local Rucio (port 8480); stop it at the end.
stop_resilience_rucio() { RUCIO_PORT=8480 RUCIO_STATE="$ROOT/.local/rucio-resilience" bash rucio/down.sh >/dev/null 2>&1 || true; }
trap stop_resilience_rucio EXIT

run() {
  local name="$1" began=$SECONDS; shift
  printf '\n== %s\n' "$name"
  if "$@"; then printf '== %s: passed (%d s)\n' "$name" $((SECONDS - began))
  else printf '== %s: FAILED (%d s)\n' "$name" $((SECONDS - began)); failed+=("$name"); fi
}
tsx() { TSX_TSCONFIG_PATH=portal/tsconfig.json node --conditions=react-server --import tsx "$@"; }

FIGURES=(.local/bench/rucio-outage.md ".local/bench/search-load-sqlite-$ROWS-p${PORTAL_PROCESSES:-1}.md" ".local/bench/tracker-load-$REQUESTS.md")
rm -f "${FIGURES[@]}"
bash rucio/up.sh >/dev/null || exit 1
[ -x .local/jupyter-build/venv/bin/python ] || bash scripts/jupyter-build.sh || exit 1

run "indexer killed mid-run (50,000 DIDs)" npx vitest run --project integration portal/server/catalog/indexer/kill-resume.int.test.ts
run "staging tracker killed mid-replication" npx vitest run --project integration portal/server/staging/tracker-restart.int.test.ts
run "download worker killed, Jupyter server restarted mid-download" \
  bash scripts/extension-pytest.sh -k "sigkill or new_server_resumes_unfinished"
run "Rucio stopped for 30 s mid-staging" npx vitest run --config bench/resilience/vitest.config.ts
run "search API under load ($ROWS datasets)" tsx bench/resilience/search-load.ts --rows "$ROWS"
run "staging tracker with $REQUESTS requests" tsx bench/resilience/tracker-load.ts

printf '\n== figures\n'
cat "${FIGURES[@]}" 2>/dev/null
printf '\n== test:resilience took %d s\n' $((SECONDS - started))
if [ ${#failed[@]} -gt 0 ]; then printf 'FAILED: %s\n' "${failed[@]}"; exit 1; fi
