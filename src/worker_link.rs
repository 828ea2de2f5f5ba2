//! The page's end of the Python worker, through the page's runtime hub
//! (`www/runtime-hub.js`), which lets every Sandpiper frame of a page share one worker:
//! sending requests, decoding what comes back, restarting it.

use js_sys::SharedArrayBuffer;
use sandpiper_protocol::{CLIENT_ID_SHIFT, Request, Response, RunId, SessionId};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/www/runtime-hub.js")]
extern "C" {
    type HubClient;

    #[wasm_bindgen(js_name = connectToRuntime, catch)]
    fn connect_to_runtime(on_message: &Closure<dyn FnMut(JsValue)>) -> Result<HubClient, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn id(this: &HubClient) -> u32;

    #[wasm_bindgen(method)]
    fn post(this: &HubClient, text: &str);

    /// A run request; `by_itself`: nobody asked for it (it waits, never stops another's).
    #[wasm_bindgen(method, js_name = post)]
    fn post_run(this: &HubClient, text: &str, by_itself: bool);

    #[wasm_bindgen(method)]
    fn restart(this: &HubClient);

    #[wasm_bindgen(method)]
    fn close(this: &HubClient);
}

/// What comes out of the worker.
pub enum WorkerEvent {
    Response(Response),
    /// The shared memory for Stop and `input()` (only on a cross-origin isolated page).
    Control(SharedArrayBuffer),
    /// The worker died: a wasm trap, a panic, or a script that failed to load.
    Crashed(String),
}

pub struct WorkerLink {
    client: HubClient,
    // Kept so the handler lives exactly as long as this link.
    _on_message: Closure<dyn FnMut(JsValue)>,
}

impl WorkerLink {
    pub fn connect(mut on_event: impl FnMut(WorkerEvent) + 'static) -> Result<Self, String> {
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |data: JsValue| {
            if let Some(text) = data.as_string() {
                match Response::from_json(&text) {
                    Ok(response) => on_event(WorkerEvent::Response(response)),
                    Err(err) => web_sys::console::error_1(
                        &format!("Sandpiper: unreadable message from the worker: {err}").into(),
                    ),
                }
                return;
            }
            let field = |name: &str| {
                js_sys::Reflect::get(&data, &name.into())
                    .ok()
                    .filter(|value| !value.is_undefined())
            };
            if let Some(error) = field("error") {
                on_event(WorkerEvent::Crashed(
                    error
                        .as_string()
                        .unwrap_or_else(|| "unknown error".to_owned()),
                ));
            } else if let Some(buffer) = field("control") {
                // Made in the frame that owns the worker, possibly another realm, where
                // `instanceof` would fail; the hub only ever sends a SharedArrayBuffer.
                on_event(WorkerEvent::Control(buffer.unchecked_into()));
            }
        });
        let client = connect_to_runtime(&on_message)
            .map_err(|err| format!("the browser refused to start a worker: {err:?}"))?;
        Ok(Self {
            client,
            _on_message: on_message,
        })
    }

    pub fn send(&self, request: &Request) {
        self.client.post(&request.to_json());
    }

    /// Sends a run; `by_itself`: no person asked for it (an autorun, a link's step), so it
    /// waits for another frame's run to end instead of stopping it.
    pub fn send_run(&self, request: &Request, by_itself: bool) {
        self.client.post_run(&request.to_json(), by_itself);
    }

    /// Replaces the worker (for every frame sharing it): a stuck or crashed runtime.
    pub fn restart(&self) {
        self.client.restart();
    }

    /// This page's interpreter in the worker; the first page gets the one built at start.
    pub fn session(&self) -> SessionId {
        self.client.id() - 1
    }

    /// Where this page's request ids start (the hub routes answers by id).
    pub fn first_id(&self) -> RunId {
        self.client.id() << CLIENT_ID_SHIFT
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.client.close();
    }
}
