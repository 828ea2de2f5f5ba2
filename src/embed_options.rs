//! What an embedded widget (`embed.html`) reads from its address: the program (`?code=`
//! as plain text, or a share link's `#code=` or `#files=`), more files (`?files=`, the
//! JSON of `[{"name": …, "text": …}]`), `?readonly`, `?autorun`, `?repl` (a Python
//! prompt under the output), `?hide-code` (the code folded away), `?step` (open in
//! the stepper; `?step=N` at step N, as a share link's `&step=N`), `?height=` (the
//! editor's height in pixels), `?theme=light|dark`, and `?session=` (the widget's group,
//! whose namespace its runs share) with `?above=` (the JSON list of the code of the group's
//! widgets above it); `?lang=` and `?hints=` are the page's (`language.rs`).

use sandpiper_protocol::{WorkspaceFile, group_session};

use crate::editor::EditorOptions;
use crate::exercise::Exercise;
use crate::share_link;
use crate::state::WidgetGroup;
use crate::url_options::{flag, fragment, text};
use crate::workspace::{MAIN, Workspace};

pub struct EmbedOptions {
    /// The files, or why the link's could not be read.
    pub workspace: Result<Workspace, String>,
    pub editor: EditorOptions,
    pub autorun: bool,
    /// A REPL under the output, in the namespace the last run left.
    pub repl: bool,
    /// The code starts folded away (a lesson that shows a program's drawing or output).
    pub hide_code: bool,
    /// The line step to open the stepper at, from 0.
    pub step: Option<usize>,
    pub editor_height: Option<u32>,
    /// The widget's group (`data-session`).
    pub group: Option<WidgetGroup>,
    /// The widget is an exercise (`data-check`).
    pub exercise: Option<Exercise>,
    /// Why the exercise's check could not be had (`?check-error=`, from the embed script).
    pub check_error: Option<String>,
}

impl EmbedOptions {
    pub fn from_address() -> Self {
        let workspace = match share_link::workspace_in(&fragment()) {
            Some(shared) => shared,
            None => files_in_address(),
        };
        Self {
            workspace,
            editor: EditorOptions {
                read_only: flag("readonly"),
                theme: text("theme").unwrap_or_default(),
            },
            autorun: flag("autorun"),
            repl: flag("repl"),
            hide_code: flag("hide-code"),
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
            group: text("session")
                .filter(|name| !name.trim().is_empty())
                .map(|name| WidgetGroup {
                    session: group_session(name.trim()),
                    // Unreadable, it only costs the "run the ones above" button and its hint.
                    earlier: text("above")
                        .and_then(|above| serde_json::from_str(&above).ok())
                        .unwrap_or_default(),
                }),
            exercise: text("check")
                .filter(|check| !check.trim().is_empty())
                .map(|check| Exercise {
                    // `sandpiper-embed.js` always gives one (the page's address and the
                    // exercise's place on it, unless the author named it).
                    id: text("exercise")
                        .map(|id| id.trim().to_owned())
                        .filter(|id| !id.is_empty())
                        .unwrap_or_else(|| "exercise".to_owned()),
                    check,
                    code_key: text("code-key").filter(|key| !key.is_empty()),
                }),
            check_error: text("check-error"),
        }
    }
}

/// `?code=` as main.py, and `?files=`'s files beside it.
fn files_in_address() -> Result<Workspace, String> {
    let mut files = match text("files") {
        Some(json) => serde_json::from_str::<Vec<WorkspaceFile>>(&json)
            .map_err(|_| "its files are not a JSON list of names and texts".to_owned())?,
        None => Vec::new(),
    };
    files.retain(|file| file.name != MAIN);
    files.insert(
        0,
        WorkspaceFile {
            name: MAIN.to_owned(),
            text: text("code").unwrap_or_default(),
        },
    );
    Workspace::from_files(files, None)
}
