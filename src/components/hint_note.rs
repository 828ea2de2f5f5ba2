//! A beginner's hint under the output, for the error the last run or entry ended with: kept
//! out of the output itself, which stays exactly what CPython prints.

use leptos::prelude::*;

use crate::controller::Controller;
use crate::language::with_catalogue;

#[component]
pub fn HintNote() -> impl IntoView {
    let state = expect_context::<Controller>().state;
    let worded = move || {
        if !state.hints_wanted {
            return None;
        }
        let hint = state.hint.get()?;
        let language = state.language.get();
        with_catalogue(language, |catalogue| {
            Some((
                catalogue.hint(&hint)?,
                catalogue.text("hint-label"),
                language,
            ))
        })
    };
    move || {
        worded().map(|(text, label, language)| {
            view! {
                <p class="hint-note" role="note" lang=language>
                    <strong class="hint-label">{label}": "</strong>
                    {text}
                </p>
            }
        })
    }
}
