//! The notice above the editor: what happened to the program (a share link or a file
//! opened, a link made) or why something could not be done, with what can be done next.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::program_io;

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
                    {shown
                        .offers_swap
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="swap"
                                    title="Exchange the program in the editor with the one set aside"
                                    on:click=move |_| program_io::swap_with_set_aside(controller)
                                >
                                    "Switch programs"
                                </button>
                            }
                        })}
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
