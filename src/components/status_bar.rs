//! The status bar: download progress, ready, live instructions and time, how the run ended.

use crate::controller::Controller;
use crate::state::Status;
use crate::wording;
use leptos::prelude::*;

#[component]
pub fn StatusBar() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let status = controller.state.status;
    let budget = controller.state.instruction_budget;
    let state_class = move || {
        status.with(|status| match status {
            Status::Loading { .. } | Status::Starting { .. } => "loading",
            Status::Ready => "ready",
            Status::Running { .. } => "running",
            Status::Done { failed: true, .. } | Status::Failed => "failed",
            Status::Done { .. } => "ready",
        })
    };
    view! {
        <footer class="status-bar" data-state=state_class>
            <span class="status">{move || status.with(wording::status)}</span>
            // Screen readers hear when the state changes, not every tick of the clock.
            <span class="sr-only" role="status">
                {move || status.with(wording::announcement)}
            </span>
            <Show when=move || !controller.state.online.get()>
                <span class="offline" title="No network: Sandpiper runs from its offline copy">
                    "Offline"
                </span>
            </Show>
            <Show when=move || controller.state.update_ready.get()>
                <button
                    type="button"
                    class="update"
                    title="A new version of Sandpiper is downloaded; your code is kept"
                    on:click=move |_| crate::offline::apply_update()
                >
                    "Update ready — reload"
                </button>
            </Show>
            <span class="budget">
                {move || wording::instruction_budget(budget.get())}
            </span>
        </footer>
    }
}
