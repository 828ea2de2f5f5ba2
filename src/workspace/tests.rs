use super::*;

fn workspace_with(names: &[&str]) -> Workspace {
    let mut workspace = Workspace::new("import helper\n");
    for name in names {
        workspace.create(name).unwrap();
    }
    workspace
}

fn names(workspace: &Workspace) -> Vec<&str> {
    workspace.names().collect()
}

#[test]
fn new_files_come_after_main_and_to_the_front() {
    let mut workspace = workspace_with(&["helper.py"]);
    assert_eq!(names(&workspace), ["main.py", "helper.py"]);
    assert_eq!(workspace.active(), "helper.py");
    assert_eq!(
        workspace.create("  data/scores.csv "),
        Ok("data/scores.csv".into())
    );
    assert!(workspace.set_active("main.py"));
    assert!(!workspace.set_active("nothing.py"));
    assert_eq!(workspace.active(), "main.py");
}

#[test]
fn bad_names_are_refused_with_a_reason_and_change_nothing() {
    let mut workspace = workspace_with(&["helper.py"]);
    let before = workspace.clone();
    for (name, why) in [
        ("", "A file needs a name."),
        ("helper.py", "There is already a file named helper.py."),
        ("main.py", "There is already a file named main.py."),
        ("../up.txt", "“../up.txt” cannot be a file name"),
        ("/abs.txt", "“/abs.txt” cannot be a file name"),
        ("a\\b.txt", "“a\\b.txt” cannot be a file name"),
        ("tab\there.txt", "cannot be a file name"),
        ("helper.py/inner.py", "cannot be both a file and a folder"),
    ] {
        let refused = workspace.create(name).unwrap_err();
        assert!(
            refused.starts_with(why) || refused.contains(why),
            "{name:?}: {refused}"
        );
        assert_eq!(workspace, before, "{name:?}");
    }
    let long = "x".repeat(101);
    assert!(
        workspace
            .create(&long)
            .unwrap_err()
            .contains("at most 100 characters")
    );
}

#[test]
fn main_cannot_be_renamed_or_deleted() {
    let mut workspace = workspace_with(&[]);
    assert_eq!(
        workspace.rename("main.py", "app.py"),
        Err("main.py is the program Run starts, so it cannot be renamed.".into())
    );
    assert_eq!(
        workspace.delete("main.py"),
        Err("main.py is the program Run starts, so it cannot be deleted.".into())
    );
}

#[test]
fn rename_keeps_the_text_and_the_front() {
    let mut workspace = workspace_with(&["helpr.py"]);
    workspace.set_text("helpr.py", "def f(): pass\n");
    assert_eq!(
        workspace.rename("helpr.py", "helper.py"),
        Ok("helper.py".into())
    );
    assert_eq!(workspace.active(), "helper.py");
    assert_eq!(workspace.text("helper.py"), Some("def f(): pass\n"));
    assert_eq!(
        workspace.rename("helper.py", "helper.py"),
        Ok("helper.py".into())
    );
    assert!(workspace.rename("helper.py", "main.py").is_err());
}

#[test]
fn a_deleted_file_comes_back_where_it_was() {
    let mut workspace = workspace_with(&["a.py", "b.txt", "c.py"]);
    workspace.set_text("b.txt", "kept\n");
    workspace.set_active("b.txt");
    let deleted = workspace.delete("b.txt").unwrap();
    assert_eq!(deleted.name(), "b.txt");
    assert_eq!(names(&workspace), ["main.py", "a.py", "c.py"]);
    assert_eq!(
        workspace.active(),
        "a.py",
        "its left neighbour comes to the front"
    );
    workspace.restore(deleted).unwrap();
    assert_eq!(names(&workspace), ["main.py", "a.py", "b.txt", "c.py"]);
    assert_eq!(workspace.text("b.txt"), Some("kept\n"));
    assert_eq!(workspace.active(), "b.txt");
    // Undo after a new file took the name refuses rather than losing either.
    let deleted = workspace.delete("c.py").unwrap();
    workspace.create("c.py").unwrap();
    assert!(workspace.restore(deleted).is_err());
}

#[test]
fn added_files_must_be_text_within_the_limits() {
    let mut workspace = workspace_with(&[]);
    assert_eq!(
        workspace.add("scores.csv", "\u{feff}ada,3\r\n".as_bytes()),
        Ok(Added::New)
    );
    assert_eq!(workspace.text("scores.csv"), Some("ada,3\r\n"));
    assert_eq!(workspace.active(), "scores.csv");
    assert_eq!(workspace.add("main.py", b"print(1)\n"), Ok(Added::Replaced));
    assert_eq!(workspace.main_text(), "print(1)\n");
    let before = workspace.clone();
    assert_eq!(
        workspace.add("icon.png", &[0x89, b'P', b'N', b'G', 0, 0xff]),
        Err("icon.png is not a text file (UTF-8), so it was not added.".into())
    );
    assert_eq!(
        workspace.add("nul.txt", b"a\0b"),
        Err("nul.txt is not a text file (UTF-8), so it was not added.".into())
    );
    assert_eq!(
        workspace.add("big.txt", &vec![b'x'; MAX_FILE_BYTES + 1]),
        Err("big.txt is larger than 1 MB, too large to edit here, so it was not added.".into())
    );
    assert_eq!(workspace, before);
}

