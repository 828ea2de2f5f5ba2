//! Programs in links: `#code=` followed by the program (`main.py` alone), or `#files=`
//! followed by the JSON of every file (`Workspace`), zlib-compressed and base64url
//! encoded, and optionally `&step=N`, a step of the stepper to open at (from 1). The
//! fragment never reaches a server, and the zlib checksum tells a damaged or cut-off link
//! from a program.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::workspace::{MAX_TOTAL_BYTES, Workspace};

const PREFIX: &str = "#code=";
const FILES_PREFIX: &str = "#files=";
const STEP: &str = "&step=";
/// Decompressed programs larger than this are refused (a link is no way to ship data).
const MAX_PROGRAM_BYTES: usize = 1 << 20;
/// The same for all files' JSON (escapes make it longer than the files).
const MAX_FILES_JSON_BYTES: usize = 2 * MAX_TOTAL_BYTES;
/// The longest link Chromium opens: its limit on a URL's length (`url::kMaxURLChars`,
/// 2 MiB; measured in headless Chromium, see docs/embedding.md). A longer link is not
/// offered.
pub const MAX_LINK_CHARS: usize = 2 << 20;
/// Past this many characters, e-mail and chat programs and some sites cut links (the
/// address bars of all current browsers take more): the link is offered with a warning.
pub const LONG_LINK_CHARS: usize = 8_000;

/// The link to the page at `page_address` (its fragment replaced) that opens `workspace`,
/// in the stepper at line step `step` (from 0) when there is one.
pub fn link_to(page_address: &str, workspace: &Workspace, step: Option<usize>) -> String {
    let page = page_address.split('#').next().unwrap_or(page_address);
    let (prefix, text) = if workspace.is_main_only() {
        (PREFIX, workspace.main_text().to_owned())
    } else {
        (FILES_PREFIX, workspace.to_json())
    };
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 9);
    let step = step.map_or_else(String::new, |index| format!("{STEP}{}", index + 1));
    format!("{page}{prefix}{}{step}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The line step (from 0) a share link opens the stepper at, if it names one.
pub fn step_in(fragment: &str) -> Option<usize> {
    let (_, step) = fragment
        .strip_prefix(PREFIX)
        .or_else(|| fragment.strip_prefix(FILES_PREFIX))?
        .split_once(STEP)?;
    step.trim().parse::<usize>().ok()?.checked_sub(1)
}

/// The files in a page's fragment (`location.hash`): `None` when the fragment is not a
/// share link, and an error saying what is wrong when it is one but cannot be read.
pub fn workspace_in(fragment: &str) -> Option<Result<Workspace, String>> {
    let (encoded, files) = match fragment.strip_prefix(PREFIX) {
        Some(encoded) => (encoded, false),
        None => (fragment.strip_prefix(FILES_PREFIX)?, true),
    };
    let encoded = encoded.split_once(STEP).map_or(encoded, |(code, _)| code);
    let limit = if files {
        MAX_FILES_JSON_BYTES
    } else {
        MAX_PROGRAM_BYTES
    };
    Some(decode(encoded.trim(), limit).and_then(|text| {
        if files {
            Workspace::from_json(&text)
        } else {
            Ok(Workspace::new(&text))
        }
    }))
}

fn decode(encoded: &str, limit: usize) -> Result<String, String> {
    let compressed = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|_| "it has characters a share link never has".to_owned())?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, limit)
        .map_err(|error| match error.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                format!("its program is larger than {} MB", limit >> 20)
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
        let link = link_to(
            "https://example.org/sandpiper/?budget=5#old",
            &Workspace::new(program),
            None,
        );
        let (page, fragment) = link.split_once('#').unwrap();
        assert_eq!(page, "https://example.org/sandpiper/?budget=5");
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)),
            "{fragment}"
        );
        assert_eq!(
            workspace_in(&format!("#{fragment}")),
            Some(Ok(Workspace::new(program)))
        );
    }

    #[test]
    fn a_link_carries_every_file_and_the_one_in_front() {
        let mut workspace = Workspace::new("import helper\n");
        workspace.create("helper.py").unwrap();
        workspace.set_text("helper.py", "X = 'é'\n");
        workspace.create("data/scores.csv").unwrap();
        let link = link_to("https://example.org/", &workspace, Some(2));
        let fragment = &link[link.find('#').unwrap()..];
        assert!(fragment.starts_with("#files="), "{fragment}");
        assert_eq!(workspace_in(fragment), Some(Ok(workspace)));
        assert_eq!(step_in(fragment), Some(2));
        assert_eq!(
            workspace_in("#files=eJyrrgUAAXUA-Q"),
            Some(Err("its files are damaged".into()))
        );
    }

    #[test]
    fn a_link_can_open_the_stepper_at_a_step() {
        let program = Workspace::new("x = 1\n");
        let link = link_to("https://example.org/", &program, Some(16));
        let fragment = &link[link.find('#').unwrap()..];
        assert!(fragment.ends_with("&step=17"), "{fragment}");
        assert_eq!(workspace_in(fragment), Some(Ok(program.clone())));
        assert_eq!(step_in(fragment), Some(16));
        let plain = link_to("https://example.org/", &program, None);
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
        assert_eq!(workspace_in(""), None);
        assert_eq!(workspace_in("#section-2"), None);
    }

    #[test]
    fn a_damaged_or_cut_link_is_refused_with_a_reason() {
        let program = Workspace::new(&"print(1)\n".repeat(50));
        let link = link_to("https://example.org/", &program, None);
        let fragment = &link[link.find('#').unwrap()..];
        let cut = &fragment[..fragment.len() - 4];
        assert_eq!(
            workspace_in(cut),
            Some(Err("it is damaged or cut short".into()))
        );
        assert_eq!(
            workspace_in("#code=not*base64"),
            Some(Err("it has characters a share link never has".into()))
        );
    }

    #[test]
    fn a_link_to_more_than_a_megabyte_or_to_bytes_is_refused() {
        let huge = "#".repeat(MAX_PROGRAM_BYTES + 1);
        let link = link_to("https://example.org/", &Workspace::new(&huge), None);
        let fragment = &link[link.find('#').unwrap()..];
        assert_eq!(
            workspace_in(fragment),
            Some(Err("its program is larger than 1 MB".into()))
        );
        let bytes = miniz_oxide::deflate::compress_to_vec_zlib(&[0xff, 0xfe], 9);
        let fragment = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
        assert_eq!(
            workspace_in(&fragment),
            Some(Err("its program is not text".into()))
        );
    }
}
