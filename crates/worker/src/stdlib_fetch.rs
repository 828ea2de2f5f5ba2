//! Standard library bundles (`stdlib/NAME.frozen` beside the worker's script), fetched on
//! the first import that needs one. The request is synchronous: the program is waiting for
//! its import anyway. The HTTP cache, and the service worker's copy for offline use, make
//! later visits cheap.

use wasm_bindgen::JsValue;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

/// What a failed browser call says: its message when it has one.
pub fn js_error_text(err: JsValue) -> String {
    err.as_string()
        .or_else(|| {
            js_sys::Reflect::get(&err, &"message".into())
                .ok()?
                .as_string()
        })
        .unwrap_or_else(|| format!("{err:?}"))
}

pub fn fetch(name: &str) -> Result<Vec<u8>, String> {
    crate::forbid_while_preparing("fetching a standard library bundle");
    let describe = js_error_text;
    let request = XmlHttpRequest::new().map_err(describe)?;
    request
        .open_with_async("GET", &format!("./stdlib/{name}.frozen"), false)
        .map_err(describe)?;
    request.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
    request
        .send()
        .map_err(|_| "it could not be downloaded (is the network down?)".to_owned())?;
    match request.status().map_err(describe)? {
        200 => {}
        status => return Err(format!("the server answered HTTP {status}")),
    }
    let body = request.response().map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&body).to_vec())
}
