//! Run, Stop and Step, for the app's toolbar and the embedded widget's.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::state::Status;

#[component]
pub fn RunStopButtons() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let status = controller.state.status;
    let can_run = move || status.with(Status::accepts_run);
    let can_stop = move || status.with(Status::accepts_stop);
    view! {
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
            title="Stop the running program (or the run waiting for Python)"
            disabled=move || !can_stop()
            on:click=move |_| controller.stop()
        >
            "■ Stop"
        </button>
        <button
            type="button"
            class="step"
            aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
            title="Run step by step: go through the run line by line (Ctrl+Shift+Enter)"
            disabled=move || !can_run()
            on:click=move |_| controller.step()
        >
            "↳ Step"
        </button>
    }
}
