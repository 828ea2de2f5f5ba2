//! Records the instructions of the program's own code as they run, for the stepper: at each
//! one the instruction hook (patch 0011 on rustpython-vm) shows the frame's value stack and
//! locals, which are kept as text (`value_text`) so that what later steps do to a value does
//! not change what an earlier step showed. Library code the program calls runs unrecorded.

use std::cell::RefCell;

use rustpython_vm::VirtualMachine;
use rustpython_vm::vm::InstructionSite;

use crate::value_text::value_text;
use sandpiper_protocol::{InstructionStep, InstructionSteps};

pub struct InstructionRecorder {
    /// The program's file: only its code is recorded.
    filename: String,
    limit: usize,
    steps: RefCell<InstructionSteps>,
}

impl InstructionRecorder {
    pub fn new(filename: &str, limit: usize) -> Self {
        Self {
            filename: filename.to_owned(),
            limit,
            steps: RefCell::default(),
        }
    }

    /// Records the instruction at `site` if it is the program's. False once the limit is
    /// reached: the program then runs on unrecorded.
    pub fn record(&self, site: &InstructionSite<'_>, vm: &VirtualMachine) -> bool {
        let code = site.code();
        if code.source_path.as_str() != self.filename {
            return true;
        }
        let mut recorded = self.steps.borrow_mut();
        if recorded.steps.len() >= self.limit {
            recorded.truncated = true;
            return false;
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
        });
        true
    }

    pub fn finish(self) -> InstructionSteps {
        self.steps.into_inner()
    }
}
