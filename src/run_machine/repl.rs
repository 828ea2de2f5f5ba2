//! The REPL's part of the lifecycle: a prompt under the output whenever Python is ready
//! and nothing runs; each line typed there is echoed and sent as part of an entry, which
//! the worker runs, or answers needs another line (`...`), as CPython's console does.

use std::collections::VecDeque;

use sandpiper_protocol::RunId;

use super::{Effect, InputMode, RunMachine, Runtime};

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Repl {
    /// Lines typed since the `>>>` prompt: some while the prompt is `...`.
    entry: Vec<String>,
    /// Lines pasted at once, typed one by one as the prompt comes back.
    queued: VecDeque<String>,
    /// The newest completion asked for: older answers are stale.
    completion: Option<RunId>,
}

impl Repl {
    pub(super) fn forget_entry(&mut self) {
        self.entry.clear();
        self.queued.clear();
    }

    fn prompt(&self) -> &'static str {
        if self.entry.is_empty() {
            ">>> "
        } else {
            "... "
        }
    }
}

impl RunMachine {
    /// Whether the prompt is there to type at.
    fn prompt_open(&self) -> bool {
        self.repl.is_some()
            && self.runtime == Runtime::Ready
            && self.run.is_none()
            && !self.run_queued
    }

    /// Python is idle: the next pasted line is typed, or the prompt opens.
    pub(super) fn prompt_ready(&mut self, focus: bool, now: f64, effects: &mut Vec<Effect>) {
        if !self.prompt_open() {
            return;
        }
        let Some(repl) = self.repl.as_mut() else {
            return;
        };
        match repl.queued.pop_front() {
            Some(line) => self.type_line(line, now, effects),
            None => effects.push(Effect::OpenPrompt {
                continuation: !repl.entry.is_empty(),
                focus,
            }),
        }
    }

    /// A run or entry finished: the entry is over, and the prompt comes back (where the
    /// student was typing, if it was an entry).
    pub(super) fn entry_ended(&mut self, entry: bool, now: f64, effects: &mut Vec<Effect>) {
        if let Some(repl) = self.repl.as_mut() {
            repl.entry.clear();
        }
        self.prompt_ready(entry, now, effects);
    }

    pub(super) fn entry_needs_more(&mut self, now: f64, effects: &mut Vec<Effect>) {
        self.prompt_ready(true, now, effects);
    }

    pub(super) fn entry_typed(&mut self, text: &str, now: f64, effects: &mut Vec<Effect>) {
        if !self.prompt_open() {
            return;
        }
        let Some(repl) = self.repl.as_mut() else {
            return;
        };
        let text = text.strip_suffix('\n').unwrap_or(text);
        repl.queued.extend(
            text.split('\n')
                .map(|line| line.trim_end_matches('\r').to_owned()),
        );
        self.prompt_ready(true, now, effects);
    }

    /// Echoes `line` after its prompt and runs the entry it completes (an empty line at
    /// `>>>` only gives a new prompt).
    fn type_line(&mut self, line: String, now: f64, effects: &mut Vec<Effect>) {
        let Some(repl) = self.repl.as_mut() else {
            return;
        };
        effects.push(Effect::ClosePrompt(Some(format!(
            "{}{line}\n",
            repl.prompt()
        ))));
        if repl.entry.is_empty() && line.trim().is_empty() {
            self.prompt_ready(true, now, effects);
            return;
        }
        repl.entry.push(line);
        let source = repl.entry.join("\n");
        let run = self.activate(true, now);
        effects.push(Effect::StartEntry {
            run,
            source,
            instruction_budget: self.instruction_budget,
            time_limit: self.limits.time_limit,
            memory_limit_bytes: self.limits.memory_limit_bytes,
            prefilled_stdin: self.input_mode == InputMode::Prefilled,
        });
        effects.push(Effect::StartTicker);
    }

    /// Ctrl+C at the prompt drops what was typed, as CPython's console does.
    pub(super) fn prompt_interrupted(&mut self, typed: &str, effects: &mut Vec<Effect>) {
        if !self.prompt_open() {
            return;
        }
        let Some(repl) = self.repl.as_mut() else {
            return;
        };
        let echo = format!("{}{typed}\nKeyboardInterrupt\n", repl.prompt());
        repl.forget_entry();
        effects.push(Effect::ClosePrompt(Some(echo)));
        effects.push(Effect::OpenPrompt {
            continuation: false,
            focus: true,
        });
    }

    pub(super) fn completion_wanted(&mut self, text: String, effects: &mut Vec<Effect>) {
        if !self.prompt_open() {
            return;
        }
        let id = self.next_id();
        if let Some(repl) = self.repl.as_mut() {
            repl.completion = Some(id);
            effects.push(Effect::Complete { id, text });
        }
    }

    pub(super) fn completions(
        &mut self,
        id: RunId,
        text: String,
        matches: Vec<String>,
        effects: &mut Vec<Effect>,
    ) {
        let Some(repl) = self.repl.as_mut() else {
            return;
        };
        if repl.completion == Some(id) {
            repl.completion = None;
            effects.push(Effect::ShowCompletions { text, matches });
        }
    }
}
