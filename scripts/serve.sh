#!/bin/sh
# Builds Sandpiper (the app in dist/ and the native `sandpiper` CLI) and serves the app on
# http://127.0.0.1:${PORT:-8080}/ with the cross-origin isolation headers it needs.
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh
. scripts/build-env.sh
cargo build --release --locked -p sandpiper-engine --bin sandpiper
echo "Built dist/ (the app) and target/release/sandpiper (the CLI)."
exec node scripts/serve-dist.mjs dist "${PORT:-8080}"
