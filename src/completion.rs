//! Tab completion at the REPL's prompt, the part that needs no browser.

/// The longest start every match shares, on character boundaries.
pub fn common_prefix(matches: &[String]) -> &str {
    let Some((first, others)) = matches.split_first() else {
        return "";
    };
    let mut end = first.len();
    for other in others {
        end = first
            .char_indices()
            .zip(other.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(other.len()), |((at, _), _)| at.min(end));
    }
    &first[..end]
}

#[cfg(test)]
mod tests {
    use super::common_prefix;

    #[test]
    fn the_common_prefix_stops_at_the_first_difference() {
        let matches = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_prefix(&matches(&["math.floor(", "math.fmod("])),
            "math.f"
        );
        assert_eq!(common_prefix(&matches(&["print("])), "print(");
        assert_eq!(common_prefix(&matches(&["été", "étage"])), "ét");
        assert_eq!(common_prefix(&matches(&["abc", "ab"])), "ab");
        assert_eq!(common_prefix(&[]), "");
    }
}
