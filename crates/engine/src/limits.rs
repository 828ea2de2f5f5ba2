//! The per-run limits and the reasons a run can be stopped from outside the program.

/// Limits for one run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// File name shown in tracebacks.
    pub filename: String,
    /// How many bytecode instructions the program may execute.
    pub instruction_budget: u64,
    /// Wall-clock limit in seconds, checked at the same points as the budget.
    pub time_limit: Option<f64>,
    /// Buffered output is handed to the host at least this often while the program runs.
    pub flush_interval: f64,
    /// `sys.argv[1:]`.
    pub argv: Vec<String>,
    /// The highest recursion limit `sys.setrecursionlimit` may set: deeper recursion than
    /// the stack holds would crash instead of raising `RecursionError`.
    pub max_recursion_limit: usize,
    /// Bytes of stack a run may use below where it starts; deeper, a Python call raises
    /// `RecursionError`. For hosts whose stack is smaller than the recursion limit needs
    /// (a browser worker has about half a megabyte), where overflowing it would crash.
    pub max_stack_bytes: Option<usize>,
    /// Record each instruction of the program's code, up to this many (the stepper).
    pub record_instructions: Option<usize>,
    /// Record the program's line steps (`sys.settrace`'s events), up to this many.
    pub record_lines: Option<usize>,
    /// The program's folder (the home folder, where it starts) holds these files and no
    /// others when it starts (a REPL entry: when it runs, the modules already imported
    /// kept); `None` leaves the folder as the last run left it.
    pub files: Option<Vec<WorkspaceFile>>,
    /// A grouped widget's run: in the namespace the session's last run left (the group's),
    /// after the widgets above it when it asks for that.
    pub group: Option<GroupRun>,
}

/// Generous for student programs; `while True: pass` meets it in under two seconds natively
/// (about 90 million instructions a second) and in a few seconds in the browser.
pub const DEFAULT_INSTRUCTION_BUDGET: u64 = 150_000_000;

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            filename: "main.py".to_owned(),
            instruction_budget: DEFAULT_INSTRUCTION_BUDGET,
            time_limit: None,
            flush_interval: 0.03,
            argv: Vec::new(),
            max_recursion_limit: usize::MAX,
            max_stack_bytes: None,
            record_instructions: None,
            record_lines: None,
            files: None,
            group: None,
        }
    }
}

pub use sandpiper_protocol::StopReason;
use sandpiper_protocol::{GroupRun, WorkspaceFile};
