//! An exercise widget (`data-check`): its check, and what the last Check found, as plain
//! data.

use sandpiper_protocol::{CheckResult, all_passed};

/// What the widget's page gave it (`?check=`, `?exercise=`, `?code-key=`).
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// The author's check, Python (`docs/exercises.md`).
    pub check: String,
    /// Names the exercise for its completion mark and code.
    pub id: String,
    /// The teacher's key for completion codes, when the page set one.
    pub code_key: Option<String>,
}

/// The last Check, as the widget shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckView {
    /// `None` while the check runs.
    pub results: Option<Vec<CheckResult>>,
    /// How the check's own run ended; `None` while it runs.
    pub ending: Option<CheckEnding>,
}

/// How a check's own run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckEnding {
    /// It ran to its end: its results are all there are.
    Completed,
    /// The check itself failed (an error in it, or it ran past its limits): the author's
    /// mistake; its traceback is in the output.
    Failed,
    /// Stop was pressed.
    Stopped,
}

impl CheckView {
    /// Every test passed and the check ran to its end.
    pub fn passed(&self) -> bool {
        self.ending == Some(CheckEnding::Completed)
            && self.results.as_deref().is_some_and(all_passed)
    }

    /// (tests failed, tests made).
    pub fn counts(&self) -> (usize, usize) {
        let results = self.results.as_deref().unwrap_or_default();
        let failed = results.iter().filter(|result| !result.passed).count();
        (failed, results.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandpiper_protocol::Words;

    fn result(passed: bool) -> CheckResult {
        CheckResult {
            passed,
            name: Words::Author("a test".into()),
            messages: vec![],
            diff: vec![],
        }
    }

    #[test]
    fn a_check_passes_only_when_it_ran_to_its_end_and_every_test_passed() {
        let running = CheckView::default();
        assert!(!running.passed());
        let mut view = CheckView {
            results: Some(vec![result(true), result(true)]),
            ending: Some(CheckEnding::Completed),
        };
        assert!(view.passed());
        assert_eq!(view.counts(), (0, 2));
        view.ending = Some(CheckEnding::Failed);
        assert!(
            !view.passed(),
            "a check that broke after its tests proves nothing"
        );
        view.ending = Some(CheckEnding::Completed);
        view.results = Some(vec![result(true), result(false)]);
        assert!(!view.passed());
        assert_eq!(view.counts(), (1, 2));
        view.results = Some(vec![]);
        assert!(!view.passed(), "a check that made no test did not pass");
    }
}
