use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use sandpiper_protocol::{Hint, HintArgument};

use super::{Catalogue, LANGUAGES, catalogue_source, negotiate};

/// Each message of a catalogue with the variables it uses.
fn messages(tag: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(catalogue_source(tag))
        .unwrap_or_else(|(_, errors)| panic!("{tag}.ftl: {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                Some((message.id.name.to_owned(), variables))
            }
            _ => None,
        })
        .collect()
}

fn pattern_variables(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, found);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                pattern_variables(&variant.value, found);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, found),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, found),
        _ => {}
    }
}

#[test]
fn every_translation_has_englishs_messages_with_the_same_arguments() {
    let english = messages("en");
    for (tag, _) in &LANGUAGES[1..] {
        let translated = messages(tag);
        assert_eq!(
            english.keys().collect::<Vec<_>>(),
            translated.keys().collect::<Vec<_>>(),
            "{tag}.ftl has other ids than en.ftl"
        );
        for (id, variables) in &english {
            assert_eq!(variables, &translated[id], "{tag}.ftl's {id}");
        }
        // And each one formats (a message reference or a selector that does not resolve
        // would be an error).
        let catalogue = Catalogue::new(tag);
        assert_eq!(catalogue.language(), *tag);
        assert!(catalogue.text("hint-label") != "hint-label");
    }
}

/// Every hint and test description the engine can give (their ids are literals in
/// `_sandpiper_hints.py` and `_sandpiper_check.py`) is in the English catalogue, so none
/// ever shows as nothing for a missing message.
#[test]
fn every_message_the_engine_gives_is_in_the_catalogue() {
    let english = messages("en");
    for (source, prefix, at_least) in [
        (
            include_str!("../../engine/python/lib/_sandpiper_hints.py"),
            "hint-",
            40,
        ),
        (
            include_str!("../../engine/python/lib/_sandpiper_check.py"),
            "check-",
            10,
        ),
    ] {
        let given: BTreeSet<&str> = source
            .split('"')
            .filter(|piece| piece.starts_with(prefix) && !piece.contains(' '))
            .collect();
        assert!(
            given.len() >= at_least,
            "found {} {prefix} ids",
            given.len()
        );
        for id in given {
            assert!(english.contains_key(id), "en.ftl lacks {id}");
        }
    }
}

#[test]
fn hints_read_with_their_arguments_and_plural_forms() {
    let hint = |id: &str, arguments: &[(&str, HintArgument)]| Hint {
        id: id.to_owned(),
        arguments: arguments
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .collect(),
    };
    let text = |value: &str| HintArgument::Text(value.to_owned());
    let index = |length| {
        hint(
            "hint-index-out-of-range",
            &[
                ("name", text("names")),
                ("type", text("list")),
                ("length", HintArgument::Number(length)),
                ("last", HintArgument::Number(length - 1)),
                ("index", HintArgument::Number(3)),
            ],
        )
    };
    let english = Catalogue::new("en");
    assert_eq!(
        english.hint(&index(1)).unwrap(),
        "names has one item, so its positions go from 0 to 0 (or from -1 to -1), and the \
         index here is 3."
    );
    assert!(
        english
            .hint(&index(3))
            .unwrap()
            .starts_with("names has 3 items,")
    );
    let spanish = Catalogue::new("es");
    assert!(
        spanish
            .hint(&index(3))
            .unwrap()
            .starts_with("names tiene 3 elementos,")
    );
    // A missing argument leaves the hint out instead of showing a hole.
    assert_eq!(english.hint(&hint("hint-divide-by-zero", &[])), None);
    assert_eq!(english.hint(&hint("hint-no-such-message", &[])), None);
}

#[test]
fn the_language_follows_the_readers_preferences() {
    assert_eq!(negotiate(&["es-MX", "en"]), "es");
    assert_eq!(negotiate(&["de-DE", "es"]), "es");
    assert_eq!(negotiate(&["de-DE"]), "en");
    assert_eq!(negotiate(&["es_ES.UTF-8"]), "es");
    assert_eq!(negotiate(&["not a tag", "C"]), "en");
    assert_eq!(negotiate(&[]), "en");
}
