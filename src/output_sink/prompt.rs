//! The REPL's prompt at the end of the output: `>>> ` (or `... `) and a field, replaced by
//! what a terminal shows once a line is sent. The output pane's keydown handler reads it.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

use super::OutputSink;
use crate::completion::common_prefix;

/// Spaces Tab puts at a `...` prompt with nothing typed before the cursor.
pub const INDENT: &str = "    ";

pub(super) struct Prompt {
    line: HtmlElement,
    field: HtmlInputElement,
}

impl OutputSink {
    /// Puts the prompt and its field at the end of the output, right after the last
    /// output as in a terminal; `focus` moves the keyboard there.
    pub fn open_prompt(&mut self, continuation: bool, focus: bool) {
        self.close_prompt(None);
        let line = self.element("span");
        line.set_class_name("repl-line");
        let prompt = self.element("span");
        prompt.set_class_name("repl-prompt");
        prompt.set_text_content(Some(if continuation { "... " } else { ">>> " }));
        let _ = line.append_child(&prompt);
        let field: HtmlInputElement = self.element("input").unchecked_into();
        field.set_class_name("repl-field");
        let _ = field.set_attribute(
            "aria-label",
            if continuation {
                "Python prompt, more of the entry: an empty line ends it"
            } else {
                "Python prompt"
            },
        );
        let _ = field.set_attribute(
            "aria-description",
            "Enter runs the line. Up and Down go through earlier lines, Tab completes a name, \
             Control+C cancels the entry, Control+L clears the output.",
        );
        for (name, value) in [
            ("autocomplete", "off"),
            ("autocapitalize", "off"),
            ("spellcheck", "false"),
            ("enterkeyhint", "send"),
        ] {
            let _ = field.set_attribute(name, value);
        }
        let _ = line.append_child(&field);
        let _ = self.root.append_child(&line);
        if focus {
            let _ = field.focus();
        }
        self.prompt = Some(Prompt { line, field });
        self.last = None;
        self.scroll_to_end();
    }

    /// Removes the prompt, leaving `echo` (the prompt and the line sent) in its place. The
    /// keyboard stays in the output pane, where Ctrl+C stops what the line runs.
    pub fn close_prompt(&mut self, echo: Option<&str>) {
        if let Some(prompt) = self.prompt.take() {
            let focused = self
                .document
                .active_element()
                .is_some_and(|active| active == **prompt.field);
            prompt.line.remove();
            if focused {
                let _ = self.root.focus();
            }
        }
        if let Some(echo) = echo {
            let node = self.document.create_text_node(echo);
            self.append_span("repl-echo", &node);
            self.last = None;
            self.scroll_to_end();
        }
    }

    /// Clear and Ctrl+L: the output goes, the prompt and what is typed in it stay (and
    /// keep the keyboard if `focus`).
    pub fn clear_keeping_prompt(&mut self, focus: bool) {
        let prompt = self.prompt.take();
        self.clear();
        if let Some(prompt) = prompt {
            let _ = self.root.append_child(&prompt.line);
            if focus {
                let _ = prompt.field.focus();
            }
            self.prompt = Some(prompt);
        }
    }

    /// Tab's answer: the matches' common start replaces `text` (what was before the
    /// cursor, if it still is); when that adds nothing and there are several, they are
    /// listed above the prompt, as readline lists them.
    pub fn show_completions(&mut self, text: &str, matches: &[String]) {
        let Some(prompt) = &self.prompt else {
            return;
        };
        let value = prompt.field.value();
        let cursor = cursor_byte(&prompt.field, &value);
        let (before, after) = value.split_at(cursor);
        if before != text || matches.is_empty() {
            return;
        }
        let common = common_prefix(matches);
        if common.len() > text.len() && common.starts_with(text) {
            let field = prompt.field.clone();
            field.set_value(&format!("{common}{after}"));
            let end = common.encode_utf16().count() as u32;
            let _ = field.set_selection_range(end, end);
        } else if matches.len() > 1 {
            let listed = self.element("span");
            listed.set_class_name("repl-completions");
            listed.set_text_content(Some(&format!("{}\n", matches.join("  "))));
            let line = prompt.line.clone();
            let _ = self.root.insert_before(&listed, Some(&line));
            self.scroll_to_end();
        }
    }
}

/// The field's cursor as a byte offset into `value` (the DOM counts UTF-16 units).
pub fn cursor_byte(field: &HtmlInputElement, value: &str) -> usize {
    let units = field.selection_start().ok().flatten().unwrap_or(u32::MAX) as usize;
    let mut counted = 0;
    for (byte, c) in value.char_indices() {
        if counted >= units {
            return byte;
        }
        counted += c.len_utf16();
    }
    value.len()
}

/// The prompt's field, when `element` is it.
pub fn as_prompt_field(element: &web_sys::EventTarget) -> Option<HtmlInputElement> {
    let field = element.dyn_ref::<HtmlInputElement>()?;
    field
        .class_list()
        .contains("repl-field")
        .then(|| field.clone())
}
