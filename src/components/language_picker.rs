//! The toolbar's choice of the language Sandpiper speaks in (its hints, for now).

use leptos::prelude::*;
use sandpiper_messages::LANGUAGES;

use crate::controller::Controller;
use crate::language::{remember, with_catalogue};

/// The toolbar's choice of language for what Sandpiper says (its hints).
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let state = expect_context::<Controller>().state;
    let on_change = move |event: web_sys::Event| {
        let chosen = event_target_value(&event);
        if let Some((tag, _)) = LANGUAGES.iter().find(|(tag, _)| *tag == chosen) {
            remember(tag);
            state.language.set(tag);
        }
    };
    let label = move || {
        with_catalogue(state.language.get(), |catalogue| {
            catalogue.text("language-label")
        })
    };
    view! {
        <select class="language" aria-label=label title=label on:change=on_change>
            {LANGUAGES
                .iter()
                .map(|(tag, name)| {
                    view! {
                        <option value=*tag lang=*tag selected=move || state.language.get() == *tag>
                            {*name}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
