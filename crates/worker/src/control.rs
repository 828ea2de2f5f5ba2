//! The worker's side of the shared memory the page writes while a program runs (layout
//! in `sandpiper_protocol::control`): the interrupt flag, and the line `input()` waits for.

use js_sys::{Atomics, Int32Array, SharedArrayBuffer, Uint8Array};
use sandpiper_engine::{CanvasEvent, EventWait, InputLine};
use sandpiper_protocol::control::*;
use wasm_bindgen::JsCast;

/// How long one `Atomics.wait` for input lasts before the interrupt flag is looked at
/// again (Stop also wakes it at once).
const INPUT_WAIT_MS: f64 = 250.0;

pub struct Control {
    words: Int32Array,
    text: Uint8Array,
    events: Uint8Array,
}

impl Control {
    /// The buffer `worker-boot.js` created, when the page is cross-origin isolated.
    pub fn from_global() -> Option<Self> {
        crate::forbid_while_preparing("the page's shared memory");
        let buffer = js_sys::Reflect::get(&js_sys::global(), &"sandpiperControl".into()).ok()?;
        let buffer: SharedArrayBuffer = buffer.dyn_into().ok()?;
        Some(Self {
            words: Int32Array::new_with_byte_offset_and_length(&buffer, 0, TEXT_OFFSET / 4),
            text: Uint8Array::new_with_byte_offset_and_length(&buffer, TEXT_OFFSET, TEXT_CAPACITY),
            events: Uint8Array::new_with_byte_offset_and_length(
                &buffer,
                EVENTS_OFFSET,
                EVENTS_CAPACITY,
            ),
        })
    }

    pub fn interrupted(&self) -> bool {
        Atomics::load(&self.words, INTERRUPT).is_ok_and(|flag| flag != 0)
    }

    /// Blocks for `seconds` or until Stop; true if stopped.
    pub fn sleep(&self, seconds: f64) -> bool {
        // Stop changes the flag and notifies this word, which ends the wait early.
        let _ = Atomics::wait_with_timeout(&self.words, INTERRUPT, 0, seconds * 1000.0);
        self.interrupted()
    }

    /// Blocks until the page answers `input()` with a line or end of input, or Stop.
    pub fn wait_for_line(&self) -> InputLine {
        let _ = Atomics::store(&self.words, INPUT_STATE, INPUT_WAITING);
        loop {
            if self.interrupted() {
                let _ = Atomics::store(&self.words, INPUT_STATE, INPUT_IDLE);
                return InputLine::Interrupted;
            }
            let _ =
                Atomics::wait_with_timeout(&self.words, INPUT_STATE, INPUT_WAITING, INPUT_WAIT_MS);
            match Atomics::load(&self.words, INPUT_STATE) {
                Ok(INPUT_LINE) => {
                    let length = Atomics::load(&self.words, INPUT_LENGTH).unwrap_or(0);
                    let length = (length.max(0) as u32).min(TEXT_CAPACITY);
                    let bytes = self.text.subarray(0, length).to_vec();
                    let _ = Atomics::store(&self.words, INPUT_STATE, INPUT_IDLE);
                    return InputLine::Line(String::from_utf8_lossy(&bytes).into_owned());
                }
                Ok(INPUT_EOF) => {
                    let _ = Atomics::store(&self.words, INPUT_STATE, INPUT_IDLE);
                    return InputLine::Eof;
                }
                _ => {}
            }
        }
    }

    /// Takes the clicks and keys the page wrote, waiting up to `timeout` seconds (`None`:
    /// until some come) or until Stop. `now` is the clock in seconds.
    pub fn wait_events(&self, timeout: Option<f64>, now: impl Fn() -> f64) -> EventWait {
        let deadline = timeout.map(|seconds| now() + seconds);
        loop {
            if self.interrupted() {
                return EventWait::Interrupted;
            }
            if Atomics::load(&self.words, EVENTS_STATE) == Ok(EVENTS_FULL) {
                let length = Atomics::load(&self.words, EVENTS_LENGTH).unwrap_or(0);
                let length = (length.max(0) as u32).min(EVENTS_CAPACITY);
                let bytes = self.events.subarray(0, length).to_vec();
                let _ = Atomics::store(&self.words, EVENTS_STATE, EVENTS_EMPTY);
                let events = CanvasEvent::list_from_json(&bytes);
                if !events.is_empty() {
                    return EventWait::Events(events);
                }
            }
            let left = deadline.map(|deadline| deadline - now());
            if left.is_some_and(|left| left <= 0.0) {
                return EventWait::Timeout;
            }
            let wait_ms = left.map_or(INPUT_WAIT_MS, |left| (left * 1000.0).min(INPUT_WAIT_MS));
            let _ = Atomics::wait_with_timeout(&self.words, EVENTS_STATE, EVENTS_EMPTY, wait_ms);
        }
    }
}
