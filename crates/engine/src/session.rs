//! A warm interpreter that runs many programs, each in a fresh `__main__`, and REPL entries
//! in the last one's (`interactive`).

mod calling;
mod checking;
mod interactive;

pub use calling::CallAnswer;
pub use interactive::EntryReport;

use std::cell::Cell;
use std::rc::Rc;

use rustpython_vm::builtins::{PyBaseExceptionRef, PyCode, PyDictRef};
use rustpython_vm::scope::Scope;
use rustpython_vm::{
    AsObject, Interpreter, InterpreterBuilder, PyObjectRef, PyRef, PyResult, TryFromObject,
    VirtualMachine,
};

use sandpiper_protocol::{
    CodeInfo, FileChanges, Hotspots, Outcome, PyError, Recording, StopReason,
};

use crate::budget::Budget;
use crate::compile::{Mode, compile_plain};
use crate::errors;
use crate::host::{Host, Stream};
use crate::limits::RunOptions;
use crate::run_state::{RunState, SharedRun};
use crate::sandbox::Workspace;
use crate::stdio::{self, StdStreams};
use crate::step_recorder::StepRecorder;
use crate::{canvas, clock, sandbox, stdlib};

/// Python's default recursion limit, restored before every run.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

#[derive(Clone, Debug, PartialEq)]
pub struct RunReport {
    pub outcome: Outcome,
    pub instructions: u64,
    /// Seconds from the start of the run to its end.
    pub elapsed: f64,
    /// The program's steps, when `RunOptions::record_lines` or `record_instructions` asked
    /// for them.
    pub recording: Option<Recording>,
    /// Where the steps went, when the budget or the time limit stopped the run.
    pub hotspots: Option<Hotspots>,
    /// What the run did to the workspace's files, once a run was given files
    /// (`RunOptions::files`).
    pub files: Option<FileChanges>,
}

/// What a session keeps between runs, all created once.
struct Parts {
    budget: Rc<Budget>,
    streams: StdStreams,
    describe: PyObjectRef,
    remember_source: PyObjectRef,
    set_earlier_examples: PyObjectRef,
    disassemble: PyObjectRef,
    compile_entry: PyObjectRef,
    complete: PyObjectRef,
    /// The builtins as they were at start-up, restored before every run.
    pristine_builtins: PyDictRef,
    setrecursionlimit: PyObjectRef,
    reset_working_directory: PyObjectRef,
    workspace: Workspace,
}

pub struct Session {
    interpreter: Interpreter,
    run: SharedRun,
    parts: Parts,
    warmed_up: bool,
    /// A program ran (or a REPL entry set the interpreter up): `__main__` is the namespace
    /// REPL entries run in.
    has_main: Cell<bool>,
    /// In the interpreter of exercise checks: how the check API reaches the student's.
    student_link: Option<checking::LinkFunctions>,
}

impl Session {
    /// Builds the interpreter with the standard library's frozen core (the rest loads on
    /// import). Done once; runs reuse it.
    pub fn new(host: Box<dyn Host>) -> Self {
        let builder = InterpreterBuilder::new();
        let mut defs = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
        // The browser build's `_socket` cannot even make a socket pair; the engine's stand-in
        // (python/lib/_socket.py) can, in memory, which asyncio's event loop needs. Native builds
        // have none, so both use the stand-in.
        defs.retain(|def| def.name.as_str() != "_socket");
        defs.push(stdio::_sandpiper_io::module_def(&builder.ctx));
        let interpreter = builder
            .add_native_modules(&defs)
            .add_frozen_modules(stdlib::core_modules())
            .build();
        let run = RunState::new(host);
        let parts = interpreter
            .enter(|vm| Self::prepare(vm, &run))
            .unwrap_or_else(|err| panic!("setting up the interpreter failed: {err:?}"));
        Self {
            interpreter,
            run,
            parts,
            warmed_up: false,
            has_main: Cell::new(false),
            student_link: None,
        }
    }

