//! What an exercise widget's Check found: a summary, then each test passed or failed with
//! the author's message and, for output, the expected and actual lines.

use leptos::prelude::*;
use sandpiper_messages::Catalogue;
use sandpiper_protocol::{CheckResult, DiffKind};

use crate::controller::Controller;
use crate::exercise::{CheckEnding, CheckView};
use crate::language::with_catalogue;

#[component]
pub fn CheckResults() -> impl IntoView {
    let state = expect_context::<Controller>().state;
    move || {
        let view = state.check.get()?;
        let language = state.language.get();
        Some(with_catalogue(language, |catalogue| {
            let (summary, tone) = summary(&view, catalogue);
            let tests = view.results.clone().unwrap_or_default();
            let label = catalogue.text("check-results-label");
            let tests = tests
                .iter()
                .map(|result| test_view(result, catalogue))
                .collect_view();
            view! {
                <section class="check-results" aria-label=label lang=language>
                    <p class=format!("check-summary {tone}") role="status">{summary}</p>
                    <ol class="check-tests">{tests}</ol>
                </section>
            }
        }))
    }
}

/// The line above the tests, and its tone for styling (`passed`, `failed`, `pending`).
fn summary(view: &CheckView, catalogue: &Catalogue) -> (String, &'static str) {
    let (failed, count) = view.counts();
    match view.ending {
        None => (catalogue.text("check-running"), "pending"),
        Some(CheckEnding::Failed) => (catalogue.text("check-broken"), "failed"),
        Some(CheckEnding::Stopped) => (catalogue.text("check-stopped"), "failed"),
        Some(CheckEnding::Completed) if count == 0 => (catalogue.text("check-no-tests"), "failed"),
        Some(CheckEnding::Completed) if failed == 0 => (
            catalogue.counted("check-all-passed", &[("count", count as i64)]),
            "passed",
        ),
        Some(CheckEnding::Completed) => (
            catalogue.counted(
                "check-some-failed",
                &[("failed", failed as i64), ("count", count as i64)],
            ),
            "failed",
        ),
    }
}

fn test_view(result: &CheckResult, catalogue: &Catalogue) -> impl IntoView + use<> {
    let (mark, verdict, class) = if result.passed {
        ("✓", catalogue.text("check-passed"), "check-test passed")
    } else {
        ("✗", catalogue.text("check-failed"), "check-test failed")
    };
    let messages = result
        .messages
        .iter()
        .map(|words| view! { <p class="check-message">{catalogue.words(words)}</p> })
        .collect_view();
    let diff = (!result.diff.is_empty()).then(|| {
        let expected = catalogue.text("check-diff-expected");
        let actual = catalogue.text("check-diff-actual");
        let lines = result
            .diff
            .iter()
            .map(|line| {
                let (sign, class) = match line.kind {
                    DiffKind::Same => ("  ", "diff-same"),
                    DiffKind::Expected => ("- ", "diff-expected"),
                    DiffKind::Actual => ("+ ", "diff-actual"),
                };
                view! { <span class=class>{sign}{line.text.clone()}"\n"</span> }
            })
            .collect_view();
        view! {
            <p class="diff-legend">
                <span class="diff-expected">"- "{expected}</span>
                <span class="diff-actual">"+ "{actual}</span>
            </p>
            <pre class="check-diff">{lines}</pre>
        }
    });
    view! {
        <li class=class>
            <span class="check-mark" aria-hidden="true">{mark}</span>
            <span class="sr-only">{verdict}": "</span>
            <span class="check-name">{catalogue.words(&result.name)}</span>
            {messages}
            {diff}
        </li>
    }
}
