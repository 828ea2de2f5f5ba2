//! Compiles RustPython's Python standard library (the `rustpython-pylib` crate's `Lib/`)
//! to frozen bytecode, split in three:
//! - the core (the modules named in `stdlib-core.txt`: what start-up imports) goes into
//!   the engine itself (`core.frozen`);
//! - the warm bundle (`stdlib-warm.txt`: what reporting errors and the bytecode viewer
//!   import, and what most programs do) is one bundle, `stdlib/_sandpiper_warm.frozen`,
//!   which the engine's warm-up loads just after start-up;
//! - everything else becomes one bundle per top-level name (`stdlib/json.frozen`,
//!   `stdlib/email.frozen`, ...), which `import` asks the host for when first needed.
//!   The browser fetches bundles; native builds embed them.
//!
//! The engine's own Python lives in `python/` (its README says the rule):
//! - `python/lib/` is bundled like the standard library's own modules: the engine's
//!   stand-ins for native modules that need a host (`_socket`, `select`, `_signal`,
//!   `_posixsubprocess`, so that `socket`, `subprocess` and `asyncio` import), and the
//!   engine's own Python that only some programs need, loaded on first use (`_sandpiper_*`).
//! - `python/startup/*.py` is what every interpreter runs as it starts, compiled here too
//!   (`engine.frozen`), so that starting an interpreter parses no source at all.
//!
//! So is `_sandpiper_docs`, a bundle of the docstrings RustPython's native functions lack,
//! which `help()` loads.
//!
//! Code objects are stored as plain `marshal` data (the engine lz4s them at load, as the
//! interpreter's frozen importer expects): brotli on the wire packs them about 28 % smaller
//! than lz4'd marshal data. The core's are lz4'd here, since the engine keeps them.
//!
//! Written to OUT_DIR only: `core.frozen`, `engine.frozen`, `stdlib/*.frozen` and
//! `stdlib_index.rs` (the lazily loaded module names and their bundles, and on native
//! targets the embedded bundles). The app's build (scripts/build.mjs) asks cargo where
//! OUT_DIR is and copies `stdlib/` into `dist/stdlib/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use rustpython_compiler::{CompileOpts, Mode, compile};
use rustpython_compiler_core::marshal;

struct Module {
    name: String,
    package: bool,
    code: Vec<u8>,
}

impl Module {
    /// Compiles `source` as the module `name`, with `filename` for its tracebacks.
    fn compile(name: String, package: bool, source: &str, filename: &str) -> Result<Self, String> {
        let code = compile(source, Mode::Exec, filename, CompileOpts::default())
            .map_err(|err| err.to_string())?;
        let mut marshalled = Vec::new();
        marshal::serialize_code(&mut marshalled, &code);
        Ok(Self {
            name,
            package,
            code: marshalled,
        })
    }
}

/// Lib's packages that `python/lib/` replaces whole: Lib's tkinter needs Tcl/Tk (the native
/// `_tkinter`), which no browser has; the stand-in draws turtle graphics on the page.
const REPLACED_PACKAGES: &[&str] = &["tkinter"];

/// The bundle of the modules in `stdlib-warm.txt` (no standard module has this name).
const WARM_BUNDLE: &str = "_sandpiper_warm";

