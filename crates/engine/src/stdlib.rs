//! The standard library in two parts (see build.rs): a core frozen into the engine, and
//! one bundle per top-level name that `import` asks the host for the first time it is
//! needed, so a program that never imports `email` never downloads it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rustpython_compiler_core::frozen::{FrozenCodeObject, FrozenLib, FrozenModule};
use rustpython_vm::builtins::{PyCode, PyModule};
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};

use crate::compile::{Mode, compile_plain};
use crate::run_state::SharedRun;

include!(concat!(env!("OUT_DIR"), "/stdlib_index.rs"));

static CORE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/core.frozen"));

/// The modules frozen into the engine, for `InterpreterBuilder::add_frozen_modules`.
pub fn core_modules() -> impl Iterator<Item = (&'static str, FrozenModule)> {
    FrozenLib::from_ref(CORE).decode()
}

/// `Some(is_package)` for a module that lives in a bundle.
fn lazy_module(name: &str) -> Option<bool> {
    LAZY_MODULES
        .binary_search_by(|(candidate, _)| (*candidate).cmp(name))
        .ok()
        .map(|at| LAZY_MODULES[at].1)
}

/// The bundle that holds `module`: its top-level package.
fn bundle_of(module: &str) -> &str {
    module.split('.').next().unwrap_or(module)
}

/// The bundle as the build wrote it, for hosts that embed them (native builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded_bundle(name: &str) -> Result<Vec<u8>, String> {
    EMBEDDED_BUNDLES
        .iter()
        .find(|(bundle, _)| *bundle == name)
        .map(|(_, bytes)| bytes.to_vec())
        .ok_or_else(|| format!("no bundle named {name}"))
}

thread_local! {
    /// Bundles fetched so far, checked, shared by every session of this thread.
    static FETCHED: RefCell<HashMap<String, Rc<Bundle>>> = RefCell::new(HashMap::new());
}

/// A bundle whose layout was checked, so decoding it cannot panic on a bad answer (a
/// host that answers a missing file with its HTML error page, a cut-short download).
struct Bundle {
    modules: HashMap<String, FrozenModule<Vec<u8>>>,
}

impl Bundle {
    /// Parses the `FrozenLib` layout: a u32 count, then per module a u32-prefixed name,
    /// u32-prefixed code (lz4 with its size prepended) and a package flag.
    fn parse(bytes: &[u8]) -> Option<Self> {
        let mut rest = bytes;
        let mut take = |len: usize| -> Option<&[u8]> {
            let (head, tail) = rest.split_at_checked(len)?;
            rest = tail;
            Some(head)
        };
        let u32_at = |bytes: &[u8]| u32::from_le_bytes(bytes.try_into().unwrap()) as usize;
        let count = u32_at(take(4)?);
        let mut modules = HashMap::new();
        for _ in 0..count {
            let len = u32_at(take(4)?);
            let name = std::str::from_utf8(take(len)?).ok()?.to_owned();
            let len = u32_at(take(4)?);
            let code = take(len)?.to_vec();
            let package = take(1)?[0] != 0;
            // lz4_flex checks the prepended size against what it inflates, but a wild size
            // would be allocated first: frozen modules are well under 16 MB each.
            let inflated = u32_at(code.get(..4)?);
            if inflated > 16 << 20 {
                return None;
            }
            let code = FrozenCodeObject { bytes: code };
            modules.insert(name, FrozenModule { code, package });
        }
        rest.is_empty().then_some(Self { modules })
    }
}

fn fetch_bundle(run: &SharedRun, name: &str) -> Result<Rc<Bundle>, String> {
    if let Some(bundle) = FETCHED.with_borrow(|fetched| fetched.get(name).cloned()) {
        return Ok(bundle);
    }
    let bytes = run.stdlib_bundle(name)?;
    let bundle = Rc::new(Bundle::parse(&bytes).ok_or("the download is damaged")?);
    FETCHED.with_borrow_mut(|fetched| fetched.insert(name.to_owned(), bundle.clone()));
    Ok(bundle)
}

fn load_code(vm: &VirtualMachine, run: &SharedRun, module: &str) -> PyResult<PyRef<PyCode>> {
    let failed = |reason: String| {
        vm.new_import_error(
            format!("the standard library module '{module}' could not be loaded: {reason}"),
            vm.ctx.new_utf8_str(module),
        )
    };
    let bundle = fetch_bundle(run, bundle_of(module)).map_err(failed)?;
    let frozen = bundle
        .modules
        .get(module)
        .ok_or_else(|| failed("its bundle does not hold it".to_owned()))?;
    let code = FrozenCodeObject {
        bytes: frozen.code.bytes.as_slice(),
    };
    // The layout is checked; a bundle whose code still fails to inflate is a build
    // mismatch, which a catch_unwind could not survive on wasm32 anyway.
    Ok(PyCode::new_ref_from_frozen(vm, code))
}

/// Puts the finder for bundled modules on `sys.meta_path`, after the frozen core.
pub fn install(vm: &VirtualMachine, run: &SharedRun) -> PyResult<()> {
    let find = vm.new_function("find", |name: String| lazy_module(&name));
    let run = run.clone();
    let exec = vm.new_function(
        "exec_module",
        move |module: PyRef<PyModule>, vm: &VirtualMachine| -> PyResult<()> {
            let name: String = module.as_object().get_attr("__name__", vm)?.try_into_value(vm)?;
            let code = load_code(vm, &run, &name)?;
            let scope = Scope::with_builtins(None, module.dict(), vm);
            vm.run_code_obj(code, scope).map(drop)
        },
    );
    let globals = vm.ctx.new_dict();
    globals.set_item("find", PyObjectRef::from(find), vm)?;
    globals.set_item("exec_module", PyObjectRef::from(exec), vm)?;
    let code = compile_plain(vm, include_str!("stdlib_finder.py"), "<sandpiper>", Mode::Exec)?;
    vm.run_code_obj(code, Scope::with_builtins(None, globals, vm))
        .map(drop)
}
