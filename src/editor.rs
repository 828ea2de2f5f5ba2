//! The typed binding to the CodeMirror bundle (`www/editor/editor.js`, bundled by esbuild
//! into `www/editor/build/editor.js` before the app compiles).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/www/editor/build/editor.js")]
extern "C" {
    /// A CodeMirror `EditorView`.
    #[derive(Clone)]
    pub type EditorView;

    #[wasm_bindgen(js_name = createEditor)]
    fn create_editor(
        parent: &web_sys::HtmlElement,
        text: &str,
        on_change: &Closure<dyn FnMut(String)>,
        on_run: &Closure<dyn FnMut()>,
        on_step: &Closure<dyn FnMut()>,
        on_cursor_line: &Closure<dyn FnMut(u32)>,
        options: &JsValue,
    ) -> EditorView;

    #[wasm_bindgen(js_name = showFile)]
    fn show_file(view: &EditorView, name: &str, text: &str);

    #[wasm_bindgen(js_name = renameFile)]
    fn rename_file(view: &EditorView, old: &str, name: &str);

    #[wasm_bindgen(js_name = forgetFiles)]
    fn forget_files(view: &EditorView);

    #[wasm_bindgen(js_name = setText)]
    fn set_text(view: &EditorView, text: &str);

    #[wasm_bindgen(js_name = markErrorLine)]
    fn mark_error_line(view: &EditorView, line: u32);

    #[wasm_bindgen(js_name = highlightLine)]
    fn highlight_line(view: &EditorView, line: u32);

    #[wasm_bindgen(js_name = markStepLines)]
    fn mark_step_lines(view: &EditorView, next: u32, ran: u32);

    #[wasm_bindgen(js_name = markStepSpan)]
    fn mark_step_span(view: &EditorView, line: u32, column: u32, end_line: u32, end_column: u32);

    #[wasm_bindgen(js_name = showHeat)]
    fn show_heat(view: &EditorView, samples: &[u32]);

    #[wasm_bindgen(js_name = goToLine)]
    fn go_to_line(view: &EditorView, line: u32, column: u32);
}

/// What the editor reports back to the app.
pub struct EditorEvents {
    pub on_change: Box<dyn FnMut(String)>,
    pub on_run: Box<dyn FnMut()>,
    pub on_step: Box<dyn FnMut()>,
    pub on_cursor_line: Box<dyn FnMut(u32)>,
}

/// How the editor looks and whether it can be edited (embedded widgets choose).
#[derive(Clone, Debug, Default)]
pub struct EditorOptions {
    pub read_only: bool,
    /// "light" or "dark"; anything else follows the system.
    pub theme: String,
}

/// The editor, as the rest of the app sees it. Lines are 1-based; 0 means "none".
#[derive(Clone)]
pub struct Editor {
    view: EditorView,
}

impl Editor {
    pub fn mount(
        parent: &web_sys::HtmlElement,
        text: &str,
        events: EditorEvents,
        options: &EditorOptions,
    ) -> Self {
        let on_change = Closure::new(events.on_change);
        let on_run = Closure::new(events.on_run);
        let on_step = Closure::new(events.on_step);
        let on_cursor_line = Closure::new(events.on_cursor_line);
        let js_options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&js_options, &"readOnly".into(), &options.read_only.into());
        let _ = js_sys::Reflect::set(&js_options, &"theme".into(), &options.theme.as_str().into());
        let view = create_editor(
            parent,
            text,
            &on_change,
            &on_run,
            &on_step,
            &on_cursor_line,
            &js_options,
        );
        // The callbacks live as long as the page.
        on_change.forget();
        on_run.forget();
        on_step.forget();
        on_cursor_line.forget();
        Self { view }
    }

    /// Brings file `name` to the front with `text`, with the undo history and cursor it had
    /// when it was last in front.
    pub fn show_file(&self, name: &str, text: &str) {
        show_file(&self.view, name, text);
    }

    pub fn rename_file(&self, old: &str, name: &str) {
        rename_file(&self.view, old, name);
    }

    /// Forgets the histories of the files not in front (another workspace replaced them).
    pub fn forget_files(&self) {
        forget_files(&self.view);
    }

    /// Replaces the text as one undoable change.
    pub fn set_text(&self, text: &str) {
        set_text(&self.view, text);
    }

    pub fn mark_error_line(&self, line: Option<u32>) {
        mark_error_line(&self.view, line.unwrap_or(0));
    }

    pub fn highlight_line(&self, line: Option<u32>) {
        highlight_line(&self.view, line.unwrap_or(0));
    }

    /// The stepper's marks: the line about to run and the one just run.
    pub fn mark_step_lines(&self, next: Option<u32>, ran: Option<u32>) {
        mark_step_lines(&self.view, next.unwrap_or(0), ran.unwrap_or(0));
    }

    /// The stepper's expression: (line, column, end line, end column), or none.
    pub fn mark_step_span(&self, span: Option<(u32, u32, u32, u32)>) {
        let (line, column, end_line, end_column) = span.unwrap_or_default();
        mark_step_span(&self.view, line, column, end_line, end_column);
    }

    /// The heat map of a stopped run: (line, samples) pairs, flattened; empty clears it.
    pub fn show_heat(&self, samples: &[u32]) {
        show_heat(&self.view, samples);
    }

    pub fn go_to(&self, line: u32, column: u32) {
        go_to_line(&self.view, line, column);
    }
}
