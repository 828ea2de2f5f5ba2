//! Run, Stop, Step, Clear, the Examples menu, and the program's way in and out: Share,
//! Download, Open.

use leptos::html;
use leptos::prelude::*;

use crate::components::{LanguagePicker, RunStopButtons};
use crate::controller::Controller;
use crate::examples::EXAMPLES;
use crate::program_io;
use crate::workspace::MAIN;

#[component]
pub fn Toolbar() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let on_example = move |event: leptos::ev::Event| {
        let choice = event_target_value(&event);
        if let Ok(index) = choice.parse::<usize>()
            && let Some(example) = EXAMPLES.get(index)
        {
            // Into main.py, as one undoable change: Ctrl+Z brings the student's code back.
            controller.show_file(MAIN);
            controller.set_file_text(MAIN, example.code);
            controller.go_to_line(1);
        }
        // Back to the label, so choosing the same example again works.
        event_target::<web_sys::HtmlSelectElement>(&event).set_selected_index(0);
    };
    let file_input = NodeRef::<html::Input>::new();
    let on_file_chosen = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        let files: Vec<_> = input
            .files()
            .map(|list| {
                (0..list.length())
                    .filter_map(|index| list.get(index))
                    .collect()
            })
            .unwrap_or_default();
        if !files.is_empty() {
            program_io::open_files(controller, files);
        }
        // Cleared, so choosing the same file again opens it again.
        input.set_value("");
    };
    view! {
        <nav class="toolbar" aria-label="Program controls">
            <RunStopButtons />
            <button
                type="button"
                class="clear"
                title="Clear the output"
                on:click=move |_| controller.clear_output()
            >
                "Clear"
            </button>
            <select class="examples" aria-label="Load an example program" on:change=on_example>
                <option value="" selected>"Examples…"</option>
                {EXAMPLES
                    .iter()
                    .enumerate()
                    .map(|(index, example)| {
                        view! { <option value=index.to_string()>{example.title}</option> }
                    })
                    .collect_view()}
            </select>
            <button
                type="button"
                class="share"
                title="Make a link that opens this program"
                on:click=move |_| program_io::share(controller)
            >
                "Share"
            </button>
            <button
                type="button"
                class="download"
                title="Save the file in front to this computer"
                on:click=move |_| program_io::download(controller)
            >
                "Download"
            </button>
            <button
                type="button"
                class="download-all"
                title="Save all files as one .zip"
                on:click=move |_| program_io::download_all(controller)
            >
                "Download all"
            </button>
            <button
                type="button"
                class="open"
                title="Add files from this computer (text files, or a .zip of files)"
                on:click=move |_| {
                    if let Some(input) = file_input.get() {
                        input.click();
                    }
                }
            >
                "Open…"
            </button>
            <input
                type="file"
                class="open-file"
                multiple
                hidden
                node_ref=file_input
                on:change=on_file_chosen
            />
            <LanguagePicker />
        </nav>
    }
}
