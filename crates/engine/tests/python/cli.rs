//! `sandpiper run` as a grader runs it: the limits a command line sets, and how the process
//! ends when one is reached.

use std::process::{Command, Output};

fn sandpiper_run(flags: &[&str], source: &str) -> Output {
    let folder = std::env::temp_dir().join(format!("sandpiper-cli-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let program = folder.join(format!("main{}.py", flags.join("").len()));
    std::fs::write(&program, source).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sandpiper"))
        .arg("run")
        .args(flags)
        .arg(&program)
        .output()
        .expect("running sandpiper");
    let _ = std::fs::remove_file(&program);
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `source` under a memory limit of `megabytes`: it must end with status 3 and say
/// `expected` on standard error. Returns standard error.
fn stopped_by_the_memory_limit(megabytes: &str, source: &str, expected: &str) -> String {
    let output = sandpiper_run(&["--memory", megabytes], source);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains(expected), "stderr: {stderr}");
    stderr
}

#[test]
fn a_growing_list_meets_memory_error_under_the_memory_limit() {
    let stderr = stopped_by_the_memory_limit(
        "128",
        "rows = []\nwhile True:\n    rows.append([len(rows)] * 50)\n",
        "MemoryError: the program is using nearly all the memory it may use",
    );
    assert!(stderr.contains("line 3"), "stderr: {stderr}");
}

#[test]
fn a_program_that_catches_memory_error_still_ends_at_the_memory_limit() {
    // Large blocks fill memory between two check-ins; catching MemoryError gains nothing.
    stopped_by_the_memory_limit(
        "96",
        "blocks = []\nwhile True:\n    try:\n        blocks.append(bytearray(4_000_000))\n    except MemoryError:\n        pass\n",
        "memory limit",
    );
}

#[test]
fn a_program_within_the_memory_limit_runs_as_without_it() {
    let source = "print(sum(range(10**6)), len([0] * 10**5))\n";
    let limited = sandpiper_run(&["--memory", "128"], source);
    assert_eq!(text(&limited.stdout), "499999500000 100000\n");
    assert_eq!(limited.status.code(), Some(0));
}

#[test]
fn a_bad_memory_limit_is_a_usage_error() {
    for value in ["10", "lots", "-5"] {
        let output = sandpiper_run(&["--memory", value], "print('never')\n");
        assert_eq!(output.status.code(), Some(2));
        assert!(
            text(&output.stderr).contains("--memory takes a whole number of megabytes"),
            "{value}: {}",
            text(&output.stderr)
        );
        assert_eq!(text(&output.stdout), "");
    }
}

#[test]
fn a_program_imports_and_reads_the_files_beside_it_and_writes_none_of_them() {
    let folder = std::env::temp_dir().join(format!("sandpiper-cli-folder-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("helper.py"),
        "def twice(n):\n    return 2 * n\n",
    )
    .unwrap();
    std::fs::write(folder.join("data.txt"), "21\n").unwrap();
    std::fs::write(
        folder.join("main.py"),
        "import helper\nprint(helper.twice(int(open('data.txt').read())))\nopen('data.txt', 'w').write('changed')\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sandpiper"))
        .arg("run")
        .arg(folder.join("main.py"))
        .output()
        .expect("running sandpiper");
    assert_eq!(text(&output.stdout), "42\n", "{}", text(&output.stderr));
    // What the program writes stays in its memory.
    assert_eq!(
        std::fs::read_to_string(folder.join("data.txt")).unwrap(),
        "21\n"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

/// `sandpiper check`: an author tries a check on a program, as the widget's Check runs it.
#[test]
fn check_runs_an_exercises_check_against_a_program() {
    let folder = std::env::temp_dir().join(format!("sandpiper-check-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let check = folder.join("check.py");
    std::fs::write(
        &check,
        "expect_output('Ada\\nHello, Ada!', inputs=['Ada'])\n\
         expect('check' not in run(['x']).output, 'the check stays hidden')\n",
    )
    .unwrap();
    let good = folder.join("good.py");
    std::fs::write(
        &good,
        "import os\nname = input()\nprint(f'Hello, {name}!' if name == 'Ada' else os.listdir('.'))\n",
    )
    .unwrap();
    let bad = folder.join("bad.py");
    std::fs::write(&bad, "print('Hello, world!')\n").unwrap();
    let check_of = |program: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_sandpiper"))
            .args(["check"])
            .arg(&check)
            .arg(program)
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("running sandpiper")
    };
    let output = check_of(&good);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(
        stdout.ends_with("All 2 tests passed. Well done!\n"),
        "{stdout}"
    );

    let output = check_of(&bad);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with(
            "✗ Prints the expected output when the input is 'Ada'\n    The output is not the one expected: compare the lines below.\n    - Ada\n    - Hello, Ada!\n    + Hello, world!\n"
        ),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 of 2 tests failed.\n"), "{stdout}");
    let _ = std::fs::remove_dir_all(&folder);
}

/// The code a teacher makes for a student's name is the one the widget showed them.
#[test]
fn completion_code_makes_the_students_code() {
    let output = Command::new(env!("CARGO_BIN_EXE_sandpiper"))
        .args([
            "completion-code",
            "--key",
            "teacher key",
            "--exercise",
            "greeting",
        ])
        .args(["Ada", "Lovelace"])
        .output()
        .expect("running sandpiper");
    assert_eq!(text(&output.stdout), "DCMX-M0HK\n");
    let output = Command::new(env!("CARGO_BIN_EXE_sandpiper"))
        .args(["completion-code", "--key", "k"])
        .output()
        .expect("running sandpiper");
    assert_eq!(output.status.code(), Some(2));
}
