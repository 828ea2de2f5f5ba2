//! The page's side of `input()` without shared memory (`sandpiper_protocol::relay`): the
//! answer goes to the service worker, which hands it to the worker's waiting request.

use sandpiper_protocol::relay::{InputAnswer, PageMessage};

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
    let service_worker = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .service_worker()
        .controller()
        .ok_or("no service worker controls this page")?;
    service_worker
        .post_message(&message.to_json().into())
        .map_err(|err| format!("{err:?}"))
}
