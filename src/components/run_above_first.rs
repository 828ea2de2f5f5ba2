//! A grouped widget's "Run the ones above first" (`data-session`).

use leptos::prelude::*;

use crate::controller::Controller;
use crate::language::ui_text;

/// A grouped widget's button that runs the group's widgets above it first, then it.
#[component]
pub fn RunAboveFirst() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let state = controller.state;
    let text = move |id| ui_text(state.language, id);
    view! {
        <button
            type="button"
            class="run-above"
            title=text("run-above-first-title")
            disabled=move || !state.status.get().accepts_run()
            on:click=move |_| controller.run_above_first()
        >
            {text("run-above-first")}
        </button>
    }
}
