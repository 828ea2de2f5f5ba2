//! The status bar: download progress, ready, live steps and time, how the run ended.

use leptos::prelude::*;
use sandpiper_protocol::group_thousands;

use crate::controller::{Controller, steps_text};
use crate::state::Status;

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn seconds(elapsed: f64) -> String {
    if elapsed < 1.0 {
        format!("{:.0} ms", elapsed * 1000.0)
    } else {
        format!("{elapsed:.2} s")
    }
}

fn describe(status: &Status) -> String {
    match status {
        Status::Loading { loaded, total } => match total {
            Some(total) if *total > 0 => format!(
                "Loading Python… {} of {} ({}%)",
                megabytes(*loaded),
                megabytes(*total),
                loaded * 100 / total
            ),
            _ => format!("Loading Python… {}", megabytes(*loaded)),
        },
        Status::Starting => "Starting Python…".to_owned(),
        Status::Ready => "Ready".to_owned(),
        Status::Running { steps, elapsed } => {
            format!("Running… {} · {}", seconds(*elapsed), steps_text(*steps))
        }
        Status::Done {
            summary,
            steps,
            elapsed,
            ..
        } => format!("{summary} · {} · {}", seconds(*elapsed), steps_text(*steps)),
        Status::Failed => "Python could not start".to_owned(),
    }
}

fn announce(status: &Status) -> String {
    match status {
        Status::Loading { .. } | Status::Starting => "Loading Python".to_owned(),
        Status::Ready => "Ready".to_owned(),
        Status::Running { .. } => "Running".to_owned(),
        Status::Done { summary, .. } => summary.clone(),
        Status::Failed => "Python could not start".to_owned(),
    }
}

#[component]
pub fn StatusBar() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let status = controller.state.status;
    let budget = controller.state.step_budget;
    let state_class = move || {
        status.with(|status| match status {
            Status::Loading { .. } | Status::Starting => "loading",
            Status::Ready => "ready",
            Status::Running { .. } => "running",
            Status::Done { failed: true, .. } | Status::Failed => "failed",
            Status::Done { .. } => "ready",
        })
    };
    view! {
        <footer class="status-bar" data-state=state_class>
            <span class="status">{move || status.with(describe)}</span>
            // Screen readers hear when the state changes, not every tick of the clock.
            <span class="sr-only" role="status">
                {move || status.with(announce)}
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
                {move || match budget.get() {
                    0 => String::new(),
                    steps => format!("Step budget: {}", group_thousands(steps)),
                }}
            </span>
        </footer>
    }
}
