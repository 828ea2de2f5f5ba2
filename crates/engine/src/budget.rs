//! The run's budget inside the VM: the instruction hook (patch 0009 on rustpython-vm) checks
//! in with the run every few thousand instructions and raises when the run must stop. Once
//! stopped, it raises again at every call, `RESUME` and backward jump: a program cannot
//! catch the stop and run on. A recorded run (the stepper) has the hook called before every
//! instruction (patch 0011): the budget then counts the slice itself.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use rustpython_vm::builtins::{PyBaseExceptionRef, PyTypeRef};
use rustpython_vm::frame::FrameObjectRef;
use rustpython_vm::vm::{InstructionHook, InstructionSite, RaiseHook};
use rustpython_vm::{PyResult, VirtualMachine};

use crate::hotspots::{SNAPSHOTS, Sampler};
use crate::limits::{RunOptions, StopReason};
use crate::run_state::{CHECK_INTERVAL, SharedRun, stack_position};
use crate::step_recorder::StepRecorder;
use sandpiper_protocol::{Hotspots, group_thousands};

/// The run's counters and the exception types a stop raises.
pub struct Budget {
    pub run: SharedRun,
    instruction_limit: PyTypeRef,
    time_limit: PyTypeRef,
    /// The program's file, whose innermost line a stop names.
    filename: RefCell<String>,
    /// The line the run was stopped at, found when it first stopped.
    stopped_at: Cell<Option<usize>>,
    /// While a run is recorded: the instructions left in the slice (the VM's countdown is
    /// kept spent, so that the hook sees every instruction).
    stepping_left: Cell<Option<u32>>,
    /// Where the run's steps go, sampled at each check-in.
    sampler: RefCell<Sampler>,
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
        let instruction_limit = vm.ctx.new_exception_type(
            "builtins",
            "InstructionLimitExceeded",
            Some(vec![base.clone()]),
        );
        let time_limit =
            vm.ctx
                .new_exception_type("builtins", "TimeLimitExceeded", Some(vec![base]));
        Rc::new(Self {
            run,
            instruction_limit,
            time_limit,
            filename: Default::default(),
            stopped_at: Cell::new(None),
            stepping_left: Cell::new(None),
            sampler: RefCell::default(),
        })
    }

    /// Starts counting the instructions of the run `RunState::begin` began; with a
    /// recorder, every instruction is shown to it.
    pub fn start_counting(
        self: &Rc<Self>,
        vm: &VirtualMachine,
        options: &RunOptions,
        recorder: Option<Rc<StepRecorder>>,
    ) {
        options.filename.clone_into(&mut self.filename.borrow_mut());
        self.stopped_at.set(None);
        self.sampler.borrow_mut().take(0);
        if let Some(bytes) = options.max_stack_bytes {
            vm.set_stack_soft_limit(stack_position().saturating_sub(bytes));
        }
        let budget = self.clone();
        let (hook, first_call): (InstructionHook, u32) = match recorder {
            None => {
                self.stepping_left.set(None);
                // The instructions past the slice, and the one the hook runs at.
                let hook = Rc::new(move |vm: &VirtualMachine, _: &InstructionSite<'_>| {
                    budget.check_in(vm, vm.instructions_past_hook() + 1)
                });
                (hook, self.run.slice_len())
            }
            Some(recorder) => {
                self.stepping_left.set(Some(self.run.slice_len()));
                vm.set_instruction_stepping(true);
                let raises = recorder.clone();
                let raise_hook: RaiseHook =
                    Rc::new(move |vm: &VirtualMachine, exception| raises.raised(exception, vm));
                vm.set_raise_hook(Some(raise_hook));
                let hook = Rc::new(move |vm: &VirtualMachine, site: &InstructionSite<'_>| {
                    budget.step(vm, site, &recorder)
                });
                (hook, 0)
            }
        };
        vm.set_instruction_hook(Some(hook), first_call);
    }

    fn check_in(&self, vm: &VirtualMachine, past_slice: u32) -> PyResult<u32> {
        if self.run.stopped().is_none()
            && let Some(frame) = self.program_frame(vm)
        {
            let near_end = self.run.near_end(SNAPSHOTS as u64);
            self.sampler.borrow_mut().sample(&frame, near_end, vm);
        }
        self.run
            .check_in(past_slice)
            .map_err(|reason| self.stop_error(vm, reason))
    }

    /// The hook of a recorded run, before each instruction: counts it (with the
    /// `EXTENDED_ARG` prefixes the hook is not called for), checking in when the slice is
    /// used up, and records it. Once the recorder is full the program runs on at full
    /// speed, the VM counting the rest of the slice.
    fn step(
        &self,
        vm: &VirtualMachine,
        site: &InstructionSite<'_>,
        recorder: &StepRecorder,
    ) -> PyResult<u32> {
        let mut ran = 1 + vm.instructions_past_hook();
        let mut left = self.stepping_left.get().unwrap_or(0);
        while ran > 0 {
            if left == 0 {
                left = self.check_in(vm, 0)?;
            }
            let counted = ran.min(left);
            left -= counted;
            ran -= counted;
            self.stepping_left.set(Some(left));
        }
        if recorder.record(site, vm) {
            return Ok(0);
        }
        vm.set_instruction_stepping(false);
        self.stepping_left.set(None);
        Ok(left)
    }

    /// Stops counting: code the engine runs between runs is not the program's.
    pub fn end(&self, vm: &VirtualMachine) -> u64 {
        let instructions = match self.stepping_left.take() {
            Some(left) => self.run.instructions(left, 0),
            None => self
                .run
                .instructions(vm.instructions_until_hook(), vm.instructions_past_hook()),
        };
        vm.set_instruction_stepping(false);
        vm.set_instruction_hook(None, u32::MAX);
        vm.set_raise_hook(None);
        instructions
    }

    /// Raises again if the run was stopped (before output is written).
    pub fn check(&self, vm: &VirtualMachine) -> PyResult<()> {
        match self.run.stopped() {
            Some(reason) => Err(self.stop_error(vm, reason)),
            None => Ok(()),
        }
    }

    /// The exception for a stop, naming the program's line it stopped at.
    pub fn stop_error(&self, vm: &VirtualMachine, reason: StopReason) -> PyBaseExceptionRef {
        let at = match self.stopped_at.get().or_else(|| self.program_line(vm)) {
            Some(line) => {
                self.stopped_at.set(Some(line));
                format!(" (line {line})")
            }
            None => String::new(),
        };
        match reason {
            StopReason::InstructionBudget => vm.new_exception_msg(
                self.instruction_limit.clone(),
                format!(
                    "stopped after {} instructions (the instruction budget) — is there an \
                     infinite loop?{at}",
                    group_thousands(self.run.budget())
                )
                .into(),
            ),
            StopReason::TimeLimit => vm.new_exception_msg(
                self.time_limit.clone(),
                format!(
                    "stopped after {:.1} seconds (the time limit) — is there an infinite \
                     loop?{at}",
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

    /// Where the run's steps went (`Hotspots`), taken once the run is over.
    pub fn take_hotspots(&self) -> Hotspots {
        self.sampler.borrow_mut().take(CHECK_INTERVAL)
    }

    /// The line of the innermost frame running the program's own file: where a stop
    /// happened, even when it happened inside a library the program called.
    fn program_line(&self, vm: &VirtualMachine) -> Option<usize> {
        usize::try_from(self.program_frame(vm)?.lineno()).ok()
    }

    /// The innermost frame running the program's own file.
    fn program_frame(&self, vm: &VirtualMachine) -> Option<FrameObjectRef> {
        let filename = self.filename.borrow();
        std::iter::successors(vm.current_frame(), |frame| frame.f_back(vm))
            .find(|frame| frame.f_code().source_path().as_str() == filename.as_str())
    }
}
