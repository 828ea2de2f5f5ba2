#!/bin/sh
# Builds the whole app into dist/ (release, wasm-opt'd) with Trunk, after setup.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh "$@"
# Trunk finds wasm-bindgen (cargo) and wasm-opt (npm binaryen) on PATH instead of
# downloading them; --offline also keeps cargo off the network, so fetch crates first.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo fetch --locked
trunk build --release --offline --locked
