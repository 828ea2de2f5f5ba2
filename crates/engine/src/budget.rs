//! The native objects the instrumented program calls: they count steps, and raise
//! when the run must stop. The instrumenter puts them in the program's constants, never
//! in a namespace, so the program cannot rebind, delete or reach around them.

use std::fmt;
use std::rc::Rc;

use rustpython_vm::builtins::{PyBaseExceptionRef, PyTypeRef};
use rustpython_vm::{AsObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};

use crate::limits::StopReason;
use crate::run_state::SharedRun;
use sandpiper_protocol::group_thousands;

/// What the hooks need: the run's counters and the exception types they raise.
pub struct Budget {
    pub run: SharedRun,
    step_limit: PyTypeRef,
    time_limit: PyTypeRef,
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Budget")
    }
}

impl Budget {
    pub fn new(vm: &VirtualMachine, run: SharedRun) -> Rc<Self> {
        let base = vm.ctx.exceptions.base_exception_type.to_owned();
        // BaseException subclasses, like KeyboardInterrupt: `except Exception` lets them pass.
        let step_limit =
            vm.ctx
                .new_exception_type("builtins", "StepLimitExceeded", Some(vec![base.clone()]));
        let time_limit =
            vm.ctx
                .new_exception_type("builtins", "TimeLimitExceeded", Some(vec![base]));
        Rc::new(Self {
            run,
            step_limit,
            time_limit,
        })
    }

    /// One step: a loop iteration or a function call.
    #[inline]
    pub fn step(&self, vm: &VirtualMachine) -> PyResult<()> {
        self.run
            .step()
            .map_err(|reason| self.stop_error(vm, reason))
    }

    /// A call of a Python function: one step, and the stack guard.
    #[inline]
    pub fn enter_function(&self, vm: &VirtualMachine) -> PyResult<()> {
        self.step(vm)?;
        if self.run.stack_exhausted() {
            return Err(vm.new_recursion_error("maximum recursion depth exceeded".to_owned()));
        }
        Ok(())
    }

    /// Raises again if the run was stopped (placed at the top of `except`/`finally`).
    pub fn check(&self, vm: &VirtualMachine) -> PyResult<()> {
        match self.run.stopped() {
            Some(reason) => Err(self.stop_error(vm, reason)),
            None => Ok(()),
        }
    }

    /// The exception for a stop; its message gets the line once the traceback is known.
    pub fn stop_error(&self, vm: &VirtualMachine, reason: StopReason) -> PyBaseExceptionRef {
        match reason {
            StopReason::StepBudget => vm.new_exception_msg(
                self.step_limit.clone(),
                format!(
                    "stopped after {} steps (the step budget) — is there an infinite loop?",
                    group_thousands(self.run.budget())
                )
                .into(),
            ),
            StopReason::TimeLimit => vm.new_exception_msg(
                self.time_limit.clone(),
                format!(
                    "stopped after {:.1} seconds (the time limit) — is there an infinite loop?",
                    self.run.elapsed()
                )
                .into(),
            ),
            StopReason::Interrupt => {
                vm.new_exception_empty(vm.ctx.exceptions.keyboard_interrupt.to_owned())
            }
            StopReason::Memory => vm.new_exception_msg(
                vm.ctx.exceptions.memory_error.to_owned(),
                "the program is using nearly all the memory it may use (the memory limit) \
                 — does a list or string keep growing?"
                    .into(),
            ),
        }
    }

    /// Appends `(line N)` to a budget or time-limit message, N being where it stopped
    /// (the innermost traceback entry).
    pub fn name_line(&self, vm: &VirtualMachine, exc: &PyBaseExceptionRef) {
        let class = exc.as_object().class();
        if !(class.is(&self.step_limit) || class.is(&self.time_limit)) {
            return;
        }
        let Some(line) = exc
            .traceback()
            .and_then(|tb| tb.iter().last())
            .map(|tb| tb.lineno)
        else {
            return;
        };
        if let Some(message) = exc.args().first().and_then(|m| m.str(vm).ok()) {
            let message = format!("{message} (line {line})");
            let args = vm.ctx.new_tuple(vec![vm.ctx.new_str(message).into()]);
            // Setting `args` on an exception we created cannot fail.
            let _ = exc.as_object().set_attr("args", args, vm);
        }
    }
}

