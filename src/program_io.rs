//! Where a program comes from and goes to besides typing: share links, `.py` files on
//! disk, and the programs set aside when another replaces them (so nothing is lost).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::controller::Controller;
use crate::examples::first_visit_code;
use crate::share_link;
use crate::state::{AppState, Notice};
use crate::storage;
use crate::url_options::fragment;
use crate::wording::FILENAME;

/// Files larger than this are not opened into the editor.
const MAX_FILE_BYTES: f64 = 1_000_000.0;

/// The line step a share link to a step opens the stepper at, once its program is in the
/// editor; read before `initial_program` forgets the link.
pub fn shared_step() -> Option<usize> {
    let fragment = fragment();
    matches!(share_link::program_in(&fragment), Some(Ok(_)))
        .then(|| share_link::step_in(&fragment))
        .flatten()
}

/// The program the editor starts with: a share link's, else the saved one, else the
/// first-visit example. A share link never silently replaces the saved program.
pub fn initial_program(state: AppState) -> String {
    let saved = storage::load_code();
    match share_link::program_in(&fragment()) {
        None => saved.unwrap_or_else(|| first_visit_code().to_owned()),
        Some(Ok(shared)) => {
            forget_fragment();
            if let Some(own) = saved.filter(|own| differs(own, &shared)) {
                storage::set_aside(&own);
                state.notice.set(Some(Notice::swappable(
                    "Opened a shared program. Your own program is set aside, not lost.",
                )));
            }
            storage::save_code(&shared);
            shared
        }
        Some(Err(reason)) => {
            state.notice.set(Some(Notice::error(format!(
                "This share link cannot be opened: {reason}. Your own program is shown instead."
            ))));
            saved.unwrap_or_else(|| first_visit_code().to_owned())
        }
    }
}

/// A share link pasted into the address bar of an open app changes only the fragment.
pub fn watch_fragment(controller: Controller) {
    let _ = window_event_listener_untyped("hashchange", move |_| {
        let step = shared_step();
        match share_link::program_in(&fragment()) {
            None => {}
            Some(Ok(shared)) => {
                forget_fragment();
                replace_program(controller, &shared, "Opened a shared program.");
                if let Some(index) = step {
                    controller.step_to(index);
                }
            }
            Some(Err(reason)) => controller.state.notice.set(Some(Notice::error(format!(
                "This share link cannot be opened: {reason}. Your program is unchanged."
            )))),
        }
    });
}

/// Puts `text` in the editor as one undoable change. The program it replaces is set
/// aside, and the notice offers to switch back.
pub fn replace_program(controller: Controller, text: &str, what_happened: &str) {
    let Some(editor) = controller.editor() else {
        return;
    };
    let own = editor.text();
    let notice = if differs(&own, text) {
        storage::set_aside(&own);
        Notice::swappable(format!(
            "{what_happened} Your previous program is set aside, not lost."
        ))
    } else {
        Notice::info(what_happened)
    };
    editor.set_text(text);
    editor.go_to(1, 0);
    controller.state.notice.set(Some(notice));
}

/// Exchanges the editor's program with the newest one set aside.
pub fn swap_with_set_aside(controller: Controller) {
    let Some(editor) = controller.editor() else {
        return;
    };
    let Some(set_aside) = storage::swap_set_aside(&editor.text()) else {
        return;
    };
    editor.set_text(&set_aside);
    editor.go_to(1, 0);
}

/// Shows a link that opens the editor's program, and copies it to the clipboard.
pub fn share(controller: Controller) {
    if let Some(editor) = controller.editor() {
        offer_link(controller, &editor.text(), None);
    }
}

/// Offers (and copies) a link that opens the stepper's recorded program at the step shown.
pub fn share_step(controller: Controller) {
    let shown = controller.state.stepper.with_untracked(|stepper| {
        stepper
            .as_ref()
            .map(|stepper| (stepper.source().to_owned(), stepper.line_index()))
    });
    if let Some((source, index)) = shown {
        offer_link(controller, &source, Some(index));
    }
}

/// Shows a share link to `code` (at line step `step`) and copies it to the clipboard.
fn offer_link(controller: Controller, code: &str, step: Option<usize>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let page = window.location().href().unwrap_or_default();
    let link = share_link::link_to(&page, code, step);
    let what_it_is = match step {
        None => "opens this program (the program travels inside the link; nothing is uploaded):"
            .to_owned(),
        Some(index) => format!(
            "opens this program in the stepper at step {} (the program travels inside the \
             link; nothing is uploaded):",
            index + 1
        ),
    };
    let notice = controller.state.notice;
    notice.set(Some(Notice::link(
        format!("This link {what_it_is}"),
        link.clone(),
    )));
    let copying = window.navigator().clipboard().write_text(&link);
    leptos::task::spawn_local(async move {
        if JsFuture::from(copying).await.is_ok() {
            notice.set(Some(Notice::link(
                format!("Link copied. It {what_it_is}"),
                link,
            )));
        }
    });
}

/// Saves the editor's program to the visitor's disk as `main.py`.
pub fn download(controller: Controller) {
    let Some(editor) = controller.editor() else {
        return;
    };
    if let Err(error) = save_as(&editor.text(), FILENAME) {
        controller.state.notice.set(Some(Notice::error(format!(
            "The download did not start: {}",
            describe(&error)
        ))));
    }
}

fn save_as(text: &str, filename: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/x-python;charset=utf-8");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Reads a file the visitor chose into the editor; anything that is not UTF-8 text is
/// refused with a message and the program stays as it was.
pub fn open_file(controller: Controller, file: web_sys::File) {
    let name = file.name();
    let notice = controller.state.notice;
    if file.size() > MAX_FILE_BYTES {
        notice.set(Some(Notice::error(format!(
            "{name} is larger than 1 MB, too large to edit here. Your program is unchanged."
        ))));
        return;
    }
    leptos::task::spawn_local(async move {
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(error) => {
                notice.set(Some(Notice::error(format!(
                    "{name} could not be read ({}). Your program is unchanged.",
                    describe(&error)
                ))));
                return;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) if !text.contains('\0') => {
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                replace_program(controller, text, &format!("Opened {name}."));
            }
            _ => notice.set(Some(Notice::error(format!(
                "{name} is not a text file (UTF-8), so it was not opened. Your program is unchanged."
            )))),
        }
    });
}

fn differs(own: &str, other: &str) -> bool {
    own != other && !own.trim().is_empty()
}

/// Drops the fragment from the address, so a reload shows the (saved) program instead of
/// opening the link again.
fn forget_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let address = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
    }
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
