#!/bin/sh
# Builds Sandpiper. The browser app is not built yet (issue 3): for now this builds the
# engine for the browser's target and the native `sandpiper` command, and says how to use it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
cargo build --release --target wasm32-unknown-unknown -p sandpiper-engine --lib
cargo build --release --bin sandpiper
echo
echo "Built target/release/sandpiper. Try:"
echo "  target/release/sandpiper run examples/hello.py"
echo "  target/release/sandpiper dis examples/hello.py"
echo "The browser app comes next; there is nothing to serve yet."
