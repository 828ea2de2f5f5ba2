//! What Sandpiper's page and its Web Worker say to each other, and the data the engine
//! hands out (errors, bytecode) that both sides need. No dependency on the interpreter, so
//! the page's wasm stays small.

mod bytecode;
mod completion_code;
mod drawing;
mod error;
mod exercise;
mod files;
mod hotspots;
mod messages;
mod objects;
pub mod relay;
mod steps;

pub use bytecode::{CodeInfo, Instruction, format_text};
pub use completion_code::completion_code;
pub use drawing::{CanvasEvent, DrawOp, Font, ItemKind, ItemStyle, push_coalesced};
pub use error::{Hint, HintArgument, PyError, SyntaxLocation, TraceFrame};
pub use exercise::{CheckResult, DiffKind, DiffLine, Words, all_passed};
pub use files::{FileChanges, WorkspaceFile};
pub use hotspots::{Hotspots, Snapshot};
pub use messages::{
    CLIENT_ID_SHIFT, GroupRun, Outcome, Request, Response, RunId, RunLimits, SessionId, StopReason,
    Stream, group_session,
};
pub use objects::{ObjectVersion, Shape, Slot};
pub use steps::{
    ExpressionStep, InstructionStep, InstructionSteps, LineStep, LineSteps, RecordLimits,
    Recording, StepEvent, TRANSCRIPT_BYTES, Transcript, TranscriptKind,
};

/// `50000000` → `50,000,000`: how step counts are shown, in messages and in the UI.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The layout of the shared memory (a `SharedArrayBuffer`) that lets the page reach a
/// worker that is busy running a program: Stop and `input()` cannot wait for the worker's
/// message queue. The worker creates it when the page is cross-origin isolated and posts
/// it (as `{control: buffer}`, the one message that is not JSON text) before `Ready`.
pub mod control {
    /// Index (in 32-bit words) of the interrupt flag: non-zero once Stop was pressed.
    pub const INTERRUPT: u32 = 0;
    /// Index of the input state: one of the `INPUT_*` values.
    pub const INPUT_STATE: u32 = 1;
    /// Index of the byte length of the line waiting in the text area.
    pub const INPUT_LENGTH: u32 = 2;
    pub const INPUT_IDLE: i32 = 0;
    /// The worker waits for a line.
    pub const INPUT_WAITING: i32 = 1;
    /// The page wrote a line (UTF-8, `INPUT_LENGTH` bytes at `TEXT_OFFSET`).
    pub const INPUT_LINE: i32 = 2;
    /// The page signalled end of input (Ctrl+D).
    pub const INPUT_EOF: i32 = 3;
    /// Index of the drawing's event slot: `EVENTS_EMPTY` or `EVENTS_FULL`.
    pub const EVENTS_STATE: u32 = 3;
    /// Index of the byte length of the events waiting in the events area.
    pub const EVENTS_LENGTH: u32 = 4;
    /// The worker took the last events; the page may write more.
    pub const EVENTS_EMPTY: i32 = 0;
    /// The page wrote events (a JSON array of `CanvasEvent`) for the worker to take.
    pub const EVENTS_FULL: i32 = 1;
    /// Byte offset of the text area.
    pub const TEXT_OFFSET: u32 = 32;
    /// Bytes in the text area: the longest line `input()` can receive at once.
    pub const TEXT_CAPACITY: u32 = 64 * 1024;
    /// Byte offset of the events area, just after the text area.
    pub const EVENTS_OFFSET: u32 = TEXT_OFFSET + TEXT_CAPACITY;
    /// Bytes in the events area: what the page gives the worker at once (more waits for
    /// the next time the worker takes them).
    pub const EVENTS_CAPACITY: u32 = 16 * 1024;
    pub const BUFFER_BYTES: u32 = EVENTS_OFFSET + EVENTS_CAPACITY;
}
