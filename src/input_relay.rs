//! The page's side of `input()` without shared memory (`sandpiper_protocol::relay`): the
//! answer goes to the service worker, which hands it to the worker's waiting request.

use sandpiper_protocol::relay::{InputAnswer, PageMessage};

use wasm_bindgen::JsCast;
use web_sys::ServiceWorker;

/// The service worker controlling the page. Reading `navigator.serviceWorker` throws
/// where storage is denied (some third-party iframes), hence `Reflect`.
fn controller() -> Option<ServiceWorker> {
    let navigator = web_sys::window()?.navigator();
    let container = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    container
        .dyn_into::<web_sys::ServiceWorkerContainer>()
        .ok()?
        .controller()
}

/// Whether a service worker controls the page (and can relay answers).
pub fn available() -> bool {
    controller().is_some()
}

pub fn send(token: &str, answer: Option<&str>) -> Result<(), String> {
    let answer = match answer {
        Some(line) => InputAnswer::Line {
            text: line.to_owned(),
        },
        None => InputAnswer::Eof,
    };
    let message = PageMessage {
        sandpiper_input: token.to_owned(),
        answer: answer.to_json(),
    };
    let service_worker = controller().ok_or("no service worker controls this page")?;
    service_worker
        .post_message(&message.to_json().into())
        .map_err(|err| format!("{err:?}"))
}
