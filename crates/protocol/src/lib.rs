//! What Sandpiper's page and its Web Worker say to each other, and the data the engine
//! hands out (errors, bytecode) that both sides need. No dependency on the interpreter, so
//! the page's wasm stays small.

mod bytecode;
mod error;
mod messages;

pub use bytecode::{CodeInfo, Instruction, format_text};
pub use error::{PyError, SyntaxLocation, TraceFrame};
pub use messages::{Outcome, Request, Response, RunId, StopReason, Stream};

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
