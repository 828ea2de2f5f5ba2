//! The run lifecycle as plain data: the page's state about Python and its runs, and one
//! function from (state, event) to the effects the page must perform. No browser in here,
//! so every path is unit-tested natively (`tests` below); `controller.rs` feeds it events
//! and performs its effects.

use sandpiper_protocol::{
    CheckResult, CodeInfo, DrawOp, FileChanges, Hotspots, Outcome, PyError, Recording, Response,
    RunId, StopReason, Stream,
};

use crate::exercise::CheckEnding;
use crate::wording;

mod repl;

use repl::Repl;

/// How long a stopped program may take to notice Stop before its worker is replaced
/// (native code that never returns to Python bytecode does not look at the flag).
pub const STOP_GRACE: f64 = 1.0;

/// What the status bar says: a view of the machine, never stored on its own.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// The runtime is downloading (`total` unknown when the server does not say).
    Loading {
        loaded: u64,
        total: Option<u64>,
        /// Run was pressed: the program starts as soon as Python is ready.
        run_queued: bool,
    },
    /// Downloaded; the interpreter is being built.
    Starting {
        run_queued: bool,
    },
    Ready,
    Running {
        instructions: u64,
        elapsed: f64,
    },
    /// The last run is over; `summary` says how.
    Done {
        summary: String,
        instructions: u64,
        elapsed: f64,
        failed: bool,
    },
    /// The runtime could not start; only reloading the page tries again.
    Failed,
}

impl Status {
    /// Run may be pressed: it starts a run now, or as soon as Python is ready.
    pub fn accepts_run(&self) -> bool {
        !matches!(self, Status::Running { .. } | Status::Failed)
    }

    /// Stop has something to stop: a run, or a run waiting for Python.
    pub fn accepts_stop(&self) -> bool {
        matches!(
            self,
            Status::Running { .. }
                | Status::Loading {
                    run_queued: true,
                    ..
                }
                | Status::Starting { run_queued: true }
        )
    }
}

/// How `input()` gets its answer while a program runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputMode {
    /// Shared memory with the worker (a cross-origin isolated page).
    Shared,
    /// Through the app's service worker.
    Relay,
    /// Neither: lines are typed before the run (`StdinBox`).
    Prefilled,
}

/// Limits fixed for the page's life (from its address).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Seconds a run may take, waiting for `input()` excluded.
    pub time_limit: f64,
    pub memory_limit_bytes: u64,
    /// `?budget=N`, which wins over the worker's default.
    pub instruction_budget: Option<u64>,
}

/// Where the Python runtime is.
#[derive(Clone, Debug, PartialEq)]
enum Runtime {
    Loading { loaded: u64, total: Option<u64> },
    Starting,
    Ready,
    Failed,
}

/// The one run whose messages are shown; any other run's are dropped.
#[derive(Clone, Debug, PartialEq)]
struct ActiveRun {
    id: RunId,
    started_at: f64,
    instructions: u64,
    elapsed: f64,
    /// When the worker last sent anything about it: a stuck worker is silent.
    last_heard: f64,
    /// Time spent waiting for `input()`, which does not count against the time limit.
    input_waited: f64,
    input: Option<InputWait>,
    /// A REPL entry, not the editor's program.
    entry: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct InputWait {
    since: f64,
    /// Where the answer goes when there is no shared memory (the service worker's token).
    relay_token: Option<String>,
}

/// How the last run ended, while no other has started.
#[derive(Clone, Debug, PartialEq)]
struct LastRun {
    summary: String,
    instructions: u64,
    elapsed: f64,
    failed: bool,
}

/// Something that happened: the student, the worker or a timer.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    RunPressed,
    /// Run under the stepper's recorder, then open the stepper.
    StepPressed,
    /// Run the exercise's check against the program (`Request::Check`).
    CheckPressed,
    StopPressed,
    /// The student answered `input()`: a line, or end of input (`None`).
    InputAnswered(Option<String>),
    /// The worker is ready; `relay_available` says whether a service worker could relay
    /// `input()` answers when there is no shared memory.
    Ready {
        instruction_budget: u64,
        relay_available: bool,
    },
    /// Any other message from the worker.
    Response(Response),
    /// The worker shared its memory for Stop and `input()`.
    SharedControl,
    /// The worker's script failed or its wasm trapped.
    WorkerCrashed(String),
    /// The ticker's beat while a run is active.
    Tick,
    /// Stop was pressed `STOP_GRACE` ago for this run.
    StopGraceOver(RunId),
    /// The editor's text, to be disassembled (after the typing pause).
    BytecodeWanted(String),
    /// Enter at the REPL's prompt: the line typed, or several pasted at once.
    EntryTyped(String),
    /// Ctrl+C at the REPL's prompt, with what was typed there.
    PromptInterrupted(String),
    /// Tab at the REPL's prompt, with the text before the cursor.
    CompletionWanted(String),
}

