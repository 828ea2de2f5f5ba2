//! Performs what the run lifecycle (`run_machine`) decides: it turns clicks, the worker's
//! messages and timers into events, and the machine's effects into requests, timers and
//! output. It owns the non-reactive parts (worker, editor, output pane, shared memory) and
//! copies the machine's view into `AppState`.

use std::time::Duration;

use leptos::leptos_dom::helpers::{
    IntervalHandle, TimeoutHandle, set_interval_with_handle, set_timeout_with_handle,
};
use leptos::prelude::*;
use sandpiper_protocol::{
    CanvasEvent, FileChanges, GroupRun, PyError, RecordLimits, Request, RunLimits, SessionId,
    WorkspaceFile,
};

use crate::control::SharedControl;
use crate::drawing::Drawing;
use crate::editor::Editor;
use crate::entry_history::EntryHistory;
use crate::exercise::{CheckEnding, CheckView};
use crate::output_sink::OutputSink;
use crate::run_machine::Status;
use crate::run_machine::{Effect, Event, Limits, RunKind, RunMachine, STOP_GRACE};
use crate::state::{AppState, Bytecode, Notice, NoticeAction, Tab};
use crate::stepper::Stepper;
use crate::wording;
use crate::worker_link::{WorkerEvent, WorkerLink};
use crate::workspace::{Deleted, MAIN, Workspace, is_python};

/// Quiet time after the last keystroke before the bytecode is recomputed.
const BYTECODE_DELAY: Duration = Duration::from_millis(250);
/// How often the status bar's clock moves while a program runs.
const TICK: Duration = Duration::from_millis(100);
/// Completing an attribute evaluates what is before its dot: a property that loops is
/// stopped this soon.
const COMPLETION_BUDGET: u64 = 1_000_000;

#[derive(Clone, Copy)]
pub struct Controller {
    pub state: AppState,
    machine: StoredValue<RunMachine, LocalStorage>,
    worker: StoredValue<Option<WorkerLink>, LocalStorage>,
    editor: StoredValue<Option<Editor>, LocalStorage>,
    output: StoredValue<Option<OutputSink>, LocalStorage>,
    /// Shared memory with the worker, when the page is cross-origin isolated.
    control: StoredValue<Option<SharedControl>, LocalStorage>,
    timers: StoredValue<Timers, LocalStorage>,
    /// The text of the run being recorded, for the stepper.
    recorded_source: StoredValue<String, LocalStorage>,
    /// The line step to open the next recording at (a share link's `&step=`).
    pending_step: StoredValue<Option<usize>, LocalStorage>,
    /// The latest Run or Step was not a person's (a widget's autorun, a link's step): its
    /// run waits for another widget's to end instead of stopping it (`www/runtime-hub.js`).
    started_by_itself: StoredValue<bool, LocalStorage>,
    /// The lines typed at the REPL's prompt, for ↑ and ↓.
    history: StoredValue<EntryHistory, LocalStorage>,
    /// The last run's error, to mark its line in whichever file comes to the front.
    last_error: StoredValue<Option<PyError>, LocalStorage>,
    /// The file deleted last, for Undo.
    deleted: StoredValue<Option<Deleted>, LocalStorage>,
    /// The files changed since Python last got them: the next REPL entry takes them.
    files_edited: StoredValue<bool, LocalStorage>,
    /// Clicks and keys on the drawing that the worker has not taken yet.
    canvas_events: StoredValue<Vec<CanvasEvent>, LocalStorage>,
    /// A retry of giving them is due.
    canvas_retry: StoredValue<bool, LocalStorage>,
    /// The next run of a grouped widget runs the widgets above it first.
    run_earlier: StoredValue<bool, LocalStorage>,
}

/// The timers the machine starts and stops.
#[derive(Default)]
struct Timers {
    ticker: Option<IntervalHandle>,
    stop_grace: Option<TimeoutHandle>,
    bytecode: Option<TimeoutHandle>,
}

