//! State shared by the native objects the engine installs in the interpreter (the
//! instruction hook, the standard streams, the clocks) for the duration of one run.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::host::{EventWait, Host, InputLine, Signal, Stream};
use crate::limits::{RunOptions, StopReason};
use sandpiper_protocol::{DrawOp, Transcript, TranscriptKind, push_coalesced};

/// Instructions between two check-ins with the host (interrupt flag, deadline, output
/// flush): about 0.1 ms of work in the browser.
pub const CHECK_INTERVAL: u64 = 16 * 1024;
/// Seconds before the deadline from which a run is near its end (`near_end`).
const NEAR_DEADLINE: f64 = 0.05;
/// Output buffered beyond this many bytes is flushed at once.
const FLUSH_BYTES: usize = 64 * 1024;
/// Drawing operations buffered beyond this many are flushed at once.
const FLUSH_DRAW_OPS: usize = 4096;

/// What waits for the next flush, in the order the program made it.
enum Pending {
    Text(Stream, String),
    Drawing(Vec<DrawOp>),
}

pub type SharedRun = Rc<RunState>;

pub struct RunState {
    host: RefCell<Box<dyn Host>>,
    /// Instructions run before the current slice (the VM counts down within a slice).
    instructions_before_slice: Cell<u64>,
    /// How many instructions the current slice granted.
    slice_len: Cell<u64>,
    budget: Cell<u64>,
    max_recursion_limit: Cell<usize>,
    deadline: Cell<Option<f64>>,
    started_at: Cell<f64>,
    flush_interval: Cell<f64>,
    last_flush: Cell<f64>,
    /// Once set, every check-in fails again: a stopped program cannot catch and continue.
    stopped: Cell<Option<StopReason>>,
    pending: RefCell<Vec<Pending>>,
    pending_bytes: Cell<usize>,
    pending_draw_ops: Cell<usize>,
    /// What a recorded run wrote and read (`None` when it is not recorded).
    transcript: RefCell<Option<Transcript>>,
    /// Its length in bytes, asked at every recorded step.
    transcript_bytes: Cell<u32>,
}

impl RunState {
    pub fn new(host: Box<dyn Host>) -> SharedRun {
        Rc::new(Self {
            host: RefCell::new(host),
            instructions_before_slice: Cell::new(0),
            slice_len: Cell::new(0),
            budget: Cell::new(0),
            max_recursion_limit: Cell::new(usize::MAX),
            deadline: Cell::new(None),
            started_at: Cell::new(0.0),
            flush_interval: Cell::new(0.0),
            last_flush: Cell::new(0.0),
            stopped: Cell::new(None),
            pending: RefCell::new(Vec::new()),
            pending_bytes: Cell::new(0),
            pending_draw_ops: Cell::new(0),
            transcript: RefCell::new(None),
            transcript_bytes: Cell::new(0),
        })
    }

    /// Resets the counters for a new run.
    pub fn begin(&self, options: &RunOptions) {
        let now = self.monotonic();
        self.instructions_before_slice.set(0);
        self.budget.set(options.instruction_budget);
        self.max_recursion_limit.set(options.max_recursion_limit);
        self.stopped.set(None);
        self.started_at.set(now);
        self.last_flush.set(now);
        self.flush_interval.set(options.flush_interval);
        self.deadline
            .set(options.time_limit.map(|limit| now + limit));
        let recorded = options.record_lines.is_some() || options.record_instructions.is_some();
        *self.transcript.borrow_mut() = recorded.then(Transcript::default);
        self.transcript_bytes.set(0);
        self.start_slice();
    }

    /// How many instructions the current slice grants.
    pub fn slice_len(&self) -> u32 {
        self.slice_len.get() as u32
    }

    /// Instructions run so far, given how many the VM may still run in this slice and how
    /// many ran past its end, waiting for a check point.
    pub fn instructions(&self, left_in_slice: u32, past_slice: u32) -> u64 {
        self.instructions_before_slice.get()
            + self.slice_len.get().saturating_sub(left_in_slice.into())
            + u64::from(past_slice)
    }

