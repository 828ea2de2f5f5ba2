//! Records the program's steps as CPython 3.14's `sys.settrace` reports them: `call` when a
//! frame starts or resumes, `line` by the rules of `line_starts`, `return` when it returns,
//! yields or is left by an exception, `exception` where an exception is raised in it or
//! reaches it (the raise hook, patch 0014 on rustpython-vm). Each step keeps the frame's
//! variables as text (`value_text`), so that later steps cannot change what it showed, and
//! the objects they refer to (`object_recorder`). While instructions are recorded too, it
//! notes each value an expression computed (`expression_spans`), with the frame it was
//! computed in. No trace function is set: the program cannot see or remove the recorder.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use rustpython_vm::builtins::{PyBaseException, PyCode, PyDict, PyStr};
use rustpython_vm::bytecode::CodeFlags;
use rustpython_vm::frame::FrameObjectRef;
use rustpython_vm::vm::InstructionSite;
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, PyRef, VirtualMachine};

use crate::expression_spans::ExpressionSpans;
use crate::line_starts::{Kind, LineStarts, decode};
use crate::object_recorder::ObjectRecorder;
use crate::step_recorder::StepAt;
use crate::value_text::value_text;
use sandpiper_protocol::{ExpressionStep, LineStep, LineSteps, StepEvent};

/// What the recorder reads from one code object's instructions, computed once.
struct CodeTables {
    lines: LineStarts,
    expressions: ExpressionSpans,
}

/// Each code object's tables, by its address (the code object is kept alive, so that the
/// address is not reused).
type Tables = HashMap<usize, (PyRef<PyCode>, Rc<CodeTables>)>;

/// One of the program's frames on the call stack.
struct LiveFrame {
    /// Held only while on the stack, where it is alive anyway.
    frame: FrameObjectRef,
    id: u32,
    qualname: String,
    tables: Rc<CodeTables>,
    /// The last instruction started in this frame (CPython's `frame->instr_ptr`), as a
    /// code unit: the line events' "previous instruction".
    previous: Option<u32>,
    /// The line of the last instruction started here that had one: where the frame is when
    /// its last instruction has none (CPython's compiler gives such instructions the line
    /// before them, RustPython's leaves some without).
    last_line: Option<u32>,
}

impl LiveFrame {
    /// A step of this frame, `depth` frames above the module's.
    fn step(&self, depth: usize, event: StepEvent, line: u32, at: StepAt) -> LineStep {
        LineStep {
            event,
            frame: self.id,
            depth: depth as u32,
            qualname: self.qualname.clone(),
            line,
            locals: Vec::new(),
            boxes: Vec::new(),
            value: None,
            instruction: at.instruction,
            output: at.output,
        }
    }

    fn line(&self) -> u32 {
        self.previous
            .and_then(|unit| self.tables.lines.line(unit))
            .or(self.last_line)
            .unwrap_or(0)
    }
}

pub struct LineRecorder {
    limit: usize,
    tables: RefCell<Tables>,
    /// The program's frames, outermost first.
    stack: RefCell<Vec<LiveFrame>>,
    /// The numbers of generator frames that yielded, by the frame's address: resumed (a
    /// `RESUME` after a yield, never a frame's first), a frame keeps its number, as it is
    /// one frame object to CPython's `sys.settrace`. The frame is not held, so that the
    /// program's objects go when they would without the recorder; a new frame at the
    /// same address starts at its first `RESUME` and takes a number of its own.
    suspended: RefCell<HashMap<usize, u32>>,
    next_id: Cell<u32>,
    steps: RefCell<LineSteps>,
    objects: RefCell<ObjectRecorder>,
}

