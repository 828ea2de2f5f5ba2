//! The code editor, wired to the controller.

use leptos::html;
use leptos::prelude::*;

use crate::controller::Controller;
use crate::editor::{Editor, EditorEvents, EditorOptions};

/// `initial_text` is the program it opens with; `options` come from the page's address
/// for an embedded widget.
#[component]
pub fn EditorPane(initial_text: String, #[prop(optional)] options: EditorOptions) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let host = NodeRef::<html::Section>::new();
    host.on_load(move |element| {
        let editor = Editor::mount(
            &element,
            &initial_text,
            EditorEvents {
                on_change: Box::new(move |text| controller.code_changed(text)),
                on_run: Box::new(move || controller.run()),
                on_step: Box::new(move || controller.step()),
                on_cursor_line: Box::new(move |line| {
                    controller.state.highlighted_line.set(Some(line));
                    controller.state.cursor_line.set(Some(line));
                }),
            },
            &options,
        );
        controller.attach_editor(editor);
        controller.request_bytecode(initial_text);
    });
    // The line whose bytecode is highlighted is highlighted in the editor too.
    Effect::new(move |_| {
        let line = controller.state.highlighted_line.get();
        if let Some(editor) = controller.editor() {
            editor.highlight_line(line);
        }
    });
    // The stepper's lines: the one about to run and the one just run.
    Effect::new(move |_| {
        let (next, ran) = controller.state.stepper.with(|stepper| {
            stepper.as_ref().map_or((None, None), |stepper| {
                (stepper.next_line(), stepper.previous_line())
            })
        });
        if let Some(editor) = controller.editor() {
            editor.mark_step_lines(next, ran);
        }
    });
    // The stepper's expression, in the expression view.
    Effect::new(move |_| {
        let span = controller
            .state
            .stepper
            .with(|stepper| stepper.as_ref()?.expression_span());
        if let Some(editor) = controller.editor() {
            editor.mark_step_span(span);
        }
    });
    view! { <section class="editor" aria-label="Editor" node_ref=host></section> }
}
