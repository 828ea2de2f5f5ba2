//! What the buttons and the worker's messages do: runs, stops, output, bytecode requests.
//! It owns the non-reactive parts (worker, editor, output pane) and writes `AppState`.

use std::time::Duration;

use leptos::leptos_dom::helpers::{
    IntervalHandle, TimeoutHandle, set_interval_with_handle, set_timeout_with_handle,
};
use leptos::prelude::*;
use sandpiper_protocol::{Outcome, Request, Response, RunId, StopReason, group_thousands};

use crate::control::SharedControl;
use crate::editor::Editor;
use crate::output_sink::OutputSink;
use crate::state::{AppState, Bytecode, InputMode, Status, Tab};
use crate::worker_link::{WorkerEvent, WorkerLink};

/// Tracebacks and the bytecode viewer call the program this.
pub const FILENAME: &str = "main.py";
/// Quiet time after the last keystroke before the bytecode is recomputed.
const BYTECODE_DELAY: Duration = Duration::from_millis(250);
/// How long a stopped program may take to notice Stop before its worker is replaced
/// (native code that never returns to Python bytecode does not look at the flag).
const STOP_GRACE: Duration = Duration::from_millis(1000);

/// Bookkeeping that no component displays.
#[derive(Default)]
struct Runs {
    next_id: RunId,
    /// The run whose output is shown; messages of any other run are dropped.
    active: Option<RunId>,
    started_at: f64,
    /// The run's time limit in seconds, and the time spent waiting for `input()`, which
    /// does not count against it (`input_since` is set while the program waits).
    time_limit: f64,
    input_waited: f64,
    input_since: Option<f64>,
    /// Where the answer to the pending `input()` goes when there is no shared memory.
    input_relay: Option<String>,
    /// When the worker last sent anything about the active run: a stuck worker is silent.
    last_heard: f64,
    /// The newest disassembly request and its text: older answers are stale.
    latest_bytecode: Option<(RunId, String)>,
    /// Text waiting for the worker to be ready before it can be disassembled.
    pending_bytecode: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Controller {
    pub state: AppState,
    worker: StoredValue<Option<WorkerLink>, LocalStorage>,
    editor: StoredValue<Option<Editor>, LocalStorage>,
    output: StoredValue<Option<OutputSink>, LocalStorage>,
    runs: StoredValue<Runs, LocalStorage>,
    ticker: StoredValue<Option<IntervalHandle>, LocalStorage>,
    bytecode_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// Shared memory with the worker, when the page is cross-origin isolated.
    control: StoredValue<Option<SharedControl>, LocalStorage>,
    stop_watchdog: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Controller {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            worker: StoredValue::new_local(None),
            editor: StoredValue::new_local(None),
            output: StoredValue::new_local(None),
            runs: StoredValue::new_local(Runs::default()),
            ticker: StoredValue::new_local(None),
            bytecode_timer: StoredValue::new_local(None),
            control: StoredValue::new_local(None),
            stop_watchdog: StoredValue::new_local(None),
        }
    }

    pub fn start_worker(self) {
        self.state.status.set(Status::LOADING);
        match WorkerLink::connect(move |event| self.on_worker_event(event)) {
            Ok(link) => {
                let first_id = link.first_id();
                self.runs.update_value(|runs| runs.next_id = first_id);
                self.worker.set_value(Some(link));
            }
            Err(message) => {
                self.state.status.set(Status::Failed);
                self.note(&format!("Sandpiper cannot start Python here: {message}"));
            }
        }
    }

    pub fn attach_editor(self, editor: Editor) {
        self.editor.set_value(Some(editor));
        self.state.editor_mounted.set(true);
    }

    pub fn attach_output(self, sink: OutputSink) {
        self.output.set_value(Some(sink));
    }

    pub fn editor(self) -> Option<Editor> {
        self.editor.with_value(Clone::clone)
    }

