//! Sandpiper's page: a Leptos app with a CodeMirror editor, an output pane and a
//! bytecode viewer, talking to the Python engine in a Web Worker.

mod app;
mod components;
mod control;
mod controller;
mod editor;
mod examples;
mod input_relay;
mod offline;
mod output_sink;
mod program_io;
mod share_link;
mod state;
mod storage;
mod url_options;
mod worker_link;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
