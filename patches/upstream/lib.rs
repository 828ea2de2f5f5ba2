//! Empty: this package only names the crates the patch series changes (Cargo.toml).
