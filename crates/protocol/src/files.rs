//! The student's workspace: the files of the program's folder, which the page keeps and a
//! run is given, and what the run did to them.

use serde::{Deserialize, Serialize};

/// One file: its name in the program's folder (`helper.py`, `data/scores.csv`) and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceFile {
    pub name: String,
    pub text: String,
}

/// The files a run (or REPL entry) wrote and removed, against those it was given or the
/// last report: the page applies them to its files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileChanges {
    /// New or changed text files, sorted by name (files that are not UTF-8 are left out).
    pub written: Vec<WorkspaceFile>,
    pub removed: Vec<String>,
}

impl FileChanges {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}