/// The hook objects one session installs into every program it compiles.
#[derive(Clone)]
pub struct Hooks {
    /// `-TICK`, at the top of every function and lambda: one step and the stack guard.
    /// Negated, not called: the unary minus goes straight to a native slot, which costs
    /// less than a call, and the compiler cannot fold it away.
    pub tick: PyObjectRef,
    /// `check()`: re-raise a stop, at the top of `except` and `finally` bodies.
    pub check: PyObjectRef,
    /// `counted(iterable)`: wraps the iterable of every `for` loop and comprehension.
    pub counted: PyObjectRef,
    /// An endless iterator of `()` that steps on each item: `while` loops run on it.
    pub forever: PyObjectRef,
    /// `in_order(x)`: `x`, a set put in CPython's order first (around every `*x`).
    pub in_order: PyObjectRef,
}

impl Hooks {
    pub fn new(vm: &VirtualMachine, budget: &Rc<Budget>) -> Self {
        let tick = _sandpiper::Tick {
            budget: budget.clone(),
        }
        .into_pyobject(vm);
        let b = budget.clone();
        let check = vm.new_function("check", move |vm: &VirtualMachine| b.check(vm));
        let b = budget.clone();
        let counted = vm.new_function(
            "counted",
            move |iterable: PyObjectRef, vm: &VirtualMachine| -> PyResult {
                let inner = iterable.get_iter(vm)?;
                Ok(_sandpiper::CountedIter {
                    inner,
                    budget: b.clone(),
                }
                .into_pyobject(vm))
            },
        );
        let forever = _sandpiper::Forever {
            budget: budget.clone(),
        }
        .into_pyobject(vm);
        let in_order = vm.new_function("in_order", crate::set_order::in_order);
        Self {
            tick,
            check: check.into(),
            counted: counted.into(),
            forever,
            in_order: in_order.into(),
        }
    }
}

#[rustpython_vm::pymodule]
pub mod _sandpiper {
    use std::fmt;
    use std::rc::Rc;

    use rustpython_vm::protocol::{PyIter, PyIterReturn, PyNumberMethods};
    use rustpython_vm::types::{AsNumber, IterNext, SelfIter};
    use rustpython_vm::{Py, PyPayload, PyResult, VirtualMachine, pyclass};

    use super::Budget;

    /// Counts a step and guards the stack when negated; the result is `True`, so
    /// `expr if -TICK else None` is `expr`.
    #[pyattr]
    #[pyclass(name = "tick")]
    #[derive(PyPayload)]
    pub struct Tick {
        pub(super) budget: Rc<Budget>,
    }

    impl fmt::Debug for Tick {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("tick")
        }
    }

    #[pyclass(with(AsNumber))]
    impl Tick {}

    impl AsNumber for Tick {
        fn as_number() -> &'static PyNumberMethods {
            static AS_NUMBER: PyNumberMethods = PyNumberMethods {
                negative: Some(|number, vm| {
                    let tick = number.obj.downcast_ref::<Tick>().expect("a tick");
                    tick.budget.enter_function(vm)?;
                    Ok(vm.ctx.true_value.clone().into())
                }),
                ..PyNumberMethods::NOT_IMPLEMENTED
            };
            &AS_NUMBER
        }
    }

    #[pyattr]
    #[pyclass(name = "counted_iterator")]
    #[derive(PyPayload)]
    pub struct CountedIter {
        pub(super) inner: PyIter,
        pub(super) budget: Rc<Budget>,
    }

    impl fmt::Debug for CountedIter {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("counted_iterator")
        }
    }

    #[pyclass(with(IterNext))]
    impl CountedIter {}

    impl SelfIter for CountedIter {}

    impl IterNext for CountedIter {
        #[inline]
        fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
            zelf.budget.step(vm)?;
            zelf.inner.next(vm)
        }
    }

    #[pyattr]
    #[pyclass(name = "forever")]
    #[derive(PyPayload)]
    pub struct Forever {
        pub(super) budget: Rc<Budget>,
    }

    impl fmt::Debug for Forever {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("forever")
        }
    }

    #[pyclass(with(IterNext))]
    impl Forever {}

    impl SelfIter for Forever {}

    impl IterNext for Forever {
        #[inline]
        fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
            zelf.budget.step(vm)?;
            Ok(PyIterReturn::Return(vm.ctx.empty_tuple.clone().into()))
        }
    }
}