    pub fn elapsed(&self) -> f64 {
        self.monotonic() - self.started_at.get()
    }

    pub fn stopped(&self) -> Option<StopReason> {
        self.stopped.get()
    }

    pub fn budget(&self) -> u64 {
        self.budget.get()
    }

    pub fn max_recursion_limit(&self) -> usize {
        self.max_recursion_limit.get()
    }

    /// Whether at most `slices` more check-ins remain before the budget is spent, or the
    /// deadline is less than `NEAR_DEADLINE` away.
    pub fn near_end(&self, slices: u64) -> bool {
        let left = self
            .budget
            .get()
            .saturating_sub(self.instructions_before_slice.get() + self.slice_len.get());
        left <= slices * CHECK_INTERVAL
            || self
                .deadline
                .get()
                .is_some_and(|deadline| deadline - self.monotonic() < NEAR_DEADLINE)
    }

    /// The VM's instruction hook: the slice is used up, and `past_slice` more instructions
    /// ran after it. `Ok` is the next slice's length; `Err` the reason the program must
    /// stop now, again at every call once stopped.
    pub fn check_in(&self, past_slice: u32) -> Result<u32, StopReason> {
        if let Some(reason) = self.stopped.get() {
            return Err(reason);
        }
        self.instructions_before_slice.set(
            self.instructions_before_slice.get() + self.slice_len.get() + u64::from(past_slice),
        );
        self.slice_len.set(0);
        if self.instructions_before_slice.get() >= self.budget.get() {
            return Err(self.stop(StopReason::InstructionBudget));
        }
        match self
            .host
            .borrow_mut()
            .poll(self.instructions_before_slice.get())
        {
            Signal::Continue => {}
            Signal::Interrupt => return Err(self.stop(StopReason::Interrupt)),
            Signal::OutOfMemory => return Err(self.stop(StopReason::Memory)),
        }
        let now = self.monotonic();
        if self.deadline.get().is_some_and(|deadline| now >= deadline) {
            return Err(self.stop(StopReason::TimeLimit));
        }
        if now - self.last_flush.get() >= self.flush_interval.get() {
            self.flush();
        }
        Ok(self.start_slice())
    }

    fn start_slice(&self) -> u32 {
        let left = self
            .budget
            .get()
            .saturating_sub(self.instructions_before_slice.get());
        let len = left.min(CHECK_INTERVAL);
        self.slice_len.set(len);
        len as u32
    }

    /// Marks the run as stopped; from now on every check-in fails.
    pub fn stop(&self, reason: StopReason) -> StopReason {
        self.stopped.set(Some(reason));
        reason
    }

    /// Queues program output; it reaches the host at the next flush.
    pub fn write(&self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        let kind = match stream {
            Stream::Stdout => TranscriptKind::Stdout,
            Stream::Stderr => TranscriptKind::Stderr,
        };
        self.add_to_transcript(kind, text);
        {
            let mut pending = self.pending.borrow_mut();
            match pending.last_mut() {
                Some(Pending::Text(last, buffer)) if *last == stream => buffer.push_str(text),
                _ => pending.push(Pending::Text(stream, text.to_owned())),
            }
        }
        let bytes = self.pending_bytes.get() + text.len();
        self.pending_bytes.set(bytes);
        if bytes >= FLUSH_BYTES {
            self.flush();
        }
    }

    /// Queues a change to the drawing; it reaches the host at the next flush, after the
    /// output written before it.
    pub fn draw(&self, op: DrawOp) {
        {
            let mut pending = self.pending.borrow_mut();
            match pending.last_mut() {
                Some(Pending::Drawing(ops)) => push_coalesced(ops, op),
                _ => pending.push(Pending::Drawing(vec![op])),
            }
        }
        let ops = self.pending_draw_ops.get() + 1;
        self.pending_draw_ops.set(ops);
        if ops >= FLUSH_DRAW_OPS {
            self.flush();
        }
    }

