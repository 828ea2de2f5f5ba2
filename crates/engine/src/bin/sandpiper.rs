//! `sandpiper run` and `sandpiper dis`: the engine on the command line; `sandpiper check`
//! and `sandpiper completion-code` for course authors and teachers (`exercise`).

#[path = "sandpiper/exercise.rs"]
mod exercise;

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sandpiper_engine::memory::{self, MeteredAllocator};
use sandpiper_engine::{
    DEFAULT_INSTRUCTION_BUDGET, Host, InputLine, Outcome, RunOptions, Session, Signal, Stream,
    WorkspaceFile, format_text,
};

const USAGE: &str = "usage:
  sandpiper run [--budget INSTRUCTIONS] [--timeout SECONDS] [--memory MB] [--stdin FILE]
                [--hints | --no-hints] FILE [ARGS...]
  sandpiper dis [--json] FILE
  sandpiper check CHECK FILE
  sandpiper completion-code --key KEY --exercise ID NAME...";

/// Counts the process's memory, for `--memory` (no limit without it).
#[global_allocator]
static ALLOCATOR: MeteredAllocator = MeteredAllocator;

/// Exit status when the instruction budget, the time limit or the memory limit ended the
/// program.
const EXIT_LIMIT: u8 = 3;
/// The interpreter itself takes about 40 MB natively; below this a program has no room.
const MIN_MEMORY_MB: usize = 64;
/// Deep recursion runs on the native stack; give the interpreter plenty.
const INTERPRETER_STACK: usize = 1 << 30;
/// The files next to the program that it sees (`folder_files`): how many, and how large.
const MAX_FOLDER_FILES: usize = 100;
const MAX_FOLDER_FILE_BYTES: u64 = 1 << 20;

fn main() -> ExitCode {
    // The allocator starts with the browser worker's default limit; only `--memory` sets one.
    memory::set_limit(usize::MAX);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run_command(&args[1..]),
        Some("dis") => dis_command(&args[1..]),
        Some("check") => exercise::check_command(&args[1..]),
        Some("completion-code") => exercise::completion_code_command(&args[1..]),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected a command: run, dis, check or completion-code"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("sandpiper: {message}\n{USAGE}");
    ExitCode::from(2)
}

struct RunArgs {
    budget: u64,
    timeout: Option<f64>,
    /// Bytes the process may use, interpreter included.
    memory: Option<usize>,
    stdin: Option<String>,
    /// Print the error's hint: `None` when only a terminal gets it.
    hints: Option<bool>,
    file: String,
    argv: Vec<String>,
}

fn parse_run_args(args: &[String]) -> Result<RunArgs, String> {
    let mut parsed = RunArgs {
        budget: DEFAULT_INSTRUCTION_BUDGET,
        timeout: None,
        memory: None,
        stdin: None,
        hints: None,
        file: String::new(),
        argv: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--budget" => {
                let text = value("--budget")?.replace(['_', ','], "");
                parsed.budget = text.parse().map_err(|_| {
                    format!("--budget takes a whole number of instructions, not {text:?}")
                })?;
            }
            "--timeout" => {
                let text = value("--timeout")?;
                let seconds: f64 = text
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| {
                        format!("--timeout takes a positive number of seconds, not {text:?}")
                    })?;
                parsed.timeout = Some(seconds);
            }
            "--memory" => {
                let text = value("--memory")?;
                let megabytes: usize = text
                    .parse()
                    .ok()
                    .filter(|mb| (MIN_MEMORY_MB..=1 << 20).contains(mb))
                    .ok_or_else(|| {
                        format!(
                            "--memory takes a whole number of megabytes from {MIN_MEMORY_MB}, \
                             not {text:?}"
                        )
                    })?;
                parsed.memory = Some(megabytes << 20);
            }
            "--stdin" => parsed.stdin = Some(value("--stdin")?),
            "--hints" => parsed.hints = Some(true),
            "--no-hints" => parsed.hints = Some(false),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file => {
                parsed.file = file.to_owned();
                parsed.argv = rest.cloned().collect();
                return Ok(parsed);
            }
        }
    }
    Err("no FILE given".to_owned())
}

