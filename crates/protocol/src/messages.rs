//! The two message enums. They cross `postMessage` as JSON text; the worker's JavaScript
//! loader writes `Loading` itself, so the tagging (`{"type": "loading", ...}`) is part of
//! the contract.

use serde::{Deserialize, Serialize};

use crate::{
    CheckResult, CodeInfo, DrawOp, FileChanges, Hotspots, PyError, RecordLimits, Recording,
    WorkspaceFile,
};

/// Names one run (or one disassembly request). The page numbers them; anything that
/// arrives for a run the page has moved on from is dropped. Pages that share one worker
/// (embedded widgets, see `www/runtime-hub.js`) number from `client << CLIENT_ID_SHIFT`,
/// so the worker's answers can be routed back by their id alone.
pub type RunId = u32;

/// Where a sharing page's client number starts in a `RunId`.
pub const CLIENT_ID_SHIFT: u32 = 24;

/// Names one Python interpreter in the worker: every widget sharing the worker has its
/// own, so one's imports, monkey-patching and crashes are not another's.
pub type SessionId = u32;

/// Which output stream a chunk of text belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Why a run was stopped by the engine rather than by the program itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    InstructionBudget,
    TimeLimit,
    Interrupt,
    /// The program's memory neared the worker's memory limit (`MemoryError`).
    Memory,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// The program ran to its end.
    Finished,
    /// `sys.exit(code)`; a message passed to `sys.exit` has been written to stderr.
    Exit { code: i32 },
    /// An uncaught exception, including a `SyntaxError` before anything ran.
    Error { error: PyError },
    /// The engine stopped the program: instruction budget, time limit or interrupt.
    Stopped { reason: StopReason, error: PyError },
}

impl Outcome {
    /// The exception to show, if the run ended with one.
    pub fn error(&self) -> Option<&PyError> {
        match self {
            Outcome::Error { error } | Outcome::Stopped { error, .. } => Some(error),
            Outcome::Finished | Outcome::Exit { .. } => None,
        }
    }
}

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Run a program in a fresh `__main__` of interpreter `session` (made on first use).
    Run {
        run: RunId,
        #[serde(default)]
        session: SessionId,
        source: String,
        filename: String,
        #[serde(flatten)]
        limits: RunLimits,
        /// Record the run for the stepper, up to these many steps: the recording comes
        /// back (`Response::Recorded`) just before `Finished`.
        #[serde(default)]
        record: Option<RecordLimits>,
        /// The program's folder holds exactly these files (`main.py` among them) when the
        /// run starts; `None` leaves the folder as the last run left it.
        #[serde(default)]
        files: Option<Vec<WorkspaceFile>>,
        /// A widget of a group (`data-session`): it runs in the namespace the group's last
        /// run left instead of a fresh `__main__`.
        #[serde(default)]
        group: Option<GroupRun>,
    },
    /// Run a REPL entry in the namespace of interpreter `session`'s last run (an empty one
    /// if none ran): the answer is `EntryIncomplete` while CPython's console would prompt
    /// `...` for another line, or the output and `Finished` of a run.
    Entry {
        run: RunId,
        #[serde(default)]
        session: SessionId,
        /// Every line typed since the `>>>` prompt, joined with newlines.
        source: String,
        #[serde(flatten)]
        limits: RunLimits,
        /// The files, when the page's changed since the run: the folder is brought up to
        /// them, the modules already imported kept.
        #[serde(default)]
        files: Option<Vec<WorkspaceFile>>,
    },
    /// Tab at the REPL: what `text` completes to in interpreter `session`'s namespace.
    Complete {
        id: RunId,
        #[serde(default)]
        session: SessionId,
        text: String,
        instruction_budget: u64,
    },
    /// An exercise's check (`docs/exercises.md`): run `check`, the author's Python, in the
    /// worker's check interpreter; its API runs `source` (with `files`) and calls its
    /// functions in an interpreter of their own, under `limits` each time. The answer is
    /// the check's output, `Checked` and `Finished`.
    Check {
        run: RunId,
        check: String,
        source: String,
        #[serde(default)]
        files: Vec<WorkspaceFile>,
        #[serde(flatten)]
        limits: RunLimits,
    },
    /// Compile without running and return every code object.
    Disassemble {
        id: RunId,
        source: String,
        filename: String,
    },
}

