//! The constants the page's and the worker's JavaScript share with this crate are generated
//! from it, never copied by hand: each JavaScript file holds a block between the two marker
//! lines below, rendered here from the Rust constants. This test fails when a block differs
//! from what the constants say; `SANDPIPER_BLESS=1 cargo test -p sandpiper-protocol`
//! writes the blocks anew.

use std::path::PathBuf;

use sandpiper_protocol::CLIENT_ID_SHIFT;
use sandpiper_protocol::control::{BUFFER_BYTES, INPUT_IDLE, INPUT_STATE, INTERRUPT};

const BEGIN: &str =
    "// Generated from sandpiper_protocol (crates/protocol/tests/javascript_constants.rs).";
const END: &str = "// End of the generated constants.";

/// Each file of `www/` and the constants its block holds.
fn blocks() -> Vec<(&'static str, Vec<(&'static str, i64)>)> {
    vec![
        (
            "runtime-hub.js",
            vec![
                ("CLIENT_ID_SHIFT", CLIENT_ID_SHIFT.into()),
                ("INTERRUPT", INTERRUPT.into()),
                ("INPUT_STATE", INPUT_STATE.into()),
                ("INPUT_IDLE", INPUT_IDLE.into()),
            ],
        ),
        (
            "worker-boot.js",
            vec![("BUFFER_BYTES", BUFFER_BYTES.into())],
        ),
    ]
}

fn render(constants: &[(&str, i64)]) -> String {
    let mut block = format!("{BEGIN}\n");
    for (name, value) in constants {
        block.push_str(&format!("const {name} = {value};\n"));
    }
    block.push_str(END);
    block
}

#[test]
fn the_javascript_holds_the_protocols_constants() {
    let www = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www");
    let bless = std::env::var_os("SANDPIPER_BLESS").is_some();
    for (file, constants) in blocks() {
        let path = www.join(file);
        let text = std::fs::read_to_string(&path).expect("the file exists");
        let (Some(start), Some(end)) = (text.find(BEGIN), text.find(END)) else {
            panic!("www/{file} has no block of generated constants ({BEGIN:?} … {END:?})");
        };
        let current = &text[start..end + END.len()];
        let wanted = render(&constants);
        if current == wanted {
            continue;
        }
        if bless {
            std::fs::write(&path, text.replacen(current, &wanted, 1)).expect("write");
        } else {
            panic!(
                "www/{file}'s generated constants differ from sandpiper_protocol's; \
                 SANDPIPER_BLESS=1 cargo test -p sandpiper-protocol writes them anew.\n\
                 found:\n{current}\nwanted:\n{wanted}"
            );
        }
    }
}
