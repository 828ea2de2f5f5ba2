//! The worker's interpreters: one per page or widget that shares it (`SessionId`), made
//! on first use. Their number is capped; past it the least recently used one is dropped
//! (its next run starts from a fresh interpreter, as after a reload).

use std::rc::Rc;

use sandpiper_engine::{Checker, Session};
use sandpiper_protocol::SessionId;

use crate::host::{CurrentRun, WorkerHost};

/// About 9 MB each (ten widget interpreters that imported json grew the worker's memory from
/// 25 to 112 MB), so a full house stays well under the worker's memory limit.
const MAX_SESSIONS: usize = 16;

pub struct Sessions {
    current_run: Rc<CurrentRun>,
    /// Most recently used last.
    sessions: Vec<(SessionId, Session)>,
    /// The interpreters of exercise checks (the check's and the student's), made on the
    /// first Check.
    checker: Option<Checker>,
}

impl Sessions {
    /// The interpreter built at start-up, before anyone asked.
    pub const FIRST: SessionId = 0;

    /// With the first interpreter built.
    pub fn new() -> Self {
        let mut sessions = Self {
            current_run: Rc::default(),
            sessions: Vec::new(),
            checker: None,
        };
        sessions.get(Self::FIRST);
        sessions
    }

    /// What the request handler tells every interpreter's host about the run in progress.
    pub fn current_run(&self) -> Rc<CurrentRun> {
        self.current_run.clone()
    }

    /// The interpreters every exercise widget's Check runs in.
    pub fn checker(&mut self) -> &mut Checker {
        let current_run = &self.current_run;
        self.checker.get_or_insert_with(|| {
            Checker::new(
                Box::new(WorkerHost::new(current_run.clone())),
                Box::new(WorkerHost::new(current_run.clone())),
            )
        })
    }

    pub fn get(&mut self, id: SessionId) -> &mut Session {
        let index = match self.sessions.iter().position(|(known, _)| *known == id) {
            Some(index) => index,
            None => {
                if self.sessions.len() >= MAX_SESSIONS {
                    self.sessions.remove(0);
                }
                let host = WorkerHost::new(self.current_run.clone());
                self.sessions.push((id, Session::new(Box::new(host))));
                self.sessions.len() - 1
            }
        };
        let entry = self.sessions.remove(index);
        self.sessions.push(entry);
        &mut self.sessions.last_mut().expect("just pushed").1
    }
}
