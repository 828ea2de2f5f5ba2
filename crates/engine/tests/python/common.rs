//! A host that records output and answers `input()` from a script, for engine tests.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Mutex;
use std::time::Instant;

use sandpiper_engine::{
    CanvasEvent, DrawOp, EventWait, Host, InputLine, Outcome, RunOptions, RunReport, Session,
    Signal, Stream,
};

#[derive(Default)]
pub struct Recorded {
    pub stdout: String,
    pub stderr: String,
    /// Every chunk in arrival order, to check interleaving.
    pub chunks: Vec<(Stream, String)>,
    pub input: VecDeque<String>,
    pub polls: u64,
    pub interrupt_after_polls: Option<u64>,
    pub slept: f64,
    /// Standard library bundles the engine asked for, in order.
    pub bundles_fetched: Vec<String>,
    /// When set, the answer to every bundle request instead of the embedded bundle.
    pub bundle_answer: Option<Result<Vec<u8>, String>>,
    /// What turtle programs drew, in order.
    pub drawing: Vec<DrawOp>,
    /// The answers to waiting for the drawing's events with no time limit, in order; when
    /// none are left, no event can come (as with no page).
    pub events: VecDeque<Vec<CanvasEvent>>,
}

pub struct RecordingHost {
    pub state: Rc<RefCell<Recorded>>,
    started: Instant,
}

impl RecordingHost {
    pub fn new(state: Rc<RefCell<Recorded>>) -> Self {
        Self {
            state,
            started: Instant::now(),
        }
    }
}

impl Host for RecordingHost {
    fn write(&mut self, stream: Stream, text: &str) {
        let mut state = self.state.borrow_mut();
        match stream {
            Stream::Stdout => state.stdout.push_str(text),
            Stream::Stderr => state.stderr.push_str(text),
        }
        state.chunks.push((stream, text.to_owned()));
    }

    fn read_line(&mut self) -> InputLine {
        match self.state.borrow_mut().input.pop_front() {
            Some(line) => InputLine::Line(line),
            None => InputLine::Eof,
        }
    }

    fn sleep(&mut self, seconds: f64) -> Signal {
        self.state.borrow_mut().slept += seconds;
        Signal::Continue
    }

    fn poll(&mut self, _instructions: u64) -> Signal {
        let mut state = self.state.borrow_mut();
        state.polls += 1;
        match state.interrupt_after_polls {
            Some(n) if state.polls >= n => Signal::Interrupt,
            _ => Signal::Continue,
        }
    }

    fn draw(&mut self, ops: Vec<DrawOp>) {
        self.state.borrow_mut().drawing.extend(ops);
    }

    /// Events come only to a wait with no time limit (the student acts while the program
    /// waits), which makes runs repeatable.
    fn wait_events(&mut self, timeout: Option<f64>) -> EventWait {
        if let Some(seconds) = timeout {
            self.sleep(seconds);
            return EventWait::Timeout;
        }
        match self.state.borrow_mut().events.pop_front() {
            Some(events) => EventWait::Events(events),
            None => EventWait::Unavailable,
        }
    }

    /// Time asleep passes too (sleeping itself returns at once).
    fn monotonic(&self) -> f64 {
        self.started.elapsed().as_secs_f64() + self.state.borrow().slept
    }

    fn wall_clock(&self) -> f64 {
        1_700_000_000.0 + self.monotonic()
    }

    fn stdlib_bundle(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let mut state = self.state.borrow_mut();
        state.bundles_fetched.push(name.to_owned());
        let answer = state.bundle_answer.clone();
        answer.unwrap_or_else(|| sandpiper_engine::embedded_stdlib_bundle(name))
    }
}

pub struct Harness {
    pub session: Session,
    pub state: Rc<RefCell<Recorded>>,
}

impl Harness {
    pub fn new() -> Self {
        let state = Rc::new(RefCell::new(Recorded::default()));
        let host = RecordingHost::new(state.clone());
        Self {
            session: Session::new(Box::new(host)),
            state,
        }
    }

    pub fn with_input(self, lines: &[&str]) -> Self {
        self.state.borrow_mut().input = lines.iter().map(|l| l.to_string()).collect();
        self
    }

