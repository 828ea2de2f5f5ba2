//! An embedded widget tells the page around it how tall it is, whenever that changes, so
//! the iframe fits its content (`www/sandpiper-embed.js` listens). Nothing is sent when
//! the widget is not in a frame.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

/// Starts reporting; returns a function that reports now. Chromium does not render a
/// cross-origin frame that is hidden (as a widget is until its first report), so resize
/// observations alone may never come: the widget also reports when its state changes.
pub fn report_to_parent() -> Rc<dyn Fn()> {
    let report = height_reporter();
    if let Some(body) = document_body() {
        let observed = report.clone();
        let on_resize = Closure::<dyn FnMut()>::new(move || observed());
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&body);
        }
        // The observer reports for as long as the widget lives.
        on_resize.forget();
    }
    report
}

fn height_reporter() -> Rc<dyn Fn()> {
    let parent = web_sys::window()
        .and_then(|window| Some((window.parent().ok()??, window)))
        .filter(|(parent, window)| parent != window)
        .map(|(parent, _)| parent);
    Rc::new(move || {
        let (Some(parent), Some(body)) = (&parent, document_body()) else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &message,
            &"sandpiper_height".into(),
            &body.scroll_height().into(),
        );
        // Only a height is said, so any page may hear it.
        let _ = parent.post_message(&message, "*");
    })
}

fn document_body() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.body()
}
