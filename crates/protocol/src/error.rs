//! Exceptions as data: what the UI needs to point at the line, and the text CPython
//! would print.

use serde::{Deserialize, Serialize};

/// One entry of a traceback, innermost last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceFrame {
    pub filename: String,
    pub line: u32,
    pub end_line: Option<u32>,
    /// 0-based column where the failing expression starts, where known.
    pub column: Option<u32>,
    pub end_column: Option<u32>,
    pub function: String,
}

/// Where a `SyntaxError` is (1-based line and column, as Python reports them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxLocation {
    pub line: u32,
    pub column: u32,
    pub end_line: Option<u32>,
    pub end_column: Option<u32>,
    pub text: Option<String>,
    /// The file it is in (`main.py`, or a module it imports); absent in older workers.
    #[serde(default)]
    pub filename: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PyError {
    /// As Python prints it: `NameError`, `__main__.MyError`, `json.decoder.JSONDecodeError`.
    pub type_name: String,
    pub message: String,
    pub frames: Vec<TraceFrame>,
    /// The whole traceback as CPython would print it.
    pub text: String,
    pub syntax: Option<SyntaxLocation>,
    /// Help for a beginner, when something specific can be said; absent in older workers.
    /// (Boxed: most errors have none, and messages that carry an error stay small.)
    #[serde(default)]
    pub hint: Option<Box<Hint>>,
}

/// A beginner's hint as a message of the catalogue (`sandpiper-messages`) and its
/// arguments, so that the page words it in the student's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hint {
    /// The catalogue's message id, as `hint-missing-colon`.
    pub id: String,
    pub arguments: Vec<(String, HintArgument)>,
}

/// A hint's argument: numbers stay numbers, for the catalogue's plural forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum HintArgument {
    Number(i64),
    Text(String),
}

impl PyError {
    /// The traceback's last line: `ValueError: invalid literal…`, or the type alone when
    /// the message is empty.
    pub fn last_line(&self) -> String {
        if self.message.is_empty() {
            self.type_name.clone()
        } else {
            format!("{}: {}", self.type_name, self.message)
        }
    }

    /// The innermost line of file `filename`, for marking in the editor.
    pub fn line_in(&self, filename: &str) -> Option<u32> {
        if let Some(syntax) = &self.syntax
            && syntax
                .filename
                .as_deref()
                .is_none_or(|name| name == filename)
        {
            return Some(syntax.line);
        }
        self.frames
            .iter()
            .rev()
            .find(|f| f.filename == filename)
            .map(|f| f.line)
    }
}
