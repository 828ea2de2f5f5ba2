//! The expression view's statement as evaluated so far, as Thonny shows it: the source of
//! the statement the expression belongs to, with each value its frame has computed in it
//! since the statement began in place of that expression's source (an enclosing
//! expression's value replaces its parts' values).

use sandpiper_protocol::{ExpressionStep, StepEvent};

use super::Stepper;

/// A piece of the evaluated statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Source(&'a str),
    /// A value computed, `current` when it is the expression shown.
    Value {
        text: &'a str,
        current: bool,
    },
}

impl Stepper {
    /// The statement of the expression shown, evaluated up to it (empty outside the
    /// expression view).
    pub fn evaluated(&self) -> Vec<Piece<'_>> {
        let Some(shown) = self.expression() else {
            return Vec::new();
        };
        let (first_line, since) = self.statement_start(shown);
        let expressions = self.expressions();
        let mut computed: Vec<usize> = (0..=self.fine)
            .rev()
            .take_while(|&at| expressions[at].instruction >= since)
            .filter(|&at| {
                expressions[at].frame == shown.frame && expressions[at].line >= first_line
            })
            .collect();
        computed.reverse();
        let last_line = computed
            .iter()
            .map(|&at| expressions[at].end_line)
            .fold(first_line, u32::max);
        // The statement's lines, as byte offsets into the source.
        let (Some(from), Some(to)) = (
            self.source_offset(first_line, 0),
            self.source_offset(last_line, u32::MAX),
        ) else {
            return Vec::new();
        };
        // The values in place: a later value replaces those within its span.
        let mut placed: Vec<(usize, usize, usize)> = Vec::new();
        for at in computed {
            let expression = &expressions[at];
            let (Some(start), Some(end)) = (
                self.source_offset(expression.line, expression.column),
                self.source_offset(expression.end_line, expression.end_column),
            ) else {
                continue;
            };
            if end <= start {
                continue;
            }
            placed.retain(|&(other_start, other_end, _)| other_end <= start || other_start >= end);
            placed.push((start, end, at));
        }
        placed.sort_unstable();
        let statement = &self.source[from..to];
        let mut cursor = to - statement.trim_start().len();
        let mut pieces = Vec::new();
        for (start, end, at) in placed {
            if start < cursor {
                continue;
            }
            if start > cursor {
                pieces.push(Piece::Source(&self.source[cursor..start]));
            }
            pieces.push(Piece::Value {
                text: self.value_of(&expressions[at]),
                current: at == self.fine,
            });
            cursor = end;
        }
        if cursor < to {
            pieces.push(Piece::Source(&self.source[cursor..to]));
        }
        pieces
    }

    /// Where the expression shown is, with columns in characters: (line, column, end line,
    /// end column).
    pub fn expression_span(&self) -> Option<(u32, u32, u32, u32)> {
        let shown = self.expression()?;
        let column = |line: u32, byte: u32| {
            let line_start = self.source_offset(line, 0)?;
            let at = self.source_offset(line, byte)?;
            Some(self.source[line_start..at].chars().count() as u32)
        };
        Some((
            shown.line,
            column(shown.line, shown.column)?,
            shown.end_line,
            column(shown.end_line, shown.end_column)?,
        ))
    }

    /// The source of the expression shown, as written (its lines joined by spaces).
    pub fn expression_source(&self) -> Option<String> {
        let shown = self.expression()?;
        let start = self.source_offset(shown.line, shown.column)?;
        let end = self.source_offset(shown.end_line, shown.end_column)?;
        let lines: Vec<&str> = self.source[start..end].lines().map(str::trim).collect();
        Some(lines.join(" "))
    }

    /// The byte offset in the source of `line` (from 1) and `column` (UTF-8 bytes from 0,
    /// as Python counts them), kept within the line and on a character boundary.
    fn source_offset(&self, line: u32, column: u32) -> Option<usize> {
        let mut start = 0;
        for text in self
            .source
            .split_inclusive('\n')
            .take(line.checked_sub(1)? as usize)
        {
            start += text.len();
        }
        let text = self.source.get(start..)?.lines().next()?;
        let mut at = (column as usize).min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        Some(start + at)
    }

    /// The value an expression step computed.
    fn value_of(&self, expression: &ExpressionStep) -> &str {
        self.instructions()[expression.instruction as usize]
            .stack
            .last()
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    /// Where the statement of `expression` began: the line of its frame's latest line
    /// step before it, and the instruction steps recorded before that.
    fn statement_start(&self, expression: &ExpressionStep) -> (u32, u32) {
        let steps = self.steps();
        (0..=self.line_step_of(expression.instruction as usize))
            .rev()
            .map(|at| &steps[at])
            .find(|step| {
                step.frame == expression.frame
                    && matches!(step.event, StepEvent::Line | StepEvent::Call)
                    && step.line > 0
                    && step.line <= expression.line
            })
            .map_or((expression.line, 0), |step| (step.line, step.instruction))
    }
}
