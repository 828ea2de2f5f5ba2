//! The notice above the editor: what happened to the program (a share link or a file
//! opened, a link made) or why something could not be done, with what can be done next.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::program_io;
use crate::state::NoticeAction;

#[component]
pub fn NoticeBar() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let notice = controller.state.notice;
    move || {
        notice.get().map(|shown| {
            view! {
                <div
                    class="notice"
                    class:error=shown.is_error
                    role=if shown.is_error { "alert" } else { "status" }
                >
                    <span class="notice-text">{shown.text}</span>
                    {shown
                        .link
                        .map(|link| {
                            view! {
                                <input
                                    class="share-link"
                                    type="text"
                                    readonly
                                    aria-label="Share link"
                                    value=link
                                    on:focus=|event| {
                                        event_target::<web_sys::HtmlInputElement>(&event).select()
                                    }
                                />
                            }
                        })}
                    {shown.action.map(|action| action_button(controller, action))}
                    <button
                        type="button"
                        class="dismiss"
                        aria-label="Dismiss"
                        on:click=move |_| notice.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}

fn action_button(controller: Controller, action: NoticeAction) -> impl IntoView {
    let (class, title, label) = match &action {
        NoticeAction::SwapSetAside => (
            "swap",
            "Exchange the files in the editor with the ones set aside",
            "Switch programs",
        ),
        NoticeAction::UndoDelete => ("undo-delete", "Bring the deleted file back", "Undo"),
        NoticeAction::MakeMain(_) => (
            "make-main",
            "Put this file's program in main.py (main.py's program is set aside)",
            "Make it main.py",
        ),
    };
    view! {
        <button
            type="button"
            class=class
            title=title
            on:click=move |_| match &action {
                NoticeAction::SwapSetAside => program_io::swap_with_set_aside(controller),
                NoticeAction::UndoDelete => controller.undo_delete(),
                NoticeAction::MakeMain(name) => program_io::make_main(controller, name),
            }
        >
            {label}
        </button>
    }
}