    pub fn run(self) {
        let status = self.state.status.get_untracked();
        if !status.is_ready() {
            return;
        }
        let Some(editor) = self.editor() else {
            return;
        };
        let source = editor.text();
        editor.mark_error_line(None);
        let run = self.next_id();
        let time_limit = crate::url_options::time_limit();
        self.runs.update_value(|runs| {
            runs.active = Some(run);
            runs.started_at = now();
            runs.time_limit = time_limit;
            runs.input_waited = 0.0;
            runs.input_since = None;
            runs.input_relay = None;
            runs.last_heard = now();
        });
        self.with_output(OutputSink::clear);
        self.with_control(SharedControl::reset);
        self.state.tab.set(Tab::Output);
        self.state.status.set(Status::Running {
            steps: 0,
            elapsed: 0.0,
        });
        let session = self
            .worker
            .with_value(|link| link.as_ref().map(WorkerLink::session))
            .unwrap_or_default();
        self.send(&Request::Run {
            run,
            session,
            source,
            filename: FILENAME.to_owned(),
            step_budget: self.state.step_budget.get_untracked(),
            time_limit: Some(time_limit),
            memory_limit: Some(crate::url_options::memory_limit_bytes()),
            stdin: (self.state.input_mode.get_untracked() == InputMode::Prefilled)
                .then(|| self.state.stdin_text.get_untracked()),
        });
        self.start_ticker();
    }

    /// Stops the running program: through the shared interrupt flag (it ends with
    /// `KeyboardInterrupt` and the interpreter stays warm), or, when that is not possible
    /// or not answered in time, by replacing the worker.
    pub fn stop(self) {
        if !self.state.status.get_untracked().is_running() {
            return;
        }
        if self.with_control(SharedControl::interrupt).is_none() {
            self.end_run();
            self.note("Stopped. Python was restarted to stop the program; your code is unchanged.");
            self.restart_worker();
            return;
        }
        let run = self.runs.with_value(|runs| runs.active);
        let watchdog = set_timeout_with_handle(
            move || {
                if run.is_some() && self.runs.with_value(|runs| runs.active) == run {
                    self.replace_stuck_worker(
                        "The program did not stop within a second (it was busy inside a \
                         single long operation), so Python was restarted.",
                    );
                }
            },
            STOP_GRACE,
        );
        self.stop_watchdog.set_value(watchdog.ok());
    }

    /// Ends the run by replacing a worker that no longer answers, saying why.
    fn replace_stuck_worker(self, why: &str) {
        self.end_run();
        self.note(&format!("{why} Your code is unchanged."));
        self.restart_worker();
    }

    /// The student answered `input()`: a line, or end of input (`None`).
    pub fn answer_input(self, answer: Option<String>) {
        let echo = match &answer {
            Some(line) => format!("{line}\n"),
            None => "\n".to_owned(),
        };
        let shared = self.with_control(|control| match &answer {
            Some(line) => control.send_line(line),
            None => control.send_eof(),
        });
        let sent = shared.is_some() || self.relay_answer(answer.as_deref());
        if sent {
            self.with_output(|sink| sink.close_input(Some(&echo)));
            self.runs.update_value(|runs| {
                if let Some(since) = runs.input_since.take() {
                    runs.input_waited += now() - since;
                }
            });
        }
    }

    fn input_mode(self) -> InputMode {
        if self.control.with_value(Option::is_some) {
            InputMode::Shared
        } else if crate::input_relay::available() {
            InputMode::Relay
        } else {
            InputMode::Prefilled
        }
    }

    /// Sends the answer through the service worker (no shared memory); false if it cannot.
    fn relay_answer(self, answer: Option<&str>) -> bool {
        let Some(token) = self
            .runs
            .try_update_value(|runs| runs.input_relay.take())
            .flatten()
        else {
            return false;
        };
        match crate::input_relay::send(&token, answer) {
            Ok(()) => true,
            Err(why) => {
                self.note(&format!("The answer could not reach the program: {why}."));
                false
            }
        }
    }

    pub fn clear_output(self) {
        self.with_output(OutputSink::clear);
    }

    /// The editor's text changed: remember it and, after a pause, recompute the bytecode.
    pub fn code_changed(self, text: String) {
        if self.state.persist_code {
            crate::storage::save_code(&text);
        }
        if let Some(timer) = self.bytecode_timer.get_value() {
            timer.clear();
        }
        let timer = set_timeout_with_handle(move || self.request_bytecode(text), BYTECODE_DELAY);
        self.bytecode_timer.set_value(timer.ok());
    }

    pub fn request_bytecode(self, source: String) {
        if !self.worker_ready() {
            self.runs
                .update_value(|runs| runs.pending_bytecode = Some(source));
            return;
        }
        let id = self.next_id();
        let text = source.clone();
        self.runs
            .update_value(|runs| runs.latest_bytecode = Some((id, text)));
        self.send(&Request::Disassemble {
            id,
            source,
            filename: FILENAME.to_owned(),
        });
    }

