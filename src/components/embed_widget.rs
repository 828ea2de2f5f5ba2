//! The embedded widget (`embed.html`): editor, Run/Stop/Step, output, the stepper and
//! status, for a course page's iframe. Its program comes from its address and is never
//! saved; "Open in Sandpiper" carries it to the full app as a share link (at the step
//! shown, while the stepper is open on the editor's program).

use leptos::prelude::*;
use sandpiper_protocol::{Hint, HintArgument};

use crate::components::{
    CheckButton, CheckResults, CompletionCode, DrawingPane, EditorPane, FileBar, NoticeBar,
    OutputPane, RunAboveFirst, RunStopButtons, StatusBar, StepperPane,
};
use crate::controller::Controller;
use crate::embed_options::EmbedOptions;
use crate::language::{self, ui_text, with_catalogue};
use crate::share_link;
use crate::state::{AppState, Notice};
use crate::workspace::Workspace;

#[component]
pub fn EmbedWidget() -> impl IntoView {
    let controller = Controller::new(AppState::new(
        false,
        language::hints_wanted(),
        language::initial(),
    ));
    provide_context(controller);
    let options = EmbedOptions::from_address();
    let above = options
        .group
        .as_ref()
        .is_some_and(|group| !group.earlier.is_empty());
    controller.state.group.set_value(options.group.clone());
    let exercise = options.exercise.is_some();
    if let Some(exercise) = &options.exercise {
        controller
            .state
            .exercise_done
            .set(crate::storage::exercise_done(&exercise.id));
    }
    controller
        .state
        .exercise
        .set_value(options.exercise.clone());
    controller.start_worker(options.repl);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", &options.editor.theme);
        let _ = root.class_list().add_1("embed");
    }
    let report_height = crate::frame_height::report_to_parent();
    let status = controller.state.status;
    let notice = controller.state.notice;
    let check = controller.state.check;
    let done = controller.state.exercise_done;
    Effect::new(move |_| {
        status.track();
        notice.track();
        check.track();
        done.track();
        report_height();
    });
    let workspace = options.workspace.unwrap_or_else(|reason| {
        controller.state.notice.set(Some(Notice::error(format!(
            "This widget's program cannot be read: {reason}."
        ))));
        Workspace::new("")
    });
    if let Some(reason) = &options.check_error {
        let message = Hint {
            id: "check-unavailable".to_owned(),
            arguments: vec![("reason".to_owned(), HintArgument::Text(reason.clone()))],
        };
        let text = with_catalogue(controller.state.language.get_untracked(), |catalogue| {
            catalogue.hint(&message).unwrap_or_else(|| reason.clone())
        });
        controller.state.notice.set(Some(Notice::error(text)));
    }
    let several_files = !workspace.is_main_only();
    controller.state.workspace.set(workspace);
    // Once the editor is there; the run waits for Python if it must.
    if let Some(index) = options.step {
        controller.once_editor_ready(move || controller.step_to(index));
    } else if options.autorun {
        controller.once_editor_ready(move || controller.run_by_itself());
    }
    let open_in_app = move |_| {
        let Ok(app) = web_sys::Url::new_with_base("./", &document().url().unwrap_or_default())
        else {
            return;
        };
        let workspace = controller.state.workspace.get_untracked();
        let step = controller.state.stepper.with_untracked(|stepper| {
            stepper
                .as_ref()
                .filter(|stepper| stepper.source() == workspace.main_text())
                .map(|stepper| stepper.line_index())
        });
        let link = share_link::link_to(&app.href(), &workspace, step);
        let _ = window().open_with_url_and_target(&link, "_blank");
    };
    let read_only = options.editor.read_only;
    let code = view! {
        {several_files.then(|| view! { <FileBar editable=!read_only /> })}
        <EditorPane options=options.editor />
    };
    // Folded away, the program's drawing or output is the lesson; the code is a click away.
    let code = if options.hide_code {
        view! {
            <details class="code-details">
                <summary>{ui_text(controller.state.language, "show-the-code")}</summary>
                {code}
            </details>
        }
        .into_any()
    } else {
        code.into_any()
    };
    let text = move |id| ui_text(controller.state.language, id);
    let height = options
        .editor_height
        .map(|pixels| format!("--editor-height: {pixels}px"));
    view! {
        <div class="widget" style=height>
            <nav class="toolbar" aria-label=text("program-controls")>
                <RunStopButtons />
                {above.then(|| view! { <RunAboveFirst /> })}
                {exercise.then(|| view! { <CheckButton /> })}
                <button
                    type="button"
                    class="open-in-app"
                    title=text("open-in-app-title")
                    on:click=open_in_app
                >
                    {text("open-in-app")}" ↗"
                </button>
            </nav>
            <NoticeBar />
            {code}
            <OutputPane />
            {exercise.then(|| view! { <CheckResults /> <CompletionCode /> })}
            <DrawingPane />
            <StepperPane />
            <StatusBar />
        </div>
    }
}
