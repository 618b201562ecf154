#!/usr/bin/env bash
# Install what the project needs on a fresh machine: Debian packages, node_modules, generated Prisma clients.
#   scripts/setup.sh            for the demo
#   scripts/setup.sh --tests    also the browser for the end-to-end tests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[setup] %s\n' "$*" >&2; }

apt_packages=(curl python3-venv postgresql-client)
[ "${1:-}" = "--tests" ] && apt_packages+=(chromium)
missing=()
for pkg in "${apt_packages[@]}"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
stamp="node_modules/.package-lock.stamp"
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

npm run --silent db:generate
