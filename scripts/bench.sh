#!/bin/sh
# The benchmark: Sandpiper against Pyodide 314.0.7 in headless Chromium, and native
# `sandpiper run` against CPython, side by side. Builds and installs what it needs first.
#   sh scripts/bench.sh [REPETITIONS]     (default 3; writes bench/RESULTS.md)
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh browser
# Built like the test command's native build, so the two share their artifacts.
. scripts/build-env.sh
cargo build --release --locked --workspace --exclude sandpiper-worker
node bench/harness.mjs "${1:-3}"
