#!/bin/sh
# Runs every test: formatting, clippy (native and wasm32), the engine's tests with real
# Python, and a wasm32 build of the engine. The closing line is cargo test's summary.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --release --workspace --all-targets -- -D warnings
cargo clippy --release --target wasm32-unknown-unknown -p sandpiper-engine --lib -- -D warnings
# The tests need CPython as the reference for what programs print.
command -v python3 >/dev/null 2>&1 || { echo "test: python3 is required" >&2; exit 1; }
status=0
cargo test --release --workspace >target/test-output.txt 2>&1 || status=$?
cat target/test-output.txt
grep -h "^test result:" target/test-output.txt | awk '
    { passed += $4; failed += $6 }
    END { printf "%d passed, %d failed\n", passed, failed }'
exit "$status"
