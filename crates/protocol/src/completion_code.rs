//! Completion codes for exercises (docs/exercises.md): from the key a teacher put in the
//! page, the exercise's id and the student's name, a short code the teacher can make again
//! (`sandpiper completion-code`) without any server. HMAC-SHA-256, cut to 40 bits.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Crockford's base 32: no I, L, O or U to misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `XXXX-XXXX`. The name counts without case and extra spaces (`" ada  LOVELACE"` is
/// "ada lovelace"), so the teacher need not type it exactly as the student did.
pub fn completion_code(key: &str, exercise: &str, name: &str) -> String {
    let name = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key");
    for part in ["sandpiper completion code", exercise, name.as_str()] {
        mac.update(part.as_bytes());
        // A separator no part can hold at its end decides where each one ends.
        mac.update(b"\0");
    }
    let digest = mac.finalize().into_bytes();
    let bits = digest[..5]
        .iter()
        .fold(0_u64, |bits, byte| bits << 8 | u64::from(*byte));
    let symbols: String = (0..8)
        .rev()
        .map(|index| char::from(ALPHABET[(bits >> (index * 5)) as usize & 31]))
        .collect();
    format!("{}-{}", &symbols[..4], &symbols[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_depends_on_the_key_the_exercise_and_the_name_only() {
        let code = completion_code("teacher's key", "greeting", "Ada Lovelace");
        assert_eq!(code.len(), 9);
        assert!(
            code.chars()
                .all(|c| c == '-' || ALPHABET.contains(&(c as u8)))
        );
        assert_eq!(
            code,
            completion_code("teacher's key", "greeting", "  ada   LOVELACE ")
        );
        assert_ne!(
            code,
            completion_code("another key", "greeting", "Ada Lovelace")
        );
        assert_ne!(
            code,
            completion_code("teacher's key", "area", "Ada Lovelace")
        );
        assert_ne!(code, completion_code("teacher's key", "greeting", "Ada"));
        // The separator keeps "ab" + "c" apart from "a" + "bc".
        assert_ne!(
            completion_code("k", "ab", "c"),
            completion_code("k", "a", "bc")
        );
    }

    /// The value itself is fixed (HMAC-SHA-256 of the parts, each followed by a zero byte,
    /// its first 40 bits in Crockford's base 32, as Python's `hmac` makes it too): a
    /// teacher's codes stay valid across versions.
    #[test]
    fn codes_are_stable() {
        assert_eq!(completion_code("k", "e", "N"), "P1F8-GRDQ");
        assert_eq!(
            completion_code("teacher key", "greeting", "Ada Lovelace"),
            "DCMX-M0HK"
        );
    }
}