    fn prepare(vm: &VirtualMachine, run: &SharedRun) -> Result<Parts, String> {
        let fail = |vm: &VirtualMachine, exc: PyBaseExceptionRef| {
            let mut text = String::new();
            let _ = vm.write_exception(&mut text, &exc);
            text
        };
        (|| -> PyResult<Parts> {
            // Importing the native modules creates their classes, which the hooks need.
            vm.import("_sandpiper_io", 0)?;
            let budget = Budget::new(vm, run.clone());
            let sandbox = sandbox::install(vm)?;
            stdlib::install(vm, run)?;
            let workspace = sandbox::install_workspace(vm, &sandbox)?;
            let setrecursionlimit = sandbox::capped_setrecursionlimit(vm, &budget)?;
            clock::install(vm, &budget)?;
            canvas::install(vm, &budget)?;
            let streams = StdStreams::new(vm, &budget);

            let support = vm.new_scope_with_builtins();
            sandbox::run_engine_source(vm, "support", support.globals.clone())?;
            let describe = support.globals.get_item("describe", vm)?;
            let remember_source = support.globals.get_item("remember_source", vm)?;
            let set_earlier_examples = support.globals.get_item("set_earlier_examples", vm)?;
            let disassemble = support.globals.get_item("disassemble", vm)?;
            let compile_entry = support.globals.get_item("compile_entry", vm)?;
            let complete = support.globals.get_item("complete", vm)?;

            let builtins = vm.builtins.dict();
            builtins.set_item("input", streams.input.clone(), vm)?;
            // CPython's `site` adds `quit` next to `exit`; students use both.
            builtins.set_item("quit", builtins.get_item("exit", vm)?, vm)?;
            builtins.set_item("help", support.globals.get_item("help", vm)?, vm)?;
            let pristine_builtins = vm.ctx.new_dict();
            for (key, value) in &builtins {
                pristine_builtins.set_item(&*key, value, vm)?;
            }
            Ok(Parts {
                budget,
                streams,
                describe,
                remember_source,
                set_earlier_examples,
                disassemble,
                compile_entry,
                complete,
                pristine_builtins,
                setrecursionlimit,
                reset_working_directory: sandbox.reset_working_directory,
                workspace,
            })
        })()
        .map_err(|exc| fail(vm, exc))
    }

    /// Runs `source` to completion, or until the budget, the time limit or the host stops it.
    pub fn run(&mut self, source: &str, options: &RunOptions) -> RunReport {
        let had_main = self.has_main.replace(true);
        self.perform(options, |session, vm, recorder| {
            session.execute(vm, source, options, recorder, had_main)
        })
    }

    /// Runs `body` as a run: under the budget and the time limit, output flushed, its
    /// outcome described.
    fn perform(
        &mut self,
        options: &RunOptions,
        body: impl FnOnce(&Self, &VirtualMachine, Option<Rc<StepRecorder>>) -> PyResult<()>,
    ) -> RunReport {
        self.warm_up();
        let run = self.run.clone();
        run.begin(options);
        let recorder = StepRecorder::new(options, run.clone()).map(Rc::new);
        let (outcome, instructions, files) = self.interpreter.enter(|vm| {
            let result = body(self, vm, recorder.clone());
            let instructions = self.parts.budget.end(vm);
            let outcome = self.conclude(vm, result);
            (outcome, instructions, self.workspace_changes(vm))
        });
        let hotspots = self.parts.budget.take_hotspots();
        let hotspots = matches!(
            outcome,
            Outcome::Stopped {
                reason: StopReason::InstructionBudget | StopReason::TimeLimit,
                ..
            }
        )
        .then_some(hotspots);
        run.flush();
        // The budget let go of the hooks that held the recorder.
        let recording = recorder.map(|recorder| {
            Rc::into_inner(recorder)
                .expect("the hooks are gone")
                .finish()
        });
        RunReport {
            outcome,
            instructions,
            elapsed: run.elapsed(),
            recording,
            hotspots,
            files,
        }
    }

    /// Imports what reporting an error and disassembling need (`traceback`, and behind it
    /// `dataclasses`, `inspect`, `ast`; `dis`, `json`, `re`). Start-up leaves them out so
    /// the interpreter is ready sooner; a host may call this once it has said it is ready,
    /// and the first run, check or disassembly does it otherwise.
    pub fn warm_up(&mut self) {
        if std::mem::replace(&mut self.warmed_up, true) {
            return;
        }
        self.interpreter.enter(|vm| {
            for module in [
                "_sandpiper_report",
                "_sandpiper_disassembly",
                "traceback",
                "dis",
                "json",
                "re",
            ] {
                // Each is in the warm bundle; if one fails, reporting imports it later.
                let _ = vm.import(module, 0);
            }
        });
    }

    /// Compiles without running: `Err` is the `SyntaxError` (or `IndentationError`).
    pub fn compile_check(&mut self, source: &str, filename: &str) -> Result<(), Box<PyError>> {
        self.warm_up();
        self.interpreter.enter(|vm| {
            self.compile_remembered(vm, source, filename)
                .map(drop)
                .map_err(|exc| Box::new(self.describe(vm, &exc)))
        })
    }

    /// Every code object of the program.
    pub fn disassemble(
        &mut self,
        source: &str,
        filename: &str,
    ) -> Result<Vec<CodeInfo>, Box<PyError>> {
        self.warm_up();
        self.interpreter.enter(|vm| {
            let code = self
                .compile_remembered(vm, source, filename)
                .map_err(|exc| Box::new(self.describe(vm, &exc)))?;
            let json = self
                .parts
                .disassemble
                .call((code,), vm)
                .and_then(|json| String::try_from_object(vm, json))
                .map_err(|exc| Box::new(self.describe(vm, &exc)))?;
            Ok(serde_json::from_str(&json).expect("support.disassemble writes CodeInfo JSON"))
        })
    }