impl Event {
    /// A message from the worker as an event; `relay_available` is asked only when the
    /// worker is ready (it decides how `input()` is answered).
    pub fn from_response(response: Response, relay_available: impl FnOnce() -> bool) -> Self {
        match response {
            Response::Ready { instruction_budget } => Event::Ready {
                instruction_budget,
                relay_available: relay_available(),
            },
            other => Event::Response(other),
        }
    }
}

/// What a run is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// Run.
    Plain,
    /// Step: recorded for the stepper.
    Recorded,
    /// Check: the exercise's check runs the program (`Request::Check`).
    Check,
}

/// What the page must do, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Start run `run`: clear the output and the error mark, reset the shared memory, show
    /// the Output tab, and send `Request::Run` with the editor's text.
    StartRun {
        run: RunId,
        instruction_budget: u64,
        time_limit: f64,
        memory_limit_bytes: u64,
        /// Send the lines typed before the run (`InputMode::Prefilled`).
        prefilled_stdin: bool,
        kind: RunKind,
    },
    /// Take the files a run wrote and removed into the editor's files.
    ApplyFileChanges(FileChanges),
    /// Beat `Event::Tick` every 100 ms until `StopTicker`.
    StartTicker,
    StopTicker,
    /// Send `Event::StopGraceOver(run)` after `STOP_GRACE`, unless `ClearStopGrace` first.
    StartStopGrace(RunId),
    ClearStopGrace,
    /// Set the shared interrupt flag.
    Interrupt,
    /// Answer `input()` through shared memory.
    AnswerShared(Option<String>),
    /// Answer `input()` through the service worker.
    AnswerRelay {
        token: String,
        answer: Option<String>,
    },
    Output {
        stream: Stream,
        text: String,
    },
    /// Apply what the program drew to the drawing.
    Draw(Vec<DrawOp>),
    /// Put a field for `input()` after the prompt.
    OpenInput,
    /// Remove the `input()` field, leaving `echo` (what a terminal shows) in its place.
    CloseInput(Option<String>),
    /// The uncaught exception's traceback, and its line marked in the editor.
    ShowError(PyError),
    /// A message from Sandpiper itself in the output pane.
    Note(String),
    /// Replace the worker (its shared memory goes with it).
    RestartWorker,
    /// Tell the service worker that Python started (offline copy complete).
    AnnounceReady,
    Disassemble {
        id: RunId,
        source: String,
    },
    ShowBytecode {
        source: String,
        result: Result<Vec<CodeInfo>, PyError>,
    },
    /// Open the stepper on the active run's recording.
    ShowRecording(Box<Recording>),
    /// What the exercise's check found.
    ShowCheckResults(Vec<CheckResult>),
    /// A check's run is over (after its results, when it had any).
    CheckEnded(CheckEnding),
    /// Where a run stopped by its budget or time limit spent its steps: the editor's heat
    /// map and a note.
    ShowHotspots(Box<Hotspots>),
    /// Put the REPL's prompt (`>>> `, or `... ` for a `continuation`) and its field at the
    /// end of the output; `focus` it when the student was typing there.
    OpenPrompt {
        continuation: bool,
        focus: bool,
    },
    /// Remove the prompt's field, leaving `echo` (what a terminal shows) in its place.
    ClosePrompt(Option<String>),
    /// Send `Request::Entry`: `source` is the entry's lines so far.
    StartEntry {
        run: RunId,
        source: String,
        instruction_budget: u64,
        time_limit: f64,
        memory_limit_bytes: u64,
        prefilled_stdin: bool,
    },
    /// Send `Request::Complete`.
    Complete {
        id: RunId,
        text: String,
    },
    /// Tab's answer for the prompt, if its text is still `text`.
    ShowCompletions {
        text: String,
        matches: Vec<String>,
    },
}