fn main() {
    let lib = Path::new(rustpython_pylib::LIB_PATH);
    println!("cargo:rerun-if-changed=build.rs");
    check_patch_series();
    let core = module_list("stdlib-core.txt");
    let warm = module_list("stdlib-warm.txt");

    let mut modules = Vec::new();
    collect(lib, "", false, &mut modules);
    // Lib's packages that python/lib/ replaces whole.
    modules.retain(|m| !REPLACED_PACKAGES.contains(&top_level(&m.name)));
    let standard: BTreeSet<String> = modules.iter().map(|m| m.name.clone()).collect();
    // The engine's stand-ins and lazily loaded helpers (`python/lib/`).
    let stand_ins = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/lib");
    println!("cargo:rerun-if-changed={}", stand_ins.display());
    let first_stand_in = modules.len();
    collect(&stand_ins, "", false, &mut modules);
    for module in &modules[first_stand_in..] {
        assert!(
            !standard.contains(&module.name),
            "python/lib/ stands in for {}, which Lib/ has",
            module.name
        );
    }
    modules.push(native_docs_module());
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    let known: BTreeSet<&str> = modules.iter().map(|m| m.name.as_str()).collect();
    for name in core.iter().chain(&warm) {
        assert!(
            known.contains(name.as_str()),
            "stdlib-core.txt or stdlib-warm.txt names {name}, which Lib/ lacks"
        );
    }
    assert!(core.is_disjoint(&warm), "a module is both core and warm");

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let (core_modules, lazy): (Vec<&Module>, Vec<&Module>) =
        modules.iter().partition(|m| core.contains(&m.name));
    // The core stays in the engine for good, so it is lz4'd here, as the interpreter's frozen
    // importer wants it: the engine then borrows it instead of keeping a second, lz4'd copy
    // (which the worker's build-time snapshot of its memory would carry as well).
    let core_lz4: Vec<Module> = core_modules
        .iter()
        .map(|module| Module {
            name: module.name.clone(),
            package: module.package,
            code: lz4_flex::compress_prepend_size(&module.code),
        })
        .collect();
    fs::write(
        out.join("core.frozen"),
        encode(&core_lz4.iter().collect::<Vec<_>>()),
    )
    .expect("write core.frozen");
    fs::write(
        out.join("engine.frozen"),
        encode(&engine_modules().iter().collect::<Vec<_>>()),
    )
    .expect("write engine.frozen");

    fn bundle_of<'a>(module: &'a Module, warm: &BTreeSet<String>) -> &'a str {
        if warm.contains(&module.name) {
            WARM_BUNDLE
        } else {
            top_level(&module.name)
        }
    }
    let mut bundles: BTreeMap<&str, Vec<&Module>> = BTreeMap::new();
    for module in &lazy {
        bundles
            .entry(bundle_of(module, &warm))
            .or_default()
            .push(module);
    }
    let bundle_dir = out.join("stdlib");
    let _ = fs::remove_dir_all(&bundle_dir);
    fs::create_dir_all(&bundle_dir).expect("create stdlib/");
    for (name, members) in &bundles {
        fs::write(bundle_dir.join(format!("{name}.frozen")), encode(members))
            .expect("write bundle");
    }

    let mut index =
        String::from("/// Modules loaded on first import, sorted: (name, is a package, bundle).\n");
    index.push_str("pub static LAZY_MODULES: &[(&str, bool, &str)] = &[\n");
    for module in &lazy {
        writeln!(
            index,
            "    ({:?}, {}, {:?}),",
            module.name,
            module.package,
            bundle_of(module, &warm)
        )
        .unwrap();
    }
    index.push_str("];\n");
    writeln!(
        index,
        "/// The bundle the warm-up loads.\npub const WARM_BUNDLE: &str = {WARM_BUNDLE:?};"
    )
    .unwrap();
    index.push_str("/// Every bundle, for hosts that embed them (native builds).\n");
    index.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
    index.push_str("pub static EMBEDDED_BUNDLES: &[(&str, &[u8])] = &[\n");
    for name in bundles.keys() {
        let path = bundle_dir.join(format!("{name}.frozen"));
        writeln!(
            index,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    index.push_str("];\n");
    fs::write(out.join("stdlib_index.rs"), index).expect("write stdlib_index.rs");
}

/// The module names a list file holds, one a line, `#` starting a comment.
fn module_list(file: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{file}: {err}"))
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The file name of the engine's own Python: tracebacks leave frames of that name out.
const ENGINE_FILENAME: &str = "<sandpiper>";

/// Every `python/startup/NAME.py`, compiled with the file name `ENGINE_FILENAME`.
fn engine_modules() -> Vec<Module> {
    let startup = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/startup");
    println!("cargo:rerun-if-changed={}", startup.display());
    let mut modules = Vec::new();
    collect(&startup, "", true, &mut modules);
    modules
}

/// `_sandpiper_docs`: CPython's docstrings of native functions, types and modules (the
/// `rustpython-doc` database) as `TEXT`, their UTF-8 text with repeats stored once, and
/// `INDEX`, a line `qualified.name offset length` for each.
fn native_docs_module() -> Module {
    let text = xz::decode_all(rustpython_doc::BLOB).expect("decompress rustpython-doc's text");
    let mut index = String::new();
    for (name, doc) in rustpython_doc::DB.iter().filter(|(_, doc)| doc.len > 0) {
        writeln!(index, "{name} {} {}", doc.offset, doc.len).unwrap();
    }
    assert!(index.is_ascii(), "documented names are ASCII");
    let mut source = String::from("TEXT = b'");
    for &byte in &text {
        match byte {
            b'\\' | b'\'' => write!(source, "\\{}", char::from(byte)).unwrap(),
            b' '..=b'~' => source.push(char::from(byte)),
            _ => write!(source, "\\x{byte:02x}").unwrap(),
        }
    }
    write!(source, "'\nINDEX = {index:?}\n").unwrap();
    let name = "_sandpiper_docs";
    Module::compile(name.to_owned(), false, &source, name)
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn top_level(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// The layout `stdlib.rs` reads: a magic, the module count, then per module its name,
/// its marshalled code (each u32-length-prefixed, little-endian) and a package flag.
fn encode(modules: &[&Module]) -> Vec<u8> {
    fn push_len(bytes: &mut Vec<u8>, len: usize) {
        bytes.extend_from_slice(&u32::try_from(len).expect("fits u32").to_le_bytes());
    }
    let mut bytes = b"SPSTDLIB".to_vec();
    push_len(&mut bytes, modules.len());
    for module in modules {
        push_len(&mut bytes, module.name.len());
        bytes.extend_from_slice(module.name.as_bytes());
        push_len(&mut bytes, module.code.len());
        bytes.extend_from_slice(&module.code);
        bytes.push(u8::from(module.package));
    }
    bytes
}

/// Compiles every `.py` under `dir` as `py_freeze!` does: `pkg/__init__.py` is the package
/// `pkg`, and the file name given to the compiler is the module name, except for the
/// engine's own Python (`engines_own`, or a `_sandpiper_*` module), named `ENGINE_FILENAME`.
fn collect(dir: &Path, parent: &str, engines_own: bool, modules: &mut Vec<Module>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 name");
        let qualified = |stem: &str| {
            if parent.is_empty() {
                stem.to_owned()
            } else {
                format!("{parent}.{stem}")
            }
        };
        if path.is_dir() {
            collect(&path, &qualified(file_name), engines_own, modules);
            continue;
        }
        let Some(stem) = file_name.strip_suffix(".py") else {
            continue;
        };
        let package = stem == "__init__";
        let name = if package {
            parent.to_owned()
        } else {
            qualified(stem)
        };
        let source =
            fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
        // The engine's own Python keeps out of tracebacks.
        let filename = if engines_own || name.starts_with("_sandpiper_") {
            ENGINE_FILENAME
        } else {
            &name
        };
        match Module::compile(name.clone(), package, source, filename) {
            Ok(module) => modules.push(module),
            // Files that are not Python on purpose (test data), as `py_freeze!` skips them.
            Err(_) if stem.starts_with("badsyntax_") || parent.ends_with(".encoded_modules") => {}
            Err(err) => panic!("{}: {err}", path.display()),
        }
    }
}

/// Stops a build whose RustPython copies were made from another patch series than the one
/// in patches/ (scripts/apply-patches.mjs records the series it applied next to each copy).
fn check_patch_series() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let patches = root.join("patches");
    println!("cargo:rerun-if-changed={}", patches.display());
    let series = |folder: &Path| -> Vec<(String, Vec<u8>)> {
        let mut patches: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "patch"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&path).unwrap_or_default())
            })
            .collect();
        patches.sort();
        patches
    };
    for entry in std::fs::read_dir(&patches)
        .expect("patches/ exists")
        .flatten()
    {
        let crate_name = entry.file_name().to_string_lossy().into_owned();
        if crate_name == "upstream" || !entry.path().is_dir() {
            continue;
        }
        let applied = root.join(format!(
            "target/patched-by-scripts-setup.sh/{crate_name}.series"
        ));
        println!("cargo:rerun-if-changed={}", applied.display());
        assert!(
            series(&entry.path()) == series(&applied),
            "{crate_name} was patched with another series than patches/{crate_name}/: run `sh scripts/setup.sh` (or `node scripts/apply-patches.mjs`)"
        );
    }
}
