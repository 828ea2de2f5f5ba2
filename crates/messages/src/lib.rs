//! What Sandpiper says to students, in their language: one Fluent catalogue per language
//! (`locales/*.ftl`), read by the page and the CLI. English is complete and the one every
//! other catalogue translates; the tests hold each translation to its ids and arguments.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use sandpiper_protocol::{Hint, HintArgument, Words};
use unic_langid::LanguageIdentifier;

/// The languages with a complete catalogue, as (tag, its own name); the first is the
/// fallback.
pub const LANGUAGES: &[(&str, &str)] = &[("en", "English"), ("es", "Español")];

/// The catalogue's text for the language `tag` (one of `LANGUAGES`).
pub fn catalogue_source(tag: &str) -> &'static str {
    match tag {
        "es" => include_str!("../locales/es.ftl"),
        _ => include_str!("../locales/en.ftl"),
    }
}

/// The best of `LANGUAGES` for a reader who asked for `requested` (BCP 47 tags, most
/// wanted first, as `navigator.languages` or `LANG`): `es-MX` gets Spanish, `de` English.
pub fn negotiate(requested: &[&str]) -> &'static str {
    let requested: Vec<LanguageIdentifier> = requested
        .iter()
        .filter_map(|tag| tag.replace('_', "-").split('.').next()?.parse().ok())
        .collect();
    let available: Vec<LanguageIdentifier> = LANGUAGES
        .iter()
        .map(|(tag, _)| tag.parse().expect("LANGUAGES holds valid tags"))
        .collect();
    let default = &available[0];
    let chosen = negotiate_languages(
        &requested,
        &available,
        Some(default),
        NegotiationStrategy::Lookup,
    );
    let chosen = chosen.first().map_or(default, |tag| *tag).to_string();
    LANGUAGES
        .iter()
        .map(|(tag, _)| *tag)
        .find(|tag| *tag == chosen)
        .unwrap_or(LANGUAGES[0].0)
}

/// One language's messages.
pub struct Catalogue {
    language: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    /// The catalogue of `tag` (English for a language without one).
    pub fn new(tag: &str) -> Self {
        let language = LANGUAGES
            .iter()
            .map(|(known, _)| *known)
            .find(|known| *known == tag)
            .unwrap_or(LANGUAGES[0].0);
        let resource = FluentResource::try_new(catalogue_source(language).to_owned())
            .unwrap_or_else(|(_, errors)| panic!("{language}.ftl does not parse: {errors:?}"));
        let mut bundle = FluentBundle::new(vec![language.parse().expect("a valid tag")]);
        // Isolation marks would show in plain-text output (the CLI, copied tracebacks).
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("{language}.ftl repeats ids: {errors:?}"));
        Self { language, bundle }
    }

    pub fn language(&self) -> &'static str {
        self.language
    }

    /// Message `id` with `arguments`; `None` when the catalogue lacks it or it needs an
    /// argument that was not given (better no text than one with a hole).
    pub fn format(&self, id: &str, arguments: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, arguments, &mut errors)
            .into_owned();
        errors.is_empty().then_some(text)
    }

    /// A UI string: message `id`, which takes no arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, None).unwrap_or_else(|| id.to_owned())
    }

    /// Message `id` with number arguments (counts, for plural forms); its id when it
    /// cannot be worded.
    pub fn counted(&self, id: &str, numbers: &[(&str, i64)]) -> String {
        let mut arguments = FluentArgs::new();
        for (name, number) in numbers {
            arguments.set(*name, FluentValue::from(*number));
        }
        self.format(id, Some(&arguments))
            .unwrap_or_else(|| id.to_owned())
    }

    /// Text for the student: an author's as written, the catalogue's in this language (its
    /// id when it cannot be worded).
    pub fn words(&self, words: &Words) -> String {
        match words {
            Words::Author(text) => text.clone(),
            Words::Catalogue(message) => self.hint(message).unwrap_or_else(|| message.id.clone()),
        }
    }

    /// The hint in words, or `None` for a hint this catalogue cannot word.
    pub fn hint(&self, hint: &Hint) -> Option<String> {
        let mut arguments = FluentArgs::new();
        for (name, value) in &hint.arguments {
            let value = match value {
                HintArgument::Number(number) => FluentValue::from(*number),
                HintArgument::Text(text) => FluentValue::from(text.as_str()),
            };
            arguments.set(name.as_str(), value);
        }
        self.format(&hint.id, Some(&arguments))
    }
}

#[cfg(test)]
mod tests;
