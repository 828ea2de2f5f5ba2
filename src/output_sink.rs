//! Writes program output into the output pane directly, appending to the DOM instead of
//! re-rendering it, so a program that prints 100,000 lines does not lock the page.
//! Everything is inserted as text nodes: printing `<b>x</b>` shows the tags. Complete lines
//! are moved, a few thousand at a time, into blocks the browser skips laying out while
//! they are off screen (`content-visibility: auto`), so long output stays cheap to extend.

use sandpiper_protocol::{PyError, Stream};
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlElement, HtmlInputElement, Text};

mod prompt;

use prompt::Prompt;

use crate::workspace::MAIN;
pub use prompt::{INDENT, as_prompt_field, cursor_byte};

/// Text length (UTF-16 units) beyond which output goes into a new text node.
const NODE_LENGTH: u32 = 32 * 1024;
/// Bytes of output after which complete lines are sealed into a block of their own.
const SEAL_BYTES: usize = 32 * 1024;

pub struct OutputSink {
    root: HtmlElement,
    document: Document,
    /// The text node the last chunk went to, and its stream: a chunk of the same stream
    /// is appended to it rather than adding a node.
    last: Option<(Stream, Text)>,
    scroll_pending: std::rc::Rc<std::cell::Cell<bool>>,
    /// The inline field where the student types a line for `input()`.
    input: Option<HtmlInputElement>,
    /// Output bytes appended since the last seal.
    unsealed_bytes: usize,
    /// The REPL's prompt line, while it is open.
    prompt: Option<Prompt>,
}

impl OutputSink {
    pub fn new(root: HtmlElement) -> Self {
        let document = root
            .owner_document()
            .expect("the output pane is in a document");
        Self {
            root,
            document,
            last: None,
            scroll_pending: Default::default(),
            input: None,
            unsealed_bytes: 0,
            prompt: None,
        }
    }

    pub fn append(&mut self, stream: Stream, text: &str) {
        if self.unsealed_bytes + text.len() >= SEAL_BYTES
            && self.input.is_none()
            && self.prompt.is_none()
            && let Some(end) = text.rfind('\n')
        {
            let (lines, rest) = text.split_at(end + 1);
            self.append_inline(stream, lines);
            self.seal();
            self.append_inline(stream, rest);
        } else {
            self.append_inline(stream, text);
        }
        self.scroll_to_end();
    }

    /// Moves everything since the last sealed block (complete lines) into a new block.
    fn seal(&mut self) {
        let sealed = self.element("div");
        sealed.set_class_name("sealed");
        let first = match self.root.query_selector(":scope > .sealed:last-of-type") {
            Ok(Some(previous)) => previous.next_sibling(),
            _ => self.root.first_child(),
        };
        let _ = self.root.insert_before(&sealed, first.as_ref());
        while let Some(node) = sealed.next_sibling() {
            let _ = sealed.append_child(&node);
        }
        self.unsealed_bytes = 0;
        self.last = None;
    }

    fn append_inline(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        self.unsealed_bytes += text.len();
        match &self.last {
            // Appending copies the node's text, so a long run of output starts new nodes.
            Some((last, node)) if *last == stream && node.length() < NODE_LENGTH => {
                let _ = node.append_data(text);
            }
            _ => {
                let node = self.document.create_text_node(text);
                self.append_span(stream_class(stream), &node);
                self.last = Some((stream, node));
            }
        }
    }

    /// An uncaught exception's traceback, with each reference to a line of `filename`
    /// turned into a button that moves the editor there (`data-line`).
    /// `files`: the workspace's files, whose lines become links.
    pub fn append_traceback(&mut self, error: &PyError, files: &[String]) {
        let block = self.element("span");
        block.set_class_name("stderr traceback");
        // After a prompt left open (Stop during input()), the traceback starts a new line.
        self.append_text(&block, self.line_break_needed());
        for line in error.text.split_inclusive('\n') {
            match line_reference(line).filter(|(name, ..)| files.iter().any(|file| file == name)) {
                Some((name, before, number, after)) => {
                    self.append_text(&block, before);
                    let button = self.element("button");
                    button.set_class_name("line-link");
                    let _ = button.set_attribute("type", "button");
                    let _ = button.set_attribute("data-file", name);
                    let _ = button.set_attribute("data-line", &number.to_string());
                    let label = if name == MAIN {
                        format!("Go to line {number}")
                    } else {
                        format!("Go to line {number} of {name}")
                    };
                    let _ = button.set_attribute("aria-label", &label);
                    button.set_text_content(Some(&format!("line {number}")));
                    let _ = block.append_child(&button);
                    self.append_text(&block, after);
                }
                None => self.append_text(&block, line),
            }
        }
        let _ = self.root.append_child(&block);
        self.last = None;
        self.scroll_to_end();
    }

