//! The student's code in `localStorage`, so a reload (or a closed tab) loses nothing.

const CODE_KEY: &str = "sandpiper.code";
/// The program a share link or an opened file replaced.
const SET_ASIDE_KEY: &str = "sandpiper.code.set-aside";

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

pub fn load_set_aside() -> Option<String> {
    load(SET_ASIDE_KEY)
}

pub fn save_set_aside(code: &str) {
    save(SET_ASIDE_KEY, code);
}

fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn save(key: &str, code: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, code);
    }
}
