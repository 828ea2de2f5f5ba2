//! Records the instructions of the program's own code as they run, for the stepper: at each
//! one the instruction hook (patch 0011 on rustpython-vm) shows the frame's value stack and
//! locals, which are kept as text (`value_text`) so that what later steps do to a value does
//! not change what an earlier step showed.

use std::cell::RefCell;

use rustpython_vm::VirtualMachine;
use rustpython_vm::vm::InstructionSite;

use crate::step_recorder::StepAt;
use crate::value_text::value_text;
use sandpiper_protocol::{InstructionStep, InstructionSteps};

pub struct InstructionRecorder {
    limit: usize,
    steps: RefCell<InstructionSteps>,
}

impl InstructionRecorder {
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            steps: RefCell::default(),
        }
    }

    pub fn is_full(&self) -> bool {
        self.steps.borrow().truncated
    }

    /// The next instruction will be recorded.
    pub fn has_room(&self) -> bool {
        self.steps.borrow().steps.len() < self.limit
    }

    /// How many instructions were recorded.
    pub fn len(&self) -> usize {
        self.steps.borrow().steps.len()
    }

    /// Records the program's instruction at `site`, unless the limit is reached.
    pub fn record(&self, site: &InstructionSite<'_>, at: StepAt, vm: &VirtualMachine) {
        let code = site.code();
        let mut recorded = self.steps.borrow_mut();
        if recorded.steps.len() >= self.limit {
            recorded.truncated = true;
            return;
        }
        let text =
            |value: Option<rustpython_vm::PyObjectRef>| value.map(|value| value_text(&value, vm));
        recorded.steps.push(InstructionStep {
            qualname: code.qualname.as_str().to_owned(),
            first_line: code.first_line_number.map_or(0, |line| line.get() as u32),
            offset: site.offset(),
            line: site.line(),
            stack: site.stack().into_iter().map(text).collect(),
            locals: site
                .fast_locals()
                .into_iter()
                .map(|(name, value)| (name.as_str().to_owned(), text(value)))
                .collect(),
            output: at.output,
        });
    }

    pub fn finish(self) -> InstructionSteps {
        self.steps.into_inner()
    }
}