/// The page's run lifecycle. `status()` is what the status bar shows; `update` is the only
/// way anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct RunMachine {
    limits: Limits,
    runtime: Runtime,
    /// The one source of truth for "a run is active".
    run: Option<ActiveRun>,
    last_run: Option<LastRun>,
    /// Run (or Step) was pressed before Python was ready.
    run_queued: bool,
    /// What the queued or active run is.
    kind: RunKind,
    shared_control: bool,
    instruction_budget: u64,
    input_mode: InputMode,
    next_id: RunId,
    /// The newest disassembly request and its text: older answers are stale.
    bytecode_request: Option<(RunId, String)>,
    /// The newest text to disassemble, asked again when a (new) worker is ready.
    bytecode_source: Option<String>,
    /// The REPL under the output, when the page has one.
    repl: Option<Repl>,
}

impl RunMachine {
    /// A page whose request ids start after `first_id` (pages sharing a worker number
    /// their requests apart).
    pub fn new(limits: Limits, first_id: RunId) -> Self {
        Self {
            limits,
            runtime: Runtime::Loading {
                loaded: 0,
                total: None,
            },
            run: None,
            last_run: None,
            run_queued: false,
            kind: RunKind::Plain,
            shared_control: false,
            instruction_budget: 0,
            input_mode: InputMode::Shared,
            next_id: first_id,
            bytecode_request: None,
            bytecode_source: None,
            repl: None,
        }
    }

    /// The page has a REPL: a prompt under the output whenever Python is ready and idle.
    pub fn with_repl(mut self) -> Self {
        self.repl = Some(Repl::default());
        self
    }

    pub fn status(&self) -> Status {
        if let Some(run) = &self.run {
            return Status::Running {
                instructions: run.instructions,
                elapsed: run.elapsed,
            };
        }
        let run_queued = self.run_queued;
        match &self.runtime {
            Runtime::Loading { loaded, total } => Status::Loading {
                loaded: *loaded,
                total: *total,
                run_queued,
            },
            Runtime::Starting => Status::Starting { run_queued },
            Runtime::Failed => Status::Failed,
            Runtime::Ready => match &self.last_run {
                Some(last) => Status::Done {
                    summary: last.summary.clone(),
                    instructions: last.instructions,
                    elapsed: last.elapsed,
                    failed: last.failed,
                },
                None => Status::Ready,
            },
        }
    }

    /// The worker's instruction budget (0 until it is ready).
    pub fn instruction_budget(&self) -> u64 {
        self.instruction_budget
    }

    pub fn input_mode(&self) -> InputMode {
        self.input_mode
    }

    /// The page could not make a worker at all: nothing will ever be ready.
    pub fn cannot_start(&mut self, why: &str) -> Vec<Effect> {
        self.runtime = Runtime::Failed;
        self.run_queued = false;
        vec![Effect::Note(wording::cannot_start_worker(why))]
    }

    /// What `event`, at `now` (seconds on the page's monotonic clock), changes, and what
    /// the page must do about it.
    pub fn update(&mut self, event: Event, now: f64) -> Vec<Effect> {
        let mut effects = Vec::new();
        match event {
            Event::RunPressed => self.run_pressed(RunKind::Plain, now, &mut effects),
            Event::StepPressed => self.run_pressed(RunKind::Recorded, now, &mut effects),
            Event::CheckPressed => self.run_pressed(RunKind::Check, now, &mut effects),
            Event::StopPressed => self.stop_pressed(&mut effects),
            Event::InputAnswered(answer) => self.input_answered(answer, now, &mut effects),
            Event::Ready {
                instruction_budget,
                relay_available,
            } => self.ready(instruction_budget, relay_available, now, &mut effects),
            Event::Response(response) => self.response(response, now, &mut effects),
            Event::SharedControl => self.shared_control = true,
            Event::WorkerCrashed(detail) => self.crashed(false, &detail, &mut effects),
            Event::Tick => self.tick(now, &mut effects),
            Event::StopGraceOver(run) => {
                if self.is_active(run) {
                    self.replace_stuck_worker(wording::STOP_NOT_ANSWERED.to_owned(), &mut effects);
                }
            }
            Event::BytecodeWanted(source) => self.bytecode_wanted(source, &mut effects),
            Event::EntryTyped(text) => self.entry_typed(&text, now, &mut effects),
            Event::PromptInterrupted(typed) => self.prompt_interrupted(&typed, &mut effects),
            Event::CompletionWanted(text) => self.completion_wanted(text, &mut effects),
        }
        effects
    }

