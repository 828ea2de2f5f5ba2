#!/bin/sh
# Runs every test: builds the app, then the native tests (Clippy lints every crate of the
# project as it compiles, see scripts/build-env.sh), checks formatting and the JavaScript,
# runs the Rust tests (the engine runs real Python and compares with
# CPython; the page's run lifecycle), then the browser tests in headless Chromium. Each step
# says how long it took. The closing line sums both runners: "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
began=$(date +%s)
timings=""
# step NAME COMMAND...: runs COMMAND, noting how long it took.
step() {
    name=$1
    shift
    start=$(date +%s)
    "$@"
    took=$(($(date +%s) - start))
    timings="$timings
  $name: ${took} s"
    echo "test: $name took ${took} s"
}

step "setup" sh scripts/setup.sh browser
. scripts/build-env.sh
mkdir -p target

step "app build" node scripts/build.mjs
# The tests, the CLI and the benchmark's binary in one cargo selection, so that `cargo test`
# below reuses every artifact (a narrower selection resolves features differently and
# builds RustPython again).
step "native build" cargo build --release --locked --workspace --exclude sandpiper-worker --all-targets

step "cargo fmt" cargo fmt --all -- --check
step "JavaScript check" npm run --silent check:js

status=0
rust_tests() {
    cargo test --release --locked --workspace --exclude sandpiper-worker \
        >target/test-output.txt 2>&1 || status=$?
}
browser_tests() {
    node --test --test-concurrency=1 --test-reporter=tap tests/ >target/browser-tests.txt 2>&1 || status=$?
}
step "Rust tests" rust_tests
cat target/test-output.txt
step "browser tests" browser_tests
cat target/browser-tests.txt

echo "test: steps$timings
  in all: $(($(date +%s) - began)) s"
{
    grep -h "^test result:" target/test-output.txt | awk '{ print $4, $6 }'
    awk '/^# pass /{ p = $3 } /^# fail /{ f = $3 } END { print p + 0, f + 0 }' target/browser-tests.txt
} | awk '{ passed += $1; failed += $2 } END { printf "%d passed, %d failed\n", passed, failed }'
exit "$status"
