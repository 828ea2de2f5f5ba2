//! The worker's wasm is split in two after the build (scripts/split-worker.mjs), with the
//! wasm-split of Debian's Binaryen, which can share only one table between the two parts.
//! wasm-bindgen adds a second table (for JS values) whenever the module's `target_features`
//! section lists `reference-types`, which the standard library brings in; so the link
//! writes that section itself, without it, and wasm-bindgen keeps JS values in its JS-side
//! heap instead. No instruction changes: Rust code uses no reference types.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=--no-check-features");
        println!(
            "cargo:rustc-link-arg-cdylib=--features=bulk-memory,bulk-memory-opt,\
             call-indirect-overlong,multivalue,mutable-globals,nontrapping-fptoint,sign-ext"
        );
    }
}
