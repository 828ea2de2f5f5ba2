//! Where a page that cannot pause a running program for typing (no shared memory, no
//! service worker: e.g. a third-party iframe denied storage) takes `input()` lines before
//! the run. Hidden everywhere else.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::state::InputMode;

#[component]
pub fn StdinBox() -> impl IntoView {
    let state = expect_context::<Controller>().state;
    let hidden = move || state.input_mode.get() != InputMode::Prefilled;
    view! {
        <div class="stdin-box" hidden=hidden>
            <label for="stdin-box-text">"Input for input(), one line per call"</label>
            <textarea
                id="stdin-box-text"
                rows="2"
                spellcheck="false"
                aria-describedby="stdin-box-why"
                prop:value=move || state.stdin_text.get()
                on:input=move |event| state.stdin_text.set(event_target_value(&event))
            ></textarea>
            <p id="stdin-box-why" class="hint">
                "Here the browser does not let a running program wait for typing, so type its input before you run it."
            </p>
        </div>
    }
}
