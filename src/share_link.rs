//! Programs in links: `#code=` followed by the program, zlib-compressed and base64url
//! encoded, and optionally `&step=N`, a step of the stepper to open at (from 1). The
//! fragment never reaches a server, and the zlib checksum tells a damaged or cut-off link
//! from a program.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const PREFIX: &str = "#code=";
const STEP: &str = "&step=";
/// Decompressed programs larger than this are refused (a link is no way to ship data).
const MAX_PROGRAM_BYTES: usize = 1 << 20;

/// The link to the page at `page_address` (its fragment replaced) that opens `code`, in
/// the stepper at line step `step` (from 0) when there is one.
pub fn link_to(page_address: &str, code: &str, step: Option<usize>) -> String {
    let page = page_address.split('#').next().unwrap_or(page_address);
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(code.as_bytes(), 9);
    let step = step.map_or_else(String::new, |index| format!("{STEP}{}", index + 1));
    format!("{page}{PREFIX}{}{step}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The line step (from 0) a share link opens the stepper at, if it names one.
pub fn step_in(fragment: &str) -> Option<usize> {
    let (_, step) = fragment.strip_prefix(PREFIX)?.split_once(STEP)?;
    step.trim().parse::<usize>().ok()?.checked_sub(1)
}

/// The program in a page's fragment (`location.hash`): `None` when the fragment is not a
/// share link, and an error saying what is wrong when it is one but cannot be read.
pub fn program_in(fragment: &str) -> Option<Result<String, String>> {
    let encoded = fragment.strip_prefix(PREFIX)?;
    let encoded = encoded.split_once(STEP).map_or(encoded, |(code, _)| code);
    Some(decode(encoded.trim()))
}

fn decode(encoded: &str) -> Result<String, String> {
    let compressed = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|_| "it has characters a share link never has".to_owned())?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, MAX_PROGRAM_BYTES)
            .map_err(|error| match error.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    format!("its program is larger than {} MB", MAX_PROGRAM_BYTES >> 20)
                }
                _ => "it is damaged or cut short".to_owned(),
            })?;
    String::from_utf8(bytes).map_err(|_| "its program is not text".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_carries_its_program_exactly() {
        let program = "name = input(\"Name? \")\nprint(f\"Hi, {name} ✓\")\n";
        let link = link_to("https://example.org/sandpiper/?budget=5#old", program, None);
        let (page, fragment) = link.split_once('#').unwrap();
        assert_eq!(page, "https://example.org/sandpiper/?budget=5");
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)),
            "{fragment}"
        );
        assert_eq!(
            program_in(&format!("#{fragment}")),
            Some(Ok(program.into()))
        );
    }

    #[test]
    fn a_link_can_open_the_stepper_at_a_step() {
        let link = link_to("https://example.org/", "x = 1\n", Some(16));
        let fragment = &link[link.find('#').unwrap()..];
        assert!(fragment.ends_with("&step=17"), "{fragment}");
        assert_eq!(program_in(fragment), Some(Ok("x = 1\n".into())));
        assert_eq!(step_in(fragment), Some(16));
        let plain = link_to("https://example.org/", "x = 1\n", None);
        assert_eq!(step_in(&plain[plain.find('#').unwrap()..]), None);
        for odd in [
            "#code=eJw&step=0",
            "#code=eJw&step=-3",
            "#code=eJw&step=x",
            "#step=4",
        ] {
            assert_eq!(step_in(odd), None, "{odd}");
        }
    }

    #[test]
    fn other_fragments_are_not_links() {
        assert_eq!(program_in(""), None);
        assert_eq!(program_in("#section-2"), None);
    }

    #[test]
    fn a_damaged_or_cut_link_is_refused_with_a_reason() {
        let link = link_to("https://example.org/", &"print(1)\n".repeat(50), None);
        let fragment = &link[link.find('#').unwrap()..];
        let cut = &fragment[..fragment.len() - 4];
        assert_eq!(
            program_in(cut),
            Some(Err("it is damaged or cut short".into()))
        );
        assert_eq!(
            program_in("#code=not*base64"),
            Some(Err("it has characters a share link never has".into()))
        );
    }

    #[test]
    fn a_link_to_more_than_a_megabyte_or_to_bytes_is_refused() {
        let huge = "#".repeat(MAX_PROGRAM_BYTES + 1);
        let link = link_to("https://example.org/", &huge, None);
        let fragment = &link[link.find('#').unwrap()..];
        assert_eq!(
            program_in(fragment),
            Some(Err("its program is larger than 1 MB".into()))
        );
        let bytes = miniz_oxide::deflate::compress_to_vec_zlib(&[0xff, 0xfe], 9);
        let fragment = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
        assert_eq!(
            program_in(&fragment),
            Some(Err("its program is not text".into()))
        );
    }
}
