//! The expression view's statement as evaluated so far, as Thonny shows it: the source of
//! the statement the expression belongs to, with each value its frame has computed in it
//! since the statement began in place of that expression's source (an enclosing
//! expression's value replaces its parts' values).

use sandpiper_protocol::{ExpressionStep, StepEvent};

use super::Stepper;

/// A piece of the evaluated statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Source(String),
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
        let lines: Vec<Vec<char>> = self
            .source
            .lines()
            .skip(first_line as usize - 1)
            .take((last_line - first_line + 1) as usize)
            .map(|line| line.chars().collect())
            .collect();
        let Some(first) = lines.first() else {
            return Vec::new();
        };
        // Where each shown line starts in the shown text, in characters.
        let mut starts = Vec::with_capacity(lines.len());
        let mut text: Vec<char> = Vec::new();
        for line in &lines {
            starts.push(text.len());
            text.extend(line);
            text.push('\n');
        }
        text.pop();
        let source_lines: Vec<&str> = self.source.lines().skip(first_line as usize - 1).collect();
        let at = |line: u32, column: u32| -> usize {
            let row = (line - first_line) as usize;
            let column = source_lines
                .get(row)
                .map_or(0, |text| char_column(text, column));
            starts.get(row).map_or(text.len(), |start| start + column)
        };
        // The values in place: a later value replaces those within its span.
        let mut placed: Vec<(usize, usize, usize)> = Vec::new();
        for at_step in computed {
            let expression = &expressions[at_step];
            let start = at(expression.line, expression.column);
            let end = at(expression.end_line, expression.end_column);
            if end <= start {
                continue;
            }
            placed.retain(|&(from, to, _)| to <= start || from >= end);
            placed.push((start, end, at_step));
        }
        placed.sort_unstable();
        let indent = first.iter().take_while(|c| c.is_whitespace()).count();
        let mut pieces = Vec::new();
        let mut cursor = indent;
        for (start, end, at_step) in placed {
            if start < cursor {
                continue;
            }
            if start > cursor {
                pieces.push(Piece::Source(text[cursor..start].iter().collect()));
            }
            pieces.push(Piece::Value {
                text: self.value_of(&expressions[at_step]),
                current: at_step == self.fine,
            });
            cursor = end;
        }
        if cursor < text.len() {
            pieces.push(Piece::Source(text[cursor..].iter().collect()));
        }
        pieces
    }

    /// Where the expression shown is, with columns in characters: (line, column, end line,
    /// end column).
    pub fn expression_span(&self) -> Option<(u32, u32, u32, u32)> {
        let shown = self.expression()?;
        let column = |line: u32, byte: u32| {
            let text = self.source.lines().nth(line.checked_sub(1)? as usize)?;
            Some(char_column(text, byte) as u32)
        };
        Some((
            shown.line,
            column(shown.line, shown.column)?,
            shown.end_line,
            column(shown.end_line, shown.end_column)?,
        ))
    }

    /// The source of the expression shown, as written.
    pub fn expression_source(&self) -> Option<String> {
        let (line, column, end_line, end_column) = self.expression_span()?;
        let lines: Vec<&str> = self
            .source
            .lines()
            .skip(line.checked_sub(1)? as usize)
            .take((end_line.checked_sub(line)? + 1) as usize)
            .collect();
        let last = lines.len().checked_sub(1)?;
        let text: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(row, line)| {
                let from = if row == 0 { column as usize } else { 0 };
                let to = if row == last {
                    end_column as usize
                } else {
                    usize::MAX
                };
                line.chars()
                    .take(to)
                    .skip(from)
                    .collect::<String>()
                    .trim()
                    .to_owned()
            })
            .collect();
        Some(text.join(" "))
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

/// A column in UTF-8 bytes (as Python counts them) as characters.
fn char_column(line: &str, byte: u32) -> usize {
    let mut end = (byte as usize).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count()
}
