#!/usr/bin/env bash
# The integration suites in two queues at once, each one file at a time as vitest.config.ts runs them: the
# suites that mostly wait and share nothing with the others (sign-in throttle windows) beside all the
# rest. Tried and left in the main queue: the renewal suite (one `next dev` per portal-under-test folder,
# which stagings-http also starts) and the event-stream suites (a duplicated message was not seen within
# 20 s while other suites ran).
#   bash scripts/integration-tests.sh [SUITE.int.test.ts ...] [vitest options]   (no suite: every suite)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" integration-tests
cd "$ROOT"
WAITING='sign-in-throttle'

suites=() options=()
for arg in "$@"; do
  case "$arg" in *.int.test.ts) suites+=("$arg") ;; *) options+=("$arg") ;; esac
done
[ "${#suites[@]}" -gt 0 ] || mapfile -t suites < <(find portal prisma -name '*.int.test.ts' -not -path '*/node_modules/*' | sort)
waiting=() others=()
for suite in "${suites[@]}"; do
  if [[ "$suite" =~ ($WAITING)\.int\.test\.ts$ ]]; then waiting+=("$suite"); else others+=("$suite"); fi
done

# The local Rucio once, before two vitest processes would each try to start it.
[ "${RUCIO_EXTERNAL:-}" = "1" ] || bash rucio/up.sh
export RUCIO_EXTERNAL=1
log="$(mktemp)"
status=0
if [ "${#waiting[@]}" -gt 0 ]; then
  npx vitest run --project integration "${waiting[@]}" "${options[@]}" > "$log" 2>&1 &
  waiting_pid=$!
fi
if [ "${#others[@]}" -gt 0 ]; then
  npx vitest run --project integration "${others[@]}" "${options[@]}" || status=$?
fi
if [ "${#waiting[@]}" -gt 0 ]; then
  wait "$waiting_pid" || status=$?
  say "the suites that wait (${waiting[*]}):"
  cat "$log"
fi
rm -f "$log"
exit "$status"
