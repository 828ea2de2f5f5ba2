//! Everything the run lifecycle says to the student, in one place: the status bar's text,
//! how a run ended, the notes about stops, crashes and restarts, and the stepper's
//! sentences.

use sandpiper_protocol::{
    Hotspots, InstructionStep, LineStep, Outcome, StepEvent, StopReason, group_thousands,
};

use crate::run_machine::Status;

/// Tracebacks and the bytecode viewer call the program this.
pub const FILENAME: &str = "main.py";

/// `1,234 instructions`.
pub fn instructions(instructions: u64) -> String {
    format!("{} instructions", group_thousands(instructions))
}

/// `Instruction budget: 50,000,000` (nothing before the worker has said what it is).
pub fn instruction_budget(budget: u64) -> String {
    match budget {
        0 => String::new(),
        instructions => format!("Instruction budget: {}", group_thousands(instructions)),
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn seconds(elapsed: f64) -> String {
    if elapsed < 1.0 {
        format!("{:.0} ms", elapsed * 1000.0)
    } else {
        format!("{elapsed:.2} s")
    }
}

/// Said after the loading text when Run was pressed before Python was ready.
const QUEUED: &str = " · your program runs when Python is ready";

/// The status bar's text.
pub fn status(status: &Status) -> String {
    let queued = |queued: bool| if queued { QUEUED } else { "" };
    match status {
        Status::Loading {
            loaded,
            total,
            run_queued,
        } => {
            let progress = match total {
                Some(total) if *total > 0 => format!(
                    "{} of {} ({}%)",
                    megabytes(*loaded),
                    megabytes(*total),
                    loaded * 100 / total
                ),
                _ => megabytes(*loaded),
            };
            format!("Loading Python… {progress}{}", queued(*run_queued))
        }
        Status::Starting { run_queued } => format!("Starting Python…{}", queued(*run_queued)),
        Status::Ready => "Ready".to_owned(),
        Status::Running {
            instructions,
            elapsed,
        } => {
            format!(
                "Running… {} · {}",
                seconds(*elapsed),
                self::instructions(*instructions)
            )
        }
        Status::Done {
            summary,
            instructions,
            elapsed,
            ..
        } => format!(
            "{summary} · {} · {}",
            seconds(*elapsed),
            self::instructions(*instructions)
        ),
        Status::Failed => "Python could not start".to_owned(),
    }
}

/// What screen readers hear: the state when it changes, not every tick of the clock.
pub fn announcement(status: &Status) -> String {
    match status {
        Status::Loading {
            run_queued: true, ..
        }
        | Status::Starting { run_queued: true } => {
            "Loading Python; your program runs when it is ready".to_owned()
        }
        Status::Loading { .. } | Status::Starting { .. } => "Loading Python".to_owned(),
        Status::Ready => "Ready".to_owned(),
        Status::Running { .. } => "Running".to_owned(),
        Status::Done { summary, .. } => summary.clone(),
        Status::Failed => "Python could not start".to_owned(),
    }
}

/// How a run ended, for the status bar, and whether it counts as a failure.
pub fn outcome(outcome: &Outcome) -> (String, bool) {
    match outcome {
        Outcome::Finished => ("Finished".to_owned(), false),
        Outcome::Exit { code: 0 } => ("Exited with status 0".to_owned(), false),
        Outcome::Exit { code } => (format!("Exited with status {code}"), true),
        Outcome::Error { error } => (
            match error.line_in(FILENAME) {
                Some(line) => format!("{} on line {line}", error.type_name),
                None => error.type_name.clone(),
            },
            true,
        ),
        Outcome::Stopped { reason, .. } => (
            match reason {
                StopReason::InstructionBudget => "Stopped: instruction budget used up",
                StopReason::TimeLimit => "Stopped: time limit reached",
                StopReason::Interrupt => "Stopped",
                StopReason::Memory => "Stopped: out of memory",
            }
            .to_owned(),
            true,
        ),
    }
}

pub fn cannot_start_worker(why: &str) -> String {
    format!("Sandpiper cannot start Python here: {why}")
}

pub const STOPPED_BY_RESTART: &str =
    "Stopped. Python was restarted to stop the program; your code is unchanged.";

pub const STOP_NOT_ANSWERED: &str = "The program did not stop within a second (it was busy \
     inside a single long operation), so Python was restarted. Your code is unchanged.";

pub fn past_time_limit(limit: f64) -> String {
    format!(
        "The program ran past the time limit of {limit} seconds inside a single long \
         operation, so Python was restarted. Your code is unchanged."
    )
}

pub fn answer_not_delivered(why: &str) -> String {
    format!("The answer could not reach the program: {why}.")
}

pub fn out_of_memory(limit_bytes: u64) -> String {
    format!(
        "MemoryError: the program used up the {} MB of memory it may use, so Python was \
         restarted. Your code is unchanged. Does a list or string keep growing, or is \
         something built far bigger than needed?",
        limit_bytes >> 20
    )
}

pub fn crashed_while_running(detail: &str) -> String {
    format!(
        "Internal error: the Python runtime crashed while running your program ({detail}). \
         It is being restarted and your code is unchanged. If it happens again, try a \
         smaller input or fewer nested calls."
    )
}

pub fn crashed_while_idle(detail: &str) -> String {
    format!(
        "Internal error: the Python runtime crashed ({detail}). It is being restarted and \
         your code is unchanged."
    )
}

pub fn crashed_while_starting(detail: &str) -> String {
    format!(
        "Python could not start here ({detail}). Your code is kept in this browser; \
         reloading the page tries again."
    )
}

pub fn output_truncated(limit_bytes: u64) -> String {
    format!(
        "… output truncated: the program printed more than {} MB, and the rest is not shown \
         (the program goes on until it ends or is stopped).",
        limit_bytes >> 20
    )
}

pub const PREEMPTED: &str = "Stopping: another example on this page started running.";

/// Said when Step recorded no step of the program (it did not compile, or stopped at once).
pub const NOTHING_TO_STEP: &str = "Nothing to step through: no line of the program ran.";

/// `Step 17 of 240` (`unit`: "Step", "Expression" or "Instruction"), and what a recording
/// that stopped early holds.
pub fn step_position(unit: &str, index: usize, len: usize, truncated: bool) -> String {
    let position = format!(
        "{unit} {} of {}",
        group_thousands(index as u64 + 1),
        group_thousands(len as u64)
    );
    if truncated {
        format!("{position} (recording stopped here; the program ran on)")
    } else {
        position
    }
}

/// One expression's value as a sentence: `source` is the expression as written (long ones
/// shortened), `value` its value's text.
pub fn expression_sentence(line: u32, source: &str, value: &str) -> String {
    const SHOWN: usize = 60;
    let source = if source.chars().count() > SHOWN {
        format!("{}…", source.chars().take(SHOWN).collect::<String>())
    } else {
        source.to_owned()
    };
    format!("Line {line}: {source} evaluates to {value}.")
}

/// One instruction as a sentence: `instruction` is its name and argument as `dis` shows
/// them (`BINARY_OP +`); what it did is read from the value stack and the variables
/// before it and before the next instruction recorded (`after`), when that one is in the
/// same frame.
pub fn instruction_sentence(
    instruction: &str,
    before: &InstructionStep,
    after: Option<&InstructionStep>,
) -> String {
    // A frame starts at offset 0 (a call, even of the same function); its code goes on
    // anywhere else.
    let same_frame = |after: &&InstructionStep| {
        after.qualname == before.qualname
            && after.first_line == before.first_line
            && after.offset != 0
    };
    let Some(after) = after.filter(same_frame) else {
        return if instruction.starts_with("RETURN") {
            format!("{instruction} returns {}.", top_of_stack(before))
        } else if instruction.starts_with("YIELD") {
            format!("{instruction} yields {}.", top_of_stack(before))
        } else if let Some(next) = after {
            format!("{instruction}: {} goes on.", next.qualname)
        } else {
            format!("{instruction}.")
        };
    };
    let kept = before
        .stack
        .iter()
        .zip(&after.stack)
        .take_while(|(a, b)| a == b)
        .count();
    let shown = |values: &[Option<String>]| {
        values
            .iter()
            .map(|value| value.as_deref().unwrap_or("NULL"))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let mut effects = Vec::new();
    if before.stack.len() > kept {
        effects.push(format!("pops {}", shown(&before.stack[kept..])));
    }
    if after.stack.len() > kept {
        effects.push(format!("pushes {}", shown(&after.stack[kept..])));
    }
    let bound = |locals: &[(String, Option<String>)]| -> Vec<(String, String)> {
        locals
            .iter()
            .filter_map(|(name, value)| Some((name.clone(), value.clone()?)))
            .collect()
    };
    let changed = changes(&bound(&before.locals), &bound(&after.locals), &[]);
    let mut sentence = instruction.to_owned();
    if !effects.is_empty() {
        sentence = format!("{sentence} {}", effects.join(", "));
    }
    if !changed.is_empty() {
        sentence = format!("{sentence}; {changed}");
    }
    sentence + "."
}

fn top_of_stack(step: &InstructionStep) -> &str {
    step.stack
        .last()
        .and_then(|value| value.as_deref())
        .unwrap_or("None")
}

/// Variable changes named in one step's sentence; more are counted.
const CHANGES_NAMED: usize = 3;

/// One step as a sentence, for the stepper's live region: what happens, and what the
/// line just run changed in the frame's variables (`before`: its previous step's).
pub fn step_sentence(step: &LineStep, before: Option<&[(String, String)]>) -> String {
    let function = step.qualname.as_str();
    let in_module = function == "<module>";
    let place = if in_module {
        format!("Line {}", step.line)
    } else {
        format!("Line {} of {function}", step.line)
    };
    match step.event {
        StepEvent::Call if in_module => "The program starts.".to_owned(),
        StepEvent::Call if step.locals.is_empty() => format!("Call {function}."),
        StepEvent::Call => format!("Call {function} with {}.", assignments(&step.locals)),
        StepEvent::Line => {
            let changes = changes(before.unwrap_or_default(), &step.locals, &step.boxes);
            if changes.is_empty() {
                format!("{place} is next.")
            } else {
                format!("{place} is next. {changes}.")
            }
        }
        StepEvent::Return => match &step.value {
            _ if in_module => "The program ends.".to_owned(),
            Some(value) => format!("{function} returns {value}."),
            None => format!("{function} is left because of an exception."),
        },
        StepEvent::Exception => format!(
            "{place} raises {}.",
            step.value.as_deref().unwrap_or("an exception")
        ),
    }
}

/// `a = 1, b = 'x'`.
fn assignments(variables: &[(String, String)]) -> String {
    variables
        .iter()
        .map(|(name, value)| format!("{name} = {value}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `total becomes 15, was 10; count is 1, new; b is [1], new, the same object as a`.
fn changes(
    before: &[(String, String)],
    after: &[(String, String)],
    boxes: &[Option<u32>],
) -> String {
    let changed: Vec<String> = after
        .iter()
        .enumerate()
        .filter_map(|(at, (name, value))| {
            let change = match before.iter().find(|(earlier, _)| earlier == name) {
                Some((_, old)) if old == value => return None,
                Some((_, old)) => format!("{name} becomes {value}, was {old}"),
                None => format!("{name} is {value}, new"),
            };
            Some(match alias(after, boxes, at) {
                Some(other) => format!("{change}, the same object as {other}"),
                None => change,
            })
        })
        .collect();
    let mut named = changed[..changed.len().min(CHANGES_NAMED)].join("; ");
    if changed.len() > CHANGES_NAMED {
        named.push_str(&format!("; {} more changed", changed.len() - CHANGES_NAMED));
    }
    named
}

/// Another variable (the first) that refers to the object variable `at` refers to, by
/// the variables' objects when drawn as boxes (`LineStep::boxes`).
fn alias<'a>(
    variables: &'a [(String, String)],
    boxes: &[Option<u32>],
    at: usize,
) -> Option<&'a str> {
    let object = |index: usize| boxes.get(index).copied().flatten();
    let id = object(at)?;
    (0..variables.len())
        .find(|&other| other != at && object(other) == Some(id))
        .map(|other| variables[other].0.as_str())
}

/// Lines named in the note on where a stopped run's steps went.
const HOT_LINES_NAMED: usize = 3;
/// Values of a variable shown one after another before the rest are elided.
const VALUES_SHOWN: usize = 3;

/// Where a run stopped by its budget or time limit spent its steps, and what its variables
/// did at the last samples: "i stayed 0" is what a student with a loop that never ends
/// needs to see. Empty when there were no samples.
pub fn hotspots_note(hotspots: &Hotspots) -> String {
    let total: u64 = hotspots.lines.iter().map(|&(_, n)| u64::from(n)).sum();
    if total == 0 {
        return String::new();
    }
    let lines: Vec<String> = hotspots
        .lines
        .iter()
        .take(HOT_LINES_NAMED)
        .map(|&(line, n)| {
            let percent = u64::from(n) * 100 / total;
            match percent {
                0 => format!("line {line} (under 1%)"),
                percent => format!("line {line} ({percent}%)"),
            }
        })
        .collect();
    let mut note = format!(
        "Where the steps went: {} (the line running at each of {} samples, one every {} \
         instructions; the bars beside the line numbers show it too).",
        lines.join(", "),
        group_thousands(total),
        group_thousands(hotspots.every)
    );
    if let Some(last) = hotspots.last.last() {
        // The samples in the same function as the last one.
        let samples: Vec<_> = hotspots
            .last
            .iter()
            .filter(|sample| sample.qualname == last.qualname)
            .collect();
        let facts: Vec<String> = last
            .locals
            .iter()
            .map(|(name, _)| {
                let mut values: Vec<&str> = Vec::new();
                for sample in &samples {
                    if let Some((_, value)) = sample.locals.iter().find(|(n, _)| n == name)
                        && values.last() != Some(&value.as_str())
                    {
                        values.push(value);
                    }
                }
                match values.as_slice() {
                    [only] => format!("{name} stayed {only}"),
                    [first, .., last] if values.len() > VALUES_SHOWN => {
                        format!("{name} went {first} → … → {last}")
                    }
                    values => format!("{name} went {}", values.join(" → ")),
                }
            })
            .collect();
        if !facts.is_empty() {
            let place = match last.qualname.as_str() {
                "<module>" => format!("line {}", last.line),
                function => format!("line {} in {function}", last.line),
            };
            note.push_str(&format!(
                " Over the last {} samples, at {place}: {}.",
                samples.len(),
                facts.join("; ")
            ));
        }
    }
    note
}
