//! Sandpiper's Python engine: RustPython with an unbypassable instruction budget, host-backed
//! standard streams, clocks and `input()`, structured errors and disassembly. Plain Rust:
//! the same code runs natively (CLI, tests) and in the browser's Web Worker.

mod budget;
mod canvas;
mod clock;
mod compile;
mod errors;
mod exercise;
mod expression_spans;
mod host;
mod hotspots;
mod instruction_recorder;
mod limits;
mod line_recorder;
mod line_starts;
pub mod memory;
mod object_recorder;
mod run_state;
mod sandbox;
mod session;
mod stdio;
mod stdlib;
mod step_recorder;
mod student_value;
mod value_text;

pub use exercise::{CheckReport, Checker};
pub use host::{EventWait, Host, InputLine, Signal, sleep_through};
pub use limits::{DEFAULT_INSTRUCTION_BUDGET, RunOptions};
pub use sandpiper_protocol::{
    CanvasEvent, CheckResult, CodeInfo, DiffKind, DiffLine, DrawOp, ExpressionStep, FileChanges,
    GroupRun, Hotspots, Instruction, InstructionStep, InstructionSteps, LineStep, LineSteps,
    ObjectVersion, Outcome, PyError, RecordLimits, Recording, Shape, Slot, StepEvent, StopReason,
    Stream, SyntaxLocation, TraceFrame, Transcript, TranscriptKind, Words, WorkspaceFile,
    all_passed, format_text, group_thousands,
};
pub use session::{CallAnswer, DEFAULT_RECURSION_LIMIT, EntryReport, RunReport, Session};
pub use stdlib::WARM_BUNDLE as WARM_STDLIB_BUNDLE;
pub use stdlib::core_modules as core_stdlib;
pub use stdlib::embedded_bundle as embedded_stdlib_bundle;
pub use student_value::StudentValue;
