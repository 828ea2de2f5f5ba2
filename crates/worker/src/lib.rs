//! Sandpiper's Web Worker: builds the engine once, then answers the page's requests
//! (`sandpiper_protocol::Request`) with responses, all as JSON text over `postMessage`.
//! The JavaScript loader (`www/worker-boot.js`) downloads this module, reporting
//! progress, instantiates it and calls `start`.

mod control;
mod host;
mod input_relay;
mod stdlib_fetch;

mod sessions;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use sandpiper_engine::{DEFAULT_INSTRUCTION_BUDGET, EntryReport, RunOptions, RunReport, memory};
use sandpiper_protocol::{Request, Response, RunId, RunLimits};
use wasm_bindgen::prelude::*;
use web_sys::MessageEvent;

use host::{CurrentRun, post, scope};
use sessions::Sessions;

#[global_allocator]
static ALLOCATOR: memory::MeteredAllocator = memory::MeteredAllocator;

/// Chromium gives a worker about 500 KB of native stack, and a Python call that
/// re-enters the interpreter (`__init__`, `__repr__`, calls with `**kwargs`, `yield from`)
/// takes 1.5–2.5 KB of it. Running out is a trap, so calls are refused with
/// `RecursionError` once the wasm shadow stack, which grows alongside, passes this many
/// bytes: measured in headless Chromium, every such shape crashed only beyond 510 KB of
/// shadow stack (plain Python-to-Python calls use much less of either and reach about
/// 5,000 levels).
const MAX_STACK_BYTES: usize = 400 << 10;
/// `sys.setrecursionlimit` goes no higher; the stack guard above stops recursion first.
const MAX_RECURSION_LIMIT: usize = 20_000;

thread_local! {
    /// The last panic's message, for the crash report that follows its trap.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The interpreters `prepare` built, until `start` takes them.
    static PREPARED: RefCell<Option<Sessions>> = const { RefCell::new(None) };
    /// The interpreters `start` attached to the page, for `warm_up`.
    static STARTED: RefCell<Option<Rc<RefCell<Sessions>>>> = const { RefCell::new(None) };
}

/// Whether `prepare` is running: the build keeps the memory it leaves.
static PREPARING: AtomicBool = AtomicBool::new(false);

pub(crate) fn preparing() -> bool {
    PREPARING.load(Relaxed)
}

/// For what takes a JavaScript handle or needs the page: while the build's snapshot is made,
/// that would be kept in the module's memory and name another object in the page (a page that
/// never becomes ready), so it fails the build instead.
pub(crate) fn forbid_while_preparing(what: &str) {
    assert!(
        !preparing(),
        "{what} while the build's snapshot is made (see `prepare`)"
    );
}

fn set_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("Sandpiper worker panicked: {info}");
        web_sys::console::error_1(&message.as_str().into());
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
    }));
}

/// Builds the first interpreter, for `start` to take. The build's snapshot step
/// (`scripts/snapshot-worker.mjs`) calls this in Node and makes the memory it leaves the
/// module's data, so that in the page `start` finds the interpreter built. Nothing here may
/// keep a JavaScript handle in that memory: in the page it would name another object.
#[wasm_bindgen]
pub fn prepare() {
    set_panic_hook();
    PREPARING.store(true, Relaxed);
    memory::zero_freed_blocks(true);
    PREPARED.with(|prepared| {
        prepared.borrow_mut().get_or_insert_with(Sessions::new);
    });
    memory::zero_freed_blocks(false);
    PREPARING.store(false, Relaxed);
}

/// Called by the loader (`worker-boot.js`) once the module is instantiated: takes the
/// interpreter `prepare` built (building it now if the module holds none), attaches it to
/// the page and posts Ready.
#[wasm_bindgen]
pub fn start() {
    set_panic_hook();
    let sessions = PREPARED
        .with(|prepared| prepared.borrow_mut().take())
        .unwrap_or_else(Sessions::new);
    let current_run = sessions.current_run();
    current_run.attach_control();
    let sessions = Rc::new(RefCell::new(sessions));
    STARTED.with(|started| *started.borrow_mut() = Some(sessions.clone()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match Request::from_json(&text) {
            Ok(request) => handle(&mut sessions.borrow_mut(), &current_run, request),
            Err(err) => {
                web_sys::console::error_1(&format!("Sandpiper worker: bad request: {err}").into())
            }
        }
    });
    let scope = scope();
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // When the interpreter became ready, as the worker saw it: for DevTools, and for the
    // benchmark, which counts the bytes requested before this moment.
    if let Some(performance) = scope.performance() {
        let _ = performance.mark("sandpiper-ready");
    }
    post(&Response::Ready {
        instruction_budget: DEFAULT_INSTRUCTION_BUDGET,
    });
}