    fn worker_accepts_requests(&self) -> bool {
        self.runtime == Runtime::Ready || self.run.is_some()
    }

    fn is_active(&self, run: RunId) -> bool {
        self.run.as_ref().is_some_and(|active| active.id == run)
    }

    fn next_id(&mut self) -> RunId {
        self.next_id += 1;
        self.next_id
    }

    fn run_pressed(&mut self, kind: RunKind, now: f64, effects: &mut Vec<Effect>) {
        if self.run.is_some() || self.runtime == Runtime::Failed {
            return;
        }
        self.kind = kind;
        // A run starts a fresh namespace: what was typed for the old one goes.
        if let Some(repl) = self.repl.as_mut() {
            repl.forget_entry();
        }
        match self.runtime {
            Runtime::Ready => self.start_run(now, effects),
            _ => self.run_queued = true,
        }
    }

    fn start_run(&mut self, now: f64, effects: &mut Vec<Effect>) {
        self.run_queued = false;
        self.last_run = None;
        let id = self.activate(false, now);
        effects.push(Effect::StartRun {
            run: id,
            instruction_budget: self.instruction_budget,
            time_limit: self.limits.time_limit,
            memory_limit_bytes: self.limits.memory_limit_bytes,
            prefilled_stdin: self.input_mode == InputMode::Prefilled,
            kind: self.kind,
        });
        effects.push(Effect::StartTicker);
    }

    /// Makes a new run the active one; its id.
    fn activate(&mut self, entry: bool, now: f64) -> RunId {
        let id = self.next_id();
        self.run = Some(ActiveRun {
            id,
            started_at: now,
            instructions: 0,
            elapsed: 0.0,
            last_heard: now,
            input_waited: 0.0,
            input: None,
            entry,
        });
        id
    }

    /// Stops the running program through the shared interrupt flag (it ends with
    /// `KeyboardInterrupt` and the interpreter stays warm), or, when that is not possible
    /// or not answered in time, by replacing the worker. Before Python is ready, Stop
    /// takes back a queued run.
    fn stop_pressed(&mut self, effects: &mut Vec<Effect>) {
        let Some(run) = &self.run else {
            self.run_queued = false;
            return;
        };
        if self.shared_control {
            effects.push(Effect::Interrupt);
            effects.push(Effect::StartStopGrace(run.id));
        } else {
            self.end_run(effects);
            effects.push(Effect::Note(wording::STOPPED_BY_RESTART.to_owned()));
            self.restart_worker(effects);
        }
    }

    fn input_answered(&mut self, answer: Option<String>, now: f64, effects: &mut Vec<Effect>) {
        let shared = self.shared_control;
        let Some(wait) = self.run.as_mut().and_then(|run| run.input.as_mut()) else {
            return;
        };
        let echo = format!("{}\n", answer.as_deref().unwrap_or(""));
        if shared {
            effects.push(Effect::AnswerShared(answer));
        } else if let Some(token) = wait.relay_token.take() {
            effects.push(Effect::AnswerRelay { token, answer });
        } else {
            return;
        }
        let since = wait.since;
        if let Some(run) = self.run.as_mut() {
            run.input = None;
            run.input_waited += now - since;
        }
        effects.push(Effect::CloseInput(Some(echo)));
    }

