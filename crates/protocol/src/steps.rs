//! A run recorded step by step, for the stepper: what the engine saw at each instruction of
//! the program's own code.

use serde::{Deserialize, Serialize};

use crate::ObjectVersion;

/// The program at one instruction, just before it runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstructionStep {
    /// The code object, as `CodeInfo` names it (`co_qualname` and `co_firstlineno`).
    pub qualname: String,
    pub first_line: u32,
    /// The instruction's offset, as `dis` numbers it.
    pub offset: u32,
    pub line: Option<u32>,
    /// The frame's value stack, bottom to top: each value's text, `None` for CPython's NULL.
    pub stack: Vec<Option<String>>,
    /// The function's local variables (cells and free variables included) in `co_varnames`,
    /// `co_cellvars`, `co_freevars` order, `None` while unbound. Empty in module and class
    /// bodies, whose names live in a dictionary.
    pub locals: Vec<(String, Option<String>)>,
    /// Bytes of the run's transcript written before this step.
    pub output: u32,
}

/// The steps of one run, up to the limit the run was given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstructionSteps {
    pub steps: Vec<InstructionStep>,
    /// True when the program ran on past the last recorded step (the limit was reached).
    pub truncated: bool,
}

/// What happened at a line step, as CPython's `sys.settrace` names its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepEvent {
    /// A frame starts, or a generator resumes.
    Call,
    /// A new line is about to run.
    Line,
    /// The frame returns or yields (`value`), or an exception leaves it (no value).
    Return,
    /// An exception is raised in the frame or reaches it from a call (`value`).
    Exception,
}

/// The program at one step of the line-by-line view: an event of one of its frames.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineStep {
    pub event: StepEvent,
    /// The frame, numbered from 0 in the order frames started (a resumed generator keeps
    /// its number).
    pub frame: u32,
    /// How many of the program's frames are below it on the call stack (0: the module).
    pub depth: u32,
    pub qualname: String,
    /// The line `sys.settrace` reports (a module's `call` is at line 0).
    pub line: u32,
    /// The frame's variables and their values' text: a function's bound locals (cells and
    /// free variables included) in `co_varnames`, `co_cellvars`, `co_freevars` order; a
    /// module's or class body's names, but not its `__dunder__` ones. Empty at an
    /// `exception` step and at the `return` of a frame an exception left.
    pub locals: Vec<(String, String)>,
    /// For each of `locals`, the identity of its object when it is drawn as a box
    /// (`LineSteps::objects`), or `None`; empty when none is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boxes: Vec<Option<u32>>,
    /// A `return`'s value, or an `exception`'s exception.
    pub value: Option<String>,
    /// How many instruction steps were recorded before this one: where the instruction
    /// view of this step starts.
    pub instruction: u32,
    /// Bytes of the run's transcript written before this step.
    pub output: u32,
}

/// A value one of the program's expressions computed, for the expression view: the
/// instruction that computed it and where its source is. The value itself is the top of the
/// value stack at `instruction` (`InstructionStep::stack`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpressionStep {
    /// The instruction step that sees the value on top of the stack: the next instruction
    /// the same frame ran after the one that computed it.
    pub instruction: u32,
    /// The frame (`LineStep::frame`).
    pub frame: u32,
    /// The expression's source, from `line`:`column` to `end_line`:`end_column` (lines from
    /// 1, columns in UTF-8 bytes from 0, the end excluded), as CPython's `co_positions()`
    /// gives it for the instruction.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// The line steps of one run, up to the limit the run was given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSteps {
    pub steps: Vec<LineStep>,
    /// How many frames the steps number.
    pub frames: u32,
    /// The values the program's expressions computed, in order, while instructions were
    /// recorded too (each needs its instruction step).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expressions: Vec<ExpressionStep>,
    /// Every version of the objects the steps' variables reach: at a step, an object
    /// looks as its latest version from that step or before.
    #[serde(default)]
    pub objects: Vec<ObjectVersion>,
    /// True when the program ran on past the last recorded step (the limit was reached).
    pub truncated: bool,
}

