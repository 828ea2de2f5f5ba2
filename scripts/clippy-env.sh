# Sourced by scripts/build.sh and scripts/test.sh: every build of the project's own crates
# runs Clippy's lints as it compiles them (clippy-driver as cargo's RUSTC_WORKSPACE_WRAPPER,
# which is how `cargo clippy` itself works), so linting costs no separate pass over the
# dependencies. CLIPPY_ARGS carries `-D warnings` the way `cargo clippy -- -D warnings`
# passes it: a warning, Clippy's or rustc's, fails the build. Dependencies are not linted
# (cargo caps their lints).
RUSTC_WORKSPACE_WRAPPER=$(rustup which clippy-driver)
CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
export RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
