//! The stepper as plain data: a recorded run (`Recording`) and the step shown, with the
//! ways to move through it and what the page shows at a step (the call stack with each
//! frame's variables, the lines to mark, the output so far). It moves line by line,
//! expression by expression or instruction by instruction (then the line step shown is the
//! one the expression's or instruction's instruction belongs to). No browser in here; the
//! `StepperPane` component renders it and `tests` below check it natively.

use std::collections::{HashMap, HashSet, VecDeque};

use sandpiper_protocol::{
    ExpressionStep, InstructionStep, LineStep, ObjectVersion, Recording, Slot, StepEvent,
    TranscriptKind,
};

mod evaluated;

pub use evaluated::Piece;

/// What one move of the timeline goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    Line,
    /// Each value an expression computed, with its source span.
    Expression,
    /// Each bytecode instruction, with the value stack.
    Instruction,
}

/// One frame on the call stack at a step, innermost first in `Stepper::frames`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameView<'a> {
    pub qualname: &'a str,
    /// The line the frame is at.
    pub line: u32,
    /// Its variables as they were at its latest step so far (in instruction view, the
    /// innermost function's as the instruction sees them).
    pub locals: Vec<(&'a str, &'a str)>,
    /// For each of `locals`, the identity of its object when it is drawn as a box (empty
    /// when none is).
    pub boxes: &'a [Option<u32>],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stepper {
    recording: Recording,
    /// The program's text the recording was made from (the editor may change since).
    source: String,
    /// The step shown, an index into the line steps.
    index: usize,
    granularity: Granularity,
    /// In the expression or instruction view, the step shown: an index into the expression
    /// or instruction steps, within line step `index`.
    fine: usize,
    /// For each step, the step of the frame that called its frame, as it was then.
    callers: Vec<Option<usize>>,
    /// Each object's versions, as indices into the recording's objects, in step order.
    versions: HashMap<u32, Vec<usize>>,
}

impl Stepper {
    /// `None` when the recording has no line steps (nothing of the program ran).
    pub fn new(mut recording: Recording, source: String) -> Option<Self> {
        let steps = &recording.lines.as_ref()?.steps;
        if steps.is_empty() {
            return None;
        }
        // An expression is shown with its value: keep those whose instruction step was
        // recorded with a value on top of its stack.
        let instructions = recording
            .instructions
            .as_ref()
            .map_or(&[][..], |instructions| instructions.steps.as_slice());
        let has_value = |expression: &ExpressionStep| {
            instructions
                .get(expression.instruction as usize)
                .is_some_and(|step| matches!(step.stack.last(), Some(Some(_))))
        };
        let mut expressions = std::mem::take(&mut recording.lines.as_mut()?.expressions);
        expressions.retain(has_value);
        recording.lines.as_mut()?.expressions = expressions;
        let steps = &recording.lines.as_ref()?.steps;
        let callers = callers(steps);
        let mut versions: HashMap<u32, Vec<usize>> = HashMap::new();
        for (at, version) in recording.lines.as_ref()?.objects.iter().enumerate() {
            versions.entry(version.id).or_default().push(at);
        }
        Some(Self {
            recording,
            source,
            index: 0,
            granularity: Granularity::Line,
            fine: 0,
            callers,
            versions,
        })
    }

    pub(crate) fn steps(&self) -> &[LineStep] {
        self.recording
            .lines
            .as_ref()
            .map_or(&[], |lines| lines.steps.as_slice())
    }

    pub(crate) fn instructions(&self) -> &[InstructionStep] {
        self.recording
            .instructions
            .as_ref()
            .map_or(&[], |instructions| instructions.steps.as_slice())
    }

    pub(crate) fn expressions(&self) -> &[ExpressionStep] {
        self.recording
            .lines
            .as_ref()
            .map_or(&[], |lines| lines.expressions.as_slice())
    }

