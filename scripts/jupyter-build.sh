#!/usr/bin/env bash
# Builds the JupyterLab extension wheel extension/dist/rucio_catalog_jupyterlab-*.whl.
# Node is needed here (TypeScript + rspack bundle); installing the wheel later needs none.
# Skips the build when the wheel is newer than every file it is made from; --force rebuilds anyway.
# The build venv (scripts/requirements/jupyter-build.txt) also runs the server extension's tests
# (scripts/extension-pytest.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" jupyter-build
EXT="$ROOT/extension"
DIST="$EXT/dist"
LABEXT_OUT="$EXT/rucio_catalog_jupyterlab/labextension"

# Everything the wheel is made from; a change to any of these makes the wheel stale.
WHEEL_INPUTS=(
  extension/src extension/schema extension/style extension/rucio_catalog_jupyterlab
  extension/jupyter-config extension/install.json extension/package.json extension/pyproject.toml
  extension/tsconfig.json extension/tsconfig.build.json extension/webpack.config.js extension/README.md
  protocol/src protocol/package.json protocol/tsconfig.json
)

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

wheel_is_current() {
  local wheel changed
  wheel="$(newest_extension_wheel)"
  [[ -n "$wheel" ]] || return 1
  changed="$(cd "$ROOT" && find "${WHEEL_INPUTS[@]}" -newer "$wheel" -type f \
    -not -path '*/labextension/*' -not -path '*/__pycache__/*' -not -name '*.test.ts' -print -quit)"
  [[ -z "$changed" ]]
}

if [[ $force -eq 0 ]] && wheel_is_current; then
  say "up to date: $(newest_extension_wheel)"
  exit 0
fi

[[ -d "$ROOT/node_modules/@jupyter/builder" ]] || die "node_modules is missing @jupyter/builder: run 'npm ci' in $ROOT first"

ensure_extension_build_venv

say "compiling TypeScript and bundling the labextension"
rm -rf "$EXT/lib" "$LABEXT_OUT"
# jupyter-builder (the CLI behind `npm run build:labextension`) lives in the build venv.
(cd "$ROOT" && PATH="$EXTENSION_BUILD_VENV/bin:$PATH" npm run --silent build -w extension)

say "building the wheel"
rm -rf "$DIST"
# The JavaScript is built above, so the hatch hook only checks that the labextension is present.
HATCH_JUPYTER_BUILDER_SKIP_NPM=1 "$EXTENSION_BUILD_VENV/bin/python" -m build --wheel --no-isolation --outdir "$DIST" "$EXT" \
  >"$EXTENSION_BUILD_DIR/wheel.log" 2>&1 || { tail -n 30 "$EXTENSION_BUILD_DIR/wheel.log" >&2; exit 1; }

wheel="$(newest_extension_wheel)"
"$EXTENSION_BUILD_VENV/bin/python" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
required = [
    "share/jupyter/labextensions/rucio-catalog-jupyterlab/package.json",
    "share/jupyter/labextensions/rucio-catalog-jupyterlab/static/style.js",
    "share/jupyter/labextensions/rucio-catalog-jupyterlab/schemas/rucio-catalog-jupyterlab/settings.json",
    "etc/jupyter/jupyter_server_config.d/rucio_catalog_jupyterlab.json",
    "rucio_catalog_jupyterlab/handlers.py",
    "rucio_catalog_jupyterlab/executor.py",
]
missing = [r for r in required if not any(n.endswith(r) for n in names)]
if missing:
    sys.exit(f"[jupyter-build] wheel lacks {missing}")
PY
say "built $wheel"