    /// A message from Sandpiper itself (not the program), set apart from its output, on a
    /// line of its own.
    pub fn append_note(&mut self, text: &str) {
        let node = self
            .document
            .create_text_node(&format!("{}{text}\n", self.line_break_needed()));
        self.append_span("note", &node);
        self.last = None;
        self.scroll_to_end();
    }

    /// `"\n"` when the pane's text does not end at the start of a line.
    fn line_break_needed(&self) -> &'static str {
        let last_text = self.root.last_child().and_then(|last| last.text_content());
        if last_text.is_none_or(|text| text.is_empty() || text.ends_with('\n')) {
            ""
        } else {
            "\n"
        }
    }

    /// Puts a text field right after the prompt, for `input()`. The output pane's keydown
    /// handler sends what is typed (Enter) or end of input (Ctrl+D).
    pub fn open_input(&mut self) {
        self.close_input(None);
        let field: HtmlInputElement = self.element("input").unchecked_into();
        field.set_class_name("stdin-field");
        let _ = field.set_attribute(
            "aria-label",
            "Input for the program: Enter sends the line, Ctrl+D ends the input",
        );
        let _ = field.set_attribute("autocomplete", "off");
        let _ = field.set_attribute("spellcheck", "false");
        let _ = self.root.append_child(&field);
        let _ = field.focus();
        self.input = Some(field);
        self.scroll_to_end();
    }

    /// Removes the input field; `echo` is what the terminal would show in its place.
    pub fn close_input(&mut self, echo: Option<&str>) {
        let Some(field) = self.input.take() else {
            return;
        };
        field.remove();
        if let Some(echo) = echo {
            let node = self.document.create_text_node(echo);
            self.append_span("stdin", &node);
            self.last = None;
        }
    }

    pub fn clear(&mut self) {
        self.close_input(None);
        self.prompt = None;
        self.root.set_text_content(None);
        self.last = None;
        self.unsealed_bytes = 0;
    }

    fn element(&self, tag: &str) -> HtmlElement {
        self.document
            .create_element(tag)
            .expect("valid tag")
            .unchecked_into()
    }

    fn append_text(&self, parent: &HtmlElement, text: &str) {
        if !text.is_empty() {
            let _ = parent.append_child(&self.document.create_text_node(text));
        }
    }

    fn append_span(&self, class: &str, node: &Text) {
        let span = self.element("span");
        span.set_class_name(class);
        let _ = span.append_child(node);
        let _ = self.root.append_child(&span);
    }

    /// Keeps the newest output in view, once per frame however many chunks arrive.
    fn scroll_to_end(&self) {
        if self.scroll_pending.replace(true) {
            return;
        }
        let root = self.root.clone();
        let pending = self.scroll_pending.clone();
        let scroll = Closure::once_into_js(move || {
            pending.set(false);
            root.set_scroll_top(root.scroll_height());
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(scroll.unchecked_ref());
        }
    }
}

fn stream_class(stream: Stream) -> &'static str {
    match stream {
        Stream::Stdout => "stdout",
        Stream::Stderr => "stderr",
    }
}

/// Splits `  File "main.py", line 3, in f` into the text before `line 3`, the number and
/// the rest, when the frame is in `filename`.
/// A traceback line `  File "NAME", line N…`: the file's name, the text up to `line`, the
/// number, and the rest.
fn line_reference(line: &str) -> Option<(&str, &str, u32, &str)> {
    let quoted = line.strip_prefix("  File \"")?;
    let (name, rest) = quoted.split_once("\", ")?;
    let rest = rest.strip_prefix("line ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number = rest[..digits].parse().ok()?;
    let before = &line[..line.len() - rest.len() - "line ".len()];
    Some((name, before, number, &rest[digits..]))
}
