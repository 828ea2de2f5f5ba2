//! The student's code in `localStorage`, so a reload (or a closed tab) loses nothing.

const CODE_KEY: &str = "sandpiper.code";
/// The programs share links and opened files replaced, oldest first (a JSON array).
const SET_ASIDE_KEY: &str = "sandpiper.code.set-aside";
/// Set-aside programs kept; past it the oldest goes.
const MAX_SET_ASIDE: usize = 20;

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refused (private modes, sandboxed iframes): then nothing
    // is saved, and the page still works.
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_code() -> Option<String> {
    load(CODE_KEY)
}

pub fn save_code(code: &str) {
    save(CODE_KEY, code);
}

/// Keeps `code` among the set-aside programs, as the newest.
pub fn set_aside(code: &str) {
    let mut programs = set_aside_programs();
    keep_as_newest(&mut programs, code);
    save_set_aside(&programs);
}

/// Takes the newest set-aside program and sets `current` aside in its place.
pub fn swap_set_aside(current: &str) -> Option<String> {
    let mut programs = set_aside_programs();
    let newest = programs.pop()?;
    keep_as_newest(&mut programs, current);
    save_set_aside(&programs);
    Some(newest)
}

fn keep_as_newest(programs: &mut Vec<String>, code: &str) {
    programs.retain(|kept| kept != code);
    programs.push(code.to_owned());
}

fn set_aside_programs() -> Vec<String> {
    load(SET_ASIDE_KEY)
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .filter(js_sys::Array::is_array)
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|program| program.as_string())
                .collect()
        })
        .unwrap_or_default()
}

fn save_set_aside(programs: &[String]) {
    let list: js_sys::Array = programs
        .iter()
        .skip(programs.len().saturating_sub(MAX_SET_ASIDE))
        .map(|program| wasm_bindgen::JsValue::from_str(program))
        .collect();
    if let Some(text) = js_sys::JSON::stringify(&list)
        .ok()
        .and_then(|text| text.as_string())
    {
        save(SET_ASIDE_KEY, &text);
    }
}

fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn save(key: &str, code: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, code);
    }
}
