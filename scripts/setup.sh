#!/usr/bin/env bash
# Install what the project needs on a fresh machine: Debian packages, node_modules, generated Prisma clients.
#   scripts/setup.sh            for the demo
#   scripts/setup.sh --tests    also the browser for the end-to-end tests, and PostgreSQL's server binaries
#                               when no PostgreSQL is at hand for them (scripts/postgres-server.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" setup
cd "$ROOT"

# apt_install PACKAGE...: the Debian packages that are not installed yet.
apt_install() {
  local pkg missing=() sudo=""
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg"); done
  [ "${#missing[@]}" -gt 0 ] || return 0
  say "installing Debian packages: ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

apt_packages=(curl python3-venv postgresql-client rabbitmq-server)
[ "${1:-}" = "--tests" ] && apt_packages+=(chromium)
apt_install "${apt_packages[@]}"
if [ "${1:-}" = "--tests" ] && [ -z "${SCRATCH_POSTGRES_URL:-}" ] && ! postgres_bin_dir >/dev/null; then
  if [ "${LOCAL_POSTGRES:-0}" = "1" ] || ! postgres_answers "$SYSTEM_POSTGRES_URL"; then apt_install postgresql; fi
fi

# npm ci only when the lock file changed since the last install.
stamp="node_modules/.package-lock.stamp"
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

npm run --silent db:generate
