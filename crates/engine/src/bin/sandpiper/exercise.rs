//! `sandpiper check CHECK FILE`: an exercise's check (docs/exercises.md) against a program,
//! as the widget's Check runs it, for authors writing checks; `sandpiper completion-code`:
//! the code a student who passed gets, for the teacher to compare.

use std::process::ExitCode;

use sandpiper_engine::{CheckResult, Checker, DiffKind, Outcome, RunOptions, all_passed};
use sandpiper_protocol::completion_code;

use super::{TerminalHost, folder_files, read_source, terminal_catalogue, usage_error};

/// Seconds each run of the program may take (the page's default).
const TIME_LIMIT: f64 = 10.0;

pub fn check_command(args: &[String]) -> ExitCode {
    let [check_path, program] = args else {
        return usage_error("check takes CHECK FILE");
    };
    let (check, source) = match (read_source(check_path), read_source(program)) {
        (Ok(check), Ok(source)) => (check, source),
        (Err(message), _) | (_, Err(message)) => return usage_error(&message),
    };
    let quiet = || Box::new(std::io::BufReader::new(std::io::empty()));
    let mut checker = Checker::new(
        Box::new(TerminalHost::new(quiet())),
        Box::new(TerminalHost::new(quiet())),
    );
    let options = RunOptions {
        time_limit: Some(TIME_LIMIT),
        ..RunOptions::default()
    };
    // The program's folder, but for the check when it is there too.
    let check_name = std::path::Path::new(check_path).file_name();
    let mut files = folder_files(program);
    files.retain(|file| Some(std::ffi::OsStr::new(&file.name)) != check_name);
    let report = checker.check(&check, &source, files, &options);
    let catalogue = terminal_catalogue();
    for result in &report.results {
        print_result(result, &catalogue);
    }
    if let Some(error) = report.run.outcome.error() {
        eprint!("{}", error.text);
        eprintln!("{}", catalogue.text("check-broken"));
        return ExitCode::from(1);
    }
    let passed = all_passed(&report.results) && report.run.outcome == Outcome::Finished;
    let (failed, count) = (
        report
            .results
            .iter()
            .filter(|result| !result.passed)
            .count() as i64,
        report.results.len() as i64,
    );
    let summary = match (count, failed) {
        (0, _) => catalogue.text("check-no-tests"),
        (_, 0) => catalogue.counted("check-all-passed", &[("count", count)]),
        _ => catalogue.counted("check-some-failed", &[("failed", failed), ("count", count)]),
    };
    println!("{summary}");
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_result(result: &CheckResult, catalogue: &sandpiper_messages::Catalogue) {
    let mark = if result.passed { "✓" } else { "✗" };
    println!("{mark} {}", catalogue.words(&result.name));
    for message in &result.messages {
        println!("    {}", catalogue.words(message));
    }
    for line in &result.diff {
        let sign = match line.kind {
            DiffKind::Same => ' ',
            DiffKind::Expected => '-',
            DiffKind::Actual => '+',
        };
        println!("    {sign} {}", line.text);
    }
}

pub fn completion_code_command(args: &[String]) -> ExitCode {
    let (mut key, mut exercise, mut name) = (None, None, Vec::new());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--key" => key = args.next(),
            "--exercise" => exercise = args.next(),
            _ => name.push(arg.as_str()),
        }
    }
    let (Some(key), Some(exercise), false) = (key, exercise, name.is_empty()) else {
        return usage_error("completion-code takes --key KEY --exercise ID NAME...");
    };
    println!("{}", completion_code(key, exercise, &name.join(" ")));
    ExitCode::SUCCESS
}