    pub fn flush(&self) {
        let chunks = std::mem::take(&mut *self.pending.borrow_mut());
        self.pending_bytes.set(0);
        self.pending_draw_ops.set(0);
        self.last_flush.set(self.monotonic());
        if chunks.is_empty() {
            return;
        }
        let mut host = self.host.borrow_mut();
        for chunk in chunks {
            match chunk {
                Pending::Text(stream, text) => host.write(stream, &text),
                Pending::Drawing(ops) => host.draw(ops),
            }
        }
    }

    /// Waits for the student's clicks and keys on the drawing (`Host::wait_events`), never
    /// past the deadline when a time is given; the waiting does not count against the
    /// time limit, as for `input()`. `Err` if the run must stop.
    pub fn wait_events(&self, timeout: Option<f64>) -> Result<EventWait, StopReason> {
        self.flush();
        let asked_at = self.monotonic();
        let answer = self.host.borrow_mut().wait_events(timeout);
        self.extend_deadline(self.monotonic() - asked_at);
        match answer {
            EventWait::Interrupted => Err(self.stop(StopReason::Interrupt)),
            answer => Ok(answer),
        }
    }

    pub fn read_line(&self) -> InputLine {
        self.flush();
        let asked_at = self.monotonic();
        let line = self.host.borrow_mut().read_line();
        // Time spent waiting for the user does not count against the time limit.
        self.extend_deadline(self.monotonic() - asked_at);
        match &line {
            InputLine::Line(text) => {
                self.add_to_transcript(TranscriptKind::Input, &format!("{text}\n"))
            }
            InputLine::Interrupted => {
                self.stop(StopReason::Interrupt);
            }
            InputLine::Eof => {}
        }
        line
    }

    fn add_to_transcript(&self, kind: TranscriptKind, text: &str) {
        if let Some(transcript) = self.transcript.borrow_mut().as_mut() {
            let kept = transcript.push(kind, text) as u32;
            self.transcript_bytes
                .set(self.transcript_bytes.get() + kept);
        }
    }

    /// Bytes of the recorded run's transcript so far (0 when the run is not recorded).
    pub fn transcript_len(&self) -> u32 {
        self.transcript_bytes.get()
    }

    /// The recorded run's transcript, taken at its end.
    pub fn take_transcript(&self) -> Option<Transcript> {
        self.transcript.borrow_mut().take()
    }

    /// A standard library bundle from the host; the download does not count against the
    /// time limit either.
    pub fn stdlib_bundle(&self, name: &str) -> Result<Vec<u8>, String> {
        let asked_at = self.monotonic();
        let bundle = self.host.borrow_mut().stdlib_bundle(name);
        self.extend_deadline(self.monotonic() - asked_at);
        bundle
    }

    fn extend_deadline(&self, by: f64) {
        self.deadline
            .set(self.deadline.get().map(|deadline| deadline + by));
    }

    /// Sleeps on the host, never past the deadline. `Err` if the run must stop.
    pub fn sleep(&self, seconds: f64) -> Result<(), StopReason> {
        self.flush();
        let remaining = self
            .deadline
            .get()
            .map(|deadline| deadline - self.monotonic());
        let capped = remaining.map_or(seconds, |left| seconds.min(left.max(0.0)));
        match self.host.borrow_mut().sleep(capped) {
            Signal::Continue => {}
            Signal::Interrupt => return Err(self.stop(StopReason::Interrupt)),
            Signal::OutOfMemory => return Err(self.stop(StopReason::Memory)),
        }
        if capped < seconds {
            return Err(self.stop(StopReason::TimeLimit));
        }
        Ok(())
    }

    pub fn monotonic(&self) -> f64 {
        self.host.borrow().monotonic()
    }

    pub fn wall_clock(&self) -> f64 {
        self.host.borrow().wall_clock()
    }
}

/// An address on the current stack: a local that is forced into memory.
#[inline(never)]
pub fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}