    /// How many steps the timeline has in the current view.
    pub fn len(&self) -> usize {
        match self.granularity {
            Granularity::Line => self.steps().len(),
            Granularity::Expression => self.expressions().len(),
            Granularity::Instruction => self.instructions().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the timeline is in the current view.
    pub fn index(&self) -> usize {
        match self.granularity {
            Granularity::Line => self.index,
            Granularity::Expression | Granularity::Instruction => self.fine,
        }
    }

    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// The line step shown (in instruction view, the one the instruction belongs to).
    pub fn line_index(&self) -> usize {
        self.index
    }

    /// The instruction step the expression or instruction view shows (in the expression
    /// view, the one that sees the expression's value on top of the stack).
    fn instruction_at(&self) -> Option<usize> {
        match self.granularity {
            Granularity::Line => None,
            Granularity::Expression => Some(self.expressions()[self.fine].instruction as usize),
            Granularity::Instruction => Some(self.fine),
        }
    }

    /// The instruction shown, in the instruction view.
    pub fn instruction(&self) -> Option<&InstructionStep> {
        (self.granularity == Granularity::Instruction).then(|| &self.instructions()[self.fine])
    }

    /// The instruction after it, if the recording has one.
    pub fn next_instruction(&self) -> Option<&InstructionStep> {
        self.instruction()
            .and_then(|_| self.instructions().get(self.fine + 1))
    }

    /// The expression shown, in the expression view.
    pub fn expression(&self) -> Option<&ExpressionStep> {
        (self.granularity == Granularity::Expression).then(|| &self.expressions()[self.fine])
    }

    /// The expression's value: the top of the stack at its instruction step.
    pub fn expression_value(&self) -> Option<&str> {
        let expression = self.expression()?;
        let step = &self.instructions()[expression.instruction as usize];
        step.stack.last()?.as_deref()
    }

    /// The view can be shown: the recording has its steps.
    pub fn has(&self, granularity: Granularity) -> bool {
        match granularity {
            Granularity::Line => true,
            Granularity::Expression => !self.expressions().is_empty(),
            Granularity::Instruction => !self.instructions().is_empty(),
        }
    }

    /// Switches the view, keeping the place: from a line step, its first expression or
    /// instruction; from an expression, its instruction; from an instruction, the next
    /// expression from it; back to lines, the line step the place belongs to.
    pub fn set_granularity(&mut self, granularity: Granularity) {
        if !self.has(granularity) || granularity == self.granularity {
            return;
        }
        let instruction = self
            .instruction_at()
            .unwrap_or(self.step().instruction as usize);
        self.granularity = granularity;
        self.fine = match granularity {
            Granularity::Line => 0,
            Granularity::Expression => self
                .expressions()
                .partition_point(|expression| (expression.instruction as usize) < instruction),
            Granularity::Instruction => instruction,
        }
        .min(self.len() - 1);
        // An expression's value is seen after its instruction, possibly in a later line step.
        if granularity == Granularity::Expression {
            self.index = self.line_step_of(self.instruction_at().unwrap_or(instruction));
        }
    }

    /// The line step an instruction step belongs to: the last one recorded before it.
    fn line_step_of(&self, instruction: usize) -> usize {
        let instruction = instruction as u32;
        let after = self
            .steps()
            .partition_point(|step| step.instruction <= instruction);
        after.saturating_sub(1)
    }

    pub fn step(&self) -> &LineStep {
        &self.steps()[self.index]
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The program ran on past the last recorded step.
    pub fn truncated(&self) -> bool {
        self.recording
            .lines
            .as_ref()
            .is_some_and(|lines| lines.truncated)
    }

    /// The program ran on past the last recorded instruction.
    pub fn instructions_truncated(&self) -> bool {
        self.recording
            .instructions
            .as_ref()
            .is_some_and(|instructions| instructions.truncated)
    }

    /// Shows step `index` of the current view (clamped to the recording).
    pub fn go_to(&mut self, index: usize) {
        let index = index.min(self.len() - 1);
        match self.granularity {
            Granularity::Line => self.index = index,
            Granularity::Expression | Granularity::Instruction => {
                self.fine = index;
                let instruction = self.instruction_at().unwrap_or(index);
                self.index = self.line_step_of(instruction);
            }
        }
    }

    pub fn forward(&mut self) {
        self.go_to(self.index() + 1);
    }

    pub fn back(&mut self) {
        self.go_to(self.index().saturating_sub(1));
    }

    pub fn first(&mut self) {
        self.go_to(0);
    }

    pub fn last(&mut self) {
        self.go_to(self.len() - 1);
    }

    /// The next step after this one (in the current view) where `line` is about to run.
    pub fn next_at_line(&self, line: u32) -> Option<usize> {
        (self.index() + 1..self.len()).find(|&at| self.runs_line(at, line))
    }

    /// The last step before this one where `line` was about to run.
    pub fn previous_at_line(&self, line: u32) -> Option<usize> {
        (0..self.index()).rev().find(|&at| self.runs_line(at, line))
    }

    fn runs_line(&self, at: usize, line: u32) -> bool {
        match self.granularity {
            // An instruction of the line that is not the one before it.
            Granularity::Instruction => {
                let instructions = self.instructions();
                instructions[at].line == Some(line)
                    && at.checked_sub(1).is_none_or(|before| {
                        instructions[before].line != Some(line)
                            || instructions[before].qualname != instructions[at].qualname
                    })
            }
            // Likewise the first expression of the line in its frame.
            Granularity::Expression => {
                let expressions = self.expressions();
                expressions[at].line == line
                    && at.checked_sub(1).is_none_or(|before| {
                        expressions[before].line != line
                            || expressions[before].frame != expressions[at].frame
                    })
            }
            Granularity::Line => {
                let step = &self.steps()[at];
                step.event == StepEvent::Line && step.line == line
            }
        }
    }

    /// The line step whose frame runs the step shown: in the expression and instruction
    /// views, past a return step's own instruction, its caller's.
    fn frame_step(&self) -> usize {
        let step = self.step();
        match self.instruction_at() {
            Some(instruction)
                if step.event == StepEvent::Return && instruction > step.instruction as usize =>
            {
                self.callers[self.index].unwrap_or(self.index)
            }
            _ => self.index,
        }
    }

    /// The call stack at this step, innermost frame first.
    pub fn frames(&self) -> Vec<FrameView<'_>> {
        let mut frames: Vec<FrameView<'_>> =
            std::iter::successors(Some(self.frame_step()), |&at| self.callers[at])
                .map(|at| {
                    let step = &self.steps()[at];
                    let shown = &self.steps()[self.with_variables(at)];
                    FrameView {
                        qualname: &step.qualname,
                        line: step.line,
                        locals: shown
                            .locals
                            .iter()
                            .map(|(name, value)| (name.as_str(), value.as_str()))
                            .collect(),
                        boxes: &shown.boxes,
                    }
                })
                .collect();
        // A function's instruction sees its variables change within the line.
        let instruction = self.instruction_at().map(|at| &self.instructions()[at]);
        if let (Some(instruction), Some(innermost)) = (instruction, frames.first_mut())
            && instruction.qualname == innermost.qualname
            && !instruction.locals.is_empty()
        {
            innermost.locals = instruction
                .locals
                .iter()
                .filter_map(|(name, value)| Some((name.as_str(), value.as_deref()?)))
                .collect();
            innermost.boxes = &[];
            innermost.line = instruction.line.unwrap_or(innermost.line);
        }
        frames
    }

    /// The objects the frames' variables reach at this step, each as it looks then, in
    /// the order met (innermost frame first, then the objects inside them).
    pub fn objects(&self) -> Vec<&ObjectVersion> {
        let mut queue: VecDeque<u32> = self
            .frames()
            .iter()
            .flat_map(|frame| frame.boxes.iter().flatten().copied())
            .collect();
        let mut seen = HashSet::new();
        let mut shown = Vec::new();
        while let Some(id) = queue.pop_front() {
            if !seen.insert(id) {
                continue;
            }
            let Some(version) = self.object(id) else {
                continue;
            };
            for (key, value) in &version.items {
                for slot in key.iter().chain([value]) {
                    if let Slot::Object(inner) = slot {
                        queue.push_back(*inner);
                    }
                }
            }
            shown.push(version);
        }
        shown
    }

    /// How object `id` looks at this step: its latest version from this step or before.
    pub fn object(&self, id: u32) -> Option<&ObjectVersion> {
        let objects = &self.recording.lines.as_ref()?.objects;
        let versions = self.versions.get(&id)?;
        let after = versions.partition_point(|&at| objects[at].step as usize <= self.index);
        Some(&objects[versions[after.checked_sub(1)?]])
    }

    /// Step `at`, or, when it shows no variables (an exception, or a frame an exception
    /// left), the latest step of its frame that did.
    fn with_variables(&self, at: usize) -> usize {
        self.latest_with_variables(self.steps()[at].frame, at)
            .unwrap_or(at)
    }

    /// The latest step of `frame`, up to step `until`, that carries its variables.
    fn latest_with_variables(&self, frame: u32, until: usize) -> Option<usize> {
        let steps = self.steps();
        (0..=until)
            .rev()
            .find(|&at| steps[at].frame == frame && shows_variables(&steps[at]))
    }

    /// The line about to run in the innermost frame, when this step is a line's (in
    /// instruction view: the instruction's line).
    pub fn next_line(&self) -> Option<u32> {
        if let Some(expression) = self.expression() {
            return Some(expression.line);
        }
        if let Some(instruction) = self.instruction() {
            return instruction.line;
        }
        let step = self.step();
        (step.event == StepEvent::Line || step.event == StepEvent::Exception)
            .then_some(step.line)
            .filter(|&line| line > 0)
    }

    /// The line the innermost frame ran just before (its previous line step).
    pub fn previous_line(&self) -> Option<u32> {
        let steps = self.steps();
        let step = self.step();
        (0..self.index)
            .rev()
            .take_while(|&at| steps[at].frame != step.frame || steps[at].event != StepEvent::Call)
            .find(|&at| steps[at].frame == step.frame && steps[at].event == StepEvent::Line)
            .map(|at| steps[at].line)
            .filter(|&line| Some(line) != self.next_line())
    }

    /// What the program had written and read before this step.
    pub fn output(&self) -> Vec<(TranscriptKind, &str)> {
        let output = self
            .instruction_at()
            .map_or(self.step().output, |at| self.instructions()[at].output);
        self.recording.transcript.until(output)
    }

    /// What the frame's variables were at its previous step, for saying what changed.
    pub fn previous_variables(&self) -> Option<&[(String, String)]> {
        let before = self.index.checked_sub(1)?;
        self.latest_with_variables(self.step().frame, before)
            .map(|at| self.steps()[at].locals.as_slice())
    }

    /// How many line steps ran each line of the program (the index is line − 1).
    pub fn line_counts(&self) -> Vec<u32> {
        let mut counts = vec![0; self.source.lines().count()];
        for step in self.steps() {
            if step.event == StepEvent::Line
                && let Some(count) = counts.get_mut((step.line as usize).wrapping_sub(1))
            {
                *count += 1;
            }
        }
        counts
    }
}

/// Whether a step carries its frame's variables (not an exception, nor the return of a
/// frame an exception left).
fn shows_variables(step: &LineStep) -> bool {
    match step.event {
        StepEvent::Exception => false,
        StepEvent::Return => step.value.is_some(),
        StepEvent::Call | StepEvent::Line => true,
    }
}

/// For each step, the latest step before it one frame further down the stack.
fn callers(steps: &[LineStep]) -> Vec<Option<usize>> {
    let mut latest_at_depth: Vec<Option<usize>> = Vec::new();
    steps
        .iter()
        .enumerate()
        .map(|(at, step)| {
            let depth = step.depth as usize;
            let caller = depth
                .checked_sub(1)
                .and_then(|below| latest_at_depth.get(below).copied().flatten());
            latest_at_depth.resize(depth, None);
            latest_at_depth.push(Some(at));
            caller
        })
        .collect()
}

#[cfg(test)]
mod tests;