fn read_source(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|err| format!("cannot read {path}: {err}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))
}

/// The files next to the program, which it can open and import as with CPython: a copy in
/// memory (what the program writes is not saved), of the folder's UTF-8 text files up to
/// 1 MB each, not in subfolders, at most `MAX_FOLDER_FILES` of them.
fn folder_files(program: &str) -> Vec<WorkspaceFile> {
    let folder = Path::new(program)
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<WorkspaceFile> = entries
        .flatten()
        .filter_map(|entry| {
            let metadata = entry.metadata().ok()?;
            if !metadata.is_file() || metadata.len() > MAX_FOLDER_FILE_BYTES {
                return None;
            }
            let name = entry.file_name().into_string().ok()?;
            let text = String::from_utf8(std::fs::read(entry.path()).ok()?).ok()?;
            Some(WorkspaceFile { name, text })
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files.truncate(MAX_FOLDER_FILES);
    files
}

fn run_command(args: &[String]) -> ExitCode {
    let args = match parse_run_args(args) {
        Ok(args) => args,
        Err(message) => return usage_error(&message),
    };
    let source = match read_source(&args.file) {
        Ok(source) => source,
        Err(message) => return usage_error(&message),
    };
    let input: Box<dyn BufRead + Send> = match &args.stdin {
        None => Box::new(std::io::BufReader::new(std::io::stdin())),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(std::io::BufReader::new(file)),
            Err(err) => return usage_error(&format!("cannot read {path}: {err}")),
        },
    };
    if let Some(bytes) = args.memory {
        memory::set_limit(bytes);
    }
    memory::on_exhausted(|limit| {
        let _ = std::io::stdout().flush();
        eprintln!(
            "\nsandpiper: the program used all of its {} MB memory limit and was stopped",
            limit >> 20
        );
        std::process::exit(EXIT_LIMIT.into());
    });
    if let Some(seconds) = args.timeout {
        // Native code that never returns to Python bytecode cannot be stopped from inside.
        let grace = seconds + 1.0;
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(grace));
            let _ = std::io::stdout().flush();
            eprintln!(
                "\nsandpiper: the program did not stop within its {seconds} s time limit and was killed"
            );
            std::process::exit(EXIT_LIMIT.into());
        });
    }
    let options = RunOptions {
        files: Some(folder_files(&args.file)),
        filename: args.file.clone(),
        instruction_budget: args.budget,
        time_limit: args.timeout,
        flush_interval: 0.0,
        argv: args.argv,
        // Recursion deeper than the thread's stack is a RecursionError, never a crash.
        max_stack_bytes: Some(INTERPRETER_STACK / 16 * 15),
        ..RunOptions::default()
    };
    let interpreter = std::thread::Builder::new()
        .stack_size(INTERPRETER_STACK)
        .spawn(move || {
            let mut session = Session::new(Box::new(TerminalHost::new(input)));
            session.run(&source, &options)
        })
        .expect("starting the interpreter thread");
    let report = match interpreter.join() {
        Ok(report) => report,
        Err(_) => {
            eprintln!("sandpiper: internal error: the interpreter crashed");
            return ExitCode::from(70);
        }
    };
    match report.outcome {
        Outcome::Finished => ExitCode::SUCCESS,
        Outcome::Exit { code } => ExitCode::from(code.clamp(0, 255) as u8),
        Outcome::Error { error } => {
            eprint!("{}", error.text);
            print_hint(&error, args.hints);
            ExitCode::from(1)
        }
        Outcome::Stopped { error, .. } => {
            eprint!("{}", error.text);
            print_hint(&error, args.hints);
            ExitCode::from(EXIT_LIMIT)
        }
    }
}

/// The error's beginner hint after its traceback, in the terminal's language: by default only when a person reads standard error,
/// so that scripts and comparisons get CPython's text alone.
fn print_hint(error: &sandpiper_engine::PyError, wanted: Option<bool>) {
    use std::io::IsTerminal;

    if !wanted.unwrap_or_else(|| std::io::stderr().is_terminal()) {
        return;
    }
    let Some(hint) = &error.hint else {
        return;
    };
    let catalogue = terminal_catalogue();
    if let Some(text) = catalogue.hint(hint) {
        eprintln!("\n{}: {text}", catalogue.text("hint-label"));
    }
}

/// Sandpiper's words in the terminal's language (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
/// `LANG`).
fn terminal_catalogue() -> sandpiper_messages::Catalogue {
    let requested: Vec<String> = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .flat_map(|value| value.split(':').map(str::to_owned).collect::<Vec<_>>())
        .filter(|tag| !tag.is_empty())
        .collect();
    let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
    sandpiper_messages::Catalogue::new(sandpiper_messages::negotiate(&requested))
}

/// The process's own standard streams and clocks.
struct TerminalHost {
    input: Box<dyn BufRead + Send>,
    started: Instant,
}

impl TerminalHost {
    fn new(input: Box<dyn BufRead + Send>) -> Self {
        Self {
            input,
            started: Instant::now(),
        }
    }
}

impl Host for TerminalHost {
    fn write(&mut self, stream: Stream, text: &str) {
        // A closed pipe (`| head`) is not the program's error.
        let _ = match stream {
            Stream::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes()).and_then(|()| out.flush())
            }
            Stream::Stderr => std::io::stderr().lock().write_all(text.as_bytes()),
        };
    }

    fn read_line(&mut self) -> InputLine {
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => InputLine::Eof,
            Ok(_) => {
                let trimmed = line.strip_suffix('\n').unwrap_or(&line);
                InputLine::Line(trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned())
            }
        }
    }

    fn sleep(&mut self, seconds: f64) -> Signal {
        std::thread::sleep(Duration::from_secs_f64(seconds));
        Signal::Continue
    }

    fn poll(&mut self, _instructions: u64) -> Signal {
        if memory::nearly_exhausted() {
            return Signal::OutOfMemory;
        }
        Signal::Continue
    }

    fn monotonic(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    fn wall_clock(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }
}

fn dis_command(args: &[String]) -> ExitCode {
    let (json, file) = match args {
        [flag, file] if flag == "--json" => (true, file),
        [file] if !file.starts_with("--") => (false, file),
        _ => return usage_error("dis takes [--json] FILE"),
    };
    let source = match read_source(file) {
        Ok(source) => source,
        Err(message) => return usage_error(&message),
    };
    let input = Box::new(std::io::BufReader::new(std::io::empty()));
    let mut session = Session::new(Box::new(TerminalHost::new(input)));
    match session.disassemble(&source, file) {
        Ok(codes) if json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&codes).expect("CodeInfo serializes")
            );
            ExitCode::SUCCESS
        }
        Ok(codes) => {
            print!("{}", format_text(&codes));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.text);
            ExitCode::from(1)
        }
    }
}
