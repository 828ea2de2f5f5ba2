#!/bin/sh
# Builds the whole app into dist/ after setup: scripts/build.mjs runs the stages, naming
# what each reads and writes and how long it took.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh "$@"
. scripts/build-env.sh
exec node scripts/build.mjs
