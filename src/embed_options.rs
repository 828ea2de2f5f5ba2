//! What an embedded widget (`embed.html`) reads from its address: the program (`?code=`
//! as plain text, or a share link's `#code=`), `?readonly`, `?autorun`, `?repl` (a Python
//! prompt under the output), `?step` (open in
//! the stepper; `?step=N` at step N, as a share link's `&step=N`), `?height=` (the
//! editor's height in pixels) and `?theme=light|dark`.

use crate::editor::EditorOptions;
use crate::share_link;
use crate::url_options::{flag, fragment, text};

pub struct EmbedOptions {
    /// The program, or why the link's program could not be read.
    pub code: Result<String, String>,
    pub editor: EditorOptions,
    pub autorun: bool,
    /// A REPL under the output, in the namespace the last run left.
    pub repl: bool,
    /// The line step to open the stepper at, from 0.
    pub step: Option<usize>,
    pub editor_height: Option<u32>,
}

impl EmbedOptions {
    pub fn from_address() -> Self {
        let code = match share_link::program_in(&fragment()) {
            Some(shared) => shared,
            None => Ok(text("code").unwrap_or_default()),
        };
        Self {
            code,
            editor: EditorOptions {
                read_only: flag("readonly"),
                theme: text("theme").unwrap_or_default(),
            },
            autorun: flag("autorun"),
            repl: flag("repl"),
            step: share_link::step_in(&fragment()).or_else(|| {
                let step = text("step")?;
                match step.parse::<usize>() {
                    Ok(number) => Some(number.saturating_sub(1)),
                    Err(_) => flag("step").then_some(0),
                }
            }),
            editor_height: text("height")
                .and_then(|value| value.trim_end_matches("px").parse().ok())
                .filter(|&pixels| pixels >= 40),
        }
    }
}
