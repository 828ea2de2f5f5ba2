//! What the engine asks of whoever embeds it: a place for output, lines of input,
//! clocks, sleeping and an interrupt flag. The CLI, the tests and the browser worker
//! each provide one.

pub use sandpiper_protocol::Stream;
use sandpiper_protocol::{CanvasEvent, DrawOp};

/// The host's answer when the engine checks in during a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Continue,
    /// The user pressed Stop (or Ctrl-C): the program gets `KeyboardInterrupt`.
    Interrupt,
    /// Memory is nearly exhausted: the program gets `MemoryError`.
    OutOfMemory,
}

/// The answer to `input()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputLine {
    /// A line, without its trailing newline.
    Line(String),
    /// End of input: `input()` raises `EOFError`.
    Eof,
    /// Stopped while waiting: the program gets `KeyboardInterrupt`.
    Interrupted,
}

/// What waiting for the drawing's events gave (`Host::wait_events`).
#[derive(Clone, Debug, PartialEq)]
pub enum EventWait {
    /// What the student did, in order (never empty).
    Events(Vec<CanvasEvent>),
    /// The time given passed with nothing done.
    Timeout,
    /// Stop was pressed while waiting.
    Interrupted,
    /// No events can ever come here (no page shows the drawing) and no time was given.
    Unavailable,
}

/// `Host::wait_events` where no event can come: sleeps through the time given, if any.
pub fn sleep_through(host: &mut (impl Host + ?Sized), timeout: Option<f64>) -> EventWait {
    match timeout {
        None => EventWait::Unavailable,
        Some(seconds) => match host.sleep(seconds) {
            Signal::Continue => EventWait::Timeout,
            _ => EventWait::Interrupted,
        },
    }
}

pub trait Host {
    /// Receives program output in chunks, in order, whenever the engine flushes.
    fn write(&mut self, stream: Stream, text: &str);

    /// Reads one line for `input()` or `sys.stdin`. Output has been flushed first,
    /// so the prompt is already on screen.
    fn read_line(&mut self) -> InputLine;

    /// Blocks for `seconds` (already capped at the run's deadline), waking early on Stop.
    fn sleep(&mut self, seconds: f64) -> Signal;

    /// Called every thousand instructions or so, with the instructions taken so far: is there a reason
    /// to stop? (Also where a host can report progress.)
    fn poll(&mut self, instructions: u64) -> Signal;

    /// A monotonic clock in seconds (`time.monotonic`, `time.perf_counter`, deadlines).
    fn monotonic(&self) -> f64;

    /// Seconds since the Unix epoch (`time.time`).
    fn wall_clock(&self) -> f64;

    /// Receives what a turtle program drew, in order with its output. A host that shows no
    /// drawing ignores it.
    fn draw(&mut self, ops: Vec<DrawOp>) {
        let _ = ops;
    }

    /// Waits up to `timeout` seconds (`None`: for as long as it takes) for the student to
    /// click or press keys on the drawing; `Some(0.0)` only looks. A host without a drawing
    /// only sleeps through the time given.
    fn wait_events(&mut self, timeout: Option<f64>) -> EventWait {
        sleep_through(self, timeout)
    }

    /// The bytes of the standard library bundle `name` (`stdlib/NAME.frozen` in the
    /// build), asked for on the first import of one of its modules; `Err` says why not.
    /// Native builds embed every bundle, so only the browser needs to fetch them.
    fn stdlib_bundle(&mut self, name: &str) -> Result<Vec<u8>, String> {
        crate::stdlib::embedded_bundle(name)
    }
}
