//! The language the page speaks to the student (its error hints, through
//! `sandpiper-messages`' catalogues): `?lang=` (a widget's `data-lang`), else the one chosen
//! with the toolbar's picker (remembered), else the browser's (`navigator.languages`).
//! `?hints=0` (a widget's `data-hints="off"`) turns the hints off.

use std::cell::RefCell;

use leptos::prelude::{Get, RwSignal};
use sandpiper_messages::{Catalogue, negotiate};

use crate::storage::local_storage;
use crate::url_options::text;

const STORAGE_KEY: &str = "sandpiper-language";

/// The language to start in.
pub fn initial() -> &'static str {
    let chosen = text("lang").or_else(|| local_storage()?.get_item(STORAGE_KEY).ok().flatten());
    let mut requested: Vec<String> = chosen.into_iter().collect();
    if let Some(window) = web_sys::window() {
        requested.extend(
            window
                .navigator()
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string()),
        );
    }
    let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
    negotiate(&requested)
}

/// Remembers the student's choice for the next visit (a widget's `?lang=` still wins).
pub fn remember(tag: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, tag);
    }
}

/// Whether hints show: all but `?hints=0` (or `off`, `false`, `no`).
pub fn hints_wanted() -> bool {
    !text("hints").is_some_and(|value| matches!(value.as_str(), "0" | "off" | "false" | "no"))
}

thread_local! {
    /// The catalogue last used: parsing one takes a moment, and the language rarely changes.
    static CATALOGUE: RefCell<Option<Catalogue>> = const { RefCell::new(None) };
}

/// `read` with the catalogue of `tag`.
pub fn with_catalogue<R>(tag: &str, read: impl FnOnce(&Catalogue) -> R) -> R {
    CATALOGUE.with_borrow_mut(|cached| {
        let catalogue = match cached {
            Some(catalogue) if catalogue.language() == tag => catalogue,
            _ => cached.insert(Catalogue::new(tag)),
        };
        read(catalogue)
    })
}

/// UI string `id` in the page's language, as a reactive text for a view.
pub fn ui_text(language: RwSignal<&'static str>, id: &'static str) -> impl Fn() -> String + Copy {
    move || with_catalogue(language.get(), |catalogue| catalogue.text(id))
}
