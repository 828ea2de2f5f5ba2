//! The typed binding to the zip bundle (`www/editor/archive.js`, fflate), for Download all
//! and for opening a `.zip` of files.

use sandpiper_protocol::WorkspaceFile;
use wasm_bindgen::prelude::*;

use crate::workspace::{MAX_FILE_BYTES, MAX_TOTAL_BYTES};

#[wasm_bindgen(module = "/www/editor/build/archive.js")]
extern "C" {
    #[wasm_bindgen(js_name = zipFiles)]
    fn zip_files(names: Vec<String>, texts: Vec<String>) -> Vec<u8>;

    #[wasm_bindgen(js_name = unzipFiles, catch)]
    fn unzip_files(
        bytes: &[u8],
        max_file_bytes: f64,
        max_total_bytes: f64,
    ) -> Result<JsValue, JsValue>;
}

/// A `.zip` of `files`.
pub fn zip(files: &[WorkspaceFile]) -> Vec<u8> {
    let (names, texts) = files
        .iter()
        .map(|file| (file.name.clone(), file.text.clone()))
        .unzip();
    zip_files(names, texts)
}

/// A `.zip`'s files as (name, bytes), and the names left out for their size; an error
/// when it is no zip archive.
pub struct Unzipped {
    pub files: Vec<(String, Vec<u8>)>,
    pub too_large: Vec<String>,
}

pub fn unzip(bytes: &[u8]) -> Result<Unzipped, String> {
    let result = unzip_files(bytes, MAX_FILE_BYTES as f64, MAX_TOTAL_BYTES as f64)
        .map_err(|_| "it is not a zip archive, or it is damaged".to_owned())?;
    let field = |name: &str| js_sys::Reflect::get(&result, &name.into()).unwrap_or_default();
    let strings = |value: JsValue| -> Vec<String> {
        js_sys::Array::from(&value)
            .iter()
            .filter_map(|item| item.as_string())
            .collect()
    };
    let names = strings(field("names"));
    let contents: Vec<Vec<u8>> = js_sys::Array::from(&field("contents"))
        .iter()
        .map(|bytes| js_sys::Uint8Array::new(&bytes).to_vec())
        .collect();
    Ok(Unzipped {
        files: names.into_iter().zip(contents).collect(),
        too_large: strings(field("tooLarge")),
    })
}
