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
