//! Run, Stop, Step, Clear, the Examples menu, and the program's way in and out: Share,
//! Download, Open.

use leptos::html;
use leptos::prelude::*;

use crate::components::RunStopButtons;
use crate::controller::Controller;
use crate::examples::EXAMPLES;
use crate::program_io;

#[component]
pub fn Toolbar() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let on_example = move |event: leptos::ev::Event| {
        let choice = event_target_value(&event);
        if let (Ok(index), Some(editor)) = (choice.parse::<usize>(), controller.editor())
            && let Some(example) = EXAMPLES.get(index)
        {
            // One undoable change: Ctrl+Z brings the student's own code back.
            editor.set_text(example.code);
            editor.go_to(1, 0);
        }
        // Back to the label, so choosing the same example again works.
        event_target::<web_sys::HtmlSelectElement>(&event).set_selected_index(0);
    };
    let file_input = NodeRef::<html::Input>::new();
    let on_file_chosen = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            program_io::open_file(controller, file);
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
                title="Save this program as main.py"
                on:click=move |_| program_io::download(controller)
            >
                "Download"
            </button>
            <button
                type="button"
                class="open"
                title="Open a .py file from this computer"
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
                accept=".py,.pyw,.txt,text/x-python,text/plain"
                hidden
                node_ref=file_input
                on:change=on_file_chosen
            />
        </nav>
    }
}
