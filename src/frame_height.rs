//! An embedded widget tells the page around it how tall it is, whenever that changes, so
//! the iframe fits its content (`www/sandpiper-embed.js` listens). Nothing is sent when
//! the widget is not in a frame.

use wasm_bindgen::prelude::*;

pub fn report_to_parent(id: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(Some(parent)), Some(body)) =
        (window.parent(), window.document().and_then(|d| d.body()))
    else {
        return;
    };
    if parent == window {
        return;
    }
    let measured = body.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let message = js_sys::Object::new();
        let height = measured.scroll_height();
        let _ = js_sys::Reflect::set(&message, &"sandpiper_embed".into(), &id.as_str().into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // Only a height is said, so any page may hear it.
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer reports for as long as the widget lives.
    on_resize.forget();
}
