# The environment every build runs in; sourced by scripts/build.sh, test.sh, serve.sh and
# bench.sh after scripts/setup.sh has installed the tools.
# - Trunk finds wasm-bindgen (cargo) and wasm-opt (npm binaryen) on PATH instead of
#   downloading them.
# - Clippy lints the project's own crates as they compile (clippy-driver as cargo's
#   RUSTC_WORKSPACE_WRAPPER, which is how `cargo clippy` itself works), so linting costs no
#   separate pass over the dependencies. CLIPPY_ARGS carries `-D warnings` the way `cargo
#   clippy -- -D warnings` passes it: a warning, Clippy's or rustc's, fails the build.
#   Dependencies are not linted (cargo caps their lints).
PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
RUSTC_WORKSPACE_WRAPPER=$(rustup which clippy-driver)
CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
export PATH RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
