//! Run, Stop, Clear and the Examples menu.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::examples::EXAMPLES;

#[component]
pub fn Toolbar() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let status = controller.state.status;
    let can_run = move || status.with(|s| s.is_ready());
    let running = move || status.with(|s| s.is_running());
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
    view! {
        <nav class="toolbar" aria-label="Program controls">
            <button
                type="button"
                class="run"
                aria-keyshortcuts="Control+Enter Meta+Enter"
                title="Run (Ctrl+Enter)"
                disabled=move || !can_run()
                on:click=move |_| controller.run()
            >
                "▶ Run"
            </button>
            <button
                type="button"
                class="stop"
                title="Stop the running program"
                disabled=move || !running()
                on:click=move |_| controller.stop()
            >
                "■ Stop"
            </button>
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
        </nav>
    }
}
