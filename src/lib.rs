//! The parts of Sandpiper's page that need no browser, so they are tested natively with
//! `cargo test -p sandpiper-app`: the run lifecycle, its wording, share links and the stepper. The
//! page itself (components, the worker link, the editor binding) is the binary,
//! `main.rs`.

pub mod run_machine;
pub mod share_link;
pub mod stepper;
pub mod wording;
