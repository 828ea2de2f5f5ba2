//! The output pane. Its content is written by the controller's `OutputSink`, not
//! rendered reactively; clicks on traceback line numbers move the editor.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::StdinBox;
use crate::controller::Controller;
use crate::output_sink::OutputSink;
use crate::state::Tab;

/// `in_tabs`: the pane is one of the app's tabs (labelled by its tab); an embedded widget has
/// no tab list, and the pane is a region of its own.
#[component]
pub fn OutputPane(#[prop(optional)] in_tabs: bool) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let pre = NodeRef::<html::Pre>::new();
    pre.on_load(move |element| controller.attach_output(OutputSink::new(element.into())));
    let on_click = move |event: web_sys::MouseEvent| {
        let line = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("[data-line]").ok().flatten())
            .and_then(|element| element.get_attribute("data-line"))
            .and_then(|line| line.parse().ok());
        if let Some(line) = line {
            controller.go_to_line(line);
        }
    };
    // The inline input() field: Enter sends its line, Ctrl+D ends the input.
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let Some(field) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let answer = match event.key().as_str() {
            "Enter" => Some(Some(field.value())),
            "d" | "D" if event.ctrl_key() => Some(None),
            _ => None,
        };
        if let Some(answer) = answer {
            event.prevent_default();
            controller.answer_input(answer);
        }
    };
    let hidden = move || controller.state.tab.get() != Tab::Output;
    view! {
        <div
            class="panel output-panel"
            id="tab-output-panel"
            role=if in_tabs { "tabpanel" } else { "region" }
            aria-labelledby=in_tabs.then_some("tab-output")
            aria-label=(!in_tabs).then_some("Output")
            hidden=hidden
        >
            <StdinBox />
            <pre
                class="output"
                node_ref=pre
                // A log: new output is announced, and it may carry a label.
                role="log"
                aria-live="polite"
                aria-label="Program output"
                tabindex="0"
                on:click=on_click
                on:keydown=on_keydown
            ></pre>
        </div>
    }
}
