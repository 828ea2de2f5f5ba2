//! The student's files as the page keeps them: `main.py` (always the program Run starts)
//! and any others (modules it imports, data it reads, what it wrote), which one is in
//! front, and the rules names and sizes follow. Every refusal is a sentence for the
//! student, and a refused change changes nothing.

use sandpiper_protocol::{FileChanges, WorkspaceFile};
use serde::{Deserialize, Serialize};

/// The program Run starts.
pub const MAIN: &str = "main.py";
/// Files in one workspace, `main.py` included.
pub const MAX_FILES: usize = 50;
/// Bytes of one file's text (UTF-8): larger files are no longer something to edit.
pub const MAX_FILE_BYTES: usize = 1_000_000;
/// Bytes of all files together: what the page can keep in the browser's storage (about
/// 5 million characters per site in Chromium and Firefox) beside the rest.
pub const MAX_TOTAL_BYTES: usize = 4_000_000;
const MAX_NAME_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// `main.py` first, the others in the order they came.
    files: Vec<WorkspaceFile>,
    active: String,
}

/// A file deleted, kept so that Undo can put it back where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleted {
    index: usize,
    file: WorkspaceFile,
}

impl Deleted {
    pub fn name(&self) -> &str {
        &self.file.name
    }
}

/// What adding a file did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    New,
    /// A file of that name was there: its text is replaced.
    Replaced,
}

/// What a run's changes did to the files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Files whose text changed, added, or removed.
    pub changed: Vec<String>,
    /// Why a written file was not taken into the editor.
    pub refused: Vec<String>,
}

impl Workspace {
    pub fn new(main_text: &str) -> Self {
        Self {
            files: vec![file(MAIN, main_text)],
            active: MAIN.to_owned(),
        }
    }

    /// A workspace of `files` (from a share link or a widget's page), `active` in front
    /// when it is one of them. A missing `main.py` is made empty; a file that breaks a
    /// rule refuses them all.
    pub fn from_files(files: Vec<WorkspaceFile>, active: Option<&str>) -> Result<Self, String> {
        Self::gather(files, active.unwrap_or(MAIN), |workspace, file| {
            workspace.check_room(None, file.text.len(), &file.name)
        })
    }

    /// The files this browser saved: whatever can be kept is (a file typed past a size
    /// limit included); only a name that cannot be a file's, or a second file of a name,
    /// is skipped, so one bad entry never costs the others.
    pub fn from_saved(files: Vec<WorkspaceFile>, active: &str) -> Self {
        let mut workspace = Self::new("");
        for file in files {
            if file.name == MAIN {
                workspace.files[0].text = file.text;
            } else if let Ok(name) = workspace.check_new_name(&file.name) {
                workspace.files.push(WorkspaceFile { name, ..file });
            }
        }
        workspace.set_active(active);
        workspace
    }

    /// `main.py` from `files` (empty if absent), then the others in order, each checked
    /// by name and by `allowed`.
    fn gather(
        files: Vec<WorkspaceFile>,
        active: &str,
        allowed: impl Fn(&Self, &WorkspaceFile) -> Result<(), String>,
    ) -> Result<Self, String> {
        let main_text = files
            .iter()
            .find(|file| file.name == MAIN)
            .map_or("", |file| file.text.as_str());
        let mut workspace = Self::new(main_text);
        for mut file in files.into_iter().filter(|file| file.name != MAIN) {
            file.name = workspace.check_new_name(&file.name)?;
            allowed(&workspace, &file)?;
            workspace.files.push(file);
        }
        workspace.set_active(active);
        Ok(workspace)
    }

