#!/bin/sh
# Runs every test: formatting, clippy (native and wasm32), the Rust tests (the engine
# runs real Python and compares with CPython), then builds the app and runs the browser
# tests in headless Chromium. The closing line sums both runners: "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh browser
command -v python3 >/dev/null 2>&1 || { echo "test: python3 is required" >&2; exit 1; }

cargo fmt --all -- --check
cargo clippy --release --locked --workspace --all-targets -- -D warnings
cargo clippy --release --locked --target wasm32-unknown-unknown -p sandpiper-engine \
    -p sandpiper-protocol -p sandpiper-worker -p sandpiper-app -- -D warnings

status=0
cargo test --release --locked --workspace --exclude sandpiper-app --exclude sandpiper-worker \
    >target/test-output.txt 2>&1 || status=$?
cat target/test-output.txt
node --test --test-concurrency=1 --test-reporter=tap tests/ >target/browser-tests.txt 2>&1 || status=$?
cat target/browser-tests.txt

{
    grep -h "^test result:" target/test-output.txt | awk '{ print $4, $6 }'
    awk '/^# pass /{ p = $3 } /^# fail /{ f = $3 } END { print p + 0, f + 0 }' target/browser-tests.txt
} | awk '{ passed += $1; failed += $2 } END { printf "%d passed, %d failed\n", passed, failed }'
exit "$status"
