//! A host that records output and answers `input()` from a script, for engine tests.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Instant;

use sandpiper_engine::{Host, InputLine, Outcome, RunOptions, RunReport, Session, Signal, Stream};

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
}

pub struct RecordingHost {
    pub state: Rc<RefCell<Recorded>>,
    started: Instant,
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

    fn poll(&mut self, _steps: u64) -> Signal {
        let mut state = self.state.borrow_mut();
        state.polls += 1;
        match state.interrupt_after_polls {
            Some(n) if state.polls >= n => Signal::Interrupt,
            _ => Signal::Continue,
        }
    }

    fn monotonic(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
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
        let host = RecordingHost {
            state: state.clone(),
            started: Instant::now(),
        };
        Self {
            session: Session::new(Box::new(host)),
            state,
        }
    }

    pub fn with_input(self, lines: &[&str]) -> Self {
        self.state.borrow_mut().input = lines.iter().map(|l| l.to_string()).collect();
        self
    }

    /// Runs `source` with `budget` steps; returns the report and clears the recorded output.
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

pub fn budget(steps: u64) -> RunOptions {
    RunOptions {
        step_budget: steps,
        ..RunOptions::default()
    }
}

/// Runs `source` with the installed CPython and returns (stdout, stderr).
pub fn cpython(source: &str, stdin: &str) -> (String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-I", "-c", source])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (CPython 3.11) is the reference and must be installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