/// A grouped widget's run: its namespace is the group's, shared with the widgets above it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRun {
    /// The code of the group's widgets above this one, in page order: a NameError's hint
    /// names the one that defines the name.
    pub earlier: Vec<String>,
    /// Run `earlier` first, in order ("Run the ones above first").
    pub run_earlier: bool,
}

/// Where the interpreter of widget group `name` lives in the worker: one number per group,
/// out of the range of the pages' and widgets' own interpreters (their client numbers).
pub fn group_session(name: &str) -> SessionId {
    // FNV-1a: the same number in every widget of the page, whatever order they load in.
    let hash = name.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    GROUP_SESSIONS | (hash & !GROUP_SESSIONS)
}

/// The top bit marks a group's interpreter; clients number theirs from 0.
const GROUP_SESSIONS: SessionId = 1 << 31;

/// What a run or a REPL entry may use, and `input()`'s lines when they come beforehand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunLimits {
    pub instruction_budget: u64,
    /// Wall-clock limit in seconds (time spent waiting for `input()` not counted).
    pub time_limit: Option<f64>,
    /// Bytes of memory the worker may use, interpreter included; past it the
    /// program gets `MemoryError`, or the worker is replaced.
    pub memory_limit: Option<u64>,
    /// Lines for `input()` typed before the run, on a page that can neither share
    /// memory with the worker nor relay through a service worker (then `input()`
    /// reads these and gets end of input after them). `None` elsewhere.
    pub stdin: Option<String>,
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The runtime is downloading: `loaded` of `total` bytes (`total` unknown when the
    /// server does not say).
    Loading { loaded: u64, total: Option<u64> },
    /// The interpreter is built; requests are accepted from now on.
    Ready { instruction_budget: u64 },
    /// Program output, batched.
    Output {
        run: RunId,
        stream: Stream,
        text: String,
    },
    /// The program called `input()` and the worker waits for the answer: in shared memory,
    /// or, on a page that is not cross-origin isolated, through the service worker, which
    /// holds the worker's synchronous request `relay::INPUT_PATH?token=T` open until the page
    /// posts `relay::PageMessage` with the same token (`relay_token`).
    InputRequest {
        run: RunId,
        relay_token: Option<String>,
    },
    /// What the program drew since the last batch (turtle graphics), in order with its
    /// output: output before it was flushed first.
    Drawing { run: RunId, ops: Vec<DrawOp> },
    /// The program printed more than the worker passes on; the rest of its output is
    /// dropped (the run goes on). Sent once per run.
    OutputTruncated { run: RunId, limit_bytes: u64 },
    /// The worker's wasm trapped (a panic, or memory exhausted) and it must be
    /// replaced. Posted by the worker's JavaScript loader, which sees the trap.
    Crashed { out_of_memory: bool, detail: String },
    /// Sent while a program runs, a few times a second (the page keeps the time).
    Progress { run: RunId, instructions: u64 },
    /// Another page sharing this worker asked for a run a second ago and this one still
    /// runs, so the page stops it: one program runs at a time. Sent by the sharing hub
    /// (`www/runtime-hub.js`), not the worker.
    Preempted { run: RunId },
    /// A recorded run's steps (`Request::Run`'s `record`), sent just before `Finished`.
    Recorded {
        run: RunId,
        recording: Box<Recording>,
    },
    /// What an exercise's check found (`Request::Check`), sent just before `Finished`.
    Checked {
        run: RunId,
        results: Vec<CheckResult>,
    },
    /// The run is over.
    Finished {
        run: RunId,
        outcome: Outcome,
        instructions: u64,
        elapsed: f64,
        /// Where the steps went, when the budget or the time limit stopped it.
        #[serde(default)]
        hotspots: Option<Box<Hotspots>>,
        /// The text files the program wrote or removed in its folder, when it was given
        /// files (by this run, or by the run before this REPL entry) and changed any.
        #[serde(default)]
        files: Option<Box<FileChanges>>,
    },
    /// The REPL entry (`Request::Entry`) needs another line: the prompt becomes `...`.
    EntryIncomplete { run: RunId },
    /// The answer to `Request::Complete`: every completion of `text`, sorted.
    Completions {
        id: RunId,
        text: String,
        matches: Vec<String>,
    },
    /// The answer to `Request::Disassemble`: the code objects, or the syntax error.
    Bytecode {
        id: RunId,
        result: Result<Vec<CodeInfo>, PyError>,
    },
}

