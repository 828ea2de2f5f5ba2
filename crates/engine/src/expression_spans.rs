//! Which instructions of a code object compute the value of one of the program's
//! expressions, and that expression's source span (what CPython's `co_positions()` gives
//! the instruction): the expression view's steps. An instruction counts when it leaves the
//! expression's value on top of the stack, so the next instruction of its frame sees it
//! there: names and attributes loaded, operators, calls, displays. Literals are left out
//! (their value is their source), and so are the functions a call loads (the NULL pushed
//! above a global or a name, an attribute loaded as a method with its `self`).

use rustpython_vm::builtins::PyCode;
use rustpython_vm::bytecode::Instruction;

/// Where an expression is: lines from 1, columns in UTF-8 bytes from 0, the end excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub struct ExpressionSpans {
    /// Per code unit: the span of the expression whose value the instruction there
    /// computes, if it computes one.
    spans: Vec<Option<Span>>,
    /// Per code unit: the unit of the instruction after it (past its caches and the next
    /// one's `EXTENDED_ARG` prefixes), where its frame goes on unless it jumps or raises.
    next: Vec<u32>,
}

impl ExpressionSpans {
    /// `ops`: the code's instructions (`line_starts::decode`).
    pub fn of(code: &PyCode, ops: &[(Instruction, u8)]) -> Self {
        let units = ops.len();
        let next: Vec<u32> = (0..units)
            .map(|unit| {
                let mut next = unit + 1 + ops[unit].0.cache_entries();
                while next < units && matches!(ops[next].0, Instruction::ExtendedArg) {
                    next += 1;
                }
                next as u32
            })
            .collect();
        let computed: Vec<Option<Span>> = (0..units)
            .map(|unit| {
                let (op, arg) = ops[unit];
                let prefixed = unit > 0 && matches!(ops[unit - 1].0, Instruction::ExtendedArg);
                let argument = Argument {
                    // The low bit of the last byte is the low bit of the whole argument.
                    low_bit: arg & 1 == 1,
                    zero: arg == 0 && !prefixed,
                };
                let callee = ops
                    .get(next[unit] as usize)
                    .is_some_and(|(op, _)| matches!(op, Instruction::PushNull));
                (!callee && computes_a_value(op, argument))
                    .then(|| span(code, unit))
                    .flatten()
            })
            .collect();
        // A value the next instruction goes on computing for the same expression is not
        // its value yet (`[3, 5, 8]` is an empty list built, then extended).
        let spans = (0..units)
            .map(|unit| {
                let then = computed.get(next[unit] as usize).copied().flatten();
                computed[unit].filter(|&span| then != Some(span))
            })
            .collect();
        Self { spans, next }
    }

    /// The expression the instruction at `previous` computed, when its frame now runs the
    /// instruction at `unit` right after it (so the value is on top of the stack).
    pub fn computed(&self, previous: u32, unit: u32) -> Option<Span> {
        let previous = previous as usize;
        (self.next.get(previous) == Some(&unit))
            .then(|| self.spans.get(previous).copied().flatten())
            .flatten()
    }
}

/// What matters of an instruction's argument here.
#[derive(Clone, Copy)]
struct Argument {
    low_bit: bool,
    zero: bool,
}

fn computes_a_value(op: Instruction, argument: Argument) -> bool {
    match op {
        Instruction::LoadName { .. }
        | Instruction::LoadFast { .. }
        | Instruction::LoadFastBorrow { .. }
        | Instruction::LoadFastCheck { .. }
        | Instruction::LoadDeref { .. }
        | Instruction::BinaryOp { .. }
        | Instruction::BinarySlice
        | Instruction::CompareOp { .. }
        | Instruction::ContainsOp { .. }
        | Instruction::IsOp { .. }
        | Instruction::UnaryInvert
        | Instruction::UnaryNegative
        | Instruction::UnaryNot
        | Instruction::Call { .. }
        | Instruction::CallKw { .. }
        | Instruction::CallFunctionEx
        | Instruction::BuildTuple { .. }
        | Instruction::BuildString { .. }
        | Instruction::ListExtend { .. }
        | Instruction::SetUpdate { .. }
        | Instruction::DictUpdate { .. } => true,
        // Without the NULL a call puts above it, and not as a method with its `self`.
        Instruction::LoadGlobal { .. } | Instruction::LoadAttr { .. } => !argument.low_bit,
        // An empty one is where a longer display starts (its items come with the
        // LIST_EXTEND, SET_UPDATE or DICT_UPDATE after them), or it is `[]`, a literal.
        Instruction::BuildList { .. }
        | Instruction::BuildSet { .. }
        | Instruction::BuildMap { .. } => !argument.zero,
        _ => false,
    }
}

fn span(code: &PyCode, unit: usize) -> Option<Span> {
    let (start, end) = code.locations.get(unit)?;
    let span = Span {
        line: start.line.get() as u32,
        column: start.character_offset.to_zero_indexed() as u32,
        end_line: end.line.get() as u32,
        end_column: end.character_offset.to_zero_indexed() as u32,
    };
    ((span.end_line, span.end_column) > (span.line, span.column)).then_some(span)
}
