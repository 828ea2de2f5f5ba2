//! The page's end of the worker: spawning it, sending requests, decoding responses.

use js_sys::SharedArrayBuffer;
use sandpiper_protocol::{Request, Response};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's JavaScript entry, next to `index.html` (relative, so `dist/` can live
/// in any folder of any static server).
const WORKER_URL: &str = "./worker-boot.js";

/// What comes out of the worker.
pub enum WorkerEvent {
    Response(Response),
    /// The shared memory for Stop and `input()` (only on a cross-origin isolated page).
    Control(SharedArrayBuffer),
    /// The worker died: a wasm trap, a panic, or a script that failed to load.
    Crashed(String),
}

pub struct WorkerLink {
    worker: Worker,
    // Kept so the handlers live exactly as long as this link.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerLink {
    pub fn spawn(mut on_event: impl FnMut(WorkerEvent) + Clone + 'static) -> Result<Self, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(WORKER_URL, &options)
            .map_err(|err| format!("the browser refused to start a worker: {err:?}"))?;
        let mut on_crash = on_event.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let Some(text) = data.as_string() else {
                let control = js_sys::Reflect::get(&data, &"control".into())
                    .ok()
                    .and_then(|buffer| buffer.dyn_into::<SharedArrayBuffer>().ok());
                if let Some(buffer) = control {
                    on_event(WorkerEvent::Control(buffer));
                }
                return;
            };
            match Response::from_json(&text) {
                Ok(response) => on_event(WorkerEvent::Response(response)),
                Err(err) => web_sys::console::error_1(
                    &format!("Sandpiper: unreadable message from the worker: {err}").into(),
                ),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            let message = event.message();
            let message = if message.is_empty() {
                "the worker failed to load".to_owned()
            } else {
                message
            };
            on_crash(WorkerEvent::Crashed(message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(&self, request: &Request) {
        if let Err(err) = self.worker.post_message(&request.to_json().into()) {
            web_sys::console::error_1(&err);
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
