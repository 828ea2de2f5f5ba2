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
use crate::run_state::SharedRun;
use sandpiper_protocol::Recording;

/// Where in the recording a step is.
#[derive(Clone, Copy, Debug)]
pub struct StepAt {
    /// Instruction steps recorded before it.
    pub instruction: u32,
    /// Bytes of the run's transcript written before it.
    pub output: u32,
}

pub struct StepRecorder {
    /// The program's file: only its code is recorded.
    filename: String,
    run: SharedRun,
    instructions: Option<InstructionRecorder>,
    lines: Option<LineRecorder>,
}

impl StepRecorder {
    /// A recorder for what `options` asks to record, if anything.
    pub fn new(options: &RunOptions, run: SharedRun) -> Option<Self> {
        let instructions = options.record_instructions.map(InstructionRecorder::new);
        let lines = options.record_lines.map(LineRecorder::new);
        (instructions.is_some() || lines.is_some()).then(|| Self {
            filename: options.filename.clone(),
            run,
            instructions,
            lines,
        })
    }

    /// Shown each instruction before it runs; false once every recording is full (the
    /// program then runs on unrecorded).
    pub fn record(&self, site: &InstructionSite<'_>, vm: &VirtualMachine) -> bool {
        if site.code().source_path.as_str() == self.filename {
            let at = self.at();
            if let Some(lines) = self.lines.as_ref().filter(|lines| !lines.is_full()) {
                let expressions = self
                    .instructions
                    .as_ref()
                    .is_some_and(InstructionRecorder::has_room);
                lines.before_instruction(site, at, expressions, vm);
            }
            if let Some(instructions) = &self.instructions {
                instructions.record(site, at, vm);
            }
        }
        !self.is_full()
    }

    /// An exception raised where `sys.settrace` would report it.
    pub fn raised(&self, exception: &Py<PyBaseException>, vm: &VirtualMachine) {
        if let Some(lines) = self.lines.as_ref().filter(|lines| !lines.is_full()) {
            lines.raised(exception, self.at(), vm);
        }
    }

    /// The recording, with the transcript the run kept while it was made.
    pub fn finish(self) -> Recording {
        let at = self.at();
        Recording {
            lines: self.lines.map(|lines| lines.finish(at)),
            instructions: self.instructions.map(InstructionRecorder::finish),
            transcript: self.run.take_transcript().unwrap_or_default(),
        }
    }

    fn at(&self) -> StepAt {
        StepAt {
            instruction: self
                .instructions
                .as_ref()
                .map_or(0, |instructions| instructions.len() as u32),
            output: self.run.transcript_len(),
        }
    }

    fn is_full(&self) -> bool {
        self.instructions
            .as_ref()
            .is_none_or(InstructionRecorder::is_full)
            && self.lines.as_ref().is_none_or(LineRecorder::is_full)
    }
}
