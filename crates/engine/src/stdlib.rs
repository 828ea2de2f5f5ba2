//! The standard library in parts (see build.rs): a core frozen into the engine, the warm
//! bundle that the warm-up loads just after start-up, and one bundle per top-level name
//! that `import` asks the host for the first time it is needed, so a program that never
//! imports `email` never downloads it. Also the engine's own Python, compiled at build time.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rustpython_compiler_core::frozen::{FrozenCodeObject, FrozenModule};
use rustpython_vm::builtins::{PyCode, PyModule};
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};

use crate::run_state::SharedRun;

include!(concat!(env!("OUT_DIR"), "/stdlib_index.rs"));

static CORE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/core.frozen"));
static ENGINE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.frozen"));

/// One module of a bundle, borrowed from its bytes: (name, marshalled code, is a package).
type Entry<'a> = (&'a str, &'a [u8], bool);

/// Reads the layout build.rs writes, checking every length, so a bad answer (a host that
/// serves its HTML error page for a missing file, a cut-short download) is `None`, never
/// a panic.
fn entries(bytes: &[u8]) -> Option<Vec<Entry<'_>>> {
    let mut reader = Reader(bytes.strip_prefix(b"SPSTDLIB")?);
    let count = reader.length()?;
    let mut modules = Vec::new();
    for _ in 0..count {
        let len = reader.length()?;
        let name = std::str::from_utf8(reader.bytes(len)?).ok()?;
        let len = reader.length()?;
        let code = reader.bytes(len)?;
        let package = reader.bytes(1)?[0] != 0;
        modules.push((name, code, package));
    }
    reader.0.is_empty().then_some(modules)
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(len)?;
        self.0 = tail;
        Some(head)
    }

    fn length(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?) as usize)
    }
}

/// The interpreter's frozen importer wants lz4'd marshal data.
fn lz4(marshalled: &[u8]) -> Vec<u8> {
    lz4_flex::compress_prepend_size(marshalled)
}

/// The modules frozen into the engine, for `InterpreterBuilder::add_frozen_modules`
/// (build.rs lz4'd their code, as the interpreter's frozen importer wants it).
pub fn core_modules() -> impl Iterator<Item = (&'static str, FrozenModule)> {
    entries(CORE)
        .expect("core.frozen is written by build.rs")
        .into_iter()
        .map(|(name, bytes, package)| {
            let code = FrozenCodeObject { bytes };
            (name, FrozenModule { code, package })
        })
}

/// The engine's own Python file `python/startup/NAME.py` as code, compiled by build.rs.
pub fn engine_code(vm: &VirtualMachine, name: &str) -> PyRef<PyCode> {
    let (_, code, _) = entries(ENGINE)
        .expect("engine.frozen is written by build.rs")
        .into_iter()
        .find(|(module, _, _)| *module == name)
        .unwrap_or_else(|| panic!("build.rs compiles python/startup/{name}.py"));
    PyCode::new_ref_from_frozen(vm, FrozenCodeObject { bytes: lz4(code) })
}

/// `Some((is_package, bundle))` for a module that lives in a bundle.
fn lazy_module(name: &str) -> Option<(bool, &'static str)> {
    LAZY_MODULES
        .binary_search_by(|(candidate, _, _)| (*candidate).cmp(name))
        .ok()
        .map(|at| (LAZY_MODULES[at].1, LAZY_MODULES[at].2))
}

/// The bundle as the build wrote it: native builds embed them all; a wasm build leaves
/// them out (its host fetches them).
pub fn embedded_bundle(name: &str) -> Result<Vec<u8>, String> {
    #[cfg(not(target_arch = "wasm32"))]
    let embedded = EMBEDDED_BUNDLES.iter().find(|(bundle, _)| *bundle == name);
    #[cfg(target_arch = "wasm32")]
    let embedded: Option<&(&str, &[u8])> = None;
    embedded
        .map(|(_, bytes)| bytes.to_vec())
        .ok_or_else(|| format!("this build has no bundle named {name} built in"))
}

thread_local! {
    /// Bundles fetched so far (their layout checked), shared by every session of this thread.
    static FETCHED: RefCell<HashMap<String, Rc<[u8]>>> = RefCell::new(HashMap::new());
}

fn fetch_bundle(run: &SharedRun, name: &str) -> Result<Rc<[u8]>, String> {
    if let Some(bundle) = FETCHED.with_borrow(|fetched| fetched.get(name).cloned()) {
        return Ok(bundle);
    }
    let bytes = run.stdlib_bundle(name)?;
    entries(&bytes).ok_or("the download is damaged")?;
    let bundle: Rc<[u8]> = bytes.into();
    FETCHED.with_borrow_mut(|fetched| fetched.insert(name.to_owned(), bundle.clone()));
    Ok(bundle)
}

fn load_code(vm: &VirtualMachine, run: &SharedRun, module: &str) -> PyResult<PyRef<PyCode>> {
    let failed = |reason: &str| {
        vm.new_import_error(
            format!("the standard library module '{module}' could not be loaded: {reason}"),
            vm.ctx.new_utf8_str(module),
        )
    };
    let (_, bundle) = lazy_module(module).ok_or_else(|| failed("no bundle holds it"))?;
    let bundle = fetch_bundle(run, bundle).map_err(|reason| failed(&reason))?;
    let (_, code, _) = entries(&bundle)
        .into_iter()
        .flatten()
        .find(|(name, _, _)| *name == module)
        .ok_or_else(|| failed("its bundle does not hold it"))?;
    Ok(PyCode::new_ref_from_frozen(
        vm,
        FrozenCodeObject { bytes: lz4(code) },
    ))
}

/// Puts the finder for bundled modules on `sys.meta_path`, after the frozen core.
pub fn install(vm: &VirtualMachine, run: &SharedRun) -> PyResult<()> {
    let find = vm.new_function("find", |name: String| {
        lazy_module(&name).map(|(package, _)| package)
    });
    let run = run.clone();
    let exec = vm.new_function(
        "exec_module",
        move |module: PyRef<PyModule>, vm: &VirtualMachine| -> PyResult<()> {
            let name: String = module
                .as_object()
                .get_attr("__name__", vm)?
                .try_into_value(vm)?;
            let code = load_code(vm, &run, &name)?;
            let scope = Scope::with_builtins(None, module.dict(), vm);
            vm.run_code_obj(code, scope).map(drop)
        },
    );
    let globals = vm.ctx.new_dict();
    globals.set_item("find", PyObjectRef::from(find), vm)?;
    globals.set_item("exec_module", PyObjectRef::from(exec), vm)?;
    vm.run_code_obj(
        engine_code(vm, "stdlib_finder"),
        Scope::with_builtins(None, globals, vm),
    )
    .map(drop)
}
