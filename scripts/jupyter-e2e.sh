#!/usr/bin/env bash
# End-to-end tests of the JupyterLab extension in Debian's Chromium: builds the wheel if it is stale,
# starts the local Rucio, a fake portal (ports 3990/3991) and a JupyterLab of its own from the wheel
# (port 8899, .local/jupyter/e2e-8899), and stops them afterwards. Extra arguments go to Playwright.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" jupyter-e2e
cd "$ROOT/e2e"
exec npx playwright test -c jupyterlab/playwright.config.ts "$@"