impl LineRecorder {
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            tables: RefCell::default(),
            stack: RefCell::default(),
            suspended: RefCell::default(),
            next_id: Cell::new(0),
            steps: RefCell::default(),
            objects: RefCell::default(),
        }
    }

    pub fn is_full(&self) -> bool {
        self.steps.borrow().truncated
    }

    /// Before the program's instruction at `site`; `expressions`: the instruction step
    /// `at` is recorded, so an expression's value can be noted at it.
    pub fn before_instruction(
        &self,
        site: &InstructionSite<'_>,
        at: StepAt,
        expressions: bool,
        vm: &VirtualMachine,
    ) {
        let Some(frame) = vm.current_frame() else {
            return;
        };
        let unit = site.offset() / 2;
        self.enter(&frame, site.code(), unit, at, vm);
        let (tables, previous, id) = {
            let stack = self.stack.borrow();
            let live = stack.last().expect("entered");
            (live.tables.clone(), live.previous, live.id)
        };
        if expressions
            && let Some(span) =
                previous.and_then(|previous| tables.expressions.computed(previous, unit))
        {
            self.steps.borrow_mut().expressions.push(ExpressionStep {
                instruction: at.instruction,
                frame: id,
                line: span.line,
                column: span.column,
                end_line: span.end_line,
                end_column: span.end_column,
            });
        }
        let lines = &tables.lines;
        let kind = lines.kind(unit);
        let line = lines.line(unit);
        if matches!(kind, Kind::Resume { .. }) {
            self.push(StepEvent::Call, line.unwrap_or(0), None, at, vm, site);
        } else if let Some(line) = line
            && reports_line(lines, unit, line, previous)
        {
            self.push(StepEvent::Line, line, None, at, vm, site);
        }
        if let Some(live) = self.stack.borrow_mut().last_mut() {
            live.previous = Some(unit);
            live.last_line = line.or(live.last_line);
        }
        if let Kind::Leave { yields } = kind {
            let value = site
                .stack()
                .pop()
                .flatten()
                .map(|value| value_text(&value, vm));
            self.push(StepEvent::Return, line.unwrap_or(0), value, at, vm, site);
            let left = self.stack.borrow_mut().pop();
            if let Some(live) = left.filter(|_| yields) {
                self.suspended
                    .borrow_mut()
                    .insert(address(&live.frame), live.id);
            }
        }
    }

    /// An exception raised in the current frame or arriving in it from a callee.
    pub fn raised(&self, exception: &Py<PyBaseException>, at: StepAt, vm: &VirtualMachine) {
        let Some(frame) = vm.current_frame() else {
            return;
        };
        let Some(position) = self.position(&frame) else {
            return; // library code, or the program's before it was recorded
        };
        self.unwind_to(position + 1, at);
        self.look_at_objects(&frame, frame_values(&frame, vm), vm);
        let step = {
            let live = &self.stack.borrow()[position];
            live.step(position, StepEvent::Exception, live.line(), at)
        };
        self.push_step(LineStep {
            value: Some(value_text(exception.as_object(), vm)),
            ..step
        });
    }

    /// The run is over: frames still on the stack were left by an uncaught exception.
    pub fn finish(self, at: StepAt) -> LineSteps {
        self.unwind_to(0, at);
        let mut steps = self.steps.into_inner();
        steps.frames = self.next_id.get();
        steps.objects = self.objects.into_inner().finish();
        steps
    }

    /// Makes `frame` the top of the stack: frames above it were left by an exception; a
    /// frame not on the stack starts (or resumes) on top of its nearest caller that is.
    /// `unit`: the instruction it is about to run.
    fn enter(
        &self,
        frame: &FrameObjectRef,
        code: &Py<PyCode>,
        unit: u32,
        at: StepAt,
        vm: &VirtualMachine,
    ) {
        if let Some(position) = self.position(frame) {
            self.unwind_to(position + 1, at);
            return;
        }
        let caller = std::iter::successors(frame.f_back(vm), |back| back.f_back(vm))
            .find_map(|back| self.position(&back));
        self.unwind_to(caller.map_or(0, |position| position + 1), at);
        let tables = self.tables_of(code);
        let resumes = tables.lines.kind(unit) == Kind::Resume { after_yield: true };
        let suspended = self.suspended.borrow_mut().remove(&address(frame));
        let id = suspended.filter(|_| resumes).unwrap_or_else(|| {
            let id = self.next_id.get();
            self.next_id.set(id + 1);
            id
        });
        let live = LiveFrame {
            frame: frame.clone(),
            id,
            qualname: code.qualname.as_str().to_owned(),
            tables,
            previous: None,
            last_line: None,
        };
        self.stack.borrow_mut().push(live);
    }

    fn position(&self, frame: &FrameObjectRef) -> Option<usize> {
        self.stack
            .borrow()
            .iter()
            .rposition(|live| live.frame.is(frame))
    }

    /// Reports the frames above the first `keep` as left without returning (`PY_UNWIND`:
    /// a `return` of None at the line they were at), innermost first.
    fn unwind_to(&self, keep: usize, at: StepAt) {
        loop {
            let (live, depth) = {
                let mut stack = self.stack.borrow_mut();
                if stack.len() <= keep {
                    return;
                }
                let live = stack.pop().expect("longer than keep");
                (live, stack.len())
            };
            self.push_step(live.step(depth, StepEvent::Return, live.line(), at));
        }
    }

    fn tables_of(&self, code: &Py<PyCode>) -> Rc<CodeTables> {
        let key = code as *const Py<PyCode> as usize;
        self.tables
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                let ops = decode(code);
                let tables = CodeTables {
                    lines: LineStarts::of(code, &ops),
                    expressions: ExpressionSpans::of(code, &ops),
                };
                (code.to_owned(), Rc::new(tables))
            })
            .1
            .clone()
    }

    /// A step of the frame on top of the stack, with its variables.
    fn push(
        &self,
        event: StepEvent,
        line: u32,
        value: Option<String>,
        at: StepAt,
        vm: &VirtualMachine,
        site: &InstructionSite<'_>,
    ) {
        let (step, frame) = {
            let stack = self.stack.borrow();
            let live = stack.last().expect("entered");
            let step = live.step(stack.len() - 1, event, line, at);
            (step, live.frame.clone())
        };
        let values = variables(&frame, site, vm);
        let boxes = {
            let mut objects = self.objects.borrow_mut();
            let boxes: Vec<_> = values
                .iter()
                .map(|(_, value)| objects.box_id(value, vm))
                .collect();
            if boxes.iter().any(Option::is_some) {
                boxes
            } else {
                Vec::new()
            }
        };
        let locals = values
            .iter()
            .map(|(name, value)| (name.clone(), value_text(value, vm)))
            .collect();
        self.look_at_objects(&frame, values, vm);
        self.push_step(LineStep {
            locals,
            boxes,
            value,
            ..step
        });
    }

    /// Looks at the objects `frame`'s variables `values` and the module's names reach, for
    /// the step about to be pushed (the module's names once, when `frame` is the module's).
    fn look_at_objects(
        &self,
        frame: &FrameObjectRef,
        values: Vec<(String, PyObjectRef)>,
        vm: &VirtualMachine,
    ) {
        let step = self.steps.borrow().steps.len() as u32;
        let module = self.stack.borrow().first().map(|live| live.frame.clone());
        let mut roots: Vec<PyObjectRef> = values.into_iter().map(|(_, value)| value).collect();
        if let Some(module) = module
            && !module.is(frame)
        {
            roots.extend(module_values(&module).into_iter().map(|(_, value)| value));
        }
        self.objects.borrow_mut().look_at(roots, step, vm);
    }

    fn push_step(&self, step: LineStep) {
        let mut steps = self.steps.borrow_mut();
        if steps.steps.len() >= self.limit {
            steps.truncated = true;
        } else {
            steps.steps.push(step);
        }
    }
}

