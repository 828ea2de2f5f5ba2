//! `sys.stdout`, `sys.stderr`, `sys.stdin` and `input()`, all backed by the host.

use std::rc::Rc;

use rustpython_vm::builtins::PyStrRef;
use rustpython_vm::function::OptionalArg;
use rustpython_vm::{AsObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};

use crate::budget::Budget;
use crate::host::{InputLine, Stream};
use crate::limits::StopReason;

/// The three stream objects and the `input` builtin of a session.
pub struct StdStreams {
    pub stdout: PyObjectRef,
    pub stderr: PyObjectRef,
    pub stdin: PyObjectRef,
    pub input: PyObjectRef,
}

impl StdStreams {
    pub fn new(vm: &VirtualMachine, budget: &Rc<Budget>) -> Self {
        let output = |stream| {
            _sandpiper_io::OutputStream {
                budget: budget.clone(),
                stream,
            }
            .into_pyobject(vm)
        };
        let stdin = _sandpiper_io::InputStream {
            budget: budget.clone(),
        }
        .into_pyobject(vm);
        let b = budget.clone();
        let stdin_for_input = stdin.clone();
        let input = vm.new_function(
            "input",
            move |prompt: OptionalArg<PyObjectRef>, vm: &VirtualMachine| -> PyResult {
                let sys_stdout = vm.sys_module.get_attr("stdout", vm)?;
                if let OptionalArg::Present(prompt) = prompt {
                    vm.call_method(&sys_stdout, "write", (prompt.str(vm)?,))?;
                }
                let _ = vm.call_method(&sys_stdout, "flush", ());
                let sys_stdin = vm.sys_module.get_attr("stdin", vm)?;
                if !sys_stdin.is(stdin_for_input.as_object()) {
                    // The program replaced sys.stdin (say with io.StringIO): read from it.
                    let line = vm.call_method(&sys_stdin, "readline", ())?;
                    let line: PyStrRef = line.try_into_value(vm)?;
                    let text = line.as_wtf8().to_string_lossy();
                    if text.is_empty() {
                        return Err(eof_error(vm));
                    }
                    return Ok(vm
                        .ctx
                        .new_str(text.strip_suffix('\n').unwrap_or(&text))
                        .into());
                }
                match b.run.read_line() {
                    InputLine::Line(line) => Ok(vm.ctx.new_str(line).into()),
                    InputLine::Eof => Err(eof_error(vm)),
                    InputLine::Interrupted => Err(b.stop_error(vm, StopReason::Interrupt)),
                }
            },
        );
        Self {
            stdout: output(Stream::Stdout),
            stderr: output(Stream::Stderr),
            stdin,
            input: input.into(),
        }
    }
}

fn eof_error(vm: &VirtualMachine) -> rustpython_vm::builtins::PyBaseExceptionRef {
    vm.new_exception_msg(
        vm.ctx.exceptions.eof_error.to_owned(),
        "EOF when reading a line".into(),
    )
}

#[rustpython_vm::pymodule]
pub mod _sandpiper_io {
    use std::fmt;
    use std::rc::Rc;

    use rustpython_vm::builtins::PyStrRef;
    use rustpython_vm::function::OptionalArg;
    use rustpython_vm::protocol::PyIterReturn;
    use rustpython_vm::types::{IterNext, SelfIter};
    use rustpython_vm::{Py, PyObjectRef, PyPayload, PyResult, VirtualMachine, pyclass};

    use crate::budget::Budget;
    use crate::host::{InputLine, Stream};
    use crate::limits::StopReason;

    #[pyattr]
    #[pyclass(name = "OutputStream")]
    #[derive(PyPayload)]
    pub struct OutputStream {
        pub(super) budget: Rc<Budget>,
        pub(super) stream: Stream,
    }

    impl fmt::Debug for OutputStream {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "OutputStream({:?})", self.stream)
        }
    }

    #[pyclass]
    impl OutputStream {
        #[pymethod]
        fn write(zelf: &Py<Self>, text: PyStrRef, vm: &VirtualMachine) -> PyResult<usize> {
            zelf.budget.check(vm)?;
            zelf.budget
                .run
                .write(zelf.stream, &text.as_wtf8().to_string_lossy());
            Ok(text.char_len())
        }

        #[pymethod]
        fn flush(zelf: &Py<Self>) {
            zelf.budget.run.flush();
        }

        #[pymethod]
        fn isatty(_zelf: &Py<Self>) -> bool {
            false
        }

        #[pymethod]
        fn writable(_zelf: &Py<Self>) -> bool {
            true
        }

        #[pymethod]
        fn readable(_zelf: &Py<Self>) -> bool {
            false
        }

        #[pygetset]
        fn encoding(_zelf: &Py<Self>) -> &'static str {
            "utf-8"
        }

        #[pygetset]
        fn errors(_zelf: &Py<Self>) -> &'static str {
            "strict"
        }

        #[pygetset]
        fn closed(_zelf: &Py<Self>) -> bool {
            false
        }
    }

    #[pyattr]
    #[pyclass(name = "InputStream")]
    #[derive(PyPayload)]
    pub struct InputStream {
        pub(super) budget: Rc<Budget>,
    }

    impl fmt::Debug for InputStream {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("InputStream")
        }
    }

    impl InputStream {
        /// One line with its newline, or `""` at end of input.
        fn next_line(&self, vm: &VirtualMachine) -> PyResult<String> {
            match self.budget.run.read_line() {
                InputLine::Line(line) => Ok(line + "\n"),
                InputLine::Eof => Ok(String::new()),
                InputLine::Interrupted => Err(self.budget.stop_error(vm, StopReason::Interrupt)),
            }
        }
    }

    impl SelfIter for InputStream {}

    impl IterNext for InputStream {
        fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
            zelf.budget.check(vm)?;
            let line = zelf.next_line(vm)?;
            if line.is_empty() {
                return Ok(PyIterReturn::StopIteration(None));
            }
            Ok(PyIterReturn::Return(vm.ctx.new_str(line).into()))
        }
    }

    #[pyclass(with(IterNext))]
    impl InputStream {
        #[pymethod]
        fn readline(
            zelf: &Py<Self>,
            _size: OptionalArg<isize>,
            vm: &VirtualMachine,
        ) -> PyResult<String> {
            zelf.next_line(vm)
        }

        #[pymethod]
        fn read(
            zelf: &Py<Self>,
            _size: OptionalArg<isize>,
            vm: &VirtualMachine,
        ) -> PyResult<String> {
            let mut all = String::new();
            loop {
                zelf.budget.check(vm)?;
                let line = zelf.next_line(vm)?;
                if line.is_empty() {
                    return Ok(all);
                }
                all.push_str(&line);
            }
        }

        #[pymethod]
        fn readlines(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<Vec<PyObjectRef>> {
            let mut lines = Vec::new();
            loop {
                zelf.budget.check(vm)?;
                let line = zelf.next_line(vm)?;
                if line.is_empty() {
                    return Ok(lines);
                }
                lines.push(vm.ctx.new_str(line).into());
            }
        }

        #[pymethod]
        fn isatty(_zelf: &Py<Self>) -> bool {
            false
        }

        #[pymethod]
        fn readable(_zelf: &Py<Self>) -> bool {
            true
        }

        #[pygetset]
        fn encoding(_zelf: &Py<Self>) -> &'static str {
            "utf-8"
        }

        #[pygetset]
        fn closed(_zelf: &Py<Self>) -> bool {
            false
        }
    }
}
