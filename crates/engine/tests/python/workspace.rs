//! The workspace (`RunOptions::files`): a program imports the modules and reads the files
//! it is given, as CPython does next to main.py (`workspace_run.py` runs the same files
//! there), and the run reports the files it wrote and removed.

use std::collections::BTreeMap;

use sandpiper_engine::{FileChanges, Outcome, RunOptions, WorkspaceFile};

use crate::common::{Harness, cpython_json};

fn files(pairs: &[(&str, &str)]) -> Vec<WorkspaceFile> {
    pairs
        .iter()
        .map(|&(name, text)| WorkspaceFile {
            name: name.to_owned(),
            text: text.to_owned(),
        })
        .collect()
}

fn with_files(pairs: &[(&str, &str)]) -> RunOptions {
    RunOptions {
        files: Some(files(pairs)),
        ..RunOptions::default()
    }
}

/// Runs `program` as main.py beside `others` in the engine and in CPython: both print the
/// same, fail the same way, and leave the same files.
fn runs_as_in_cpython(program: &str, others: &[(&str, &str)]) -> FileChanges {
    let others_json = serde_json::to_string(others).unwrap();
    let expected = cpython_json(
        &format!(
            "FILES = {others_json}\n{}",
            include_str!("workspace_run.py")
        ),
        program,
        "",
    );
    let mut given = others.to_vec();
    given.push(("main.py", program));
    let mut harness = Harness::new();
    let report = harness.run_with(program, &with_files(&given));
    assert_eq!(harness.stdout(), expected["stdout"].as_str().unwrap());
    let error = report
        .outcome
        .error()
        .map_or("", |error| error.text.as_str());
    assert_eq!(error, expected["stderr"].as_str().unwrap());

    let changes = report.files.expect("a run given files reports them");
    let mut ours: BTreeMap<&str, &str> = others.iter().copied().collect();
    for removed in &changes.removed {
        ours.remove(removed.as_str());
    }
    for file in &changes.written {
        ours.insert(&file.name, &file.text);
    }
    let theirs: BTreeMap<&str, &str> = expected["files"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str().unwrap()))
        .collect();
    assert_eq!(ours, theirs);
    changes
}

const HELPER: &str = "\
print('helper loaded as', __name__)
RATE = 0.2

def with_tax(price):
    return round(price * (1 + RATE), 2)

def check(price):
    if price < 0:
        raise ValueError(f'negative price: {price}')
    return price
";

#[test]
fn a_program_imports_its_modules_and_packages_and_reads_and_writes_its_files() {
    let program = "\
import helper
from shapes import square
from shapes.square import area as square_area
import helper as again
print(helper.with_tax(10), again is helper, helper.__name__)
print(square.area(3), square_area(4), square.__name__)
with open('data/scores.csv') as f:
    rows = [line.strip().split(',') for line in f]
print(rows)
with open('report.txt', 'w') as f:
    f.write(f'{len(rows)} rows\\n')
import os
os.remove('old.txt')
print(sorted(os.listdir('.')))
";
    let changes = runs_as_in_cpython(
        program,
        &[
            ("helper.py", HELPER),
            ("shapes/__init__.py", "print('shapes package')\n"),
            (
                "shapes/square.py",
                "def area(side):\n    return side * side\n",
            ),
            ("data/scores.csv", "ada,36\ngrace,41\n"),
            ("old.txt", "to be removed\n"),
        ],
    );
    assert_eq!(
        changes,
        FileChanges {
            written: files(&[("report.txt", "2 rows\n")]),
            removed: vec!["old.txt".to_owned()],
        }
    );
}

#[test]
fn an_error_in_a_module_shows_its_lines_and_a_module_named_like_the_standard_library_hides_it() {
    runs_as_in_cpython(
        "import helper\nprint(helper.check(5))\nhelper.check(-1)\n",
        &[("helper.py", HELPER)],
    );
    runs_as_in_cpython(
        "import random\nprint(random.randint(1, 6), random.__file__)\n",
        &[("random.py", "def randint(a, b):\n    return 4\n")],
    );
    runs_as_in_cpython("import helper\n", &[("helper.py", "x = )\n")]);
}

#[test]
fn each_run_imports_the_modules_afresh_and_starts_with_exactly_its_files() {
    let mut harness = Harness::new();
    let program = "import helper\nprint(helper.VERSION)\nopen('made.txt', 'w').write('x')\n";
    for version in ["1", "2"] {
        let helper = format!("VERSION = {version}\n");
        let report = harness.run_with(
            program,
            &with_files(&[("main.py", program), ("helper.py", &helper)]),
        );
        assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
        assert_eq!(harness.stdout(), format!("{version}\n"));
    }
    // A file the page no longer has is gone; without files the folder stays as it was.
    let check = "import os\nprint(sorted(os.listdir('.')))\n";
    harness.run_with(check, &with_files(&[("main.py", check)]));
    assert_eq!(harness.stdout(), "['main.py']\n");
    harness.run("open('kept.txt', 'w').write('kept')\n");
    let report = harness.run(check);
    assert_eq!(harness.stdout(), "['kept.txt', 'main.py']\n");
    assert_eq!(
        report.files,
        Some(FileChanges::default()),
        "changes are reported once"
    );
}

#[test]
fn a_name_outside_the_programs_folder_is_refused() {
    let mut harness = Harness::new();
    for name in ["../escape.py", "/etc/passwd", ""] {
        let report = harness.run_with("print('ran')\n", &with_files(&[(name, "x = 1\n")]));
        let error = report.outcome.error().expect("refused");
        assert!(
            error
                .message
                .contains("is not the name of a file in the program's folder"),
            "{name:?}: {}",
            error.text
        );
        assert_eq!(harness.stdout(), "");
    }
}

/// A REPL entry given the page's files sees their new texts, while the modules the run
/// imported stay as they are (as after `python -i main.py` when a file changes on disk);
/// what an entry writes is reported.
#[test]
fn an_entry_sees_edited_files_and_keeps_the_imported_modules() {
    let mut harness = Harness::new();
    let program = "import helper\n";
    let report = harness.run_with(
        program,
        &with_files(&[
            ("main.py", program),
            ("helper.py", "VERSION = 1\n"),
            ("data.txt", "old\n"),
        ]),
    );
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    let edited = with_files(&[
        ("main.py", program),
        ("helper.py", "VERSION = 2\n"),
        ("data.txt", "new\n"),
    ]);
    let entry = "import helper; print(helper.VERSION, open('data.txt').read().strip()); open('note.txt', 'w').write('hi')";
    let report = match harness.session.run_entry(entry, &edited) {
        sandpiper_engine::EntryReport::Ran(report) => report,
        sandpiper_engine::EntryReport::Incomplete => panic!("the entry is complete"),
    };
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(harness.stdout(), "1 new\n2\n");
    assert_eq!(
        report.files,
        Some(FileChanges {
            written: files(&[("note.txt", "hi")]),
            removed: vec![],
        })
    );
}
