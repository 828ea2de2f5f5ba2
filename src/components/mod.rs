//! One component per file.

mod bytecode_pane;
mod drawing_pane;
mod editor_pane;
mod embed_widget;
mod file_bar;
mod hint_note;
mod language_picker;
mod memory_view;
mod notice_bar;
mod output_pane;
mod run_above_first;
mod run_stop_buttons;
mod status_bar;
mod stdin_box;
mod stepper_pane;
mod toolbar;

pub use bytecode_pane::BytecodePane;
pub use drawing_pane::{CANVAS_ID as DRAWING_CANVAS_ID, DrawingPane};
pub use editor_pane::EditorPane;
pub use embed_widget::EmbedWidget;
pub use file_bar::FileBar;
pub use hint_note::HintNote;
pub use language_picker::LanguagePicker;
pub use memory_view::MemoryView;
pub use notice_bar::NoticeBar;
pub use output_pane::OutputPane;
pub use run_above_first::RunAboveFirst;
pub use run_stop_buttons::RunStopButtons;
pub use status_bar::StatusBar;
pub use stdin_box::StdinBox;
pub use stepper_pane::StepperPane;
pub use toolbar::Toolbar;
