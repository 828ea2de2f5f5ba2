//! Run, Stop, Step, Clear, the Examples menu, and the program's way in and out: Share,
//! Download, Open.

use leptos::html;
use leptos::prelude::*;

use crate::components::{LanguagePicker, RunStopButtons};
use crate::controller::Controller;
use crate::examples::EXAMPLES;
use crate::language::ui_text;
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
    let text = move |id| ui_text(controller.state.language, id);
    view! {
        <nav class="toolbar" aria-label=text("program-controls")>
            <RunStopButtons />
            <button
                type="button"
                class="clear"
                title=text("clear-button-title")
                on:click=move |_| controller.clear_output()
            >
                {text("clear-button")}
            </button>
            <select class="examples" aria-label=text("examples-label") on:change=on_example>
                <option value="" selected>{text("examples-choose")}</option>
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
                title=text("share-button-title")
                on:click=move |_| program_io::share(controller)
            >
                {text("share-button")}
            </button>
            <button
                type="button"
                class="download"
                title=text("download-button-title")
                on:click=move |_| program_io::download(controller)
            >
                {text("download-button")}
            </button>
            <button
                type="button"
                class="download-all"
                title=text("download-all-button-title")
                on:click=move |_| program_io::download_all(controller)
            >
                {text("download-all-button")}
            </button>
            <button
                type="button"
                class="open"
                title=text("open-button-title")
                on:click=move |_| {
                    if let Some(input) = file_input.get() {
                        input.click();
                    }
                }
            >
                {text("open-button")}
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
