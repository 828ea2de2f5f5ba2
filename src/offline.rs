//! The app's side of the service worker (`www/sw-register.js`): whether the network is
//! there, and whether a newer build has been downloaded and waits to be used.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::AppState;

/// Keeps `state.online` and `state.update_ready` current for as long as the page lives.
pub fn watch(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    state.online.set(window.navigator().on_line());
    let already_waiting = js_sys::Reflect::get(&window, &JsValue::from_str("sandpiperUpdateReady"))
        .is_ok_and(|flag| flag.is_truthy());
    state.update_ready.set(already_waiting);
    // The listeners live as long as the page, so their handles are dropped.
    let _ = window_event_listener_untyped("online", move |_| state.online.set(true));
    let _ = window_event_listener_untyped("offline", move |_| state.online.set(false));
    let _ = window_event_listener_untyped("sandpiper:update-ready", move |_| {
        state.update_ready.set(true)
    });
}

/// Lets the service worker install its offline copy, once Python is ready (see
/// `sw-register.js`: it must not compete with the first download).
pub fn announce_python_ready() {
    dispatch("sandpiper:ready");
}

/// Switches to the new build: the page reloads (the code is in local storage).
pub fn apply_update() {
    dispatch("sandpiper:apply-update");
}

fn dispatch(name: &str) {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(name)) {
        let _ = window.dispatch_event(&event);
    }
}
