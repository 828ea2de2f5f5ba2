//! The output pane. Its content is written by the controller's `OutputSink`, not
//! rendered reactively; clicks on traceback line numbers move the editor.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::components::{HintNote, StdinBox};
use crate::controller::Controller;
use crate::output_sink::{INDENT, OutputSink, as_prompt_field, cursor_byte};
use crate::state::Tab;

/// `in_tabs`: the pane is one of the app's tabs (labelled by its tab); an embedded widget has
/// no tab list, and the pane is a region of its own.
#[component]
pub fn OutputPane(#[prop(optional)] in_tabs: bool) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let pre = NodeRef::<html::Pre>::new();
    pre.on_load(move |element| controller.attach_output(OutputSink::new(element.into())));
    let on_click = move |event: web_sys::MouseEvent| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("[data-line]").ok().flatten());
        let line = link
            .as_ref()
            .and_then(|link| link.get_attribute("data-line"))
            .and_then(|line| line.parse().ok());
        if let (Some(link), Some(line)) = (link, line) {
            match link.get_attribute("data-file") {
                Some(file) => controller.go_to_file_line(&file, line),
                None => controller.go_to_line(line),
            }
        }
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let Some(target) = event.target() else {
            return;
        };
        if let Some(field) = as_prompt_field(&target) {
            prompt_key(controller, &field, &event);
        } else if let Ok(field) = target.clone().dyn_into::<web_sys::HtmlInputElement>() {
            // The inline input() field: Enter sends its line, Ctrl+D ends the input.
            let answer = match event.key().as_str() {
                "Enter" => Some(Some(field.value())),
                "d" | "D" if event.ctrl_key() => Some(None),
                _ => None,
            };
            if let Some(answer) = answer {
                event.prevent_default();
                controller.answer_input(answer);
            }
        } else if is_key(&event, "c") && nothing_selected() {
            // The pane itself has the keyboard while a REPL entry runs: Ctrl+C stops it.
            if controller.state.status.get_untracked().accepts_stop() {
                event.prevent_default();
                controller.stop();
            }
        }
    };
    // Several lines pasted at the prompt are typed one after another.
    let on_paste = move |event: web_sys::ClipboardEvent| {
        let Some(field) = event.target().as_ref().and_then(as_prompt_field) else {
            return;
        };
        let pasted = event
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
            .unwrap_or_default();
        if pasted.contains('\n') {
            event.prevent_default();
            let value = field.value();
            let (before, after) = value.split_at(cursor_byte(&field, &value));
            controller.submit_entry(format!("{before}{pasted}{after}"));
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
                on:paste=on_paste
            ></pre>
            <HintNote />
        </div>
    }
}

/// The REPL prompt's keys: Enter runs the line, ↑/↓ walk the history, Tab completes (or
/// indents a `...` line; on an empty `>>>` line it moves on, so the keyboard is never
/// trapped), Ctrl+C drops the entry, Ctrl+L clears the output.
fn prompt_key(controller: Controller, field: &HtmlInputElement, event: &web_sys::KeyboardEvent) {
    let value = field.value();
    let handled = match event.key().as_str() {
        "Enter" => {
            field.set_value("");
            controller.submit_entry(value);
            true
        }
        "ArrowUp" => show_entry(field, controller.older_entry(&value)),
        "ArrowDown" => show_entry(field, controller.newer_entry()),
        "Tab" if !event.shift_key() && !event.ctrl_key() && !event.alt_key() => {
            let before = &value[..cursor_byte(field, &value)];
            if !before.trim().is_empty() {
                controller.complete(before.to_owned());
                true
            } else if is_continuation(field) {
                let _ = field.set_range_text(INDENT);
                let end = field.selection_start().ok().flatten().unwrap_or(0) + INDENT.len() as u32;
                let _ = field.set_selection_range(end, end);
                true
            } else {
                false
            }
        }
        _ if is_key(event, "c") && field.selection_start() == field.selection_end() => {
            controller.interrupt_prompt(value);
            true
        }
        _ if is_key(event, "l") => {
            controller.clear_output_at_prompt();
            true
        }
        _ => false,
    };
    if handled {
        event.prevent_default();
    }
}

/// Puts a history line in the field, the cursor at its end.
fn show_entry(field: &HtmlInputElement, line: Option<String>) -> bool {
    if let Some(line) = line {
        field.set_value(&line);
        let end = line.encode_utf16().count() as u32;
        let _ = field.set_selection_range(end, end);
    }
    true
}

fn is_continuation(field: &HtmlInputElement) -> bool {
    field
        .previous_element_sibling()
        .and_then(|prompt| prompt.text_content())
        .is_some_and(|prompt| prompt.starts_with("..."))
}

/// Ctrl+`letter` (or Cmd on a Mac) and nothing else.
fn is_key(event: &web_sys::KeyboardEvent, letter: &str) -> bool {
    (event.ctrl_key() || event.meta_key())
        && !event.shift_key()
        && !event.alt_key()
        && event.key().eq_ignore_ascii_case(letter)
}

/// No text is selected on the page (Ctrl+C then copies nothing, so it can interrupt).
fn nothing_selected() -> bool {
    window()
        .get_selection()
        .ok()
        .flatten()
        .is_none_or(|selection| selection.is_collapsed())
}
