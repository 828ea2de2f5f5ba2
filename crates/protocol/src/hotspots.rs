//! Where a run that was stopped by its instruction budget or time limit spent its steps.

use serde::{Deserialize, Serialize};

/// Sampled at the engine's check-ins with the run (every `every` instructions): the line of
/// the program that was running (its innermost frame in the program's file) at each, and
/// that frame's variables at the last few. Sampling costs nothing that counting the budget
/// does not already pay for: the check-ins happen anyway.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hotspots {
    /// Instructions between two samples.
    pub every: u64,
    /// Each line that was running at a sample, and at how many, most first.
    pub lines: Vec<(u32, u32)>,
    /// The running frame's variables at the last samples, oldest first.
    pub last: Vec<Snapshot>,
}

/// The program's running frame at one sample.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub qualname: String,
    pub line: u32,
    /// Its variables' text, as the stepper shows them (a module's without its dunders).
    pub locals: Vec<(String, String)>,
}
