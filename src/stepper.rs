//! The stepper as plain data: a recorded run (`Recording`) and the step shown, with the
//! ways to move through it and what the page shows at a step (the call stack with each
//! frame's variables, the lines to mark, the output so far). It moves line by line, or
//! instruction by instruction (then the line step shown is the one the instruction belongs
//! to). No browser in here; the `StepperPane` component renders it and `tests` below check
//! it natively.

use std::collections::{HashMap, HashSet, VecDeque};

use sandpiper_protocol::{
    InstructionStep, LineStep, ObjectVersion, Recording, Slot, StepEvent, TranscriptKind,
};

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
    /// In instruction view, the instruction shown (an index into the instruction steps,
    /// within line step `index`).
    instruction: Option<usize>,
    /// For each step, the step of the frame that called its frame, as it was then.
    callers: Vec<Option<usize>>,
    /// Each object's versions, as indices into the recording's objects, in step order.
    versions: HashMap<u32, Vec<usize>>,
}

impl Stepper {
    /// `None` when the recording has no line steps (nothing of the program ran).
    pub fn new(recording: Recording, source: String) -> Option<Self> {
        let steps = &recording.lines.as_ref()?.steps;
        if steps.is_empty() {
            return None;
        }
        let callers = callers(steps);
        let mut versions: HashMap<u32, Vec<usize>> = HashMap::new();
        for (at, version) in recording.lines.as_ref()?.objects.iter().enumerate() {
            versions.entry(version.id).or_default().push(at);
        }
        Some(Self {
            recording,
            source,
            index: 0,
            instruction: None,
            callers,
            versions,
        })
    }

    fn steps(&self) -> &[LineStep] {
        self.recording
            .lines
            .as_ref()
            .map_or(&[], |lines| lines.steps.as_slice())
    }

    fn instructions(&self) -> &[InstructionStep] {
        self.recording
            .instructions
            .as_ref()
            .map_or(&[], |instructions| instructions.steps.as_slice())
    }

    /// How many steps the timeline has in the current view.
    pub fn len(&self) -> usize {
        match self.instruction {
            Some(_) => self.instructions().len(),
            None => self.steps().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the timeline is in the current view.
    pub fn index(&self) -> usize {
        self.instruction.unwrap_or(self.index)
    }

    /// The line step shown (in instruction view, the one the instruction belongs to).
    pub fn line_index(&self) -> usize {
        self.index
    }

    /// The instruction shown, in instruction view.
    pub fn instruction(&self) -> Option<&InstructionStep> {
        self.instruction.map(|at| &self.instructions()[at])
    }

    /// The instruction after it, if the recording has one.
    pub fn next_instruction(&self) -> Option<&InstructionStep> {
        self.instruction
            .and_then(|at| self.instructions().get(at + 1))
    }

    /// The recording has instruction steps, so the instruction view can be shown.
    pub fn has_instructions(&self) -> bool {
        !self.instructions().is_empty()
    }

    /// Switches between the line view and the instruction view, keeping the place: the
    /// line step's first instruction, or the line step an instruction belongs to.
    pub fn set_instruction_view(&mut self, on: bool) {
        if !on {
            self.instruction = None;
        } else if self.instruction.is_none() && self.has_instructions() {
            let first = self.step().instruction as usize;
            self.instruction = Some(first.min(self.instructions().len() - 1));
        }
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
        match self.instruction {
            None => self.index = index,
            Some(_) => {
                self.instruction = Some(index);
                // The line step it belongs to: the last one recorded before it.
                let index = index as u32;
                let after = self
                    .steps()
                    .partition_point(|step| step.instruction <= index);
                self.index = after.saturating_sub(1);
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
        match self.instruction {
            // An instruction of the line that is not the one before it.
            Some(_) => {
                let instructions = self.instructions();
                instructions[at].line == Some(line)
                    && at.checked_sub(1).is_none_or(|before| {
                        instructions[before].line != Some(line)
                            || instructions[before].qualname != instructions[at].qualname
                    })
            }
            None => {
                let step = &self.steps()[at];
                step.event == StepEvent::Line && step.line == line
            }
        }
    }

    /// The call stack at this step, innermost frame first.
    pub fn frames(&self) -> Vec<FrameView<'_>> {
        let mut frames: Vec<FrameView<'_>> =
            std::iter::successors(Some(self.index), |&at| self.callers[at])
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
        if let (Some(instruction), Some(innermost)) = (self.instruction(), frames.first_mut())
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
            .instruction()
            .map_or(self.step().output, |instruction| instruction.output);
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
