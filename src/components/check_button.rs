//! An exercise widget's Check button, and its mark once this browser passed the exercise.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::language::ui_text;

#[component]
pub fn CheckButton() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let state = controller.state;
    let text = move |id| ui_text(state.language, id);
    view! {
        <button
            type="button"
            class="check"
            title=text("check-button-title")
            disabled=move || !state.status.get().accepts_run()
            on:click=move |_| controller.check()
        >
            {text("check-button")}
        </button>
        {move || {
            state
                .exercise_done
                .get()
                .then(|| {
                    view! {
                        <span class="done-mark" title=text("check-done-title")>
                            <span aria-hidden="true">"✓ "</span>
                            {text("check-done")}
                        </span>
                    }
                })
        }}
    }
}
