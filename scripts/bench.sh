#!/bin/sh
# The benchmark: Sandpiper against Pyodide 314.0.7 in headless Chromium, and native
# `sandpiper run` against CPython, side by side. Builds and installs what it needs first.
#   sh scripts/bench.sh [REPETITIONS]     (default 3; writes bench/RESULTS.md)
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh browser
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Linted like the test command's builds, so the two share their native artifacts.
. scripts/clippy-env.sh
cargo build --release --locked -p sandpiper-engine -p sandpiper-bench --bins
# Pyodide, the peer, is only needed here: bench/ has its own locked package.
npm ci --prefix bench --no-audit --no-fund
node bench/harness.mjs "${1:-3}"
