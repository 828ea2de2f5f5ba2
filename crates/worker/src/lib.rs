//! Sandpiper's Web Worker: builds the engine once, then answers the page's requests
//! (`sandpiper_protocol::Request`) with responses, all as JSON text over `postMessage`.
//! The JavaScript loader (`www/worker-boot.js`) downloads this module, reporting
//! progress, and instantiates it; `start` then runs.

mod control;
mod host;

use std::cell::Cell;
use std::rc::Rc;

use sandpiper_engine::{DEFAULT_STEP_BUDGET, RunOptions, Session};
use sandpiper_protocol::{Request, Response, RunId};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use host::{WorkerHost, post};

#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // The page sees the worker die (its `error` event); the console keeps the why.
        web_sys::console::error_1(&format!("Sandpiper worker panicked: {info}").into());
    }));
    let current_run = Rc::new(Cell::new(0));
    let mut session = Session::new(Box::new(WorkerHost::new(current_run.clone())));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match Request::from_json(&text) {
            Ok(request) => handle(&mut session, &current_run, request),
            Err(err) => {
                web_sys::console::error_1(&format!("Sandpiper worker: bad request: {err}").into())
            }
        }
    });
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Response::Ready {
        step_budget: DEFAULT_STEP_BUDGET,
    });
}

fn handle(session: &mut Session, current_run: &Cell<RunId>, request: Request) {
    match request {
        Request::Run {
            run,
            source,
            filename,
            step_budget,
            time_limit,
        } => {
            current_run.set(run);
            let options = RunOptions {
                filename,
                step_budget,
                time_limit,
                ..RunOptions::default()
            };
            let report = session.run(&source, &options);
            post(&Response::Finished {
                run,
                outcome: report.outcome,
                steps: report.steps,
                elapsed: report.elapsed,
            });
        }
        Request::Disassemble {
            id,
            source,
            filename,
        } => {
            let result = session.disassemble(&source, &filename).map_err(|err| *err);
            post(&Response::Bytecode { id, result });
        }
    }
}
