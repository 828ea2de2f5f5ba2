//! Exercise checks: what the author's check (`docs/exercises.md`) found, test by test.

use serde::{Deserialize, Serialize};

use crate::Hint;

/// One test of a check, in the order the check made them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub passed: bool,
    /// What the test tried: the author's name for it, or the catalogue's words.
    pub name: Words,
    /// Why it failed (never set for a test that passed): the author's message, the
    /// catalogue's description of what happened, or both, in that order.
    #[serde(default)]
    pub messages: Vec<Words>,
    /// For output that differed: the expected and the actual lines, aligned.
    #[serde(default)]
    pub diff: Vec<DiffLine>,
}

/// Text for the student: the author's own (in the page's language, presumably), or a
/// message of the catalogue with its arguments, worded in the student's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Words {
    Author(String),
    Catalogue(Hint),
}

/// One line of an output comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// In both.
    Same,
    /// Expected, missing from the program's output.
    Expected,
    /// In the program's output, not expected.
    Actual,
}

/// Whether every test passed (a check that made none did not pass).
pub fn all_passed(results: &[CheckResult]) -> bool {
    !results.is_empty() && results.iter().all(|result| result.passed)
}
