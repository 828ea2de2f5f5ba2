//! Where files come from and go to besides typing: share links, files and `.zip`s on disk,
//! and the files set aside when others replace them (so nothing is lost).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::archive;
use crate::controller::Controller;
use crate::examples::first_visit_code;
use crate::share_link;
use crate::state::{AppState, Notice, NoticeAction};
use crate::storage;
use crate::url_options::fragment;
use crate::workspace::{Added, MAIN, MAX_FILE_BYTES, Workspace, is_python, too_large};

/// What Download all saves.
const ZIP_NAME: &str = "python-files.zip";
/// Archives larger than this are not opened (their text files could never fit anyway).
const MAX_ZIP_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// The line step a share link to a step opens the stepper at, once its files are in the
/// editor; read before `initial_workspace` forgets the link.
pub fn shared_step() -> Option<usize> {
    let fragment = fragment();
    matches!(share_link::workspace_in(&fragment), Some(Ok(_)))
        .then(|| share_link::step_in(&fragment))
        .flatten()
}

/// The files the editor starts with: a share link's, else the saved ones, else the
/// first-visit example. A share link never silently replaces the saved files.
pub fn initial_workspace(state: AppState) -> Workspace {
    let saved = storage::load_workspace();
    match share_link::workspace_in(&fragment()) {
        None => saved.unwrap_or_else(|| Workspace::new(first_visit_code())),
        Some(Ok(shared)) => {
            forget_fragment();
            if let Some(own) = saved.filter(|own| differs(own, &shared)) {
                storage::set_aside(&own);
                state.notice.set(Some(Notice::swappable(format!(
                    "Opened a shared {}. Your own {} set aside, not lost.",
                    what(&shared),
                    owned(&own)
                ))));
            }
            storage::save_workspace(&shared);
            shared
        }
        Some(Err(reason)) => {
            state.notice.set(Some(Notice::error(format!(
                "This share link cannot be opened: {reason}. Your own program is shown instead."
            ))));
            saved.unwrap_or_else(|| Workspace::new(first_visit_code()))
        }
    }
}