macro_rules! json_text {
    ($type:ty) => {
        impl $type {
            pub fn to_json(&self) -> String {
                serde_json::to_string(self).expect("protocol messages always serialize")
            }

            pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
                serde_json::from_str(text)
            }
        }
    };
}

json_text!(Request);
json_text!(Response);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Instruction, TraceFrame};

    fn error() -> PyError {
        PyError {
            type_name: "NameError".into(),
            message: "name 'x' is not defined".into(),
            frames: vec![TraceFrame {
                filename: "main.py".into(),
                line: 3,
                end_line: Some(3),
                column: Some(6),
                end_column: Some(7),
                function: "<module>".into(),
            }],
            text: "Traceback (most recent call last):\n...".into(),
            syntax: None,
            hint: None,
        }
    }

    fn code() -> CodeInfo {
        CodeInfo {
            name: "<module>".into(),
            qualname: "<module>".into(),
            first_line: 1,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            flag_names: vec![],
            stacksize: 2,
            consts: vec!["None".into()],
            names: vec!["print".into()],
            varnames: vec![],
            cellvars: vec![],
            freevars: vec![],
            co_code: vec![128, 0, 2, 1],
            instructions: vec![Instruction {
                offset: 0,
                opname: "RESUME".into(),
                opcode: 128,
                arg: Some(0),
                argrepr: String::new(),
                line: None,
                end_line: None,
                column: None,
                end_column: None,
                jump_target: None,
                is_jump_target: false,
            }],
        }
    }

    fn limits() -> RunLimits {
        RunLimits {
            instruction_budget: 50_000_000,
            time_limit: Some(30.0),
            memory_limit: Some(512 << 20),
            stdin: Some("first\nsecond\n".into()),
        }
    }

    /// The page's JavaScript (`www/runtime-hub.js`) reads a run's fields at the top level.
    #[test]
    fn a_runs_limits_are_fields_of_the_request() {
        let text = Request::Entry {
            run: 9,
            session: 0,
            source: "x".into(),
            limits: limits(),
            files: None,
        }
        .to_json();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["type"], "entry");
        assert_eq!(json["run"], 9);
        assert_eq!(json["instruction_budget"], 50_000_000);
    }

    #[test]
    fn every_request_round_trips() {
        let requests = [
            Request::Run {
                run: 7,
                session: 3,
                source: "print('é\\t<b>')\n".into(),
                filename: "main.py".into(),
                limits: limits(),
                record: Some(RecordLimits::default()),
                files: Some(vec![WorkspaceFile {
                    name: "scores.csv".into(),
                    text: "ada,3\n".into(),
                }]),
                group: Some(GroupRun {
                    earlier: vec!["def f():\n    return 1\n".into()],
                    run_earlier: true,
                }),
            },
            Request::Entry {
                run: 9,
                session: 3,
                source: "for i in range(3):\n    print(i)\n".into(),
                limits: limits(),
                files: None,
            },
            Request::Complete {
                id: 10,
                session: 3,
                text: "math.fl".into(),
                instruction_budget: 1000,
            },
            Request::Disassemble {
                id: 8,
                source: "x = 1".into(),
                filename: "main.py".into(),
            },
        ];
        for request in requests {
            assert_eq!(Request::from_json(&request.to_json()).unwrap(), request);
        }
    }

    #[test]
    fn every_response_round_trips() {
        let responses = [
            Response::Loading {
                loaded: 10,
                total: Some(100),
            },
            Response::Ready {
                instruction_budget: 1000,
            },
            Response::Output {
                run: 1,
                stream: Stream::Stderr,
                text: "oops\n".into(),
            },
            Response::Progress {
                run: 1,
                instructions: 5,
            },
            Response::Preempted { run: 1 },
            Response::InputRequest {
                run: 1,
                relay_token: None,
            },
            Response::InputRequest {
                run: 2,
                relay_token: Some("k3".into()),
            },
            Response::Drawing {
                run: 1,
                ops: vec![
                    DrawOp::Background {
                        color: "#ffffff".into(),
                    },
                    DrawOp::Delete { item: None },
                ],
            },
            Response::OutputTruncated {
                run: 1,
                limit_bytes: 4 << 20,
            },
            Response::Crashed {
                out_of_memory: true,
                detail: "RuntimeError: unreachable".into(),
            },
            Response::Recorded {
                run: 1,
                recording: Box::default(),
            },
            Response::Finished {
                run: 1,
                outcome: Outcome::Stopped {
                    reason: StopReason::InstructionBudget,
                    error: error(),
                },
                instructions: 9,
                elapsed: 1.5,
                files: Some(Box::new(FileChanges {
                    written: vec![WorkspaceFile {
                        name: "out.txt".into(),
                        text: "done\n".into(),
                    }],
                    removed: vec!["old.txt".into()],
                })),
                hotspots: Some(Box::new(Hotspots {
                    every: 16_384,
                    lines: vec![(3, 40), (2, 39)],
                    last: vec![crate::Snapshot {
                        qualname: "<module>".into(),
                        line: 3,
                        locals: vec![("i".into(), "0".into())],
                    }],
                })),
            },
            Response::Finished {
                run: 2,
                outcome: Outcome::Exit { code: 3 },
                instructions: 0,
                elapsed: 0.0,
                hotspots: None,
                files: None,
            },
            Response::EntryIncomplete { run: 5 },
            Response::Completions {
                id: 6,
                text: "pri".into(),
                matches: vec!["print(".into(), "property(".into()],
            },
            Response::Bytecode {
                id: 3,
                result: Ok(vec![code()]),
            },
            Response::Bytecode {
                id: 4,
                result: Err(error()),
            },
        ];
        for response in responses {
            assert_eq!(Response::from_json(&response.to_json()).unwrap(), response);
        }
    }

    /// The worker's JavaScript loader writes `loading` and `crashed` by hand.
    #[test]
    fn crashed_reads_what_the_javascript_loader_writes() {
        let parsed = Response::from_json(
            r#"{"type":"crashed","out_of_memory":false,"detail":"RuntimeError: unreachable"}"#,
        );
        assert_eq!(
            parsed.unwrap(),
            Response::Crashed {
                out_of_memory: false,
                detail: "RuntimeError: unreachable".into()
            }
        );
    }

    #[test]
    fn loading_reads_what_the_javascript_loader_writes() {
        let parsed = Response::from_json(r#"{"type":"loading","loaded":5,"total":null}"#);
        assert_eq!(
            parsed.unwrap(),
            Response::Loading {
                loaded: 5,
                total: None
            }
        );
    }

    #[test]
    fn malformed_messages_are_errors_not_panics() {
        assert!(Request::from_json("{").is_err());
        assert!(Request::from_json(r#"{"type":"launch_missiles"}"#).is_err());
        assert!(Response::from_json(r#"{"type":"output","run":1}"#).is_err());
    }
}
