//! The engine's `Host` inside a Web Worker: output and progress become messages to the
//! page, clocks come from `performance.now()`, and sleeping blocks on `Atomics.wait`.

use std::cell::Cell;
use std::rc::Rc;

use sandpiper_engine::{Host, InputLine, Signal, Stream};
use sandpiper_protocol::{Response, RunId};
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

/// Seconds between two progress messages while a program runs.
const PROGRESS_INTERVAL: f64 = 0.1;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub fn post(response: &Response) {
    // Posting a string to our own page cannot fail.
    let _ = scope().post_message(&response.to_json().into());
}

pub struct WorkerHost {
    run: Rc<Cell<RunId>>,
    performance: web_sys::Performance,
    last_progress: f64,
    /// What `Atomics.wait` blocks on when the page is cross-origin isolated.
    sleeper: Option<js_sys::Int32Array>,
}

impl WorkerHost {
    pub fn new(run: Rc<Cell<RunId>>) -> Self {
        let performance = scope()
            .performance()
            .expect("workers have performance.now()");
        let isolated = js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
            .is_ok_and(|value| value.is_truthy());
        let sleeper =
            isolated.then(|| js_sys::Int32Array::new(&js_sys::SharedArrayBuffer::new(4).into()));
        Self {
            run,
            performance,
            last_progress: 0.0,
            sleeper,
        }
    }
}

impl Host for WorkerHost {
    fn write(&mut self, stream: Stream, text: &str) {
        post(&Response::Output {
            run: self.run.get(),
            stream,
            text: text.to_owned(),
        });
    }

    fn read_line(&mut self) -> InputLine {
        // Interactive input needs the page to answer while this worker blocks: that
        // arrives with the shared-memory channel. Until then, input() meets end of input.
        InputLine::Eof
    }

    fn sleep(&mut self, seconds: f64) -> Signal {
        let deadline = self.monotonic() + seconds;
        match &self.sleeper {
            Some(word) => {
                // Nobody notifies this word: the wait always runs to its timeout.
                let _ = js_sys::Atomics::wait_with_timeout(word, 0, 0, seconds * 1000.0);
            }
            // Without cross-origin isolation there is no blocking wait in a worker.
            None => while self.monotonic() < deadline {},
        }
        Signal::Continue
    }

    fn poll(&mut self, steps: u64) -> Signal {
        let now = self.monotonic();
        if now - self.last_progress >= PROGRESS_INTERVAL {
            self.last_progress = now;
            post(&Response::Progress {
                run: self.run.get(),
                steps,
            });
        }
        Signal::Continue
    }

    fn monotonic(&self) -> f64 {
        self.performance.now() / 1000.0
    }

    fn wall_clock(&self) -> f64 {
        js_sys::Date::now() / 1000.0
    }
}
