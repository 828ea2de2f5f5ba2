//! Settings a link can carry in its query string, e.g. `?budget=2000000` for a lesson
//! whose loops should be stopped sooner (or later) than the default, `?time=60` for the
//! time limit in seconds and `?memory=256` for the memory limit in MB. Embedded widgets
//! read more (`crate::embed_options`).

/// Seconds a run may take when the link does not say (waiting for `input()` excluded).
const DEFAULT_TIME_LIMIT: f64 = 30.0;
/// Megabytes the worker may use when the link does not say.
const DEFAULT_MEMORY_MB: u64 = 512;

/// The instruction budget from `?budget=N`, if the page's address has a valid one.
pub fn instruction_budget() -> Option<u64> {
    positive_number("budget")
}

pub fn time_limit() -> f64 {
    positive_number("time").map_or(DEFAULT_TIME_LIMIT, |seconds: u64| seconds as f64)
}

pub fn memory_limit_bytes() -> u64 {
    // wasm32 memory ends at 4 GB.
    positive_number("memory").map_or(DEFAULT_MEMORY_MB, |mb: u64| mb.min(4000)) << 20
}

fn positive_number(name: &str) -> Option<u64> {
    text(name)
        .and_then(|value| value.replace(['_', ','], "").parse().ok())
        .filter(|&number| number > 0)
}

/// The page address's fragment (`#...`), where share links carry their program.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// The decoded value of `?name=` in the page's address.
pub fn text(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Whether `?name` is switched on (`?name`, `=1`, `=true`, `=yes`).
pub fn flag(name: &str) -> bool {
    text(name).is_some_and(|value| matches!(value.as_str(), "" | "1" | "true" | "yes"))
}
