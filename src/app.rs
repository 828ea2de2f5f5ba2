//! The page's layout; it creates the state and the controller and starts the worker.

use leptos::prelude::*;

use crate::components::{
    BytecodePane, DrawingPane, EditorPane, FileBar, NoticeBar, OutputPane, StatusBar, StepperPane,
    Toolbar,
};
use crate::controller::Controller;
use crate::language::{self, ui_text};
use crate::state::{AppState, Tab};

#[component]
pub fn App() -> impl IntoView {
    let controller = Controller::new(AppState::new(
        true,
        language::hints_wanted(),
        language::initial(),
    ));
    provide_context(controller);
    // Start downloading the runtime before anything else renders.
    controller.start_worker(true);
    crate::offline::watch(controller.state);
    let shared_step = crate::program_io::shared_step();
    controller
        .state
        .workspace
        .set(crate::program_io::initial_workspace(controller.state));
    if let Some(index) = shared_step {
        controller.once_editor_ready(move || controller.step_to(index));
    }
    crate::program_io::watch_fragment(controller);
    let tab = controller.state.tab;
    let text = move |id| ui_text(controller.state.language, id);
    let tab_button = move |which: Tab, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                id=id
                aria-controls=format!("{id}-panel")
                aria-selected=move || (tab.get() == which).to_string()
                tabindex=move || if tab.get() == which { "0" } else { "-1" }
                on:click=move |_| tab.set(which)
            >
                {text(label)}
            </button>
        }
    };
    view! {
        <header class="top">
            <h1 class="brand">"Sandpiper"</h1>
            <Toolbar />
            <NoticeBar />
        </header>
        <main class="workspace">
            <div class="editor-column">
                <FileBar editable=true />
                <EditorPane />
            </div>
            <section class="side" aria-label=text("results-label")>
                <div class="tabs" role="tablist" aria-label=text("results-label")>
                    {tab_button(Tab::Output, "tab-output", "tab-output-label")}
                    {tab_button(Tab::Steps, "tab-steps", "tab-steps-label")}
                    {tab_button(Tab::Bytecode, "tab-bytecode", "tab-bytecode-label")}
                    {tab_button(Tab::Drawing, "tab-drawing", "tab-drawing-label")}
                </div>
                <OutputPane in_tabs=true />
                <StepperPane in_tabs=true />
                <BytecodePane />
                <DrawingPane in_tabs=true />
            </section>
        </main>
        <StatusBar />
    }
}