    /// The workspace a `.zip` restores, and why each file left out was: its text files
    /// (a folder holding all of them dropped from their names, as when a project's folder
    /// was zipped), without what operating systems add (`__MACOSX/`, `.DS_Store`,
    /// `__pycache__/`). `main.py` is in front.
    pub fn from_archive(entries: Vec<(String, Vec<u8>)>) -> Result<(Self, Vec<String>), String> {
        let entries: Vec<_> = entries
            .into_iter()
            .filter(|(name, _)| {
                !name
                    .split('/')
                    .any(|part| part == "__MACOSX" || part == "__pycache__" || part == ".DS_Store")
            })
            .collect();
        let top = entries
            .first()
            .and_then(|(name, _)| name.split_once('/'))
            .map(|(folder, _)| format!("{folder}/"))
            .filter(|folder| entries.iter().all(|(name, _)| name.starts_with(folder)));
        let mut workspace = Self::new("");
        let mut left_out = Vec::new();
        let mut taken = 0;
        for (name, bytes) in entries {
            let name = top.as_ref().map_or(&*name, |top| &name[top.len()..]);
            match workspace.add(name, &bytes) {
                Ok(_) => taken += 1,
                Err(why) => left_out.push(why),
            }
        }
        if taken == 0 {
            return Err(left_out
                .into_iter()
                .next()
                .unwrap_or_else(|| "it holds no files".to_owned()));
        }
        workspace.active = MAIN.to_owned();
        Ok((workspace, left_out))
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        let stored: Workspace =
            serde_json::from_str(text).map_err(|_| "its files are damaged".to_owned())?;
        Self::from_files(stored.files, Some(&stored.active)).map_err(|why| {
            format!(
                "its files cannot be opened here ({})",
                why.trim_end_matches('.')
            )
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a workspace always serializes")
    }

    pub fn files(&self) -> &[WorkspaceFile] {
        &self.files
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|file| file.name.as_str())
    }

    /// Only `main.py`: what a one-file share link or download carries.
    pub fn is_main_only(&self) -> bool {
        self.files.len() == 1
    }

    pub fn active(&self) -> &str {
        &self.active
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|file| file.name == name)
            .map(|file| file.text.as_str())
    }

    /// The text of the file in front.
    pub fn active_text(&self) -> &str {
        self.text(&self.active).unwrap_or_default()
    }

