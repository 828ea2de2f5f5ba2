//! The `time` module's clocks and `sleep`, answered by the host: the standard library's
//! clocks trap on wasm32, and sleeping must wake on Stop.

use std::rc::Rc;

use rustpython_vm::function::ArgIntoFloat;
use rustpython_vm::{PyResult, VirtualMachine};

use crate::budget::Budget;

pub fn install(vm: &VirtualMachine, budget: &Rc<Budget>) -> PyResult<()> {
    let time = vm.import("time", 0)?;
    let set =
        |name: &'static str, value: rustpython_vm::PyObjectRef| time.set_attr(name, value, vm);

    let seconds = |name: &'static str, read: fn(&Budget) -> f64| {
        let b = budget.clone();
        vm.new_function(name, move || read(&b)).into()
    };
    let nanoseconds = |name: &'static str, read: fn(&Budget) -> f64| {
        let b = budget.clone();
        vm.new_function(name, move || (read(&b) * 1e9) as i64)
            .into()
    };
    let monotonic: fn(&Budget) -> f64 = |b| b.run.monotonic();
    let wall: fn(&Budget) -> f64 = |b| b.run.wall_clock();
    for name in ["monotonic", "perf_counter", "process_time", "thread_time"] {
        set(name, seconds(name, monotonic))?;
    }
    for name in [
        "monotonic_ns",
        "perf_counter_ns",
        "process_time_ns",
        "thread_time_ns",
    ] {
        set(name, nanoseconds(name, monotonic))?;
    }
    set("time", seconds("time", wall))?;
    set("time_ns", nanoseconds("time_ns", wall))?;

    let b = budget.clone();
    let sleep = vm.new_function(
        "sleep",
        move |secs: ArgIntoFloat, vm: &VirtualMachine| -> PyResult<()> {
            let secs = secs.into_float();
            if secs.is_nan() {
                return Err(vm.new_value_error("Invalid value NaN (not a number)"));
            }
            if secs < 0.0 {
                return Err(vm.new_value_error("sleep length must be non-negative"));
            }
            b.check(vm)?;
            b.run.sleep(secs).map_err(|reason| b.stop_error(vm, reason))
        },
    );
    set("sleep", sleep.into())
}
