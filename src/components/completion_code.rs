//! Once an exercise is passed, on a page whose teacher set a key (`data-code-key`): the
//! student types their name and gets the code the teacher can check
//! (`sandpiper completion-code`; docs/exercises.md says what it proves).

use leptos::prelude::*;
use sandpiper_protocol::{Hint, HintArgument, completion_code};

use crate::controller::Controller;
use crate::language::{ui_text, with_catalogue};

#[component]
pub fn CompletionCode() -> impl IntoView {
    let state = expect_context::<Controller>().state;
    let name = RwSignal::new(String::new());
    // The code and the name it was made for.
    let code = RwSignal::new(None::<(String, String)>);
    let text = move |id| ui_text(state.language, id);
    let make = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty() {
            return;
        }
        let made = state.exercise.with_value(|exercise| {
            let exercise = exercise.as_ref()?;
            Some(completion_code(
                exercise.code_key.as_ref()?,
                &exercise.id,
                &typed,
            ))
        });
        code.set(made.map(|made| (made, typed)));
    };
    let label = move |who: &str| {
        let message = Hint {
            id: "completion-code-label".to_owned(),
            arguments: vec![("name".to_owned(), HintArgument::Text(who.to_owned()))],
        };
        with_catalogue(state.language.get(), |catalogue| {
            catalogue.hint(&message).unwrap_or_default()
        })
    };
    let result = move || {
        code.get().map(|(made, who)| {
            view! {
                <p class="completion-code-result" role="status">
                    {label(&who)}
                    " "
                    <code>{made}</code>
                </p>
            }
        })
    };
    let wanted = move || {
        state.exercise_done.get()
            && state.exercise.with_value(|exercise| {
                exercise
                    .as_ref()
                    .is_some_and(|exercise| exercise.code_key.is_some())
            })
    };
    move || {
        wanted().then(|| {
            view! {
                <form class="completion-code" on:submit=make>
                    <label>
                        {text("completion-code-name")}
                        <input
                            type="text"
                            autocomplete="name"
                            prop:value=move || name.get()
                            on:input=move |event| name.set(event_target_value(&event))
                        />
                    </label>
                    <button type="submit">{text("completion-code-make")}</button>
                    {result}
                </form>
            }
        })
    }
}
