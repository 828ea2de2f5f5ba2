//! The student's code in `localStorage`, so a reload (or a closed tab) loses nothing.

const CODE_KEY: &str = "sandpiper.code";

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refused (private modes, sandboxed iframes): then nothing
    // is saved, and the page still works.
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_code() -> Option<String> {
    local_storage()?.get_item(CODE_KEY).ok().flatten()
}

pub fn save_code(code: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(CODE_KEY, code);
    }
}