/// A share link pasted into the address bar of an open app changes only the fragment.
pub fn watch_fragment(controller: Controller) {
    let _ = window_event_listener_untyped("hashchange", move |_| {
        let step = shared_step();
        match share_link::workspace_in(&fragment()) {
            None => {}
            Some(Ok(shared)) => {
                forget_fragment();
                let opened = format!("Opened a shared {}.", what(&shared));
                replace_workspace(controller, shared, &opened);
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

/// "program" for a lone main.py, "set of files" otherwise.
fn what(workspace: &Workspace) -> &'static str {
    if workspace.is_main_only() {
        "program"
    } else {
        "set of files"
    }
}

fn owned(workspace: &Workspace) -> &'static str {
    if workspace.is_main_only() {
        "program is"
    } else {
        "files are"
    }
}

/// Puts `workspace` in the editor. The files it replaces are set aside, and the notice
/// offers to switch back.
pub fn replace_workspace(controller: Controller, workspace: Workspace, what_happened: &str) {
    replace_workspace_leaving_out(controller, workspace, what_happened, &[]);
}

/// The same, the notice also saying why files were `left_out` (then it is an error's).
fn replace_workspace_leaving_out(
    controller: Controller,
    workspace: Workspace,
    what_happened: &str,
    left_out: &[String],
) {
    let own = controller.state.workspace.get_untracked();
    let mut text = what_happened.to_owned();
    let set_aside = differs(&own, &workspace);
    if set_aside {
        storage::set_aside(&own);
        text.push_str(&format!(
            " Your previous {} set aside, not lost.",
            owned(&own)
        ));
    }
    for why in left_out {
        text.push(' ');
        text.push_str(why);
    }
    let notice = Notice {
        is_error: !left_out.is_empty(),
        action: set_aside.then_some(NoticeAction::SwapSetAside),
        ..Notice::info(text)
    };
    controller.replace_workspace(workspace);
    controller.go_to_line(1);
    controller.state.notice.set(Some(notice));
}

/// Exchanges the editor's files with the newest set aside.
pub fn swap_with_set_aside(controller: Controller) {
    let own = controller.state.workspace.get_untracked();
    if let Some(set_aside) = storage::swap_set_aside(&own) {
        controller.replace_workspace(set_aside);
        controller.go_to_line(1);
    }
}

/// Shows a link that opens the editor's files, and copies it to the clipboard.
pub fn share(controller: Controller) {
    let workspace = controller.state.workspace.get_untracked();
    offer_link(controller, &workspace, None);
}

/// Offers (and copies) a link that opens the stepper's recorded program at the step shown.
pub fn share_step(controller: Controller) {
    let shown = controller.state.stepper.with_untracked(|stepper| {
        stepper
            .as_ref()
            .map(|stepper| (stepper.source().to_owned(), stepper.line_index()))
    });
    if let Some((source, index)) = shown {
        let mut workspace = controller.state.workspace.get_untracked();
        workspace.set_text(MAIN, &source);
        offer_link(controller, &workspace, Some(index));
    }
}

/// Shows a share link to `workspace` (at line step `step`) and copies it to the clipboard.
fn offer_link(controller: Controller, workspace: &Workspace, step: Option<usize>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let notice = controller.state.notice;
    let page = window.location().href().unwrap_or_default();
    let link = share_link::link_to(&page, workspace, step);
    if link.len() > share_link::MAX_LINK_CHARS {
        notice.set(Some(Notice::error(format!(
            "These files are too large for a link: it would have {} characters, and \
             browsers open links of up to {} (2 MB). Use Download all (.zip) instead.",
            sandpiper_protocol::group_thousands(link.len() as u64),
            sandpiper_protocol::group_thousands(share_link::MAX_LINK_CHARS as u64)
        ))));
        return;
    }
    let program = if workspace.is_main_only() {
        "this program"
    } else {
        "these files"
    };
    let mut what_it_is = match step {
        None => {
            format!("opens {program} (everything travels inside the link; nothing is uploaded):")
        }
        Some(index) => format!(
            "opens {program} in the stepper at step {} (everything travels inside the \
             link; nothing is uploaded):",
            index + 1
        ),
    };
    if link.len() > share_link::LONG_LINK_CHARS {
        what_it_is = format!(
            "is {} characters long: e-mail and chat programs may cut it (a .zip from \
             Download all travels safely). It {what_it_is}",
            sandpiper_protocol::group_thousands(link.len() as u64)
        );
    }
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

/// Saves the file in front to the visitor's disk under its name.
pub fn download(controller: Controller) {
    let (name, text) = controller.state.workspace.with_untracked(|workspace| {
        (
            workspace.active().to_owned(),
            workspace.active_text().to_owned(),
        )
    });
    let base = name.rsplit('/').next().unwrap_or(&name);
    save_as(
        controller,
        text.as_bytes(),
        base,
        "text/plain;charset=utf-8",
    );
}

/// Saves every file as one `.zip`.
pub fn download_all(controller: Controller) {
    let zipped = controller
        .state
        .workspace
        .with_untracked(|workspace| archive::zip(workspace.files()));
    save_as(controller, &zipped, ZIP_NAME, "application/zip");
}

pub fn save_as(controller: Controller, bytes: &[u8], filename: &str, kind: &str) {
    if let Err(error) = try_save_as(bytes, filename, kind) {
        controller.state.notice.set(Some(Notice::error(format!(
            "The download did not start: {}",
            describe(&error)
        ))));
    }
}

fn try_save_as(bytes: &[u8], filename: &str, kind: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Files the visitor chose (Open…) or dropped: text files are added (one of the same name
/// is replaced), a `.zip` restores the files it holds; anything else is refused with a
/// message, and nothing else changes.
pub fn open_files(controller: Controller, files: Vec<web_sys::File>) {
    leptos::task::spawn_local(async move {
        let mut added = Vec::new();
        let mut refused = Vec::new();
        for file in files {
            let name = file.name();
            if name.to_ascii_lowercase().ends_with(".zip") {
                open_zip(controller, file).await;
                continue;
            }
            // Not even read.
            if file.size() > MAX_FILE_BYTES as f64 {
                refused.push(too_large(&name));
                continue;
            }
            match read(&file).await {
                Ok(bytes) => match add_file(controller, &name, &bytes) {
                    Ok(()) => added.push(name),
                    Err(why) => refused.push(why),
                },
                Err(why) => refused.push(why),
            }
        }
        say_what_was_added(controller, &added, &refused);
    });
}

fn add_file(controller: Controller, name: &str, bytes: &[u8]) -> Result<(), String> {
    let mut candidate = controller.state.workspace.get_untracked();
    match candidate.add(name, bytes)? {
        Added::New => controller.adopt(candidate),
        Added::Replaced => {
            let text = candidate.text(name).unwrap_or_default().to_owned();
            controller.show_file(name);
            controller.set_file_text(name, &text);
        }
    }
    Ok(())
}

fn say_what_was_added(controller: Controller, added: &[String], refused: &[String]) {
    let mut text = match added {
        [] => String::new(),
        [one] => format!("Added {one}."),
        many => format!("Added {}.", many.join(", ")),
    };
    for why in refused {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(why);
    }
    let notice = match added {
        _ if text.is_empty() => return,
        [one] if refused.is_empty() && one != MAIN && is_python(one) => Notice::offering(
            format!("{text} Run starts {MAIN}: import it there, or make it {MAIN}."),
            NoticeAction::MakeMain(one.clone()),
        ),
        _ if !refused.is_empty() => Notice::error(text),
        _ => Notice::info(text),
    };
    controller.state.notice.set(Some(notice));
}

async fn open_zip(controller: Controller, file: web_sys::File) {
    let name = file.name();
    let notice = controller.state.notice;
    if file.size() > MAX_ZIP_BYTES {
        notice.set(Some(Notice::error(format!(
            "{name} is larger than {} MB, too large to open here. Your files are unchanged.",
            MAX_ZIP_BYTES as u64 >> 20
        ))));
        return;
    }
    let opened = match read(&file).await {
        Ok(bytes) => archive::unzip(&bytes).and_then(|unzipped| {
            let mut left_out: Vec<String> = unzipped
                .too_large
                .iter()
                .map(|file| format!("{file} was left out: it is too large."))
                .collect();
            let (workspace, skipped) = Workspace::from_archive(unzipped.files)?;
            left_out.extend(skipped);
            Ok((workspace, left_out))
        }),
        Err(why) => Err(why),
    };
    match opened {
        Ok((workspace, left_out)) => replace_workspace_leaving_out(
            controller,
            workspace,
            &format!("Opened the files of {name}."),
            &left_out,
        ),
        Err(why) => notice.set(Some(Notice::error(format!(
            "{name} cannot be opened: {why}. Your files are unchanged."
        )))),
    }
}

async fn read(file: &web_sys::File) -> Result<Vec<u8>, String> {
    JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|error| format!("{} could not be read ({}).", file.name(), describe(&error)))
}

/// "Make it main.py": the `.py` file just added becomes the program (main.py's text is
/// replaced as one undoable change, and set aside) and leaves the file bar.
pub fn make_main(controller: Controller, name: &str) {
    let workspace = controller.state.workspace.get_untracked();
    let Some(text) = workspace.text(name).map(str::to_owned) else {
        return;
    };
    if differs(
        &Workspace::new(workspace.main_text()),
        &Workspace::new(&text),
    ) {
        storage::set_aside(&Workspace::new(workspace.main_text()));
    }
    controller.delete_file(name);
    controller.show_file(MAIN);
    controller.set_file_text(MAIN, &text);
    controller.go_to_line(1);
    controller.state.notice.set(Some(Notice::swappable(format!(
        "{name} is now {MAIN}. The program it replaced is set aside, not lost."
    ))));
}

/// Whether replacing `own` by `other` would lose something.
fn differs(own: &Workspace, other: &Workspace) -> bool {
    own.files() != other.files() && own.files().iter().any(|file| !file.text.trim().is_empty())
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
