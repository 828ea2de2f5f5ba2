#!/bin/sh
# Installs what Sandpiper builds and tests with, from the package registries only. Safe to
# run again: each step is skipped when its exact version is already there.
#   sh scripts/setup.sh           toolchain, wasm-bindgen-cli, trunk, npm packages, Debian's binaryen
#   sh scripts/setup.sh browser   the same, plus Debian's chromium and chromium-driver
set -eu
cd "$(dirname "$0")/.."

toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
bindgen=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
trunk_version=0.22.1

if ! command -v rustup >/dev/null 2>&1; then
    echo "setup: rustup is required (https://rustup.rs); it installs the pinned toolchain" >&2
    exit 1
fi
# RUSTUP_AUTO_INSTALL=0 on these machines: install the pinned toolchain explicitly.
rustup toolchain install "$toolchain" --profile minimal --component rustfmt,clippy \
    --target wasm32-unknown-unknown

cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
# The CLI must match the wasm-bindgen crate exactly. No --locked: its lockfile wants a
# webpki-roots release the registry here does not serve.
if [ "$("$cargo_bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
    cargo install wasm-bindgen-cli --version "$bindgen" --force
fi
if [ "$("$cargo_bin/trunk" --version 2>/dev/null)" != "trunk $trunk_version" ]; then
    cargo install trunk --version "$trunk_version" --locked --no-default-features \
        --features rustls --force
fi

command -v npm >/dev/null 2>&1 || { echo "setup: Node.js and npm are required" >&2; exit 1; }
# esbuild (editor bundle), binaryen (wasm-opt) and playwright-core, as locked.
npm ci --no-audit --no-fund

# From Debian: binaryen's wasm-split (the build splits the worker's wasm in two; npm's
# binaryen has no wasm-split), and for the browser tests chromium and chromium-driver.
debian=""
command -v wasm-split >/dev/null 2>&1 || debian="binaryen"
if [ "${1:-}" = browser ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
    debian="$debian chromium chromium-driver"
fi
if [ -n "$debian" ]; then
    as_root=""
    [ "$(id -u)" = 0 ] || as_root=sudo
    $as_root apt-get update -qq
    # shellcheck disable=SC2086 # a list of package names
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $debian
fi

# RustPython with the patch series applied (patches/README.md), where Cargo.toml's
# [patch.crates-io] finds it.
node scripts/apply-patches.mjs