#[test]
fn the_number_of_files_and_their_total_size_are_limited() {
    let mut workspace = workspace_with(&[]);
    for index in 1..MAX_FILES {
        workspace.create(&format!("f{index}.txt")).unwrap();
    }
    assert_eq!(
        workspace.create("one-more.txt"),
        Err("one-more.txt was not added: a workspace holds at most 50 files.".into())
    );
    let mut workspace = workspace_with(&[]);
    let megabyte = vec![b'x'; MAX_FILE_BYTES];
    for index in 0..MAX_TOTAL_BYTES / MAX_FILE_BYTES - 1 {
        workspace
            .add(&format!("big{index}.txt"), &megabyte)
            .unwrap();
    }
    assert_eq!(
        workspace.add("last.txt", &megabyte),
        Err("last.txt was not added: all files together can hold at most 4 MB.".into())
    );
    // Replacing a file counts its new size, not both.
    assert_eq!(workspace.add("big0.txt", &megabyte), Ok(Added::Replaced));
}

#[test]
fn a_runs_changes_are_applied_and_oversized_ones_said() {
    let mut workspace = workspace_with(&["old.txt"]);
    workspace.set_active("main.py");
    let applied = workspace.apply(FileChanges {
        written: vec![
            file("out.txt", "42\n"),
            file("main.py", "import helper\n"),
            file("huge.txt", &"x".repeat(MAX_FILE_BYTES + 1)),
        ],
        removed: vec!["old.txt".into(), "main.py".into()],
    });
    assert_eq!(applied.changed, ["out.txt", "old.txt"]);
    assert_eq!(
        applied.refused,
        ["huge.txt is larger than 1 MB, too large to edit here, so it was not added."]
    );
    assert_eq!(names(&workspace), ["main.py", "out.txt"]);
    assert_eq!(workspace.text("out.txt"), Some("42\n"));
    assert_eq!(workspace.active(), "main.py", "the front stays");
}

#[test]
fn a_workspace_round_trips_and_damaged_ones_are_refused() {
    let mut workspace = workspace_with(&["helper.py", "data/in.csv"]);
    workspace.set_text("helper.py", "X = \"é\"\n");
    let again = Workspace::from_json(&workspace.to_json()).unwrap();
    assert_eq!(again, workspace);
    assert_eq!(
        Workspace::from_json("{\"files\": 3}"),
        Err("its files are damaged".into())
    );
    // Without main.py there is an empty one; an unknown front is main.py.
    let only = Workspace::from_files(vec![file("notes.txt", "hi")], Some("gone.txt")).unwrap();
    assert_eq!(names(&only), ["main.py", "notes.txt"]);
    assert_eq!(only.active(), "main.py");
    assert!(Workspace::from_files(vec![file("a.txt", ""), file("a.txt", "")], None).is_err());
    let twice = serde_json::json!({
        "files": [{"name": "a.txt", "text": ""}, {"name": "a.txt", "text": ""}],
        "active": "main.py",
    });
    assert_eq!(
        Workspace::from_json(&twice.to_string()),
        Err("its files cannot be opened here (There is already a file named a.txt)".into())
    );
}

#[test]
fn python_files_are_told_by_their_suffix() {
    assert!(is_python("main.py") && is_python("gui.pyw"));
    assert!(!is_python("scores.csv") && !is_python("py"));
}

#[test]
fn a_zip_restores_its_text_files_and_says_what_it_left_out() {
    let entries = vec![
        ("project/main.py".to_owned(), b"import helper\n".to_vec()),
        ("project/helper.py".to_owned(), b"X = 1\n".to_vec()),
        ("project/data/scores.csv".to_owned(), b"ada,3\n".to_vec()),
        ("project/logo.png".to_owned(), vec![0x89, 0, 0xff]),
        (
            "project/__pycache__/helper.cpython-314.pyc".to_owned(),
            vec![0],
        ),
        ("__MACOSX/project/._main.py".to_owned(), vec![0]),
    ];
    let (workspace, left_out) = Workspace::from_archive(entries).unwrap();
    assert_eq!(
        names(&workspace),
        ["main.py", "helper.py", "data/scores.csv"]
    );
    assert_eq!(workspace.main_text(), "import helper\n");
    assert_eq!(workspace.active(), "main.py");
    assert_eq!(
        left_out,
        ["logo.png is not a text file (UTF-8), so it was not added."]
    );
    // Files from several folders keep them.
    let (workspace, _) = Workspace::from_archive(vec![
        ("a/x.py".to_owned(), b"".to_vec()),
        ("b/y.py".to_owned(), b"".to_vec()),
    ])
    .unwrap();
    assert_eq!(names(&workspace), ["main.py", "a/x.py", "b/y.py"]);
    assert_eq!(
        Workspace::from_archive(vec![("photo.jpg".to_owned(), vec![0xff, 0xd8, 0])]).map(|_| ()),
        Err("photo.jpg is not a text file (UTF-8), so it was not added.".into())
    );
    assert_eq!(
        Workspace::from_archive(vec![]).map(|_| ()),
        Err("it holds no files".into())
    );
}

#[test]
fn saved_files_are_kept_even_past_a_limit_and_a_bad_entry_costs_nothing_else() {
    let big = "x".repeat(MAX_FILE_BYTES + 10);
    let saved = Workspace::from_saved(
        vec![
            file("main.py", "print(1)\n"),
            file("typed.txt", &big),
            file("../bad.txt", "lost"),
            file("typed.txt", "second"),
            file("notes.md", "kept"),
        ],
        "notes.md",
    );
    assert_eq!(names(&saved), ["main.py", "typed.txt", "notes.md"]);
    assert_eq!(saved.text("typed.txt").map(str::len), Some(big.len()));
    assert_eq!(saved.active(), "notes.md");
}
