//! Exercise checks (`docs/exercises.md`): the author's check runs in an interpreter of its
//! own and reaches the student's program only through the check API's `run()` and
//! `call()`, which run it in another, with output captured and `input()` fed the test's
//! lines. Only text and literal values cross between the two, so the program can neither
//! read nor change the check, and what it prints is data to compare, never a result.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use sandpiper_protocol::{CheckResult, Outcome, StopReason, WorkspaceFile};

use crate::host::{Host, InputLine, Signal, Stream};
use crate::limits::RunOptions;
use crate::session::{CallAnswer, RunReport, Session};

/// Output kept per stream and run: a program printing in a loop until the budget stops
/// it would otherwise fill the worker's memory.
const CAPTURE_LIMIT: usize = 1 << 20;

pub struct Checker {
    check: Session,
    link: Rc<StudentLink>,
}

/// What a check found, and how its own run went (an error there is the author's).
#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    pub run: RunReport,
    pub results: Vec<CheckResult>,
}

/// The student's side: their interpreter and what the current check runs in it.
pub(crate) struct StudentLink {
    session: RefCell<Session>,
    capture: Rc<RefCell<Capture>>,
    source: RefCell<String>,
    /// The student's runs' options, files included.
    options: RefCell<RunOptions>,
}

impl Checker {
    /// `check_host` receives the check's own output (an author's debugging prints, its
    /// errors) and stops it; `student_host` is asked only for clocks, sleeping and Stop.
    pub fn new(check_host: Box<dyn Host>, student_host: Box<dyn Host>) -> Self {
        let capture = Rc::new(RefCell::new(Capture::default()));
        let student = CapturingHost {
            inner: student_host,
            capture: capture.clone(),
        };
        let link = Rc::new(StudentLink {
            session: RefCell::new(Session::new(Box::new(student))),
            capture,
            source: RefCell::default(),
            options: RefCell::new(RunOptions::default()),
        });
        let mut check = Session::new(check_host);
        check.link_student(link.clone());
        Self { check, link }
    }

    /// Runs `check` against the program `source` (in a folder holding `files` and
    /// `main.py`). Each of the program's runs and calls gets `options`' limits; the check
    /// itself ten times the time limit, since the program's runs count in it.
    pub fn check(
        &mut self,
        check: &str,
        source: &str,
        files: Vec<WorkspaceFile>,
        options: &RunOptions,
    ) -> CheckReport {
        // A quarter of the stack for the check, the rest below it for the program.
        let stack = options.max_stack_bytes;
        let mut files = files;
        files.retain(|file| file.name != "main.py");
        files.push(WorkspaceFile {
            name: "main.py".to_owned(),
            text: source.to_owned(),
        });
        *self.link.source.borrow_mut() = source.to_owned();
        *self.link.options.borrow_mut() = RunOptions {
            filename: "main.py".to_owned(),
            files: Some(files),
            max_stack_bytes: stack.map(|bytes| bytes / 4 * 3),
            record_instructions: None,
            record_lines: None,
            group: None,
            ..options.clone()
        };
        let check_options = RunOptions {
            filename: "check.py".to_owned(),
            time_limit: options.time_limit.map(|seconds| seconds * 10.0),
            max_stack_bytes: stack.map(|bytes| bytes / 4),
            files: Some(Vec::new()),
            record_instructions: None,
            record_lines: None,
            group: None,
            ..options.clone()
        };
        let (mut run, results) = self.check.run_check(check, source, &check_options);
        // The check's folder is its own: nothing it writes is the student's.
        run.files = None;
        CheckReport { run, results }
    }
}

impl StudentLink {
    /// Runs the program afresh with `inputs` for `input()`.
    pub(crate) fn run(&self, inputs: Vec<String>) -> ProgramRun {
        self.capture.borrow_mut().start(inputs);
        let source = self.source.borrow().clone();
        let report = self
            .session
            .borrow_mut()
            .run(&source, &self.options.borrow());
        let capture = self.capture.borrow_mut().finish();
        ProgramRun::new(report.outcome, capture)
    }

