//! Sandpiper's page: a Leptos app with a CodeMirror editor, an output pane and a
//! bytecode viewer, talking to the Python engine in a Web Worker.

mod app;
mod archive;
mod components;
mod control;
mod controller;
mod editor;
mod embed_options;
mod examples;
mod frame_height;
mod input_relay;
mod language;
mod offline;
mod output_sink;
mod program_io;
mod state;
mod storage;
mod url_options;
mod worker_link;

// The browser-free parts, from the library, under their usual paths.
use sandpiper_app::{
    completion, drawing, entry_history, exercise, run_machine, share_link, stepper, wording,
    workspace,
};

fn main() {
    console_error_panic_hook::set_once();
    // One build serves both pages: the app, and the widget that course pages embed.
    let path = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default();
    if path.ends_with("/embed.html") {
        leptos::mount::mount_to_body(components::EmbedWidget);
    } else {
        leptos::mount::mount_to_body(app::App);
    }
}