/// How many steps a run records for the stepper (`Request::Run`'s `record`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLimits {
    pub line_steps: u32,
    pub instruction_steps: u32,
}

impl Default for RecordLimits {
    fn default() -> Self {
        Self {
            line_steps: 10_000,
            instruction_steps: 100_000,
        }
    }
}

/// A run recorded for the stepper.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    pub lines: Option<LineSteps>,
    pub instructions: Option<InstructionSteps>,
    pub transcript: Transcript,
}

/// Which part of a run's transcript a piece is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TranscriptKind {
    Stdout,
    Stderr,
    /// A line `input()` returned, with its newline (what a terminal shows as typed).
    Input,
}

/// What a recorded run wrote and read, in order, up to `TRANSCRIPT_BYTES`: each step
/// says how much of it came before it (`output`), so the stepper shows the output as it
/// was at that step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transcript {
    pub pieces: Vec<(TranscriptKind, String)>,
    /// True when the run wrote more than the transcript keeps.
    pub truncated: bool,
}

/// The most a transcript keeps: the rest of the output is not part of the recording (the
/// Output tab still shows it, up to its own limit).
pub const TRANSCRIPT_BYTES: usize = 1 << 20;

impl Transcript {
    /// Bytes kept.
    pub fn len(&self) -> usize {
        self.pieces.iter().map(|(_, text)| text.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Appends `text`, cut at a character boundary once the transcript is full; returns
    /// the bytes kept.
    pub fn push(&mut self, kind: TranscriptKind, text: &str) -> usize {
        let room = TRANSCRIPT_BYTES.saturating_sub(self.len());
        let mut end = text.len().min(room);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < text.len() {
            self.truncated = true;
        }
        if end == 0 {
            return 0;
        }
        match self.pieces.last_mut() {
            Some((last, buffer)) if *last == kind => buffer.push_str(&text[..end]),
            _ => self.pieces.push((kind, text[..end].to_owned())),
        }
        end
    }

    /// The pieces of the first `bytes` bytes: the output as a step saw it.
    pub fn until(&self, bytes: u32) -> Vec<(TranscriptKind, &str)> {
        let mut left = bytes as usize;
        let mut shown = Vec::new();
        for (kind, text) in &self.pieces {
            if left == 0 {
                break;
            }
            let mut end = text.len().min(left);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            shown.push((*kind, &text[..end]));
            left -= text.len().min(left);
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_joins_pieces_of_one_kind_and_shows_a_prefix() {
        let mut transcript = Transcript::default();
        transcript.push(TranscriptKind::Stdout, "Name? ");
        transcript.push(TranscriptKind::Input, "Ada\n");
        transcript.push(TranscriptKind::Stdout, "Hi ");
        transcript.push(TranscriptKind::Stdout, "Ada\n");
        assert_eq!(transcript.pieces.len(), 3);
        assert_eq!(transcript.len(), 17);
        assert_eq!(
            transcript.until(8),
            vec![
                (TranscriptKind::Stdout, "Name? "),
                (TranscriptKind::Input, "Ad")
            ]
        );
        assert_eq!(transcript.until(0), vec![]);
        assert_eq!(transcript.until(1000).len(), 3);
    }

    #[test]
    fn a_full_transcript_cuts_at_a_character_boundary() {
        let mut transcript = Transcript::default();
        transcript.push(TranscriptKind::Stdout, &"x".repeat(TRANSCRIPT_BYTES - 1));
        transcript.push(TranscriptKind::Stderr, "é");
        assert!(transcript.truncated);
        assert_eq!(transcript.len(), TRANSCRIPT_BYTES - 1);
        transcript.push(TranscriptKind::Stderr, "a");
        assert_eq!(transcript.len(), TRANSCRIPT_BYTES);
        assert_eq!(transcript.until(u32::MAX).len(), 2);
    }

    #[test]
    fn a_prefix_inside_a_character_stops_before_it() {
        let mut transcript = Transcript::default();
        transcript.push(TranscriptKind::Stdout, "aé");
        assert_eq!(transcript.until(2), vec![(TranscriptKind::Stdout, "a")]);
    }
}
