//! A run recorded step by step, for the stepper: what the engine saw at each instruction of
//! the program's own code.

use serde::{Deserialize, Serialize};

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
    /// The frame, numbered from 0 in the order frames started (a resumed generator is
    /// numbered anew).
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
    /// A `return`'s value, or an `exception`'s exception.
    pub value: Option<String>,
    /// How many instruction steps were recorded before this one: where the instruction
    /// view of this step starts.
    pub instruction: u32,
}

/// The line steps of one run, up to the limit the run was given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSteps {
    pub steps: Vec<LineStep>,
    /// How many frames the steps number.
    pub frames: u32,
    /// True when the program ran on past the last recorded step (the limit was reached).
    pub truncated: bool,
}
