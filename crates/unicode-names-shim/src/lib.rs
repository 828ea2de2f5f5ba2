//! `unicode_names2` 1.x's API, as far as the parser uses it, from 3.x's tables.
#![no_std]

pub use unicode_names::{Name, character, name};