/// Called by the loader a moment after Ready: imports what error reports and the bytecode
/// viewer use (`Session::warm_up`), so that the first Run does not wait for it. Not part of
/// `start`, because on a machine with few cores it would compete with the page painting
/// Ready; a Run that comes first warms up by itself.
#[wasm_bindgen]
pub fn warm_up() {
    STARTED.with(|started| {
        if let Some(sessions) = started.borrow().as_ref() {
            sessions.borrow_mut().get(Sessions::FIRST).warm_up();
        }
    });
}

fn handle(sessions: &mut Sessions, current_run: &CurrentRun, request: Request) {
    match request {
        Request::Run {
            run,
            session,
            source,
            filename,
            limits,
            record,
            files,
            group,
        } => {
            let options = RunOptions {
                filename,
                files,
                group,
                record_lines: record.map(|limits| limits.line_steps as usize),
                record_instructions: record.map(|limits| limits.instruction_steps as usize),
                ..start_run(current_run, run, limits)
            };
            let mut report = sessions.get(session).run(&source, &options);
            if let Some(recording) = report.recording.take() {
                post(&Response::Recorded {
                    run,
                    recording: Box::new(recording),
                });
            }
            post_finished(run, report);
        }
        Request::Entry {
            run,
            session,
            source,
            limits,
            files,
        } => {
            let options = RunOptions {
                files,
                ..start_run(current_run, run, limits)
            };
            match sessions.get(session).run_entry(&source, &options) {
                EntryReport::Incomplete => post(&Response::EntryIncomplete { run }),
                EntryReport::Ran(report) => post_finished(run, *report),
            }
        }
        Request::Check {
            run,
            check,
            source,
            files,
            limits,
        } => {
            let options = start_run(current_run, run, limits);
            let report = sessions.checker().check(&check, &source, files, &options);
            post(&Response::Checked {
                run,
                results: report.results,
            });
            post_finished(run, report.run);
        }
        Request::Complete {
            id,
            session,
            text,
            instruction_budget,
        } => {
            // What completing evaluates may print: that goes to this id, which the page
            // does not show.
            current_run.start(id, None);
            let options = RunOptions {
                instruction_budget,
                max_recursion_limit: MAX_RECURSION_LIMIT,
                max_stack_bytes: Some(MAX_STACK_BYTES),
                ..RunOptions::default()
            };
            let mut matches = sessions.get(session).complete(&text, &options);
            matches.sort();
            matches.dedup();
            post(&Response::Completions { id, text, matches });
        }
        Request::Disassemble {
            id,
            source,
            filename,
        } => {
            // Compiling changes nothing in an interpreter: the first one serves everybody.
            let result = sessions
                .get(Sessions::FIRST)
                .disassemble(&source, &filename)
                .map_err(|err| *err);
            post(&Response::Bytecode { id, result });
        }
    }
}

/// Tells the host about run `run` and sets the worker's memory limit: the options a run
/// and a REPL entry share.
fn start_run(current_run: &CurrentRun, run: RunId, limits: RunLimits) -> RunOptions {
    current_run.start(run, limits.stdin);
    let limit = limits
        .memory_limit
        .and_then(|bytes| usize::try_from(bytes).ok());
    memory::set_limit(limit.unwrap_or(memory::DEFAULT_LIMIT));
    RunOptions {
        instruction_budget: limits.instruction_budget,
        time_limit: limits.time_limit,
        max_recursion_limit: MAX_RECURSION_LIMIT,
        max_stack_bytes: Some(MAX_STACK_BYTES),
        ..RunOptions::default()
    }
}

fn post_finished(run: RunId, report: RunReport) {
    post(&Response::Finished {
        run,
        outcome: report.outcome,
        instructions: report.instructions,
        elapsed: report.elapsed,
        hotspots: report.hotspots.map(Box::new),
        files: report.files.map(Box::new),
    });
}

/// Called by the loader (`worker-boot.js`) when the wasm has trapped: the JSON of
/// `Response::Crashed`, saying whether the memory limit was the cause.
#[wasm_bindgen]
pub fn crash_report(error: String) -> String {
    let detail = LAST_PANIC.with(|last| last.borrow_mut().take());
    Response::Crashed {
        out_of_memory: memory::exhausted(),
        detail: detail.unwrap_or(error),
    }
    .to_json()
}
