//! `unicode-normalization`'s API, as far as the parser uses it (`str::nfkc`), from
//! icu_normalizer's tables, which the interpreter already has.
#![no_std]

use icu_normalizer::ComposingNormalizerBorrowed;

/// Normalization of a string's characters.
pub trait UnicodeNormalization<'a> {
    /// The string in Normalization Form KC, as Python normalizes identifiers.
    fn nfkc(self) -> impl Iterator<Item = char> + 'a;
}

impl<'a> UnicodeNormalization<'a> for &'a str {
    fn nfkc(self) -> impl Iterator<Item = char> + 'a {
        ComposingNormalizerBorrowed::new_nfkc().normalize_iter(self.chars())
    }
}

#[cfg(test)]
mod tests {
    extern crate alloc;
    use super::UnicodeNormalization;
    use alloc::string::String;

    #[test]
    fn nfkc_folds_compatibility_characters() {
        // Compatibility forms fold (a ligature, a superscript, a fullwidth letter) and a
        // combining accent composes, as Python's identifiers do under PEP 3131.
        assert_eq!("ﬁ".nfkc().collect::<String>(), "fi");
        assert_eq!("x²".nfkc().collect::<String>(), "x2");
        assert_eq!("Ａ".nfkc().collect::<String>(), "A");
        assert_eq!("e\u{301}".nfkc().collect::<String>(), "é");
    }
}
