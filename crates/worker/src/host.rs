//! The engine's `Host` inside a Web Worker: output and progress become messages to the
//! page, clocks come from `performance.now()`, and Stop, sleeping and `input()` go
//! through the shared memory of `Control`.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use sandpiper_engine::{DrawOp, EventWait, Host, InputLine, Signal, Stream};
use sandpiper_protocol::{Response, RunId};
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

use crate::control::Control;
use crate::input_relay;

/// Seconds between two progress messages while a program runs.
const PROGRESS_INTERVAL: f64 = 0.1;
/// Seconds between two progress messages while a program waits for clicks and keys.
const EVENT_WAIT_SLICE: f64 = 1.0;
/// Output passed on per run; a program printing forever would otherwise fill the page's
/// memory (and the student cannot read it anyway).
const OUTPUT_LIMIT: usize = 2 << 20;

#[wasm_bindgen]
extern "C" {
    /// Looked up on each call rather than kept as a handle (see `CurrentRun::control`).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

pub fn scope() -> DedicatedWorkerGlobalScope {
    // `js_sys::global()` keeps the handle it takes.
    crate::forbid_while_preparing("the worker's global scope");
    js_sys::global().unchecked_into()
}

pub fn post(response: &Response) {
    // Posting a string to our own page cannot fail.
    let _ = scope().post_message(&response.to_json().into());
}

/// What the request handler tells the host about the run in progress.
#[derive(Default)]
pub struct CurrentRun {
    pub id: Cell<RunId>,
    /// Lines for `input()` given before the run (`Request::Run::stdin`), when the page
    /// cannot answer while it runs.
    pub stdin: RefCell<Option<VecDeque<String>>>,
    /// The shared memory, when the page is cross-origin isolated. Attached by `start`, not
    /// when the interpreters are built: the build's snapshot (`crate::prepare`) must keep no
    /// JavaScript handle, which would name another object in the page.
    control: OnceCell<Control>,
}

impl CurrentRun {
    pub fn start(&self, id: RunId, stdin: Option<String>) {
        self.id.set(id);
        *self.stdin.borrow_mut() = stdin.map(|text| text.lines().map(str::to_owned).collect());
    }

    pub fn attach_control(&self) {
        if let Some(control) = Control::from_global() {
            let _ = self.control.set(control);
        }
    }
}

pub struct WorkerHost {
    run: Rc<CurrentRun>,
    last_progress: f64,
    /// The instructions the last check-in reported, for progress while a program waits.
    last_instructions: u64,
    /// The run `written` counts for, and the bytes of output passed on in it.
    output_run: RunId,
    written: usize,
}

impl WorkerHost {
    pub fn new(run: Rc<CurrentRun>) -> Self {
        Self {
            run,
            last_progress: 0.0,
            last_instructions: 0,
            output_run: 0,
            written: 0,
        }
    }
}

impl Host for WorkerHost {
    fn write(&mut self, stream: Stream, text: &str) {
        let run = self.run.id.get();
        if self.output_run != run {
            self.output_run = run;
            self.written = 0;
        }
        let room = OUTPUT_LIMIT.saturating_sub(self.written);
        if room == 0 {
            return;
        }
        let mut end = text.len().min(room);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Past the limit nothing more is written, even if `end` fell short of it.
        self.written = if end < text.len() {
            OUTPUT_LIMIT
        } else {
            self.written + end
        };
        post(&Response::Output {
            run,
            stream,
            text: text[..end].to_owned(),
        });
        if self.written == OUTPUT_LIMIT {
            post(&Response::OutputTruncated {
                run,
                limit_bytes: OUTPUT_LIMIT as u64,
            });
        }
    }

    fn read_line(&mut self) -> InputLine {
        let run = self.run.id.get();
        let prefilled = self
            .run
            .stdin
            .borrow_mut()
            .as_mut()
            .map(VecDeque::pop_front);
        if let Some(line) = prefilled {
            // Echoed, so the output reads as if it had been typed.
            return match line {
                Some(line) => {
                    self.write(Stream::Stdout, &format!("{line}\n"));
                    InputLine::Line(line)
                }
                None => InputLine::Eof,
            };
        }
        if let Some(control) = self.run.control.get() {
            post(&Response::InputRequest {
                run,
                relay_token: None,
            });
            return control.wait_for_line();
        }
        // Without shared memory the answer comes through the service worker.
        let token = input_relay::new_token();
        post(&Response::InputRequest {
            run,
            relay_token: Some(token.clone()),
        });
        input_relay::wait_for_line(&token).unwrap_or_else(|why| {
            self.write(
                Stream::Stderr,
                &format!("[input() cannot reach the page here: {why}; it gets end of input]\n"),
            );
            InputLine::Eof
        })
    }

    fn sleep(&mut self, seconds: f64) -> Signal {
        match self.run.control.get() {
            Some(control) if control.sleep(seconds) => Signal::Interrupt,
            Some(_) => Signal::Continue,
            // Without shared memory there is no blocking wait in a worker.
            None => {
                let deadline = self.monotonic() + seconds;
                while self.monotonic() < deadline {}
                Signal::Continue
            }
        }
    }

    fn draw(&mut self, ops: Vec<DrawOp>) {
        post(&Response::Drawing {
            run: self.run.id.get(),
            ops,
        });
    }

    fn wait_events(&mut self, timeout: Option<f64>) -> EventWait {
        match self.run.control.get() {
            // In slices, with progress between them: the page replaces a worker silent
            // past the time limit, and waiting for the student may take longer.
            Some(control) => {
                let deadline = timeout.map(|seconds| self.monotonic() + seconds);
                loop {
                    let left = deadline.map(|deadline| deadline - self.monotonic());
                    let slice = left.map_or(EVENT_WAIT_SLICE, |left| left.min(EVENT_WAIT_SLICE));
                    match control.wait_events(Some(slice), || self.monotonic()) {
                        EventWait::Timeout if left.is_none_or(|left| left > slice) => {
                            post(&Response::Progress {
                                run: self.run.id.get(),
                                instructions: self.last_instructions,
                            });
                        }
                        answer => return answer,
                    }
                }
            }
            // Without shared memory no event reaches a busy worker: only timers run.
            None => sandpiper_engine::sleep_through(self, timeout),
        }
    }

    fn poll(&mut self, instructions: u64) -> Signal {
        self.last_instructions = instructions;
        if self.run.control.get().is_some_and(Control::interrupted) {
            return Signal::Interrupt;
        }
        if sandpiper_engine::memory::nearly_exhausted() {
            return Signal::OutOfMemory;
        }
        let now = self.monotonic();
        if now - self.last_progress >= PROGRESS_INTERVAL {
            self.last_progress = now;
            post(&Response::Progress {
                run: self.run.id.get(),
                instructions,
            });
        }
        Signal::Continue
    }

    fn monotonic(&self) -> f64 {
        performance_now() / 1000.0
    }

    fn wall_clock(&self) -> f64 {
        js_sys::Date::now() / 1000.0
    }

    fn stdlib_bundle(&mut self, name: &str) -> Result<Vec<u8>, String> {
        crate::stdlib_fetch::fetch(name)
    }
}
