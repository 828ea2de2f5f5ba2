//! Where a run spends its steps, sampled at the budget's check-ins (every
//! `run_state::CHECK_INTERVAL` instructions): the line of the program's innermost frame at
//! each, and that frame's variables at the last few, which are taken only once the run is
//! near its budget or deadline. A run stopped by either reports them (`Hotspots`). Check-ins
//! come where the VM looks at its hook (backward jumps, calls, starts of frames), so a loop's
//! samples fall mostly on the line of the jump that closes it: they say which loop spins,
//! not how its steps divide among its lines.

use std::collections::{HashMap, VecDeque};

use rustpython_vm::VirtualMachine;
use rustpython_vm::frame::FrameObjectRef;

use crate::line_recorder::frame_variables;
use sandpiper_protocol::{Hotspots, Snapshot};

/// Samples whose variables are kept.
pub const SNAPSHOTS: usize = 8;

#[derive(Default)]
pub struct Sampler {
    lines: HashMap<u32, u32>,
    last: VecDeque<Snapshot>,
}

impl Sampler {
    /// One sample of `frame`, the program's innermost frame; with its variables when
    /// `near_end`.
    pub fn sample(&mut self, frame: &FrameObjectRef, near_end: bool, vm: &VirtualMachine) {
        let line = u32::try_from(frame.lineno()).unwrap_or(0);
        *self.lines.entry(line).or_default() += 1;
        if near_end {
            if self.last.len() == SNAPSHOTS {
                self.last.pop_front();
            }
            self.last.push_back(Snapshot {
                qualname: frame.f_code().qualname.as_str().to_owned(),
                line,
                locals: frame_variables(frame, vm),
            });
        }
    }

    /// What was sampled, lines most sampled first (ties by line); the sampler is empty
    /// again.
    pub fn take(&mut self, every: u64) -> Hotspots {
        let mut lines: Vec<(u32, u32)> = self.lines.drain().collect();
        lines.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Hotspots {
            every,
            lines,
            last: self.last.drain(..).collect(),
        }
    }
}
