//! The REPL: entries typed at `>>>` run in the namespace the last program left, as after
//! `python -i main.py`, under the same limits as a run.

use std::cell::RefCell;

use rustpython_vm::builtins::{PyBaseException, PyCode, PyDictRef};
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, PyObjectRef, PyResult, TryFromObject, VirtualMachine};

use super::{RunReport, Session};
use crate::limits::RunOptions;

/// The file name CPython's console gives entries.
pub const ENTRY_FILENAME: &str = "<stdin>";

/// What became of an entry.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryReport {
    /// CPython's console would prompt `...` for another line.
    Incomplete,
    /// It ran (or failed to compile) as a run does.
    Ran(Box<RunReport>),
}

impl Session {
    /// One REPL entry: `source` is every line typed since the `>>>` prompt, joined with
    /// newlines, as `code.InteractiveConsole.push` joins them. A complete entry runs with
    /// `options`' limits in `__main__`'s namespace (the last program's; an empty one when
    /// none ran), an expression's value echoed by `sys.displayhook` and kept as `_`.
    pub fn run_entry(&mut self, source: &str, options: &RunOptions) -> EntryReport {
        self.warm_up();
        // The code object, or the syntax error the console shows without a traceback.
        let compiled = self
            .interpreter
            .enter(|vm| -> PyResult<Option<PyObjectRef>> {
                let code = self.parts.compile_entry.call((source,), vm)?;
                match code.downcast::<PyBaseException>() {
                    Ok(syntax_error) => Err(syntax_error),
                    Err(code) => Ok((!vm.is_none(&code)).then_some(code)),
                }
            });
        let Some(code) = compiled.transpose() else {
            return EntryReport::Incomplete;
        };
        let options = entry_options(options);
        EntryReport::Ran(Box::new(self.perform(&options, |session, vm, _| {
            let code = code?
                .downcast::<PyCode>()
                .map_err(|_| vm.new_type_error("compile_entry returns a code object"))?;
            session.sync_files(vm, &options, false)?;
            let globals = session.main_namespace(vm, &options)?;
            session.parts.budget.start_counting(vm, &options, None);
            vm.run_code_obj(code, Scope::with_builtins(None, globals, vm))?;
            Ok(())
        })))
    }

    /// What Tab completes `text` to at the REPL (`rlcompleter`, as CPython's console uses
    /// it), in the namespace entries run in. Completing an attribute evaluates what is
    /// before its dot, so it runs under `options`' limits; if that fails there is none.
    pub fn complete(&mut self, text: &str, options: &RunOptions) -> Vec<String> {
        let matches = RefCell::new(Vec::new());
        let options = entry_options(options);
        self.perform(&options, |session, vm, _| {
            session.sync_files(vm, &options, false)?;
            let globals = session.main_namespace(vm, &options)?;
            session.parts.budget.start_counting(vm, &options, None);
            let found = session.parts.complete.call((globals, text), vm)?;
            *matches.borrow_mut() = Vec::<String>::try_from_object(vm, found)?;
            Ok(())
        });
        matches.into_inner()
    }

    /// `__main__`'s namespace; made empty, with the interpreter set up for running, when
    /// no program ran yet.
    fn main_namespace(&self, vm: &VirtualMachine, options: &RunOptions) -> PyResult<PyDictRef> {
        if !self.has_main.replace(true) {
            self.reset_globals(vm, options)?;
            return self.fresh_main(vm, None);
        }
        self.existing_main(vm)
    }

    /// The namespace of `__main__` as the last run or entry left it.
    pub(crate) fn existing_main(&self, vm: &VirtualMachine) -> PyResult<PyDictRef> {
        let main = vm
            .sys_module
            .get_attr("modules", vm)?
            .get_item("__main__", vm)?;
        main.as_object().dict().ok_or_else(|| {
            vm.new_runtime_error("sys.modules['__main__'] has no namespace".to_owned())
        })
    }
}

/// A run's limits for an entry, which is never recorded for the stepper.
fn entry_options(options: &RunOptions) -> RunOptions {
    RunOptions {
        filename: ENTRY_FILENAME.to_owned(),
        record_instructions: None,
        record_lines: None,
        ..options.clone()
    }
}
