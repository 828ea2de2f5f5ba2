//! Everything the page shows that changes, in one place: reactive signals the
//! components read and the controller writes.

use leptos::prelude::*;
use sandpiper_protocol::{CodeInfo, Hint, PyError, SessionId};

use crate::drawing::Drawing;
use crate::exercise::{CheckView, Exercise};
pub use crate::run_machine::{InputMode, Status};
use crate::stepper::Stepper;
use crate::workspace::Workspace;

/// The bytecode of one version of the program, with the text it was compiled from (the
/// viewer shows each source line above its instructions).
#[derive(Clone, Debug, PartialEq)]
pub struct Bytecode {
    pub source: String,
    pub result: Result<Vec<CodeInfo>, PyError>,
}

impl Bytecode {
    pub fn source_line(&self, line: u32) -> &str {
        (line as usize)
            .checked_sub(1)
            .and_then(|index| self.source.lines().nth(index))
            .unwrap_or("")
    }
}

/// A message above the editor about what happened to the program (a share link or a file
/// opened, a link made) or why something could not be done.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// A link shown for copying (Share).
    pub link: Option<String>,
    /// What the notice offers to do.
    pub action: Option<NoticeAction>,
}

/// A notice's button.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeAction {
    /// Switch programs: exchange the files with the newest set aside.
    SwapSetAside,
    /// Undo: bring back the file just deleted.
    UndoDelete,
    /// Make it main.py: a `.py` file just added becomes the program Run starts.
    MakeMain(String),
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
            link: None,
            action: None,
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            is_error: true,
            ..Self::info(text)
        }
    }

    pub fn swappable(text: impl Into<String>) -> Self {
        Self::offering(text, NoticeAction::SwapSetAside)
    }

    pub fn offering(text: impl Into<String>, action: NoticeAction) -> Self {
        Self {
            action: Some(action),
            ..Self::info(text)
        }
    }

    pub fn link(text: impl Into<String>, link: String) -> Self {
        Self {
            link: Some(link),
            ..Self::info(text)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Output,
    Steps,
    Bytecode,
    Drawing,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Whether edits are saved in local storage (not in embedded widgets, whose code
    /// comes from their page).
    pub persist_code: bool,
    /// A view of the controller's `RunMachine`, kept current by the controller.
    pub status: RwSignal<Status>,
    pub instruction_budget: RwSignal<u64>,
    pub bytecode: RwSignal<Option<Bytecode>>,
    /// The source line whose bytecode is highlighted (editor cursor or hover).
    pub highlighted_line: RwSignal<Option<u32>>,
    /// The line the editor's cursor is on.
    pub cursor_line: RwSignal<Option<u32>>,
    /// The last Step's recording and the step shown.
    pub stepper: RwSignal<Option<Stepper>>,
    pub tab: RwSignal<Tab>,
    pub input_mode: RwSignal<InputMode>,
    /// The `StdinBox` text.
    pub stdin_text: RwSignal<String>,
    /// Whether the browser has a network (the app works without one).
    pub online: RwSignal<bool>,
    /// A newer build is downloaded and waits for a reload.
    pub update_ready: RwSignal<bool>,
    pub notice: RwSignal<Option<Notice>>,
    /// The editor is mounted (a widget's autorun waits for it as well as for Python).
    pub editor_mounted: RwSignal<bool>,
    /// The student's files. Typing changes a text without notifying (nothing shows texts
    /// reactively); a file added, renamed, deleted or brought to the front notifies.
    pub workspace: RwSignal<Workspace>,
    /// What the last run drew (turtle graphics).
    pub drawing: RwSignal<Drawing>,
    /// The hint for the error the last run or REPL entry ended with.
    pub hint: RwSignal<Option<Hint>>,
    /// Whether hints show (`?hints=0` turns them off).
    pub hints_wanted: bool,
    /// The language of what Sandpiper says (a `sandpiper_messages::LANGUAGES` tag).
    pub language: RwSignal<&'static str>,
    /// The group a widget belongs to (`data-session`), whose namespace its runs share.
    pub group: StoredValue<Option<WidgetGroup>>,
    /// An exercise widget's check (`data-check`).
    pub exercise: StoredValue<Option<Exercise>>,
    /// The last Check's results, until the next run.
    pub check: RwSignal<Option<CheckView>>,
    /// This browser passed the exercise's check (now or before).
    pub exercise_done: RwSignal<bool>,
}

/// A widget's group: its interpreter in the worker, and the code of the group's widgets
/// above this one, in page order.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetGroup {
    pub session: SessionId,
    pub earlier: Vec<String>,
}

impl AppState {
    pub fn new(persist_code: bool, hints_wanted: bool, language: &'static str) -> Self {
        Self {
            persist_code,
            status: RwSignal::new(Status::Loading {
                loaded: 0,
                total: None,
                run_queued: false,
            }),
            instruction_budget: RwSignal::new(0),
            bytecode: RwSignal::new(None),
            highlighted_line: RwSignal::new(None),
            cursor_line: RwSignal::new(None),
            stepper: RwSignal::new(None),
            tab: RwSignal::new(Tab::Output),
            input_mode: RwSignal::new(InputMode::Shared),
            stdin_text: RwSignal::new(String::new()),
            online: RwSignal::new(true),
            update_ready: RwSignal::new(false),
            notice: RwSignal::new(None),
            editor_mounted: RwSignal::new(false),
            workspace: RwSignal::new(Workspace::new("")),
            drawing: RwSignal::new(Drawing::default()),
            hint: RwSignal::new(None),
            hints_wanted,
            language: RwSignal::new(language),
            group: StoredValue::new(None),
            exercise: StoredValue::new(None),
            check: RwSignal::new(None),
            exercise_done: RwSignal::new(false),
        }
    }
}