    pub fn main_text(&self) -> &str {
        &self.files[0].text
    }

    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|file| file.text.len()).sum()
    }

    /// Brings `name` to the front; false when there is no such file.
    pub fn set_active(&mut self, name: &str) -> bool {
        let known = self.text(name).is_some();
        if known {
            self.active = name.to_owned();
        }
        known
    }

    /// The editor's text for `name` (typed, so not limited: the limits are for what comes
    /// in from outside).
    pub fn set_text(&mut self, name: &str, text: &str) {
        if let Some(file) = self.files.iter_mut().find(|file| file.name == name) {
            text.clone_into(&mut file.text);
        }
    }

    /// A new empty file, brought to the front.
    pub fn create(&mut self, name: &str) -> Result<String, String> {
        let name = self.check_new_name(name)?;
        self.check_room(None, 0, &name)?;
        self.files.push(file(&name, ""));
        self.active.clone_from(&name);
        Ok(name)
    }

    pub fn rename(&mut self, old: &str, new: &str) -> Result<String, String> {
        if old == MAIN {
            return Err(main_stays("renamed"));
        }
        let new = new.trim();
        if new == old {
            return Ok(new.to_owned());
        }
        let new = self.check_new_name(new)?;
        let file = self
            .files
            .iter_mut()
            .find(|file| file.name == old)
            .ok_or_else(|| format!("There is no file {old}."))?;
        file.name.clone_from(&new);
        if self.active == old {
            self.active.clone_from(&new);
        }
        Ok(new)
    }

    pub fn delete(&mut self, name: &str) -> Result<Deleted, String> {
        if name == MAIN {
            return Err(main_stays("deleted"));
        }
        let index = self
            .files
            .iter()
            .position(|file| file.name == name)
            .ok_or_else(|| format!("There is no file {name}."))?;
        let file = self.files.remove(index);
        if self.active == name {
            // The neighbour on the left takes the front, as closing a tab does.
            self.active.clone_from(&self.files[index - 1].name);
        }
        Ok(Deleted { index, file })
    }

    /// Undo of a delete: the file comes back where it was, in front.
    pub fn restore(&mut self, deleted: Deleted) -> Result<(), String> {
        let name = self.check_new_name(&deleted.file.name)?;
        self.check_room(None, deleted.file.text.len(), &name)?;
        let index = deleted.index.min(self.files.len());
        self.files.insert(index, deleted.file);
        self.active = name;
        Ok(())
    }

    /// A file from the student's computer (Open…, or dropped): `bytes` must be UTF-8 text
    /// (a byte-order mark is dropped) within the limits. Brought to the front.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<Added, String> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_large(name));
        }
        let text = std::str::from_utf8(bytes)
            .ok()
            .filter(|text| !text.contains('\0'))
            .ok_or_else(|| format!("{name} is not a text file (UTF-8), so it was not added."))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let added = if self.text(name).is_some() {
            self.check_room(Some(name), text.len(), name)?;
            Added::Replaced
        } else {
            let checked = self.check_new_name(name)?;
            self.check_room(None, text.len(), &checked)?;
            self.files.push(file(&checked, ""));
            Added::New
        };
        self.set_text(name, text);
        self.active = name.to_owned();
        Ok(added)
    }

    /// What a run wrote and removed in its folder. A written file that breaks a limit is
    /// left out of the editor (the program still has it until the next Run) and said so.
    pub fn apply(&mut self, changes: FileChanges) -> Applied {
        let mut applied = Applied::default();
        for written in changes.written {
            let name = written.name;
            if self.text(&name) == Some(written.text.as_str()) {
                continue;
            }
            let room = if self.text(&name).is_some() {
                self.check_room(Some(&name), written.text.len(), &name)
            } else {
                self.check_new_name(&name)
                    .and_then(|checked| self.check_room(None, written.text.len(), &checked))
            };
            match room {
                Ok(()) => {
                    if self.text(&name).is_none() {
                        self.files.push(file(&name, ""));
                    }
                    self.set_text(&name, &written.text);
                    applied.changed.push(name);
                }
                Err(why) => applied.refused.push(why),
            }
        }
        for name in changes.removed {
            // The editor keeps main.py: Run needs it.
            if name != MAIN && self.delete(&name).is_ok() {
                applied.changed.push(name);
            }
        }
        applied
    }

    /// `name` trimmed, if it can be a new file's name here.
    fn check_new_name(&self, name: &str) -> Result<String, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("A file needs a name.".to_owned());
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(format!(
                "A file name can have at most {MAX_NAME_CHARS} characters."
            ));
        }
        let bad_part = name
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == ".." || part != part.trim());
        if bad_part || name.chars().any(|c| c.is_control() || c == '\\') {
            return Err(format!(
                "“{name}” cannot be a file name: use letters, digits, dots, dashes and \
                 underscores (and / between a folder and a file)."
            ));
        }
        if self.text(name).is_some() {
            return Err(format!("There is already a file named {name}."));
        }
        let folder = format!("{name}/");
        if self
            .names()
            .any(|other| other.starts_with(&folder) || name.starts_with(&format!("{other}/")))
        {
            return Err(format!(
                "{name} cannot be both a file and a folder of files."
            ));
        }
        Ok(name.to_owned())
    }

    /// Whether `bytes` of text fit as file `name` (`replacing` an existing file, or new).
    fn check_room(&self, replacing: Option<&str>, bytes: usize, name: &str) -> Result<(), String> {
        if bytes > MAX_FILE_BYTES {
            return Err(too_large(name));
        }
        if replacing.is_none() && self.files.len() >= MAX_FILES {
            return Err(format!(
                "{name} was not added: a workspace holds at most {MAX_FILES} files."
            ));
        }
        let kept = self.total_bytes()
            - replacing
                .and_then(|name| self.text(name))
                .map_or(0, str::len);
        if kept + bytes > MAX_TOTAL_BYTES {
            return Err(format!(
                "{name} was not added: all files together can hold at most {} MB.",
                MAX_TOTAL_BYTES / 1_000_000
            ));
        }
        Ok(())
    }
}

fn file(name: &str, text: &str) -> WorkspaceFile {
    WorkspaceFile {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

/// Why file `name` was not added: over `MAX_FILE_BYTES`.
pub fn too_large(name: &str) -> String {
    format!("{name} is larger than 1 MB, too large to edit here, so it was not added.")
}

fn main_stays(what: &str) -> String {
    format!("{MAIN} is the program Run starts, so it cannot be {what}.")
}

/// Whether the editor treats `name` as Python (highlighting, the bytecode viewer).
pub fn is_python(name: &str) -> bool {
    name.ends_with(".py") || name.ends_with(".pyw")
}

#[cfg(test)]
mod tests;
