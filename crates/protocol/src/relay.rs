//! `input()` without shared memory. The worker cannot receive messages while a program
//! runs, but it can block on a synchronous request: it asks `INPUT_PATH?token=T`, the app's
//! service worker (`www/service-worker.js`) holds that request open, and the page posts
//! the answer to the service worker, which sends it back as the response body.

use serde::{Deserialize, Serialize};

/// Relative to the worker's script, inside the service worker's scope.
pub const INPUT_PATH: &str = "sandpiper-input";

/// The answer to `input()`: the response body the worker reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputAnswer {
    Line { text: String },
    Eof,
}

/// What the page posts to the service worker (JSON text, like every message here).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageMessage {
    pub sandpiper_input: String,
    /// `InputAnswer` as JSON text, passed through untouched.
    pub answer: String,
}

impl InputAnswer {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an answer always serializes")
    }

    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

impl PageMessage {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a page message always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip() {
        for answer in [
            InputAnswer::Line {
                text: "é\t<b>".into(),
            },
            InputAnswer::Eof,
        ] {
            assert_eq!(InputAnswer::from_json(&answer.to_json()).unwrap(), answer);
        }
    }

    /// The service worker reads these two fields by name.
    #[test]
    fn page_message_names_the_fields_the_service_worker_reads() {
        let message = PageMessage {
            sandpiper_input: "t1".into(),
            answer: InputAnswer::Eof.to_json(),
        };
        assert_eq!(
            message.to_json(),
            r#"{"sandpiper_input":"t1","answer":"{\"kind\":\"eof\"}"}"#
        );
    }
}