    pub fn go_to_line(self, line: u32) {
        if let Some(editor) = self.editor() {
            editor.go_to(line, 0);
        }
    }

    fn worker_ready(self) -> bool {
        let status = self.state.status.get_untracked();
        status.is_ready() || status.is_running()
    }

    fn on_worker_event(self, event: WorkerEvent) {
        match event {
            WorkerEvent::Response(response) => self.on_response(response),
            WorkerEvent::Control(buffer) => {
                self.control.set_value(Some(SharedControl::new(&buffer)));
            }
            WorkerEvent::Crashed(message) => self.crashed(false, &message),
        }
    }

    /// The worker's wasm trapped or its script failed: replace it and say what happened.
    fn crashed(self, out_of_memory: bool, detail: &str) {
        let was_running = self.state.status.get_untracked().is_running();
        self.end_run();
        if out_of_memory {
            let megabytes = crate::url_options::memory_limit_bytes() >> 20;
            self.note(&format!(
                "MemoryError: the program used up the {megabytes} MB of memory it may use, \
                 so Python was restarted. Your code is unchanged. Does a list or string \
                 keep growing, or is something built far bigger than needed?"
            ));
        } else if was_running {
            self.note(&format!(
                "Internal error: the Python runtime crashed while running your program \
                 ({detail}). It is being restarted and your code is unchanged. If it \
                 happens again, try a smaller input or fewer nested calls."
            ));
        } else if self.state.status.get_untracked().is_ready() {
            self.note(&format!(
                "Internal error: the Python runtime crashed ({detail}). It is being \
                 restarted and your code is unchanged."
            ));
        } else {
            // Failing while starting would fail again: no restart loop.
            self.state.status.set(Status::Failed);
            self.note(&format!(
                "Python could not start here ({detail}). Your code is kept in this \
                 browser; reloading the page tries again."
            ));
            return;
        }
        self.restart_worker();
    }

    fn on_response(self, response: Response) {
        self.runs.update_value(|runs| runs.last_heard = now());
        match response {
            Response::Loading { loaded, total } => {
                // Progress is read beside the compiling download and may trail `Ready`.
                if !matches!(
                    self.state.status.get_untracked(),
                    Status::Loading { .. } | Status::Starting
                ) {
                    return;
                }
                let status = if total.is_some_and(|total| loaded >= total) {
                    Status::Starting
                } else {
                    Status::Loading { loaded, total }
                };
                self.state.status.set(status);
            }
            Response::Ready { step_budget } => {
                let budget = crate::url_options::step_budget().unwrap_or(step_budget);
                self.state.step_budget.set(budget);
                self.state.input_mode.set(self.input_mode());
                // Running already: a worker shared with other frames was replaced, and
                // this page's run waits in the hub for it.
                if self.state.status.get_untracked().is_running() {
                    return;
                }
                self.state.status.set(Status::Ready);
                crate::offline::announce_python_ready();
                let pending = self
                    .runs
                    .try_update_value(|runs| runs.pending_bytecode.take())
                    .flatten();
                let pending = pending.or_else(|| self.editor().map(|editor| editor.text()));
                if let Some(source) = pending {
                    self.request_bytecode(source);
                }
            }
            Response::Output { run, stream, text } => {
                if self.is_active(run) {
                    self.with_output(|sink| sink.append(stream, &text));
                }
            }
            Response::InputRequest { run, relay_token } => {
                if self.is_active(run) {
                    self.with_output(OutputSink::open_input);
                    self.runs.update_value(|runs| {
                        runs.input_since = Some(now());
                        runs.input_relay = relay_token;
                    });
                }
            }
            Response::OutputTruncated { run, limit_bytes } => {
                if self.is_active(run) {
                    self.note(&format!(
                        "… output truncated: the program printed more than {} MB, and the \
                         rest is not shown (the program goes on until it ends or is stopped).",
                        limit_bytes >> 20
                    ));
                }
            }
            Response::Crashed {
                out_of_memory,
                detail,
            } => self.crashed(out_of_memory, &detail),
            Response::Progress { run, steps } => {
                if self.is_active(run) {
                    self.state.status.set(Status::Running {
                        steps,
                        elapsed: self.elapsed(),
                    });
                }
            }
            Response::Finished {
                run,
                outcome,
                steps,
                elapsed,
            } => {
                if self.is_active(run) {
                    self.end_run();
                    self.finish(outcome, steps, elapsed);
                }
            }
            Response::Preempted { run } => {
                if self.is_active(run) {
                    self.note("Stopping: another example on this page started running.");
                    self.stop();
                }
            }
            Response::Bytecode { id, result } => {
                let source = self
                    .runs
                    .try_update_value(|runs| match &runs.latest_bytecode {
                        Some((latest, _)) if *latest == id => {
                            runs.latest_bytecode.take().map(|(_, source)| source)
                        }
                        _ => None,
                    })
                    .flatten();
                if let Some(source) = source {
                    self.state.bytecode.set(Some(Bytecode { source, result }));
                }
            }
        }
    }

