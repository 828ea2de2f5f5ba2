//! Settings a link can carry in its query string, e.g. `?budget=2000000` for a lesson
//! whose loops should be stopped sooner (or later) than the default.

/// The step budget from `?budget=N`, if the page's address has a valid one.
pub fn step_budget() -> Option<u64> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("budget="))
        .and_then(|value| value.replace(['_', ','], "").parse().ok())
        .filter(|&budget| budget > 0)
}
