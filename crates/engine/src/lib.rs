//! Sandpiper's Python engine: RustPython with an unbypassable step budget, host-backed
//! standard streams, clocks and `input()`, structured errors and disassembly. Plain Rust:
//! the same code runs natively (CLI, tests) and in the browser's Web Worker.

mod budget;
mod clock;
mod compile;
mod disasm;
mod dynamic_code;
mod errors;
mod host;
mod instrument;
mod limits;
mod run_state;
mod sandbox;
mod session;
mod stdio;

pub use budget::group_thousands;
pub use disasm::{CodeInfo, Instruction, format_text};
pub use errors::{PyError, SyntaxLocation, TraceFrame};
pub use host::{Host, InputLine, Signal, Stream};
pub use limits::{DEFAULT_STEP_BUDGET, RunOptions, StopReason};
pub use session::{DEFAULT_RECURSION_LIMIT, Outcome, RunReport, Session};
