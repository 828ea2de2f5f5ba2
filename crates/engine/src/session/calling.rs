//! An exercise's check calling one of the student's functions, in the namespace their
//! program's last run left, under a run's limits.

use std::cell::RefCell;

use rustpython_vm::builtins::{PyDict, PyTuple};
use rustpython_vm::function::{FuncArgs, KwArgs};
use rustpython_vm::scope::Scope;
use rustpython_vm::{PyObjectRef, PyResult, VirtualMachine};

use sandpiper_protocol::Outcome;

use super::{RunReport, Session};
use crate::compile::{Mode, compile_plain};
use crate::limits::RunOptions;
use crate::student_value::{self, StudentValue};

/// What calling the function gave, when the call itself did not fail (then the report's
/// outcome says how).
#[derive(Clone, Debug, PartialEq)]
pub enum CallAnswer {
    Returned(StudentValue),
    /// The program defines no such name.
    Missing,
    /// The name is there but not callable: its type's name.
    NotCallable(String),
}

impl Session {
    /// Calls `function` of `__main__` with `arguments`, the text of a literal
    /// `(args_tuple, kwargs_dict)` (the check's, never the program's).
    pub fn call_function(
        &mut self,
        function: &str,
        arguments: &str,
        options: &RunOptions,
    ) -> (RunReport, Option<CallAnswer>) {
        let answer = RefCell::new(None);
        let report = self.perform(options, |session, vm, _| {
            // Everything from here may run the program's code (a key's `__eq__`, a repr).
            session.parts.budget.start_counting(vm, options, None);
            let globals = session.existing_main(vm)?;
            let Some(target) = globals.get_item_opt(function, vm)? else {
                *answer.borrow_mut() = Some(CallAnswer::Missing);
                return Ok(());
            };
            if !target.is_callable() {
                let type_name = target.class().name().to_string();
                *answer.borrow_mut() = Some(CallAnswer::NotCallable(type_name));
                return Ok(());
            }
            let arguments = session.literal_arguments(vm, arguments)?;
            let value = target.call_with_args(arguments, vm)?;
            let value = student_value::describe(vm, &value);
            *answer.borrow_mut() = Some(CallAnswer::Returned(value));
            Ok(())
        });
        // A stop while describing the value (its repr looping) is the call's stop.
        let answer = answer
            .into_inner()
            .filter(|_| matches!(report.outcome, Outcome::Finished));
        (report, answer)
    }

    /// The check's literal arguments as the program's objects, evaluated with no builtins
    /// but the pristine `set` (an empty set's literal is `set()`).
    fn literal_arguments(&self, vm: &VirtualMachine, text: &str) -> PyResult<FuncArgs> {
        let code = compile_plain(vm, text, "<check>", Mode::Eval)?;
        let builtins = vm.ctx.new_dict();
        builtins.set_item("set", self.parts.pristine_builtins.get_item("set", vm)?, vm)?;
        let globals = vm.ctx.new_dict();
        globals.set_item("__builtins__", builtins.into(), vm)?;
        let pair = vm.run_code_obj(code, Scope::new(None, globals))?;
        let wrong = || vm.new_type_error("the check's arguments are (args, kwargs)");
        let pair = pair.downcast_ref::<PyTuple>().ok_or_else(wrong)?;
        let [args, kwargs] = pair.as_slice() else {
            return Err(wrong());
        };
        let args: Vec<PyObjectRef> = args.downcast_ref::<PyTuple>().ok_or_else(wrong)?.to_vec();
        let kwargs = kwargs.downcast_ref::<PyDict>().ok_or_else(wrong)?;
        let mut named = Vec::new();
        for (key, value) in kwargs {
            let key: String = key.try_into_value(vm)?;
            named.push((key, value));
        }
        Ok(FuncArgs::new(args, named.into_iter().collect::<KwArgs>()))
    }
}