    /// Compiles as written, with the source given to `linecache` so that an error shows
    /// this program's lines.
    fn compile_remembered(
        &self,
        vm: &VirtualMachine,
        source: &str,
        filename: &str,
    ) -> PyResult<PyRef<PyCode>> {
        self.parts.remember_source.call((filename, source), vm)?;
        compile_plain(vm, source, filename, Mode::Exec)
    }

    /// Puts `options`' files (if any) in the program's folder; `fresh_modules`: the
    /// workspace's modules are imported afresh (a run; a REPL entry keeps them, as an
    /// interpreter keeps its imports when a file changes on disk).
    pub(crate) fn sync_files(
        &self,
        vm: &VirtualMachine,
        options: &RunOptions,
        fresh_modules: bool,
    ) -> PyResult<()> {
        let Some(files) = &options.files else {
            return Ok(());
        };
        let files = files.iter().map(|file| {
            vm.new_tuple((file.name.as_str(), file.text.as_str()))
                .into()
        });
        self.parts
            .workspace
            .sync
            .call((vm.ctx.new_list(files.collect()), fresh_modules), vm)?;
        Ok(())
    }

    /// `had_main`: a run or entry came before, whose namespace a grouped widget's run
    /// keeps.
    fn execute(
        &self,
        vm: &VirtualMachine,
        source: &str,
        options: &RunOptions,
        recorder: Option<Rc<StepRecorder>>,
        had_main: bool,
    ) -> PyResult<()> {
        self.reset_globals(vm, options)?;
        self.sync_files(vm, options, true)?;
        if let Some(group) = &options.group {
            let earlier = group.earlier.iter();
            let earlier = earlier.map(|text| vm.ctx.new_str(text.as_str()).into());
            self.parts
                .set_earlier_examples
                .call((vm.ctx.new_list(earlier.collect()),), vm)?;
        }
        self.parts
            .remember_source
            .call((options.filename.as_str(), source), vm)?;
        let code = compile_plain(vm, source, &options.filename, Mode::Exec)?;
        let globals = match &options.group {
            Some(_) if had_main => self.existing_main(vm)?,
            _ => self.fresh_main(vm, Some(&options.filename))?,
        };
        // Counting starts here: what the engine ran to get here is not the program's.
        self.parts.budget.start_counting(vm, options, recorder);
        if let Some(group) = options.group.as_ref().filter(|group| group.run_earlier) {
            for (index, earlier) in group.earlier.iter().enumerate() {
                let filename = format!("<example {}>", index + 1);
                self.parts
                    .remember_source
                    .call((filename.as_str(), earlier.as_str()), vm)?;
                let code = compile_plain(vm, earlier, &filename, Mode::Exec)?;
                vm.run_code_obj(code, Scope::with_builtins(None, globals.clone(), vm))?;
            }
        }
        vm.run_code_obj(code, Scope::with_builtins(None, globals, vm))?;
        Ok(())
    }

    /// Undoes what the previous program may have changed in the interpreter.
    fn reset_globals(&self, vm: &VirtualMachine, options: &RunOptions) -> PyResult<()> {
        self.restore_builtins(vm)?;
        let sys = &vm.sys_module;
        let streams = &self.parts.streams;
        sys.set_attr("stdout", streams.stdout.clone(), vm)?;
        sys.set_attr("stderr", streams.stderr.clone(), vm)?;
        sys.set_attr("stdin", streams.stdin.clone(), vm)?;
        let argv: Vec<PyObjectRef> = std::iter::once(options.filename.clone())
            .chain(options.argv.iter().cloned())
            .map(|arg| vm.ctx.new_str(arg).into())
            .collect();
        sys.set_attr("argv", vm.ctx.new_list(argv), vm)?;
        sys.set_attr(
            "setrecursionlimit",
            self.parts.setrecursionlimit.clone(),
            vm,
        )?;
        vm.recursion_limit
            .set(DEFAULT_RECURSION_LIMIT.min(options.max_recursion_limit));
        self.parts.reset_working_directory.call((), vm)?;
        forget_window_modules(vm)
    }

    fn restore_builtins(&self, vm: &VirtualMachine) -> PyResult<()> {
        let builtins = vm.builtins.dict();
        builtins.clear();
        for (key, value) in &self.parts.pristine_builtins {
            builtins.set_item(&*key, value, vm)?;
        }
        Ok(())
    }