    fn ready(
        &mut self,
        instruction_budget: u64,
        relay_available: bool,
        now: f64,
        effects: &mut Vec<Effect>,
    ) {
        self.instruction_budget = self.limits.instruction_budget.unwrap_or(instruction_budget);
        self.input_mode = if self.shared_control {
            InputMode::Shared
        } else if relay_available {
            InputMode::Relay
        } else {
            InputMode::Prefilled
        };
        self.runtime = Runtime::Ready;
        // Running already: a worker shared with other frames was replaced, and this
        // page's run waits in the hub for it.
        if self.run.is_some() {
            return;
        }
        effects.push(Effect::AnnounceReady);
        if self.run_queued {
            self.start_run(now, effects);
        }
        if let Some(source) = self.bytecode_source.clone() {
            self.bytecode_wanted(source, effects);
        }
        self.prompt_ready(false, now, effects);
    }

    fn response(&mut self, response: Response, now: f64, effects: &mut Vec<Effect>) {
        if let Some(run) = self.run.as_mut() {
            run.last_heard = now;
        }
        match response {
            Response::Loading { loaded, total } => {
                // Progress is read beside the compiling download and may trail `Ready`.
                if matches!(self.runtime, Runtime::Loading { .. } | Runtime::Starting) {
                    self.runtime = if total.is_some_and(|total| loaded >= total) {
                        Runtime::Starting
                    } else {
                        Runtime::Loading { loaded, total }
                    };
                }
            }
            // `Event::from_response` makes this `Event::Ready`; a bare one knows of no relay.
            Response::Ready { instruction_budget } => {
                self.ready(instruction_budget, false, now, effects)
            }
            Response::Output { run, stream, text } => {
                if self.is_active(run) {
                    effects.push(Effect::Output { stream, text });
                }
            }
            Response::Drawing { run, ops } => {
                if self.is_active(run) {
                    effects.push(Effect::Draw(ops));
                }
            }
            Response::InputRequest { run, relay_token } => {
                if let Some(active) = self.run.as_mut().filter(|active| active.id == run) {
                    active.input = Some(InputWait {
                        since: now,
                        relay_token,
                    });
                    effects.push(Effect::OpenInput);
                }
            }
            Response::OutputTruncated { run, limit_bytes } => {
                if self.is_active(run) {
                    effects.push(Effect::Note(wording::output_truncated(limit_bytes)));
                }
            }
            Response::Crashed {
                out_of_memory,
                detail,
            } => self.crashed(out_of_memory, &detail, effects),
            Response::Progress { run, instructions } => {
                if let Some(active) = self.run.as_mut().filter(|active| active.id == run) {
                    active.instructions = instructions;
                    active.elapsed = now - active.started_at;
                }
            }
            Response::Recorded { run, recording } => {
                if self.is_active(run) {
                    effects.push(Effect::ShowRecording(recording));
                }
            }
            Response::Checked { run, results } => {
                if self.is_active(run) {
                    effects.push(Effect::ShowCheckResults(results));
                }
            }
            Response::Finished {
                run,
                outcome,
                instructions,
                elapsed,
                hotspots,
                files,
            } => {
                if self.is_active(run) {
                    let entry = self.end_run(effects);
                    if !entry && self.kind == RunKind::Check {
                        effects.push(Effect::CheckEnded(match &outcome {
                            Outcome::Finished | Outcome::Exit { code: 0 } => CheckEnding::Completed,
                            Outcome::Stopped {
                                reason: StopReason::Interrupt,
                                ..
                            } => CheckEnding::Stopped,
                            _ => CheckEnding::Failed,
                        }));
                    }
                    // Before the traceback, so that its lines can name the files written.
                    effects.extend(files.map(|changes| Effect::ApplyFileChanges(*changes)));
                    self.finish(outcome, instructions, elapsed, effects);
                    effects.extend(hotspots.map(Effect::ShowHotspots));
                    self.entry_ended(entry, now, effects);
                }
            }
            Response::Preempted { run } => {
                if self.is_active(run) {
                    effects.push(Effect::Note(wording::PREEMPTED.to_owned()));
                    self.stop_pressed(effects);
                }
            }
            Response::EntryIncomplete { run } => {
                if self.is_active(run) {
                    self.end_run(effects);
                    self.entry_needs_more(now, effects);
                }
            }
            Response::Completions { id, text, matches } => {
                self.completions(id, text, matches, effects)
            }
            Response::Bytecode { id, result } => {
                if let Some((latest, _)) = &self.bytecode_request
                    && *latest == id
                    && let Some((_, source)) = self.bytecode_request.take()
                {
                    effects.push(Effect::ShowBytecode { source, result });
                }
            }
        }
    }

