#!/bin/sh
# Installs what Sandpiper builds with, from the package registries only: the pinned Rust
# toolchain (with the wasm target), and nothing else yet. Safe to run again.
set -eu
cd "$(dirname "$0")/.."

toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! command -v rustup >/dev/null 2>&1; then
    echo "setup: rustup is required (https://rustup.rs); it installs the pinned toolchain" >&2
    exit 1
fi
# RUSTUP_AUTO_INSTALL=0 on these machines: install the pinned toolchain explicitly.
rustup toolchain install "$toolchain" --profile minimal --component rustfmt,clippy \
    --target wasm32-unknown-unknown
