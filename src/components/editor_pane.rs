//! The code editor, wired to the controller.

use leptos::html;
use leptos::prelude::*;

use crate::controller::Controller;
use crate::editor::{Editor, EditorEvents, EditorOptions};
use crate::program_io;
use crate::workspace::MAIN;

/// It opens with the files in `AppState::workspace`; `options` come from the page's
/// address for an embedded widget. Files dropped on it are added to the files.
#[component]
pub fn EditorPane(#[prop(optional)] options: EditorOptions) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let host = NodeRef::<html::Section>::new();
    let workspace = controller.state.workspace;
    let options_read_only = options.read_only;
    host.on_load(move |element| {
        let (main_text, front) = workspace.with_untracked(|workspace| {
            let front = workspace.active().to_owned();
            let text = workspace.text(&front).unwrap_or_default().to_owned();
            (workspace.main_text().to_owned(), (front, text))
        });
        let editor = Editor::mount(
            &element,
            &main_text,
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
        if front.0 != MAIN {
            editor.show_file(&front.0, &front.1);
        }
        controller.attach_editor(editor);
        controller.request_bytecode();
    });
    // Files dropped on the editor are added, not pasted into the text (CodeMirror's own
    // drop handler, deeper down, never sees them).
    let on_drop = move |event: web_sys::DragEvent| {
        let files = event
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .map(|list| {
                (0..list.length())
                    .filter_map(|index| list.get(index))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        if !files.is_empty() && !options_read_only {
            event.prevent_default();
            event.stop_propagation();
            program_io::open_files(controller, files);
        }
    };
    let on_dragover = move |event: web_sys::DragEvent| {
        let carries_files = event.data_transfer().is_some_and(|transfer| {
            transfer
                .types()
                .iter()
                .any(|kind| kind.as_string().as_deref() == Some("Files"))
        });
        if carries_files {
            event.prevent_default();
        }
    };
    // The line whose bytecode is highlighted is highlighted in the editor too.
    Effect::new(move |_| {
        let line = controller.state.highlighted_line.get();
        if let Some(editor) = controller.editor() {
            editor.highlight_line(line);
        }
    });
    // The stepper's lines: the one about to run and the one just run, in main.py (the
    // program it recorded) only.
    let main_in_front = move || workspace.with(|workspace| workspace.active() == MAIN);
    Effect::new(move |_| {
        let (next, ran) = controller.state.stepper.with(|stepper| {
            stepper
                .as_ref()
                .filter(|_| main_in_front())
                .map_or((None, None), |stepper| {
                    (stepper.next_line(), stepper.previous_line())
                })
        });
        if let Some(editor) = controller.editor() {
            editor.mark_step_lines(next, ran);
        }
    });
    // The stepper's expression, in the expression view.
    Effect::new(move |_| {
        let span = controller.state.stepper.with(|stepper| {
            stepper
                .as_ref()
                .filter(|_| main_in_front())?
                .expression_span()
        });
        if let Some(editor) = controller.editor() {
            editor.mark_step_span(span);
        }
    });
    view! {
        <section
            class="editor"
            aria-label="Editor"
            node_ref=host
            on:drop:capture=on_drop
            on:dragover:capture=on_dragover
        ></section>
    }
}