    fn finish(
        &mut self,
        outcome: Outcome,
        instructions: u64,
        elapsed: f64,
        effects: &mut Vec<Effect>,
    ) {
        let (summary, failed) = wording::outcome(&outcome);
        if let Some(error) = outcome.error() {
            effects.push(Effect::ShowError(error.clone()));
        }
        self.last_run = Some(LastRun {
            summary,
            instructions,
            elapsed,
            failed,
        });
    }

    /// The worker's wasm trapped or its script failed: replace it and say what happened.
    fn crashed(&mut self, out_of_memory: bool, detail: &str, effects: &mut Vec<Effect>) {
        let was_running = self.run.is_some();
        self.end_run_unfinished(effects);
        let note = if out_of_memory {
            wording::out_of_memory(self.limits.memory_limit_bytes)
        } else if was_running {
            wording::crashed_while_running(detail)
        } else if self.runtime == Runtime::Ready {
            wording::crashed_while_idle(detail)
        } else {
            // Failing while starting would fail again: no restart loop.
            self.runtime = Runtime::Failed;
            self.run_queued = false;
            effects.push(Effect::Note(wording::crashed_while_starting(detail)));
            return;
        };
        effects.push(Effect::Note(note));
        self.restart_worker(effects);
    }

    /// Keeps the elapsed time moving between progress messages (a program that sleeps
    /// sends none), and replaces a worker stuck past the time limit (the engine stops the
    /// program itself, unless native code never returns).
    fn tick(&mut self, now: f64, effects: &mut Vec<Effect>) {
        let Some(run) = self.run.as_mut() else {
            return;
        };
        run.elapsed = now - run.started_at;
        let waiting = run.input.as_ref().map_or(0.0, |wait| now - wait.since);
        let counted = run.elapsed - run.input_waited - waiting;
        let silent = now - run.last_heard;
        let limit = self.limits.time_limit;
        if counted > limit + STOP_GRACE && silent > STOP_GRACE {
            self.replace_stuck_worker(wording::past_time_limit(limit), effects);
        }
    }

    fn bytecode_wanted(&mut self, source: String, effects: &mut Vec<Effect>) {
        self.bytecode_source = Some(source.clone());
        if !self.worker_accepts_requests() {
            return;
        }
        let id = self.next_id();
        self.bytecode_request = Some((id, source.clone()));
        effects.push(Effect::Disassemble { id, source });
    }

    /// Ends the run by replacing a worker that no longer answers, saying why.
    fn replace_stuck_worker(&mut self, note: String, effects: &mut Vec<Effect>) {
        self.end_run_unfinished(effects);
        effects.push(Effect::Note(note));
        self.restart_worker(effects);
    }

    /// Ends the active run, which the worker will never finish (it crashed or is replaced).
    fn end_run_unfinished(&mut self, effects: &mut Vec<Effect>) {
        let was_running = self.run.is_some();
        let entry = self.end_run(effects);
        if was_running && !entry && self.kind == RunKind::Check {
            effects.push(Effect::CheckEnded(CheckEnding::Failed));
        }
    }

    /// Ends the active run, if any; whether it was a REPL entry.
    fn end_run(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(run) = self.run.take() else {
            return false;
        };
        effects.push(Effect::ClearStopGrace);
        effects.push(Effect::CloseInput(None));
        effects.push(Effect::StopTicker);
        run.entry
    }

    fn restart_worker(&mut self, effects: &mut Vec<Effect>) {
        // The new worker's interpreter has nothing of what was typed.
        if let Some(repl) = self.repl.as_mut() {
            repl.forget_entry();
        }
        self.shared_control = false;
        self.last_run = None;
        self.runtime = Runtime::Loading {
            loaded: 0,
            total: None,
        };
        effects.push(Effect::RestartWorker);
    }
}

#[cfg(test)]
mod tests;