    /// Calls `function` with `arguments` (literal `(args, kwargs)` text) in the namespace
    /// the last run left.
    pub(crate) fn call(&self, function: &str, arguments: &str) -> (ProgramRun, Option<CallAnswer>) {
        self.capture.borrow_mut().start(Vec::new());
        let options = RunOptions {
            files: None,
            ..self.options.borrow().clone()
        };
        let (report, answer) = self
            .session
            .borrow_mut()
            .call_function(function, arguments, &options);
        let capture = self.capture.borrow_mut().finish();
        (ProgramRun::new(report.outcome, capture), answer)
    }
}

/// One run (or call) of the student's program, as the check API reports it.
pub(crate) struct ProgramRun {
    pub output: String,
    pub errors: String,
    pub transcript: String,
    /// The uncaught exception: its type's name, and its last line as printed.
    pub error: Option<(String, String)>,
    pub stopped: Option<&'static str>,
}

impl ProgramRun {
    fn new(outcome: Outcome, capture: Capture) -> Self {
        let mut run = Self {
            output: capture.output,
            errors: capture.errors,
            transcript: capture.transcript,
            error: None,
            stopped: None,
        };
        match outcome {
            Outcome::Finished | Outcome::Exit { code: 0 } => {}
            Outcome::Exit { code } => {
                run.error = Some(("SystemExit".to_owned(), format!("SystemExit: {code}")));
            }
            Outcome::Error { error } => {
                run.errors.push_str(&error.text);
                let line = error.last_line();
                run.error = Some((error.type_name, line));
            }
            Outcome::Stopped { reason, error } => {
                run.errors.push_str(&error.text);
                run.stopped = Some(match reason {
                    StopReason::InstructionBudget => "steps",
                    StopReason::TimeLimit => "time",
                    StopReason::Interrupt => "interrupt",
                    StopReason::Memory => "memory",
                });
            }
        }
        run
    }
}

/// What the student's program wrote and what `input()` gives it, for one run.
#[derive(Default)]
struct Capture {
    inputs: VecDeque<String>,
    output: String,
    errors: String,
    /// The output with each line read typed in after its prompt, as the page shows it.
    transcript: String,
}

impl Capture {
    fn start(&mut self, inputs: Vec<String>) {
        *self = Self {
            inputs: inputs.into(),
            ..Self::default()
        };
    }

    fn finish(&mut self) -> Self {
        std::mem::take(self)
    }
}

fn push_capped(buffer: &mut String, text: &str) {
    let room = CAPTURE_LIMIT.saturating_sub(buffer.len());
    let mut end = text.len().min(room);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    buffer.push_str(&text[..end]);
}

/// The student's interpreter's host: output and input stay in the `Capture`; clocks,
/// sleeping and Stop are the real host's.
struct CapturingHost {
    inner: Box<dyn Host>,
    capture: Rc<RefCell<Capture>>,
}

impl Host for CapturingHost {
    fn write(&mut self, stream: Stream, text: &str) {
        let mut capture = self.capture.borrow_mut();
        match stream {
            Stream::Stdout => {
                push_capped(&mut capture.output, text);
                push_capped(&mut capture.transcript, text);
            }
            Stream::Stderr => push_capped(&mut capture.errors, text),
        }
    }

    fn read_line(&mut self) -> InputLine {
        let mut capture = self.capture.borrow_mut();
        match capture.inputs.pop_front() {
            Some(line) => {
                push_capped(&mut capture.transcript, &line);
                push_capped(&mut capture.transcript, "\n");
                InputLine::Line(line)
            }
            None => InputLine::Eof,
        }
    }

    fn sleep(&mut self, seconds: f64) -> Signal {
        self.inner.sleep(seconds)
    }

    fn poll(&mut self, instructions: u64) -> Signal {
        self.inner.poll(instructions)
    }

    fn monotonic(&self) -> f64 {
        self.inner.monotonic()
    }

    fn wall_clock(&self) -> f64 {
        self.inner.wall_clock()
    }

    fn stdlib_bundle(&mut self, name: &str) -> Result<Vec<u8>, String> {
        self.inner.stdlib_bundle(name)
    }
}
