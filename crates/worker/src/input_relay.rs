//! `input()` on a page that is not cross-origin isolated (layout of the exchange in
//! `sandpiper_protocol::relay`): a synchronous request that the app's service worker holds
//! open until the page posts the line.

use sandpiper_engine::InputLine;
use sandpiper_protocol::relay::{INPUT_PATH, InputAnswer};
use web_sys::XmlHttpRequest;

/// A token naming one `input()` call, unique across the pages the service worker serves.
pub fn new_token() -> String {
    let random = js_sys::Math::random() * 2f64.powi(53);
    format!("{:x}-{:x}", random as u64, js_sys::Date::now() as u64)
}

/// Blocks until the page answers through the service worker. `Err` says why it could not
/// (no service worker controls this page, or it answered something else).
pub fn wait_for_line(token: &str) -> Result<InputLine, String> {
    let describe = crate::stdlib_fetch::js_error_text;
    let request = XmlHttpRequest::new().map_err(describe)?;
    request
        .open_with_async("GET", &format!("./{INPUT_PATH}?token={token}"), false)
        .map_err(describe)?;
    request.send().map_err(describe)?;
    let body = request
        .response_text()
        .map_err(describe)?
        .unwrap_or_default();
    match InputAnswer::from_json(&body) {
        Ok(InputAnswer::Line { text }) => Ok(InputLine::Line(text)),
        Ok(InputAnswer::Eof) => Ok(InputLine::Eof),
        Err(_) => Err(format!(
            "no service worker relays it (HTTP {})",
            request.status().unwrap_or(0)
        )),
    }
}
