//! Where CPython 3.14 reports a new line to `sys.settrace` in a code object, and what each
//! instruction is to the line events: `initialize_lines` in CPython's
//! Python/instrumentation.c, computed once per code object from its unspecialized bytecode.

use rustpython_vm::builtins::PyCode;
use rustpython_vm::bytecode::{Instruction, decode_exception_table};

/// What an instruction is, as far as the line events of a frame care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `RESUME`: a frame starts or resumes (`sys.settrace`'s `call`); `after_yield`: after a
    /// `yield`, `yield from` or `await` (the low two bits of its argument), not at the start.
    Resume {
        after_yield: bool,
    },
    /// `RETURN_VALUE`, `YIELD_VALUE`: the frame returns or yields (`return`); `yields`: it
    /// can be resumed.
    Leave {
        yields: bool,
    },
    /// `JUMP_BACKWARD` (not `JUMP_BACKWARD_NO_INTERRUPT`), to the code unit it jumps to.
    JumpBackward {
        target: u32,
    },
    Other,
}

pub struct LineStarts {
    /// Per code unit: the line of the instruction there, -1 for none.
    lines: Vec<i32>,
    /// Per code unit: whether reaching the instruction there may report a line.
    starts: Vec<bool>,
    kinds: Vec<Kind>,
}

/// A code object's instructions, unspecialized, with each code unit's argument byte.
pub fn decode(code: &PyCode) -> Vec<(Instruction, u8)> {
    (0..code.instructions.len())
        .map(|unit| {
            let op = code.instructions.read_op(unit).deoptimize();
            (op, u8::from(code.instructions.read_arg(unit)))
        })
        .collect()
}

impl LineStarts {
    /// `ops`: the code's instructions (`decode`).
    pub fn of(code: &PyCode, ops: &[(Instruction, u8)]) -> Self {
        let units = ops.len();
        let lines: Vec<i32> = (0..units)
            .map(|unit| code.addr2line(unit as i32 * 2))
            .collect();
        let mut starts = vec![false; units];
        let mut kinds = vec![Kind::Other; units];
        // What comes before the first RESUME (cells, RETURN_GENERATOR) is never traced.
        let first_traceable = ops
            .iter()
            .position(|(op, _)| matches!(op, Instruction::Resume { .. }))
            .unwrap_or(0);

        // An instruction starts a line when its line differs from the one before it.
        let mut current_line = -1;
        let mut unit = 0;
        while unit < units {
            let (op, _) = ops[unit];
            if unit >= first_traceable && !never_starts_a_line(op) {
                if lines[unit] != current_line && lines[unit] >= 0 {
                    starts[unit] = true;
                }
                current_line = lines[unit];
            }
            unit += 1 + op.cache_entries();
        }

        // So does every jump target with a line, and every exception handler.
        let mut unit = first_traceable;
        while unit < units {
            let mut oparg = 0u32;
            let (mut op, mut arg) = ops[unit];
            while matches!(op, Instruction::ExtendedArg) && unit + 1 < units {
                oparg = (oparg << 8) | u32::from(arg);
                unit += 1;
                (op, arg) = ops[unit];
            }
            let oparg = (oparg << 8) | u32::from(arg);
            let at = unit;
            unit += 1 + op.cache_entries();
            let next = unit as u32;
            let target = match op {
                Instruction::PopJumpIfFalse { .. }
                | Instruction::PopJumpIfTrue { .. }
                | Instruction::PopJumpIfNone { .. }
                | Instruction::PopJumpIfNotNone { .. }
                | Instruction::JumpForward { .. } => next + oparg,
                // Past the END_FOR / END_SEND the exhausted loop skips.
                Instruction::ForIter { .. } | Instruction::Send { .. } => next + oparg + 1,
                Instruction::JumpBackward { .. } => {
                    let target = next - oparg;
                    kinds[at] = Kind::JumpBackward { target };
                    target
                }
                // Not instrumented for jump events (`yield from`'s and `await`'s loops).
                Instruction::JumpBackwardNoInterrupt { .. } => next - oparg,
                Instruction::Resume { .. } => {
                    kinds[at] = Kind::Resume {
                        after_yield: oparg & 3 != 0,
                    };
                    continue;
                }
                Instruction::ReturnValue => {
                    kinds[at] = Kind::Leave { yields: false };
                    continue;
                }
                Instruction::YieldValue { .. } => {
                    kinds[at] = Kind::Leave { yields: true };
                    continue;
                }
                _ => continue,
            };
            mark_target(&mut starts, &lines, ops, target as usize, |op| {
                !matches!(op, Instruction::PopIter)
            });
        }
        for entry in decode_exception_table(&code.exceptiontable) {
            mark_target(&mut starts, &lines, ops, entry.target as usize, |op| {
                !matches!(op, Instruction::EndAsyncFor)
            });
        }
        // The hook sees an instruction, not its EXTENDED_ARG prefixes: a line started on a
        // prefix is started by the instruction it belongs to.
        for unit in 0..units {
            if starts[unit] && matches!(ops[unit].0, Instruction::ExtendedArg) {
                starts[unit] = false;
                if let Some(real) =
                    (unit + 1..units).find(|&at| !matches!(ops[at].0, Instruction::ExtendedArg))
                {
                    starts[real] = true;
                }
            }
        }
        Self {
            lines,
            starts,
            kinds,
        }
    }

    /// The line of the instruction at `unit`, if it has one (RustPython's compiler gives
    /// some instructions it adds line 0, CPython's none).
    pub fn line(&self, unit: u32) -> Option<u32> {
        let line = *self.lines.get(unit as usize)?;
        u32::try_from(line).ok().filter(|&line| line > 0)
    }

    pub fn starts_line(&self, unit: u32) -> bool {
        self.starts.get(unit as usize).copied().unwrap_or(false)
    }

    pub fn kind(&self, unit: u32) -> Kind {
        self.kinds
            .get(unit as usize)
            .copied()
            .unwrap_or(Kind::Other)
    }
}

/// END_FOR and END_SEND are skipped by the jumps that end their loops; RESUME and POP_ITER
/// are never instrumented for lines.
fn never_starts_a_line(op: Instruction) -> bool {
    matches!(
        op,
        Instruction::EndAsyncFor
            | Instruction::EndFor
            | Instruction::EndSend
            | Instruction::Resume { .. }
            | Instruction::PopIter
    )
}

fn mark_target(
    starts: &mut [bool],
    lines: &[i32],
    ops: &[(Instruction, u8)],
    target: usize,
    allowed: impl Fn(Instruction) -> bool,
) {
    if target < starts.len() && lines[target] >= 0 && allowed(ops[target].0) {
        starts[target] = true;
    }
}