    fn finish(self, outcome: Outcome, steps: u64, elapsed: f64) {
        let (summary, failed) = match &outcome {
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
                    StopReason::StepBudget => "Stopped: step budget used up",
                    StopReason::TimeLimit => "Stopped: time limit reached",
                    StopReason::Interrupt => "Stopped",
                    StopReason::Memory => "Stopped: out of memory",
                }
                .to_owned(),
                true,
            ),
        };
        if let Some(error) = outcome.error() {
            self.with_output(|sink| sink.append_traceback(error, FILENAME));
            if let (Some(editor), Some(line)) = (self.editor(), error.line_in(FILENAME)) {
                editor.mark_error_line(Some(line));
            }
        }
        self.state.status.set(Status::Done {
            summary,
            steps,
            elapsed,
            failed,
        });
    }

    fn restart_worker(self) {
        self.control.set_value(None);
        self.state.status.set(Status::LOADING);
        self.worker.with_value(|link| {
            if let Some(link) = link {
                link.restart();
            }
        });
    }

    fn end_run(self) {
        self.runs.update_value(|runs| runs.active = None);
        if let Some(watchdog) = self.stop_watchdog.get_value() {
            watchdog.clear();
        }
        self.stop_watchdog.set_value(None);
        self.with_output(|sink| sink.close_input(None));
        if let Some(ticker) = self.ticker.get_value() {
            ticker.clear();
        }
        self.ticker.set_value(None);
    }

    /// Keeps the elapsed time moving while the program runs, even between progress
    /// messages (a program that sleeps sends none), and replaces a worker stuck past the
    /// time limit (the engine stops the program itself, unless native code never returns).
    fn start_ticker(self) {
        let ticker = set_interval_with_handle(
            move || {
                self.state.status.update(|status| {
                    if let Status::Running { elapsed, .. } = status {
                        *elapsed = self.elapsed();
                    }
                });
                let grace = STOP_GRACE.as_secs_f64();
                let (limit, stuck) = self.runs.with_value(|runs| {
                    let waiting = runs.input_since.map_or(0.0, |since| now() - since);
                    let counted = now() - runs.started_at - runs.input_waited - waiting;
                    let silent = now() - runs.last_heard;
                    (
                        runs.time_limit,
                        counted > runs.time_limit + grace && silent > grace,
                    )
                });
                if stuck && self.state.status.get_untracked().is_running() {
                    self.replace_stuck_worker(&format!(
                        "The program ran past the time limit of {limit} seconds inside a \
                         single long operation, so Python was restarted."
                    ));
                }
            },
            Duration::from_millis(100),
        );
        self.ticker.set_value(ticker.ok());
    }

    fn next_id(self) -> RunId {
        self.runs
            .try_update_value(|runs| {
                runs.next_id += 1;
                runs.next_id
            })
            .unwrap_or_default()
    }

    fn is_active(self, run: RunId) -> bool {
        self.runs.with_value(|runs| runs.active == Some(run))
    }

    fn elapsed(self) -> f64 {
        now() - self.runs.with_value(|runs| runs.started_at)
    }

    fn send(self, request: &Request) {
        self.worker.with_value(|worker| {
            if let Some(worker) = worker {
                worker.send(request);
            }
        });
    }

    fn with_output(self, action: impl FnOnce(&mut OutputSink)) {
        self.output.update_value(|sink| {
            if let Some(sink) = sink {
                action(sink);
            }
        });
    }

    fn with_control<T>(self, action: impl FnOnce(&SharedControl) -> T) -> Option<T> {
        self.control
            .with_value(|control| control.as_ref().map(action))
    }

    fn note(self, text: &str) {
        self.with_output(|sink| sink.append_note(text));
    }
}

/// Describes a step count for the status bar: `1,234 steps`.
pub fn steps_text(steps: u64) -> String {
    format!("{} steps", group_thousands(steps))
}

/// Seconds on the page's monotonic clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now() / 1000.0)
}
