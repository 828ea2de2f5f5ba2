//! Prints, for each program in `bench/programs` (or DIR), the median time with Sandpiper's
//! instruction budget against the same program run plainly by RustPython, in one process,
//! alternating.
//!
//! Usage: `cargo run --release -p sandpiper-bench --bin budget-overhead [REPETITIONS [DIR]]`

use std::time::{Duration, Instant};

use rustpython_vm::{Interpreter, InterpreterBuilder, compiler::Mode};
use sandpiper_engine::{Host, InputLine, Outcome, RunOptions, Session, Signal, Stream};

/// Discards output; never sleeps or interrupts.
struct QuietHost(Instant);

impl Host for QuietHost {
    fn write(&mut self, _stream: Stream, _text: &str) {}
    fn read_line(&mut self) -> InputLine {
        InputLine::Eof
    }
    fn sleep(&mut self, _seconds: f64) -> Signal {
        Signal::Continue
    }
    fn poll(&mut self, _instructions: u64) -> Signal {
        Signal::Continue
    }
    fn monotonic(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
    fn wall_clock(&self) -> f64 {
        0.0
    }
}

fn plain_interpreter() -> Interpreter {
    let builder = InterpreterBuilder::new();
    let defs = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
    builder
        .add_native_modules(&defs)
        .add_frozen_modules(sandpiper_engine::core_stdlib())
        .build()
}

fn time_plain(interpreter: &Interpreter, source: &str) -> Duration {
    interpreter.enter(|vm| {
        let started = Instant::now();
        let code = vm
            .compile(source, Mode::Exec, "bench.py")
            .expect("compiles");
        vm.run_code_obj(code, vm.new_scope_with_builtins())
            .expect("runs");
        started.elapsed()
    })
}

fn time_budgeted(session: &mut Session, source: &str) -> (Duration, u64) {
    let started = Instant::now();
    let report = session.run(source, &RunOptions::default());
    assert_eq!(report.outcome, Outcome::Finished, "{source}");
    (started.elapsed(), report.instructions)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let repetitions: usize = std::env::args()
        .nth(1)
        .map_or(5, |n| n.parse().expect("REPETITIONS is a number"));
    let dir = std::env::args()
        .nth(2)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/programs").to_owned());
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{dir}: {err}"))
        .map(|entry| entry.expect("entry").path())
        .collect();
    programs.sort();

    let plain = plain_interpreter();
    let mut session = Session::new(Box::new(QuietHost(Instant::now())));
    println!("| program | plain RustPython | with instruction budget | ratio | instructions |");
    println!("|---|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for path in programs {
        let source = std::fs::read_to_string(&path).expect("program");
        let (mut off, mut on, mut instructions) = (Vec::new(), Vec::new(), 0);
        for _ in 0..repetitions {
            off.push(time_plain(&plain, &source));
            let (elapsed, used) = time_budgeted(&mut session, &source);
            on.push(elapsed);
            instructions = used;
        }
        let (off, on) = (median(off), median(on));
        let ratio = on.as_secs_f64() / off.as_secs_f64();
        ratios.push(ratio);
        println!(
            "| {} | {:.1} ms | {:.1} ms | {ratio:.3} | {instructions} |",
            path.file_stem().unwrap().to_string_lossy(),
            off.as_secs_f64() * 1e3,
            on.as_secs_f64() * 1e3,
        );
    }
    let geomean = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
    println!(
        "\ngeometric mean ratio (budget on / off): {geomean:.3} over {repetitions} repetitions each"
    );
}
