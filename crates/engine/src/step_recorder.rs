//! What the stepper records of a run: its instructions (`instruction_recorder`) and its
//! line steps (`line_recorder`), each up to its own limit, for the program's own file only
//! (library code the program calls runs unrecorded). The budget's hook shows it every
//! instruction while it records, and the VM's raise hook every raise.

use rustpython_vm::builtins::PyBaseException;
use rustpython_vm::vm::InstructionSite;
use rustpython_vm::{Py, VirtualMachine};

use crate::instruction_recorder::InstructionRecorder;
use crate::limits::RunOptions;
use crate::line_recorder::LineRecorder;
use sandpiper_protocol::{InstructionSteps, LineSteps};

pub struct StepRecorder {
    /// The program's file: only its code is recorded.
    filename: String,
    instructions: Option<InstructionRecorder>,
    lines: Option<LineRecorder>,
}

impl StepRecorder {
    /// A recorder for what `options` asks to record, if anything.
    pub fn new(options: &RunOptions) -> Option<Self> {
        let instructions = options.record_instructions.map(InstructionRecorder::new);
        let lines = options.record_lines.map(LineRecorder::new);
        (instructions.is_some() || lines.is_some()).then(|| Self {
            filename: options.filename.clone(),
            instructions,
            lines,
        })
    }

    /// Shown each instruction before it runs; false once every recording is full (the
    /// program then runs on unrecorded).
    pub fn record(&self, site: &InstructionSite<'_>, vm: &VirtualMachine) -> bool {
        if site.code().source_path.as_str() == self.filename {
            let recorded = self.instructions_recorded();
            if let Some(lines) = self.lines.as_ref().filter(|lines| !lines.is_full()) {
                lines.before_instruction(site, recorded, vm);
            }
            if let Some(instructions) = &self.instructions {
                instructions.record(site, vm);
            }
        }
        !self.is_full()
    }

    /// An exception raised where `sys.settrace` would report it.
    pub fn raised(&self, exception: &Py<PyBaseException>, vm: &VirtualMachine) {
        if let Some(lines) = self.lines.as_ref().filter(|lines| !lines.is_full()) {
            lines.raised(exception, self.instructions_recorded(), vm);
        }
    }

    pub fn finish(self) -> (Option<InstructionSteps>, Option<LineSteps>) {
        let recorded = self.instructions_recorded();
        (
            self.instructions.map(InstructionRecorder::finish),
            self.lines.map(|lines| lines.finish(recorded)),
        )
    }

    fn instructions_recorded(&self) -> u32 {
        self.instructions
            .as_ref()
            .map_or(0, |instructions| instructions.len() as u32)
    }

    fn is_full(&self) -> bool {
        self.instructions
            .as_ref()
            .is_none_or(InstructionRecorder::is_full)
            && self.lines.as_ref().is_none_or(LineRecorder::is_full)
    }
}
