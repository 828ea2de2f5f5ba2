//! The check's side of an exercise check (`crate::exercise`): the check API's `run()` and
//! `call()` reach the student's interpreter through two native functions made once, and
//! the check runs in a fresh `__main__` that starts with the API's names.

use std::rc::Rc;

use rustpython_vm::builtins::PyDict;
use rustpython_vm::scope::Scope;
use rustpython_vm::{PyObjectRef, PyResult, TryFromObject, VirtualMachine};
use sandpiper_protocol::CheckResult;

use super::{RunReport, Session};
use crate::compile::{Mode, compile_plain};
use crate::exercise::{ProgramRun, StudentLink};
use crate::limits::RunOptions;
use crate::session::CallAnswer;

/// The check API's module (`python/lib/_sandpiper_check.py`).
const API: &str = "_sandpiper_check";

/// The native `run()` and `call()` the check API is given.
pub(crate) struct LinkFunctions {
    run: PyObjectRef,
    call: PyObjectRef,
}

impl Session {
    /// Makes this the interpreter of exercise checks against `link`'s program.
    pub(crate) fn link_student(&mut self, link: Rc<StudentLink>) {
        let functions = self.interpreter.enter(|vm| {
            let to_run = link.clone();
            let run = vm.new_function(
                "run",
                move |inputs: Vec<String>, vm: &VirtualMachine| -> PyResult {
                    program_run_dict(vm, &to_run.run(inputs))
                },
            );
            let call = vm.new_function(
                "call",
                move |function: String, arguments: String, vm: &VirtualMachine| -> PyResult {
                    let (program, answer) = link.call(&function, &arguments);
                    call_dict(vm, &program, answer)
                },
            );
            LinkFunctions {
                run: run.into(),
                call: call.into(),
            }
        });
        self.student_link = Some(functions);
    }

    /// Runs the author's `check` against the program `source`: the run's report, and the
    /// tests it made (those made before it failed or was stopped included).
    pub(crate) fn run_check(
        &mut self,
        check: &str,
        source: &str,
        options: &RunOptions,
    ) -> (RunReport, Vec<CheckResult>) {
        let report = self.perform(options, |session, vm, _| {
            session.execute_check(vm, check, source, options)
        });
        let results = self.interpreter.enter(|vm| -> PyResult<String> {
            let api = vm.import(API, 0)?;
            String::try_from_object(vm, vm.call_method(&api, "_results_json", ())?)
        });
        let results = results
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        (report, results)
    }

    fn execute_check(
        &self,
        vm: &VirtualMachine,
        check: &str,
        source: &str,
        options: &RunOptions,
    ) -> PyResult<()> {
        let functions = self
            .student_link
            .as_ref()
            .expect("a check runs in the checker's interpreter");
        self.reset_globals(vm, options)?;
        self.sync_files(vm, options, true)?;
        self.parts
            .remember_source
            .call((options.filename.as_str(), check), vm)?;
        let code = compile_plain(vm, check, &options.filename, Mode::Exec)?;
        let globals = self.fresh_main(vm, Some(&options.filename))?;
        // Imported afresh: what an earlier check did to the module is gone.
        let modules = vm.sys_module.get_attr("modules", vm)?;
        if modules.get_item(API, vm).is_ok() {
            modules.del_item(API, vm)?;
        }
        let api = vm.import(API, 0)?;
        let names = vm.call_method(
            &api,
            "_begin",
            (source, functions.run.clone(), functions.call.clone()),
        )?;
        let names = names
            .downcast::<PyDict>()
            .map_err(|_| vm.new_type_error("_begin gives the API's names"))?;
        for (name, value) in &names {
            globals.set_item(&*name, value, vm)?;
        }
        self.parts.budget.start_counting(vm, options, None);
        match vm.run_code_obj(code, Scope::with_builtins(None, globals, vm)) {
            Ok(_) => Ok(()),
            // A StudentError left uncaught is a failed test, not a broken check.
            Err(exc) if self.run.stopped().is_none() => {
                let recorded = vm.call_method(&api, "_student_failure", (exc.clone(),))?;
                if recorded.try_to_bool(vm)? {
                    Ok(())
                } else {
                    Err(exc)
                }
            }
            Err(exc) => Err(exc),
        }
    }
}

fn program_run_dict(vm: &VirtualMachine, program: &ProgramRun) -> PyResult {
    let dict = vm.ctx.new_dict();
    dict.set_item("output", vm.ctx.new_str(program.output.as_str()).into(), vm)?;
    dict.set_item("errors", vm.ctx.new_str(program.errors.as_str()).into(), vm)?;
    dict.set_item(
        "transcript",
        vm.ctx.new_str(program.transcript.as_str()).into(),
        vm,
    )?;
    let (error, line) = match &program.error {
        Some((name, line)) => (optional_str(vm, Some(name)), optional_str(vm, Some(line))),
        None => (vm.ctx.none(), vm.ctx.none()),
    };
    dict.set_item("error", error, vm)?;
    dict.set_item("error_line", line, vm)?;
    dict.set_item("stopped", optional_str(vm, program.stopped), vm)?;
    Ok(dict.into())
}

fn call_dict(vm: &VirtualMachine, program: &ProgramRun, answer: Option<CallAnswer>) -> PyResult {
    let dict = program_run_dict(vm, program)?;
    let (kind, type_name, literal, repr) = match &answer {
        Some(CallAnswer::Returned(value)) => (
            "returned",
            Some(value.type_name.as_str()),
            value.literal.as_deref(),
            Some(value.repr.as_str()),
        ),
        Some(CallAnswer::Missing) => ("missing", None, None, None),
        Some(CallAnswer::NotCallable(type_name)) => {
            ("not_callable", Some(type_name.as_str()), None, None)
        }
        None if program.stopped == Some("interrupt") => ("interrupt", None, None, None),
        None if program.stopped.is_some() => ("stopped", None, None, None),
        None => ("raised", None, None, None),
    };
    dict.set_item("kind", vm.ctx.new_str(kind).into(), vm)?;
    dict.set_item("type", optional_str(vm, type_name), vm)?;
    dict.set_item("literal", optional_str(vm, literal), vm)?;
    dict.set_item("repr", optional_str(vm, repr), vm)?;
    Ok(dict)
}

fn optional_str(vm: &VirtualMachine, text: Option<&str>) -> PyObjectRef {
    text.map_or_else(|| vm.ctx.none(), |text| vm.ctx.new_str(text).into())
}
