//! The page's side of the shared memory the worker created (layout in
//! `sandpiper_protocol::control`): Stop sets the interrupt flag, and a line typed for
//! `input()` is written here and the waiting worker woken.

use js_sys::{Atomics, Int32Array, SharedArrayBuffer, Uint8Array};
use sandpiper_protocol::control::*;

pub struct SharedControl {
    words: Int32Array,
    text: Uint8Array,
    events: Uint8Array,
}

impl SharedControl {
    pub fn new(buffer: &SharedArrayBuffer) -> Self {
        Self {
            words: Int32Array::new_with_byte_offset_and_length(buffer, 0, TEXT_OFFSET / 4),
            text: Uint8Array::new_with_byte_offset_and_length(buffer, TEXT_OFFSET, TEXT_CAPACITY),
            events: Uint8Array::new_with_byte_offset_and_length(
                buffer,
                EVENTS_OFFSET,
                EVENTS_CAPACITY,
            ),
        }
    }

    /// Before a run: no Stop pending, nothing typed, no clicks or keys.
    pub fn reset(&self) {
        let _ = Atomics::store(&self.words, INTERRUPT, 0);
        let _ = Atomics::store(&self.words, INPUT_STATE, INPUT_IDLE);
        let _ = Atomics::store(&self.words, EVENTS_STATE, EVENTS_EMPTY);
    }

    /// Gives the worker `json` (a JSON array of `CanvasEvent`) when it took the last
    /// events; false if it has not yet (or `json` is larger than the events area).
    pub fn send_events(&self, json: &str) -> bool {
        if Atomics::load(&self.words, EVENTS_STATE) != Ok(EVENTS_EMPTY)
            || json.len() > EVENTS_CAPACITY as usize
        {
            return false;
        }
        self.events
            .subarray(0, json.len() as u32)
            .copy_from(json.as_bytes());
        let _ = Atomics::store(&self.words, EVENTS_LENGTH, json.len() as i32);
        let _ = Atomics::store(&self.words, EVENTS_STATE, EVENTS_FULL);
        let _ = Atomics::notify(&self.words, EVENTS_STATE);
        true
    }

    /// Stop: the worker sees the flag at its next check, or wakes from sleep or input().
    pub fn interrupt(&self) {
        let _ = Atomics::store(&self.words, INTERRUPT, 1);
        let _ = Atomics::notify(&self.words, INTERRUPT);
        let _ = Atomics::notify(&self.words, INPUT_STATE);
        let _ = Atomics::notify(&self.words, EVENTS_STATE);
    }

    /// Answers `input()` with `line` (cut at the text area's size, on a character
    /// boundary).
    pub fn send_line(&self, line: &str) {
        let mut end = line.len().min(TEXT_CAPACITY as usize);
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        self.text
            .subarray(0, end as u32)
            .copy_from(&line.as_bytes()[..end]);
        let _ = Atomics::store(&self.words, INPUT_LENGTH, end as i32);
        self.answer(INPUT_LINE);
    }

    /// Answers `input()` with end of input (`EOFError` in the program).
    pub fn send_eof(&self) {
        self.answer(INPUT_EOF);
    }

    fn answer(&self, state: i32) {
        let _ = Atomics::store(&self.words, INPUT_STATE, state);
        let _ = Atomics::notify(&self.words, INPUT_STATE);
    }
}
