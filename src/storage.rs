//! The student's files in `localStorage`, so a reload (or a closed tab) loses nothing:
//! `main.py` under its own key (as before there were files), each other file under a key
//! of its own (typing saves one file, not all), and the list of names with the one in front.

use sandpiper_protocol::WorkspaceFile;
use serde::{Deserialize, Serialize};

use crate::workspace::{MAIN, Workspace};

const CODE_KEY: &str = "sandpiper.code";
const FILES_KEY: &str = "sandpiper.files";
const FILE_KEY_PREFIX: &str = "sandpiper.file:";
/// The workspaces share links and opened files replaced, oldest first (a JSON array: a
/// string is a lone `main.py`, an object a `Workspace`).
const SET_ASIDE_KEY: &str = "sandpiper.code.set-aside";
/// Set-aside workspaces kept; past it the oldest goes.
const MAX_SET_ASIDE: usize = 20;

/// The names of the files besides `main.py`, and the one in front.
#[derive(Default, Serialize, Deserialize)]
struct FileList {
    names: Vec<String>,
    active: String,
}

pub fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or refused (private modes, sandboxed iframes): then nothing
    // is saved, and the page still works.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved files, if any were saved.
pub fn load_workspace() -> Option<Workspace> {
    let main = load(CODE_KEY);
    let list = saved_list();
    if main.is_none() && list.names.is_empty() {
        return None;
    }
    let mut files = vec![WorkspaceFile {
        name: MAIN.to_owned(),
        text: main.unwrap_or_default(),
    }];
    files.extend(list.names.into_iter().map(|name| WorkspaceFile {
        text: load(&file_key(&name)).unwrap_or_default(),
        name,
    }));
    Some(Workspace::from_saved(files, &list.active))
}

/// The text of one file, as it is typed.
pub fn save_file(name: &str, text: &str) {
    if name == MAIN {
        save(CODE_KEY, text);
    } else {
        save(&file_key(name), text);
    }
}

/// Every file, the list, and which is in front; keys of files no longer there go.
pub fn save_workspace(workspace: &Workspace) {
    let old = saved_list();
    let list = FileList {
        names: workspace
            .names()
            .filter(|name| *name != MAIN)
            .map(str::to_owned)
            .collect(),
        active: workspace.active().to_owned(),
    };
    if let Some(storage) = local_storage() {
        for gone in old.names.iter().filter(|name| !list.names.contains(name)) {
            let _ = storage.remove_item(&file_key(gone));
        }
    }
    for file in workspace.files() {
        save_file(&file.name, &file.text);
    }
    save(
        FILES_KEY,
        &serde_json::to_string(&list).expect("a list of names always serializes"),
    );
}

fn saved_list() -> FileList {
    load(FILES_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn file_key(name: &str) -> String {
    format!("{FILE_KEY_PREFIX}{name}")
}

/// Keeps `workspace` among the set-aside ones, as the newest.
pub fn set_aside(workspace: &Workspace) {
    let mut kept = set_aside_workspaces();
    keep_as_newest(&mut kept, workspace);
    save_set_aside(&kept);
}

/// Takes the newest set-aside workspace and sets `current` aside in its place.
pub fn swap_set_aside(current: &Workspace) -> Option<Workspace> {
    let mut kept = set_aside_workspaces();
    let newest = kept.pop()?;
    keep_as_newest(&mut kept, current);
    save_set_aside(&kept);
    Some(newest)
}

fn keep_as_newest(kept: &mut Vec<Workspace>, workspace: &Workspace) {
    kept.retain(|other| other.files() != workspace.files());
    kept.push(workspace.clone());
}

fn set_aside_workspaces() -> Vec<Workspace> {
    let entries: Vec<serde_json::Value> = load(SET_ASIDE_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    entries
        .into_iter()
        .filter_map(|entry| match entry {
            serde_json::Value::String(code) => Some(Workspace::new(&code)),
            other => Workspace::from_json(&other.to_string()).ok(),
        })
        .collect()
}

fn save_set_aside(kept: &[Workspace]) {
    let mut entries: Vec<serde_json::Value> = kept
        .iter()
        .skip(kept.len().saturating_sub(MAX_SET_ASIDE))
        .map(|workspace| {
            if workspace.is_main_only() {
                serde_json::Value::String(workspace.main_text().to_owned())
            } else {
                serde_json::from_str(&workspace.to_json()).unwrap_or_default()
            }
        })
        .collect();
    // When storage is full, the oldest go first.
    while !entries.is_empty() {
        let text = serde_json::Value::Array(entries.clone()).to_string();
        if try_save(SET_ASIDE_KEY, &text) {
            return;
        }
        entries.remove(0);
    }
}

fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn save(key: &str, text: &str) {
    try_save(key, text);
}

fn try_save(key: &str, text: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(key, text).is_ok())
}

const EXERCISE_DONE: &str = "sandpiper-exercise-done:";

/// Whether this browser passed exercise `id`'s check before.
pub fn exercise_done(id: &str) -> bool {
    local_storage()
        .and_then(|storage| {
            let key = format!("{EXERCISE_DONE}{id}");
            storage.get_item(&key).ok().flatten()
        })
        .is_some()
}

pub fn remember_exercise_done(id: &str) {
    if let Some(storage) = local_storage() {
        // A private window may refuse: the mark then lasts as long as the page.
        let _ = storage.set_item(&format!("{EXERCISE_DONE}{id}"), "1");
    }
}
