//! The parts of Sandpiper's page that need no browser, so they are tested natively with
//! `cargo test -p sandpiper-app`: the run lifecycle, its wording, share links, the stepper, the REPL's history, turtle drawings and exercise checks. The
//! page itself (components, the worker link, the editor binding) is the binary,
//! `main.rs`.

pub mod completion;
pub mod drawing;
pub mod entry_history;
pub mod exercise;
pub mod run_machine;
pub mod share_link;
pub mod stepper;
pub mod wording;
pub mod workspace;