    /// A new, empty `__main__`; `filename` is the program's (the REPL has none).
    fn fresh_main(&self, vm: &VirtualMachine, filename: Option<&str>) -> PyResult<PyDictRef> {
        let globals = vm.ctx.new_dict();
        globals.set_item("__name__", vm.ctx.new_str("__main__").into(), vm)?;
        if let Some(filename) = filename {
            globals.set_item("__file__", vm.ctx.new_str(filename).into(), vm)?;
        }
        globals.set_item("__builtins__", vm.builtins.clone().into(), vm)?;
        let main = vm.new_module("__main__", globals.clone(), None);
        vm.sys_module
            .get_attr("modules", vm)?
            .set_item("__main__", main.into(), vm)?;
        Ok(globals)
    }

    fn conclude(&self, vm: &VirtualMachine, result: PyResult<()>) -> Outcome {
        let stopped = self.run.stopped();
        let exc = match result {
            Ok(()) => match stopped {
                // The program caught the stop and ran on to its end: it was still stopped.
                Some(reason) => self.parts.budget.stop_error(vm, reason),
                None => return Outcome::Finished,
            },
            Err(exc) => exc,
        };
        if stopped.is_none() && exc.fast_isinstance(vm.ctx.exceptions.system_exit) {
            return self.exit_code(vm, &exc);
        }
        let Some(reason) = stopped else {
            return Outcome::Error {
                error: self.describe_in_pristine_builtins(vm, &exc),
            };
        };
        // What the program was handling when it was stopped is noise (and can be a
        // chain a thousand exceptions long): show the stop alone.
        let _ = exc.as_object().set_attr("__context__", vm.ctx.none(), vm);
        let error = self.describe_in_pristine_builtins(vm, &exc);
        Outcome::Stopped { reason, error }
    }

    /// The program may have emptied the builtins that describing relies on; they are put
    /// back as the program left them after, for the REPL that follows.
    fn describe_in_pristine_builtins(
        &self,
        vm: &VirtualMachine,
        exc: &PyBaseExceptionRef,
    ) -> PyError {
        let builtins = vm.builtins.dict();
        let programs = vm.ctx.new_dict();
        for (key, value) in &builtins {
            let _ = programs.set_item(&*key, value, vm);
        }
        let _ = self.restore_builtins(vm);
        let error = self.describe(vm, exc);
        builtins.clear();
        for (key, value) in &programs {
            let _ = builtins.set_item(&*key, value, vm);
        }
        error
    }

    /// What the run did to the workspace's files; `None` before a run was given files, or
    /// if reading them failed (the program may have broken what it needs).
    fn workspace_changes(&self, vm: &VirtualMachine) -> Option<FileChanges> {
        let changes = self.parts.workspace.changes.call((), vm).ok()?;
        if vm.is_none(&changes) {
            return None;
        }
        let json = String::try_from_object(vm, changes).ok()?;
        Some(serde_json::from_str(&json).expect("workspace_changes writes FileChanges JSON"))
    }

    /// `sys.exit(arg)`: None → 0, an int → itself, anything else is printed and gives 1.
    fn exit_code(&self, vm: &VirtualMachine, exc: &PyBaseExceptionRef) -> Outcome {
        let code = exc
            .as_object()
            .get_attr("code", vm)
            .unwrap_or_else(|_| vm.ctx.none());
        if vm.is_none(&code) {
            return Outcome::Exit { code: 0 };
        }
        if let Ok(n) = code.try_to_value::<i32>(vm) {
            return Outcome::Exit { code: n };
        }
        let text = code.str(vm).map(|s| s.to_string()).unwrap_or_default();
        self.run.write(Stream::Stderr, &format!("{text}\n"));
        Outcome::Exit { code: 1 }
    }

    fn describe(&self, vm: &VirtualMachine, exc: &PyBaseExceptionRef) -> PyError {
        // Describing must not be cut short by the stop that ended the program.
        errors::describe(vm, &self.parts.describe, exc)
            .unwrap_or_else(|_| errors::describe_natively(vm, exc))
    }
}

/// Modules that hold a window (turtle's screen and turtles, the stand-in tkinter's canvas):
/// each run imports them afresh, as each `python3 main.py` opens a new window.
const WINDOW_MODULES: &[&str] = &["turtle", "tkinter"];

fn forget_window_modules(vm: &VirtualMachine) -> PyResult<()> {
    let modules = vm.sys_module.get_attr("modules", vm)?;
    let names: Vec<PyObjectRef> = vm.call_method(&modules, "keys", ())?.try_to_value(vm)?;
    for name in names {
        let Some(text) = name.downcast_ref::<rustpython_vm::builtins::PyStr>() else {
            continue;
        };
        let text = text.as_wtf8().to_string_lossy();
        let top = text.split('.').next().unwrap_or_default();
        if WINDOW_MODULES.contains(&top) {
            modules.del_item(&*name, vm)?;
        }
    }
    Ok(())
}