/// A frame's address, the key of a suspended one.
fn address(frame: &FrameObjectRef) -> usize {
    let object: &PyObject = frame.as_object();
    object as *const PyObject as usize
}

/// Whether reaching `unit` from `previous` reports `line` (`_Py_call_instrumentation_line`
/// and, for a backward jump within one line, `sys_trace_jump_func`).
fn reports_line(lines: &LineStarts, unit: u32, line: u32, previous: Option<u32>) -> bool {
    let Some(previous) = previous else {
        return lines.starts_line(unit);
    };
    if let Kind::JumpBackward { target } = lines.kind(previous)
        && target == unit
        && lines.line(previous) == Some(line)
    {
        return true;
    }
    lines.starts_line(unit)
        && (lines.line(previous) != Some(line)
            || matches!(lines.kind(previous), Kind::Resume { .. }))
}

/// A function's bound locals (cells and free variables included) in localsplus order; a
/// module's or class body's names but its dunder ones.
fn variables(
    frame: &FrameObjectRef,
    site: &InstructionSite<'_>,
    vm: &VirtualMachine,
) -> Vec<(String, PyObjectRef)> {
    if site.code().flags.contains(CodeFlags::OPTIMIZED) {
        return site
            .fast_locals()
            .into_iter()
            .filter_map(|(name, value)| value.map(|value| (name.as_str().to_owned(), value)))
            .collect();
    }
    frame_values(frame, vm)
}

/// A frame's variables as text, from the frame alone.
pub fn frame_variables(frame: &FrameObjectRef, vm: &VirtualMachine) -> Vec<(String, String)> {
    frame_values(frame, vm)
        .into_iter()
        .map(|(name, value)| {
            let text = value_text(&value, vm);
            (name, text)
        })
        .collect()
}

/// A frame's variables from the frame alone: a function's through the snapshot
/// `locals()` takes, a module's or class body's names but its dunder ones.
fn frame_values(frame: &FrameObjectRef, vm: &VirtualMachine) -> Vec<(String, PyObjectRef)> {
    let code = frame.f_code();
    let optimized = code.flags.contains(CodeFlags::OPTIMIZED);
    // A module's names are its globals (while an inlined comprehension runs in it, its
    // `locals()` are the comprehension's).
    if !optimized && code.obj_name.as_str() == "<module>" {
        return module_values(frame);
    }
    match frame.locals(vm) {
        Ok(mapping) => names(mapping.obj(), optimized, vm),
        Err(_) => Vec::new(),
    }
}

/// The names of the module `frame` runs in, but its dunder ones.
fn module_values(frame: &FrameObjectRef) -> Vec<(String, PyObjectRef)> {
    let globals = frame.f_globals();
    dict_names(&globals, false)
}

/// A namespace's names (but its dunder ones unless `dunders`), when it is a dict.
fn names(namespace: &PyObject, dunders: bool, vm: &VirtualMachine) -> Vec<(String, PyObjectRef)> {
    match namespace.downcast_ref_if_exact::<PyDict>(vm) {
        Some(dict) => dict_names(dict, dunders),
        None => Vec::new(),
    }
}

fn dict_names(dict: &Py<PyDict>, dunders: bool) -> Vec<(String, PyObjectRef)> {
    dict.into_iter()
        .filter_map(|(name, value)| {
            let name = name.downcast_ref::<PyStr>()?.to_string_lossy().into_owned();
            (dunders || !(name.starts_with("__") && name.ends_with("__"))).then_some((name, value))
        })
        .collect()
}
