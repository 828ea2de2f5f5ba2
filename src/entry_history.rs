//! The REPL's history, as ↑ and ↓ walk it at the prompt: the lines typed since the page
//! opened, and the line being typed kept aside while older ones are shown.

/// No more than this many lines are kept (the oldest go first).
const MAX_LINES: usize = 1000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryHistory {
    lines: Vec<String>,
    /// Which line ↑/↓ shows: `lines.len()` is the line being typed.
    position: usize,
    /// The line being typed when ↑ was first pressed.
    draft: String,
}

impl EntryHistory {
    /// A line was sent: it is the newest (unless blank, or the same as the newest), and
    /// the walk starts again from the bottom.
    pub fn push(&mut self, line: &str) {
        if !line.trim().is_empty() && self.lines.last().is_none_or(|last| last != line) {
            if self.lines.len() == MAX_LINES {
                self.lines.remove(0);
            }
            self.lines.push(line.to_owned());
        }
        self.position = self.lines.len();
        self.draft.clear();
    }

    /// ↑: the line before the one shown, if there is one; `typed` is the field's text.
    pub fn older(&mut self, typed: &str) -> Option<&str> {
        if self.position == 0 {
            return None;
        }
        if self.position == self.lines.len() {
            typed.clone_into(&mut self.draft);
        }
        self.position -= 1;
        Some(&self.lines[self.position])
    }

    /// ↓: the line after the one shown, back to what was being typed.
    pub fn newer(&mut self) -> Option<&str> {
        if self.position >= self.lines.len() {
            return None;
        }
        self.position += 1;
        Some(self.lines.get(self.position).unwrap_or(&self.draft))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_and_down_walk_the_lines_and_come_back_to_the_draft() {
        let mut history = EntryHistory::default();
        assert_eq!(history.older("x"), None);
        for line in ["a = 1", "a = 1", "", "print(a)"] {
            history.push(line);
        }
        assert_eq!(history.older("pri"), Some("print(a)"));
        assert_eq!(history.older("ignored"), Some("a = 1"));
        assert_eq!(history.older("ignored"), None);
        assert_eq!(history.newer(), Some("print(a)"));
        assert_eq!(history.newer(), Some("pri"));
        assert_eq!(history.newer(), None);
        history.push("a");
        assert_eq!(history.older(""), Some("a"));
    }

    #[test]
    fn the_oldest_lines_go_past_the_limit() {
        let mut history = EntryHistory::default();
        for n in 0..=MAX_LINES {
            history.push(&n.to_string());
        }
        let mut oldest = None;
        while let Some(line) = history.older("") {
            oldest = Some(line.to_owned());
        }
        assert_eq!(oldest.as_deref(), Some("1"));
    }
}
