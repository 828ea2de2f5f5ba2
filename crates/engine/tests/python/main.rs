//! The engine's tests, all in one test binary: each binary links the whole interpreter,
//! which takes minutes with the release profile's LTO, so one binary instead of one per file.

mod budget;
mod cli;
mod common;
mod disasm;
mod errors;
mod exercises;
mod expressions;
mod files;
mod hints;
mod io;
mod line_steps;
mod numbers;
mod objects;
mod repl;
mod sessions;
mod sets;
mod stdlib;
mod stepping;
mod turtle;
mod workspace;
