#!/bin/sh
# Builds the whole app into dist/ after setup: scripts/build.mjs runs the stages, naming
# what each reads and writes and how long it took.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh "$@"
# Trunk finds wasm-bindgen (cargo) and wasm-opt (npm binaryen) on PATH instead of
# downloading them.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
. scripts/clippy-env.sh
exec node scripts/build.mjs