impl Controller {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            machine: StoredValue::new_local(RunMachine::new(limits(), 0)),
            worker: StoredValue::new_local(None),
            editor: StoredValue::new_local(None),
            output: StoredValue::new_local(None),
            control: StoredValue::new_local(None),
            timers: StoredValue::new_local(Timers::default()),
            recorded_source: StoredValue::new_local(String::new()),
            pending_step: StoredValue::new_local(None),
            started_by_itself: StoredValue::new_local(false),
            history: StoredValue::new_local(EntryHistory::default()),
            last_error: StoredValue::new_local(None),
            deleted: StoredValue::new_local(None),
            files_edited: StoredValue::new_local(true),
            canvas_events: StoredValue::new_local(Vec::new()),
            canvas_retry: StoredValue::new_local(false),
            run_earlier: StoredValue::new_local(false),
        }
    }

    /// Connects to Python; `repl`: the output pane has a prompt when Python is idle.
    pub fn start_worker(self, repl: bool) {
        match WorkerLink::connect(move |event| self.on_worker_event(event)) {
            Ok(link) => {
                let machine = RunMachine::new(limits(), link.first_id());
                self.machine
                    .set_value(if repl { machine.with_repl() } else { machine });
                self.worker.set_value(Some(link));
            }
            Err(why) => {
                let effects = self
                    .machine
                    .try_update_value(|machine| machine.cannot_start(&why))
                    .unwrap_or_default();
                self.perform_all(effects);
            }
        }
        self.show_machine();
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

    /// Runs the editor's program now, or as soon as Python is ready.
    pub fn run(self) {
        self.press(Event::RunPressed, false);
    }

    /// A grouped widget's "Run the ones above first": the group's widgets above it run
    /// first, in order, in the same namespace, then its own program (when the run starts:
    /// it may wait for Python).
    pub fn run_above_first(self) {
        self.press_for_group(Event::RunPressed, false, true);
    }

    /// An exercise widget's Check: the exercise's check runs against the editor's program.
    pub fn check(self) {
        self.press(Event::CheckPressed, false);
    }

    /// The same for a run nobody asked for: a widget's autorun.
    pub fn run_by_itself(self) {
        self.press(Event::RunPressed, true);
    }

    /// Run or Step, by a person or not; a link's step is set after.
    fn press(self, event: Event, by_itself: bool) {
        self.press_for_group(event, by_itself, false);
    }

    /// `press`; `run_earlier`: a grouped widget's run runs the widgets above it first (kept
    /// until the run starts, which may wait for Python; any other press forgets it).
    fn press_for_group(self, event: Event, by_itself: bool, run_earlier: bool) {
        self.started_by_itself.set_value(by_itself);
        self.pending_step.set_value(None);
        self.run_earlier.set_value(run_earlier);
        self.dispatch(event);
    }

    /// Does `action` once, as soon as the editor is there (at once if it is).
    pub fn once_editor_ready(self, action: impl Fn() + 'static) {
        let mounted = self.state.editor_mounted;
        leptos::prelude::Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let mounted = mounted.get();
            if mounted {
                action();
            }
            mounted
        });
    }

    /// Steps through the editor's program, and opens the stepper at line step `index`
    /// (the last one, if the recording is shorter).
    pub fn step_to(self, index: usize) {
        // Only a Step that starts (or waits for Python) opens at the step: while another
        // run goes on, the press is ignored, and that run's recording is another program's.
        let accepted = self
            .machine
            .with_value(|machine| machine.status().accepts_run());
        self.press(Event::StepPressed, true);
        if accepted {
            self.pending_step.set_value(Some(index));
        }
    }

    /// Runs the editor's program under the stepper's recorder, then opens the stepper.
    pub fn step(self) {
        // At its first step, whatever a link asked of an earlier Step.
        self.press(Event::StepPressed, false);
    }

    /// Closes the stepper and its marks in the editor.
    pub fn close_stepper(self) {
        self.state.stepper.set(None);
        if self.state.tab.get_untracked() == Tab::Steps {
            self.state.tab.set(Tab::Output);
        }
    }

    pub fn stop(self) {
        self.dispatch(Event::StopPressed);
    }

    /// The student answered `input()`: a line, or end of input (`None`).
    pub fn answer_input(self, answer: Option<String>) {
        self.dispatch(Event::InputAnswered(answer));
    }

    /// The Clear button: the output goes, the REPL's prompt (and what is typed in it) stays.
    pub fn clear_output(self) {
        self.state.hint.set(None);
        self.with_output(|sink| sink.clear_keeping_prompt(false));
    }

    /// Enter at the REPL's prompt (or a paste of several lines).
    pub fn submit_entry(self, text: String) {
        self.history.update_value(|history| {
            for line in text.lines() {
                history.push(line);
            }
        });
        self.dispatch(Event::EntryTyped(text));
    }

    /// Ctrl+C at the REPL's prompt: what was typed is dropped.
    pub fn interrupt_prompt(self, typed: String) {
        self.dispatch(Event::PromptInterrupted(typed));
    }

    /// Tab at the REPL's prompt, `text` being what is before the cursor.
    pub fn complete(self, text: String) {
        self.dispatch(Event::CompletionWanted(text));
    }

    /// ↑ at the prompt: the line typed before the one shown.
    pub fn older_entry(self, typed: &str) -> Option<String> {
        self.history
            .try_update_value(|history| history.older(typed).map(str::to_owned))
            .flatten()
    }

    /// ↓ at the prompt.
    pub fn newer_entry(self) -> Option<String> {
        self.history
            .try_update_value(|history| history.newer().map(str::to_owned))
            .flatten()
    }

    /// Ctrl+L at the prompt: the same, the keyboard staying in the prompt.
    pub fn clear_output_at_prompt(self) {
        self.state.hint.set(None);
        self.with_output(|sink| sink.clear_keeping_prompt(true));
    }

    /// The editor's text changed: remember it and, after a pause, recompute the bytecode.
    pub fn code_changed(self, text: String) {
        let active = self.active_file();
        self.state
            .workspace
            .update_untracked(|workspace| workspace.set_text(&active, &text));
        self.files_edited.set_value(true);
        if self.state.persist_code {
            crate::storage::save_file(&active, &text);
        }
        if !is_python(&active) {
            return;
        }
        let timer = set_timeout_with_handle(
            move || self.dispatch(Event::BytecodeWanted(text)),
            BYTECODE_DELAY,
        );
        let previous = self
            .timers
            .try_update_value(|timers| std::mem::replace(&mut timers.bytecode, timer.ok()))
            .flatten();
        if let Some(previous) = previous {
            previous.clear();
        }
    }

    /// The bytecode of the file in front, if it is Python.
    pub fn request_bytecode(self) {
        let text = self.state.workspace.with_untracked(|workspace| {
            is_python(workspace.active()).then(|| workspace.active_text().to_owned())
        });
        if let Some(text) = text {
            self.dispatch(Event::BytecodeWanted(text));
        } else {
            self.state.bytecode.set(None);
        }
    }

    pub fn go_to_line(self, line: u32) {
        if let Some(editor) = self.editor() {
            editor.go_to(line, 0);
        }
    }

    /// A traceback's line in file `name`: brings the file to the front at that line.
    pub fn go_to_file_line(self, name: &str, line: u32) {
        self.show_file(name);
        self.go_to_line(line);
    }

    pub fn active_file(self) -> String {
        self.state
            .workspace
            .with_untracked(|workspace| workspace.active().to_owned())
    }

    /// Brings file `name` to the front of the editor, with its own undo history, cursor
    /// and error mark.
    pub fn show_file(self, name: &str) {
        let moved = self.active_file() != name
            && self
                .state
                .workspace
                .try_update(|workspace| workspace.set_active(name))
                .unwrap_or(false);
        if moved {
            self.bring_front_to_editor();
            self.save_workspace();
        }
    }

    /// Every file (after a change to which files there are or which is in front).
    fn save_workspace(self) {
        if self.state.persist_code {
            self.state
                .workspace
                .with_untracked(crate::storage::save_workspace);
        }
    }

    /// New file `name`, empty, in front.
    pub fn create_file(self, name: &str) -> Result<(), String> {
        self.change_files(|workspace| workspace.create(name).map(drop))
    }

    pub fn rename_file(self, old: &str, new: &str) -> Result<(), String> {
        let mut renamed = self.state.workspace.get_untracked();
        let name = renamed.rename(old, new)?;
        // The editor's state for the file moves first, so its history goes with it.
        if let Some(editor) = self.editor() {
            editor.rename_file(old, &name);
        }
        self.change_files(|workspace| {
            *workspace = renamed;
            Ok(())
        })
    }

    /// Deletes file `name`; the notice offers Undo.
    pub fn delete_file(self, name: &str) {
        let notice = match self.change_files(|workspace| workspace.delete(name)) {
            Ok(deleted) => {
                self.deleted.set_value(Some(deleted));
                Notice::offering(format!("Deleted {name}."), NoticeAction::UndoDelete)
            }
            Err(why) => Notice::error(why),
        };
        self.state.notice.set(Some(notice));
    }

    /// Undo of the last delete.
    pub fn undo_delete(self) {
        let Some(deleted) = self.deleted.try_update_value(Option::take).flatten() else {
            return;
        };
        let name = deleted.name().to_owned();
        let notice = match self.change_files(|workspace| workspace.restore(deleted)) {
            Ok(()) => Notice::info(format!("{name} is back.")),
            Err(why) => Notice::error(why),
        };
        self.state.notice.set(Some(notice));
    }

    /// `workspace` replaces the files (one changed outside the editor).
    pub fn adopt(self, workspace: Workspace) {
        let _ = self.change_files(|files| {
            *files = workspace;
            Ok(())
        });
    }

    /// A change to which files there are: when it is made, the editor shows the front
    /// file and everything is saved; a refusal changes nothing.
    fn change_files<T>(
        self,
        change: impl FnOnce(&mut Workspace) -> Result<T, String>,
    ) -> Result<T, String> {
        let mut candidate = self.state.workspace.get_untracked();
        let done = change(&mut candidate)?;
        let front_changed = candidate.active() != self.active_file();
        self.state.workspace.set(candidate);
        self.files_edited.set_value(true);
        if front_changed {
            self.bring_front_to_editor();
        }
        self.save_workspace();
        Ok(done)
    }

    /// Shows the workspace's front file in the editor, whatever the editor showed.
    fn bring_front_to_editor(self) {
        let (name, text) = self.state.workspace.with_untracked(|workspace| {
            (
                workspace.active().to_owned(),
                workspace.active_text().to_owned(),
            )
        });
        if let Some(editor) = self.editor() {
            editor.show_file(&name, &text);
            let line = self
                .last_error
                .with_value(|error| error.as_ref().and_then(|error| error.line_in(&name)));
            editor.mark_error_line(line);
        }
        self.request_bytecode();
    }

    /// Another workspace replaces this one (a share link, a `.zip`, a swap): each file the
    /// editor showed keeps its history, so Ctrl+Z in it brings the old text back.
    pub fn replace_workspace(self, workspace: Workspace) {
        if let Some(editor) = self.editor() {
            editor.forget_files();
        }
        self.state.workspace.set(workspace);
        self.files_edited.set_value(true);
        self.bring_front_to_editor();
        self.save_workspace();
    }

    /// Sets file `name`'s text (an opened file replaced it): as one undoable change when
    /// it is in front.
    pub fn set_file_text(self, name: &str, text: &str) {
        self.state
            .workspace
            .update_untracked(|workspace| workspace.set_text(name, text));
        self.files_edited.set_value(true);
        if self.active_file() == name
            && let Some(editor) = self.editor()
        {
            editor.set_text(text);
        }
    }

    /// What a run wrote or removed, into the editor's files.
    fn apply_file_changes(self, changes: FileChanges) {
        let active = self.active_file();
        let Some(applied) = self
            .state
            .workspace
            .try_update(|workspace| workspace.apply(changes))
        else {
            return;
        };
        if applied.changed.contains(&active) {
            let text = self
                .state
                .workspace
                .with_untracked(|workspace| workspace.text(&active).map(str::to_owned));
            match (text, self.editor()) {
                (Some(text), Some(editor)) => editor.set_text(&text),
                (None, _) => self.bring_front_to_editor(),
                _ => {}
            }
        }
        self.save_workspace();
        for why in applied.refused {
            self.note(&why);
        }
    }

    fn on_worker_event(self, event: WorkerEvent) {
        let event = match event {
            WorkerEvent::Response(response) => {
                Event::from_response(response, crate::input_relay::available)
            }
            WorkerEvent::Control(buffer) => {
                self.control.set_value(Some(SharedControl::new(&buffer)));
                Event::SharedControl
            }
            WorkerEvent::Crashed(message) => Event::WorkerCrashed(message),
        };
        self.dispatch(event);
    }

    /// The one way the lifecycle moves: the machine decides, then the page acts.
    fn dispatch(self, event: Event) {
        let effects = self
            .machine
            .try_update_value(|machine| machine.update(event, now()))
            .unwrap_or_default();
        self.show_machine();
        self.perform_all(effects);
    }

    /// Copies what the machine says into the signals the components read.
    fn show_machine(self) {
        let (status, budget, input_mode) = self.machine.with_value(|machine| {
            (
                machine.status(),
                machine.instruction_budget(),
                machine.input_mode(),
            )
        });
        let state = self.state;
        if state.status.with_untracked(|shown| *shown != status) {
            state.status.set(status);
        }
        if state.instruction_budget.get_untracked() != budget {
            state.instruction_budget.set(budget);
        }
        if state.input_mode.get_untracked() != input_mode {
            state.input_mode.set(input_mode);
        }
    }

    fn perform_all(self, effects: Vec<Effect>) {
        for effect in effects {
            self.perform(effect);
        }
    }

    fn perform(self, effect: Effect) {
        match effect {
            Effect::StartRun {
                run,
                instruction_budget,
                time_limit,
                memory_limit_bytes,
                prefilled_stdin,
                kind,
            } => {
                let record = kind == RunKind::Recorded;
                // The stepper follows main.py.
                if record {
                    self.show_file(MAIN);
                }
                self.last_error.set_value(None);
                self.state.hint.set(None);
                if let Some(editor) = self.editor() {
                    editor.mark_error_line(None);
                    editor.show_heat(&[]);
                }
                let (source, files) = self.state.workspace.with_untracked(|workspace| {
                    (workspace.main_text().to_owned(), workspace.files().to_vec())
                });
                self.files_edited.set_value(false);
                self.with_output(OutputSink::clear);
                self.with_control(SharedControl::reset);
                self.canvas_events.set_value(Vec::new());
                self.state.drawing.set(Drawing::default());
                self.state.stepper.set(None);
                self.state.tab.set(Tab::Output);
                self.state
                    .check
                    .set((kind == RunKind::Check).then(CheckView::default));
                if record {
                    self.recorded_source.set_value(source.clone());
                }
                let by_itself = self.started_by_itself.get_value();
                let run_earlier = self.run_earlier.get_value();
                self.run_earlier.set_value(false);
                let group = self.state.group.with_value(|group| {
                    group.as_ref().map(|group| GroupRun {
                        earlier: group.earlier.clone(),
                        run_earlier,
                    })
                });
                let limits = self.run_limits(
                    instruction_budget,
                    time_limit,
                    memory_limit_bytes,
                    prefilled_stdin,
                );
                let check = self.state.exercise.with_value(|exercise| {
                    exercise.as_ref().map(|exercise| exercise.check.clone())
                });
                let request = match check.filter(|_| kind == RunKind::Check) {
                    Some(check) => Request::Check {
                        run,
                        check,
                        source,
                        files,
                        limits,
                    },
                    None => Request::Run {
                        run,
                        session: self.session(),
                        source,
                        filename: MAIN.to_owned(),
                        limits,
                        record: record.then(RecordLimits::default),
                        files: Some(files),
                        group,
                    },
                };
                self.send_run(&request, by_itself);
            }
            Effect::StartEntry {
                run,
                source,
                instruction_budget,
                time_limit,
                memory_limit_bytes,
                prefilled_stdin,
            } => {
                if let Some(editor) = self.editor() {
                    editor.mark_error_line(None);
                }
                self.state.hint.set(None);
                self.with_control(SharedControl::reset);
                let limits = self.run_limits(
                    instruction_budget,
                    time_limit,
                    memory_limit_bytes,
                    prefilled_stdin,
                );
                self.send_run(
                    &Request::Entry {
                        run,
                        session: self.session(),
                        source,
                        limits,
                        files: self.files_for_entry(),
                    },
                    false,
                );
            }
            Effect::OpenPrompt {
                continuation,
                focus,
            } => self.with_output(|sink| sink.open_prompt(continuation, focus)),
            Effect::ClosePrompt(echo) => {
                self.with_output(|sink| sink.close_prompt(echo.as_deref()))
            }
            Effect::Complete { id, text } => self.send(&Request::Complete {
                id,
                session: self.session(),
                text,
                instruction_budget: COMPLETION_BUDGET,
            }),
            Effect::ShowCompletions { text, matches } => {
                self.with_output(|sink| sink.show_completions(&text, &matches))
            }
            Effect::StartTicker => {
                let ticker = set_interval_with_handle(move || self.dispatch(Event::Tick), TICK);
                self.timers
                    .update_value(|timers| timers.ticker = ticker.ok());
            }
            Effect::StopTicker => self.timers.update_value(|timers| {
                if let Some(ticker) = timers.ticker.take() {
                    ticker.clear();
                }
            }),
            Effect::StartStopGrace(run) => {
                let timer = set_timeout_with_handle(
                    move || self.dispatch(Event::StopGraceOver(run)),
                    Duration::from_secs_f64(STOP_GRACE),
                );
                self.timers
                    .update_value(|timers| timers.stop_grace = timer.ok());
            }
            Effect::ClearStopGrace => self.timers.update_value(|timers| {
                if let Some(timer) = timers.stop_grace.take() {
                    timer.clear();
                }
            }),
            Effect::Interrupt => {
                self.with_control(SharedControl::interrupt);
            }
            Effect::AnswerShared(answer) => {
                self.with_control(|control| match &answer {
                    Some(line) => control.send_line(line),
                    None => control.send_eof(),
                });
            }
            Effect::AnswerRelay { token, answer } => {
                if let Err(why) = crate::input_relay::send(&token, answer.as_deref()) {
                    self.note(&wording::answer_not_delivered(&why));
                }
            }
            Effect::Output { stream, text } => self.with_output(|sink| sink.append(stream, &text)),
            Effect::Draw(ops) => self.draw(ops),
            Effect::OpenInput => self.with_output(OutputSink::open_input),
            Effect::CloseInput(echo) => self.with_output(|sink| sink.close_input(echo.as_deref())),
            Effect::ShowError(error) => {
                let names: Vec<String> = self
                    .state
                    .workspace
                    .with_untracked(|workspace| workspace.names().map(str::to_owned).collect());
                self.with_output(|sink| sink.append_traceback(&error, &names));
                self.state.hint.set(error.hint.as_deref().cloned());
                // While the stepper is open its own marks show where the error came from.
                let stepping = self.state.stepper.with_untracked(Option::is_some);
                if let (Some(editor), Some(line), false) =
                    (self.editor(), error.line_in(&self.active_file()), stepping)
                {
                    editor.mark_error_line(Some(line));
                }
                self.last_error.set_value(Some(error));
            }
            Effect::ShowCheckResults(results) => self.state.check.update(|view| {
                if let Some(view) = view {
                    view.results = Some(results);
                }
            }),
            Effect::CheckEnded(ending) => self.check_ended(ending),
            Effect::ApplyFileChanges(changes) => self.apply_file_changes(changes),
            Effect::Note(text) => self.note(&text),
            Effect::RestartWorker => {
                self.control.set_value(None);
                // A new interpreter has an empty folder.
                self.files_edited.set_value(true);
                self.with_worker(WorkerLink::restart);
            }
            Effect::AnnounceReady => crate::offline::announce_python_ready(),
            Effect::Disassemble { id, source } => self.send(&Request::Disassemble {
                id,
                source,
                filename: self.active_file(),
            }),
            Effect::ShowBytecode { source, result } => {
                self.state.bytecode.set(Some(Bytecode { source, result }));
            }
            Effect::ShowHotspots(hotspots) => {
                if let Some(editor) = self.editor() {
                    let pairs: Vec<u32> = hotspots
                        .lines
                        .iter()
                        .flat_map(|&(line, samples)| [line, samples])
                        .collect();
                    editor.show_heat(&pairs);
                }
                let note = wording::hotspots_note(&hotspots);
                if !note.is_empty() {
                    self.note(&note);
                }
            }
            Effect::ShowRecording(recording) => {
                let source = self.recorded_source.get_value();
                let pending = self.pending_step.try_update_value(Option::take).flatten();
                match Stepper::new(*recording, source) {
                    Some(mut stepper) => {
                        if let Some(index) = pending {
                            stepper.go_to(index);
                        }
                        self.state.stepper.set(Some(stepper));
                        self.state.tab.set(Tab::Steps);
                    }
                    None => self.note(wording::NOTHING_TO_STEP),
                }
            }
        }
    }

    /// The files, if they changed since Python last got them (a REPL entry sees them as
    /// a terminal's Python sees files saved from an editor).
    fn files_for_entry(self) -> Option<Vec<WorkspaceFile>> {
        self.files_edited
            .try_update_value(std::mem::take)
            .unwrap_or(false)
            .then(|| {
                self.state
                    .workspace
                    .with_untracked(|workspace| workspace.files().to_vec())
            })
    }

    /// Shows how the check ended; a pass is remembered for the exercise.
    fn check_ended(self, ending: CheckEnding) {
        let mut passed = false;
        self.state.check.update(|view| {
            if let Some(view) = view {
                view.ending = Some(ending);
                passed = view.passed();
            }
        });
        if !passed {
            return;
        }
        self.state.exercise.with_value(|exercise| {
            if let Some(exercise) = exercise {
                crate::storage::remember_exercise_done(&exercise.id);
            }
        });
        self.state.exercise_done.set(true);
    }

    /// This page's interpreter in the worker.
    fn session(self) -> SessionId {
        if let Some(session) = self
            .state
            .group
            .with_value(|group| group.as_ref().map(|group| group.session))
        {
            return session;
        }
        self.worker
            .with_value(|link| link.as_ref().map(WorkerLink::session))
            .unwrap_or_default()
    }

    fn run_limits(
        self,
        instruction_budget: u64,
        time_limit: f64,
        memory_limit_bytes: u64,
        prefilled_stdin: bool,
    ) -> RunLimits {
        RunLimits {
            instruction_budget,
            time_limit: Some(time_limit),
            memory_limit: Some(memory_limit_bytes),
            stdin: prefilled_stdin.then(|| self.state.stdin_text.get_untracked()),
        }
    }

    fn send(self, request: &Request) {
        self.with_worker(|worker| worker.send(request));
    }

    /// Sends a run; `by_itself`: nobody asked for it, so it does not stop another
    /// widget's run.
    fn send_run(self, request: &Request, by_itself: bool) {
        self.with_worker(|worker| worker.send_run(request, by_itself));
    }

    fn with_worker(self, action: impl FnOnce(&WorkerLink)) {
        self.worker.with_value(|worker| {
            if let Some(worker) = worker {
                action(worker);
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

    /// Applies what the program drew; its first drawing brings the Drawing tab to the
    /// front, and `listen` gives the drawing the keyboard.
    fn draw(self, ops: Vec<sandpiper_protocol::DrawOp>) {
        let first = !self.state.drawing.with_untracked(|drawing| drawing.drawn);
        let mut focus = false;
        self.state
            .drawing
            .update(|drawing| focus = drawing.apply(ops));
        if first && self.state.tab.get_untracked() == Tab::Output {
            self.state.tab.set(Tab::Drawing);
        }
        if focus {
            // After the tab shows, or the hidden canvas cannot take the focus.
            request_animation_frame(|| {
                let canvas = document().get_element_by_id(crate::components::DRAWING_CANVAS_ID);
                if let Some(canvas) = canvas
                    .and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(c).ok())
                {
                    let _ = canvas.focus();
                }
            });
        }
    }

    /// A click or key on the drawing, for the running program (in shared memory: a page
    /// that is not cross-origin isolated cannot reach a busy worker). True if it goes to
    /// a program.
    pub fn canvas_event(self, event: CanvasEvent) -> bool {
        let running = matches!(self.state.status.get_untracked(), Status::Running { .. });
        if !running || self.control.with_value(Option::is_none) {
            return false;
        }
        self.canvas_events.update_value(|events| {
            // Only the latest position of a drag matters.
            if let (CanvasEvent::Drag { .. }, Some(CanvasEvent::Drag { .. })) =
                (&event, events.last())
            {
                events.pop();
            }
            events.push(event);
        });
        self.give_canvas_events();
        true
    }

    /// Gives the worker the waiting events, a few dozen at a time; while it has not taken
    /// the last ones, tries again shortly.
    fn give_canvas_events(self) {
        const AT_ONCE: usize = 64;
        let waiting = self.canvas_events.with_value(|events| {
            (!events.is_empty()).then(|| events[..events.len().min(AT_ONCE)].to_vec())
        });
        let Some(batch) = waiting else { return };
        let json = CanvasEvent::list_to_json(&batch);
        if self.with_control(|control| control.send_events(&json)) == Some(true) {
            self.canvas_events.update_value(|events| {
                events.drain(..batch.len());
            });
        }
        let more = self.canvas_events.with_value(|events| !events.is_empty());
        if more && !self.canvas_retry.get_value() {
            self.canvas_retry.set_value(true);
            set_timeout(
                move || {
                    self.canvas_retry.set_value(false);
                    self.give_canvas_events();
                },
                Duration::from_millis(16),
            );
        }
    }

    fn with_control<T>(self, action: impl FnOnce(&SharedControl) -> T) -> Option<T> {
        self.control
            .with_value(|control| control.as_ref().map(action))
    }

    fn note(self, text: &str) {
        self.with_output(|sink| sink.append_note(text));
    }
}

/// The limits the page's address sets.
fn limits() -> Limits {
    Limits {
        time_limit: crate::url_options::time_limit(),
        memory_limit_bytes: crate::url_options::memory_limit_bytes(),
        instruction_budget: crate::url_options::instruction_budget(),
    }
}

/// Seconds on the page's monotonic clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now() / 1000.0)
}