    /// Runs `source` with `budget` instructions; returns the report and clears the recorded output.
    pub fn run_with(&mut self, source: &str, options: &RunOptions) -> RunReport {
        {
            let mut state = self.state.borrow_mut();
            state.stdout.clear();
            state.stderr.clear();
            state.chunks.clear();
        }
        self.session.run(source, options)
    }

    pub fn run(&mut self, source: &str) -> RunReport {
        self.run_with(source, &RunOptions::default())
    }

    pub fn stdout(&self) -> String {
        self.state.borrow().stdout.clone()
    }

    pub fn stderr(&self) -> String {
        self.state.borrow().stderr.clone()
    }
}

pub fn budget(instructions: u64) -> RunOptions {
    RunOptions {
        instruction_budget: instructions,
        ..RunOptions::default()
    }
}

/// What CPython 3.14 (the reference, run by `tests/cpython.mjs` from the npm package
/// `pyodide`) does with `source` run as `python3 main.py` in a folder holding only main.py, with `stdin` as
/// its input: (stdout, stderr). One Node process serves every test of this binary.
pub fn cpython(source: &str, stdin: &str) -> (String, String) {
    cpython_request(serde_json::json!({ "code": source, "stdin": stdin }))
}

/// `cpython`, with `library` ({path: text}) importable before the standard library.
pub fn cpython_with_library(
    source: &str,
    stdin: &str,
    library: &serde_json::Value,
) -> (String, String) {
    cpython_request(serde_json::json!({ "code": source, "stdin": stdin, "library": library }))
}

fn cpython_request(request: serde_json::Value) -> (String, String) {
    use std::io::{BufRead, Write};
    static REFERENCE: Mutex<Option<Reference>> = Mutex::new(None);
    let mut reference = REFERENCE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let reference = reference.get_or_insert_with(Reference::start);
    writeln!(reference.requests, "{request}").expect("the reference Python ended early");
    let mut line = String::new();
    reference
        .results
        .read_line(&mut line)
        .expect("the reference Python answered");
    let result: serde_json::Value = serde_json::from_str(&line)
        .unwrap_or_else(|_| panic!("the reference Python failed: {line:?}"));
    let text = |key: &str| result[key].as_str().unwrap_or_default().to_owned();
    (text("stdout"), text("stderr"))
}

struct Reference {
    requests: std::process::ChildStdin,
    results: std::io::BufReader<std::process::ChildStdout>,
    /// Kept, never waited for: it ends when the test binary does and its input closes.
    _node: std::process::Child,
}

impl Reference {
    fn start() -> Self {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cpython.mjs");
        let mut child = std::process::Command::new("node")
            .args([script, "--serve"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("Node runs the reference Python (`npm ci` installs its `pyodide` package)");
        Self {
            requests: child.stdin.take().unwrap(),
            results: std::io::BufReader::new(child.stdout.take().unwrap()),
            _node: child,
        }
    }
}

/// What a reference script (`script`, with the program under test as `PROGRAM`) writes
/// after a NUL, as JSON: the program's own output comes first.
pub fn cpython_json(script: &str, program: &str, stdin: &str) -> serde_json::Value {
    let literal = serde_json::to_string(program).expect("a string");
    let (stdout, stderr) = cpython(&format!("PROGRAM = {literal}\n{script}"), stdin);
    let (_, json) = stdout
        .rsplit_once('\0')
        .unwrap_or_else(|| panic!("the reference script failed: {stderr}"));
    serde_json::from_str(json).expect("JSON after the NUL")
}

pub fn expect_error(report: &RunReport) -> &sandpiper_engine::PyError {
    match &report.outcome {
        Outcome::Error { error } => error,
        other => panic!("expected an error, got {other:?}"),
    }
}

/// Runs `program`, which must finish and print what CPython prints; returns its output.
pub fn prints_as_in_cpython(harness: &mut Harness, program: &str) -> String {
    let report = harness.run(program);
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    let stdout = harness.stdout();
    assert_eq!(stdout, cpython(program, "").0);
    stdout
}
