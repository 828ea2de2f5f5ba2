//! Run and Stop, for the app's toolbar and the embedded widget's.

use leptos::prelude::*;

use crate::controller::Controller;

#[component]
pub fn RunStopButtons() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let status = controller.state.status;
    let can_run = move || status.with(|s| s.is_ready());
    let running = move || status.with(|s| s.is_running());
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
            title="Stop the running program"
            disabled=move || !running()
            on:click=move |_| controller.stop()
        >
            "■ Stop"
        </button>
    }
}
