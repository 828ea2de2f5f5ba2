//! Run, Stop and Step, for the app's toolbar and the embedded widget's.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::language::ui_text;
use crate::state::Status;

#[component]
pub fn RunStopButtons() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let status = controller.state.status;
    let can_run = move || status.with(Status::accepts_run);
    let can_stop = move || status.with(Status::accepts_stop);
    let text = move |id| ui_text(controller.state.language, id);
    view! {
        <button
            type="button"
            class="run"
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title=text("run-button-title")
            disabled=move || !can_run()
            on:click=move |_| controller.run()
        >
            "▶ "{text("run-button")}
        </button>
        <button
            type="button"
            class="stop"
            title=text("stop-button-title")
            disabled=move || !can_stop()
            on:click=move |_| controller.stop()
        >
            "■ "{text("stop-button")}
        </button>
        <button
            type="button"
            class="step"
            aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
            title=text("step-button-title")
            disabled=move || !can_run()
            on:click=move |_| controller.step()
        >
            "↳ "{text("step-button")}
        </button>
    }
}
