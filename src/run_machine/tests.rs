//! Every path of the run lifecycle that the browser tests drive, here without a browser.

use sandpiper_protocol::{
    Outcome, PyError, Response, StopReason, Stream, TraceFrame, WorkspaceFile,
};

use super::*;

const LIMITS: Limits = Limits {
    time_limit: 30.0,
    memory_limit_bytes: 512 << 20,
    instruction_budget: None,
};

/// A page whose worker shares memory (cross-origin isolated) and is ready.
fn ready_page() -> RunMachine {
    let mut machine = RunMachine::new(LIMITS, 0);
    assert_eq!(become_ready(&mut machine, 0.5), [Effect::AnnounceReady]);
    machine
}

/// The worker shares its memory, then says it is ready at `now`: what the page must do.
fn become_ready(machine: &mut RunMachine, now: f64) -> Vec<Effect> {
    machine.update(Event::SharedControl, now);
    machine.update(
        Event::Ready {
            instruction_budget: 50_000_000,
            relay_available: true,
        },
        now,
    )
}

/// Presses Run and returns the new run's id.
fn start(machine: &mut RunMachine, now: f64) -> RunId {
    let effects = machine.update(Event::RunPressed, now);
    match effects.as_slice() {
        [Effect::StartRun { run, .. }, Effect::StartTicker] => *run,
        other => panic!("Run did not start a run: {other:?}"),
    }
}

fn finished(run: RunId, outcome: Outcome) -> Event {
    Event::Response(Response::Finished {
        run,
        outcome,
        instructions: 1234,
        elapsed: 0.25,
        hotspots: None,
        files: None,
    })
}

fn error(type_name: &str, line: u32) -> PyError {
    PyError {
        type_name: type_name.into(),
        message: "division by zero".into(),
        frames: vec![TraceFrame {
            filename: "main.py".into(),
            line,
            end_line: Some(line),
            column: None,
            end_column: None,
            function: "<module>".into(),
        }],
        text: format!("Traceback (most recent call last):\n  File \"main.py\", line {line}\n"),
        syntax: None,
        hint: None,
    }
}

const RUN_ENDED: [Effect; 3] = [
    Effect::ClearStopGrace,
    Effect::CloseInput(None),
    Effect::StopTicker,
];

#[test]
fn a_run_starts_with_the_workers_budget_and_ends_with_its_summary() {
    let mut machine = ready_page();
    assert_eq!(machine.status(), Status::Ready);
    let effects = machine.update(Event::RunPressed, 1.0);
    assert_eq!(
        effects,
        [
            Effect::StartRun {
                run: 1,
                instruction_budget: 50_000_000,
                time_limit: 30.0,
                memory_limit_bytes: 512 << 20,
                prefilled_stdin: false,
                kind: RunKind::Plain,
            },
            Effect::StartTicker,
        ]
    );
    assert!(matches!(machine.status(), Status::Running { .. }));
    // A second press while it runs does nothing.
    assert_eq!(machine.update(Event::RunPressed, 1.1), []);

    let output = Event::Response(Response::Output {
        run: 1,
        stream: Stream::Stdout,
        text: "hello\n".into(),
    });
    assert_eq!(
        machine.update(output, 1.2),
        [Effect::Output {
            stream: Stream::Stdout,
            text: "hello\n".into()
        }]
    );
    machine.update(
        Event::Response(Response::Progress {
            run: 1,
            instructions: 99,
        }),
        1.5,
    );
    assert_eq!(
        machine.status(),
        Status::Running {
            instructions: 99,
            elapsed: 0.5
        }
    );
    assert_eq!(
        machine.update(finished(1, Outcome::Finished), 1.6),
        RUN_ENDED
    );
    assert_eq!(
        machine.status(),
        Status::Done {
            summary: "Finished".into(),
            instructions: 1234,
            elapsed: 0.25,
            failed: false,
        }
    );
    assert!(machine.status().accepts_run());
}

#[test]
fn an_error_shows_its_traceback_and_names_its_line() {
    let mut machine = ready_page();
    let run = start(&mut machine, 1.0);
    let error = error("ZeroDivisionError", 2);
    let effects = machine.update(
        finished(
            run,
            Outcome::Error {
                error: error.clone(),
            },
        ),
        1.1,
    );
    assert_eq!(effects[..3], RUN_ENDED);
    assert_eq!(effects[3..], [Effect::ShowError(error)]);
    assert_eq!(
        wording::status(&machine.status()),
        "ZeroDivisionError on line 2 · 250 ms · 1,234 instructions"
    );
    assert!(matches!(
        machine.status(),
        Status::Done { failed: true, .. }
    ));
}

#[test]
fn exits_are_failures_unless_their_status_is_zero() {
    assert_eq!(
        wording::outcome(&Outcome::Exit { code: 0 }),
        ("Exited with status 0".into(), false)
    );
    assert_eq!(
        wording::outcome(&Outcome::Exit { code: 3 }),
        ("Exited with status 3".into(), true)
    );
}

#[test]
fn stop_interrupts_through_shared_memory_and_the_answer_ends_the_run() {
    let mut machine = ready_page();
    let run = start(&mut machine, 1.0);
    assert_eq!(
        machine.update(Event::StopPressed, 2.0),
        [Effect::Interrupt, Effect::StartStopGrace(run)]
    );
    let stopped = Outcome::Stopped {
        reason: StopReason::Interrupt,
        error: error("KeyboardInterrupt", 1),
    };
    let effects = machine.update(finished(run, stopped), 2.1);
    assert_eq!(effects[..3], RUN_ENDED);
    assert!(wording::status(&machine.status()).starts_with("Stopped · "));
    // The grace timer of an answered Stop changes nothing.
    assert_eq!(machine.update(Event::StopGraceOver(run), 3.0), []);
    assert!(matches!(
        machine.status(),
        Status::Ready | Status::Done { .. }
    ));
}

#[test]
fn a_stop_not_answered_within_the_grace_replaces_the_worker() {
    let mut machine = ready_page();
    let run = start(&mut machine, 1.0);
    machine.update(Event::StopPressed, 2.0);
    let effects = machine.update(Event::StopGraceOver(run), 3.0);
    assert_eq!(effects[..3], RUN_ENDED);
    assert_eq!(
        effects[3..],
        [
            Effect::Note(wording::STOP_NOT_ANSWERED.into()),
            Effect::RestartWorker
        ]
    );
    assert!(matches!(machine.status(), Status::Loading { .. }));
    // The replaced worker's late answer is dropped.
    assert_eq!(machine.update(finished(run, Outcome::Finished), 3.1), []);
}

#[test]
fn without_shared_memory_stop_restarts_python_at_once() {
    let mut machine = RunMachine::new(LIMITS, 0);
    machine.update(
        Event::Ready {
            instruction_budget: 10,
            relay_available: true,
        },
        0.0,
    );
    start(&mut machine, 1.0);
    let effects = machine.update(Event::StopPressed, 2.0);
    assert_eq!(effects[..3], RUN_ENDED);
    assert_eq!(
        effects[3..],
        [
            Effect::Note(wording::STOPPED_BY_RESTART.into()),
            Effect::RestartWorker
        ]
    );
}

#[test]
fn the_time_limit_ends_a_run_and_a_worker_silent_past_it_is_replaced() {
    let mut machine = ready_page();
    let run = start(&mut machine, 0.0);
    let stopped = Outcome::Stopped {
        reason: StopReason::TimeLimit,
        error: error("TimeoutError", 3),
    };
    machine.update(finished(run, stopped), 30.0);
    assert!(wording::status(&machine.status()).starts_with("Stopped: time limit reached · "));

    // Stuck inside native code: no message for longer than the limit and the grace.
    start(&mut machine, 100.0);
    assert_eq!(machine.update(Event::Tick, 130.5), []);
    let effects = machine.update(Event::Tick, 131.5);
    assert_eq!(
        effects[3..],
        [
            Effect::Note(wording::past_time_limit(30.0)),
            Effect::RestartWorker
        ]
    );
}

#[test]
fn time_waiting_for_input_does_not_count_against_the_limit() {
    let mut machine = ready_page();
    let run = start(&mut machine, 0.0);
    machine.update(
        Event::Response(Response::InputRequest {
            run,
            relay_token: None,
        }),
        1.0,
    );
    // A minute of thinking about the answer.
    assert_eq!(machine.update(Event::Tick, 61.0), []);
    machine.update(Event::InputAnswered(Some("42".into())), 61.0);
    assert_eq!(machine.update(Event::Tick, 80.0), []);
    assert_eq!(
        machine.update(Event::Tick, 93.0)[3..],
        [
            Effect::Note(wording::past_time_limit(30.0)),
            Effect::RestartWorker
        ]
    );
}

#[test]
fn a_program_out_of_memory_restarts_python_and_says_so() {
    let mut machine = ready_page();
    start(&mut machine, 0.0);
    let effects = machine.update(
        Event::Response(Response::Crashed {
            out_of_memory: true,
            detail: "memory".into(),
        }),
        1.0,
    );
    assert_eq!(effects[..3], RUN_ENDED);
    assert_eq!(
        effects[3..],
        [
            Effect::Note(wording::out_of_memory(512 << 20)),
            Effect::RestartWorker
        ]
    );
    assert!(wording::out_of_memory(512 << 20).contains("the 512 MB of memory"));
    assert!(matches!(
        machine.status(),
        Status::Loading {
            run_queued: false,
            ..
        }
    ));
}

#[test]
fn a_crash_while_idle_or_running_restarts_but_one_while_starting_does_not() {
    let mut machine = ready_page();
    start(&mut machine, 0.0);
    let effects = machine.update(Event::WorkerCrashed("unreachable".into()), 1.0);
    assert_eq!(
        effects[3..],
        [
            Effect::Note(wording::crashed_while_running("unreachable")),
            Effect::RestartWorker
        ]
    );
    machine.update(
        Event::Ready {
            instruction_budget: 1,
            relay_available: false,
        },
        2.0,
    );
    assert_eq!(
        machine.update(Event::WorkerCrashed("trap".into()), 3.0),
        [
            Effect::Note(wording::crashed_while_idle("trap")),
            Effect::RestartWorker
        ]
    );
    // The new worker fails while starting: failing again would loop.
    assert_eq!(
        machine.update(Event::WorkerCrashed("no wasm".into()), 4.0),
        [Effect::Note(wording::crashed_while_starting("no wasm"))]
    );
    assert_eq!(machine.status(), Status::Failed);
    assert_eq!(machine.update(Event::RunPressed, 5.0), []);
    assert!(!machine.status().accepts_run());
}

#[test]
fn input_is_answered_through_shared_memory() {
    let mut machine = ready_page();
    let run = start(&mut machine, 0.0);
    let request = Event::Response(Response::InputRequest {
        run,
        relay_token: None,
    });
    assert_eq!(machine.update(request.clone(), 1.0), [Effect::OpenInput]);
    assert_eq!(
        machine.update(Event::InputAnswered(Some("Ada".into())), 2.0),
        [
            Effect::AnswerShared(Some("Ada".into())),
            Effect::CloseInput(Some("Ada\n".into()))
        ]
    );
    machine.update(request, 3.0);
    // Ctrl+D: end of input.
    assert_eq!(
        machine.update(Event::InputAnswered(None), 4.0),
        [
            Effect::AnswerShared(None),
            Effect::CloseInput(Some("\n".into()))
        ]
    );
    // Nothing asked: an answer goes nowhere.
    assert_eq!(
        machine.update(Event::InputAnswered(Some("x".into())), 5.0),
        []
    );
}

#[test]
fn input_is_answered_through_the_service_worker_without_shared_memory() {
    let mut machine = RunMachine::new(LIMITS, 0);
    machine.update(
        Event::from_response(
            Response::Ready {
                instruction_budget: 5,
            },
            || true,
        ),
        0.0,
    );
    assert_eq!(machine.input_mode(), InputMode::Relay);
    let run = start(&mut machine, 0.0);
    machine.update(
        Event::Response(Response::InputRequest {
            run,
            relay_token: Some("token-1".into()),
        }),
        1.0,
    );
    assert_eq!(
        machine.update(Event::InputAnswered(Some("7".into())), 2.0),
        [
            Effect::AnswerRelay {
                token: "token-1".into(),
                answer: Some("7".into())
            },
            Effect::CloseInput(Some("7\n".into()))
        ]
    );
    // The token answers once.
    assert_eq!(
        machine.update(Event::InputAnswered(Some("8".into())), 3.0),
        []
    );
}

#[test]
fn without_shared_memory_or_relay_input_is_typed_before_the_run() {
    let mut machine = RunMachine::new(LIMITS, 0);
    machine.update(
        Event::Ready {
            instruction_budget: 5,
            relay_available: false,
        },
        0.0,
    );
    assert_eq!(machine.input_mode(), InputMode::Prefilled);
    assert!(matches!(
        machine.update(Event::RunPressed, 1.0)[0],
        Effect::StartRun {
            prefilled_stdin: true,
            ..
        }
    ));
}

#[test]
fn a_stale_runs_messages_are_dropped() {
    let mut machine = ready_page();
    let first = start(&mut machine, 0.0);
    machine.update(finished(first, Outcome::Finished), 1.0);
    let second = start(&mut machine, 2.0);
    assert_ne!(first, second);
    for stale in [
        Response::Output {
            run: first,
            stream: Stream::Stderr,
            text: "late".into(),
        },
        Response::InputRequest {
            run: first,
            relay_token: None,
        },
        Response::OutputTruncated {
            run: first,
            limit_bytes: 1 << 20,
        },
        Response::Progress {
            run: first,
            instructions: 5,
        },
        Response::Preempted { run: first },
    ] {
        assert_eq!(machine.update(Event::Response(stale), 3.0), []);
    }
    assert_eq!(machine.update(finished(first, Outcome::Finished), 3.0), []);
    assert!(matches!(machine.status(), Status::Running { .. }));
}

#[test]
fn another_widgets_run_preempts_this_one() {
    let mut machine = ready_page();
    let run = start(&mut machine, 0.0);
    assert_eq!(
        machine.update(Event::Response(Response::Preempted { run }), 1.0),
        [
            Effect::Note(wording::PREEMPTED.into()),
            Effect::Interrupt,
            Effect::StartStopGrace(run)
        ]
    );
}

#[test]
fn output_past_the_limit_is_noted() {
    let mut machine = ready_page();
    let run = start(&mut machine, 0.0);
    let effects = machine.update(
        Event::Response(Response::OutputTruncated {
            run,
            limit_bytes: 8 << 20,
        }),
        1.0,
    );
    assert_eq!(effects, [Effect::Note(wording::output_truncated(8 << 20))]);
    assert!(wording::output_truncated(8 << 20).contains("more than 8 MB"));
}

#[test]
fn run_pressed_while_loading_runs_once_python_is_ready() {
    let mut machine = RunMachine::new(LIMITS, 0);
    machine.update(
        Event::Response(Response::Loading {
            loaded: 1_000_000,
            total: Some(4_000_000),
        }),
        0.1,
    );
    assert_eq!(machine.update(Event::RunPressed, 0.2), []);
    // A second press does not queue a second run.
    assert_eq!(machine.update(Event::RunPressed, 0.3), []);
    let status = machine.status();
    assert_eq!(
        wording::status(&status),
        "Loading Python… 1.0 MB of 4.0 MB (25%) · your program runs when Python is ready"
    );
    assert_eq!(
        wording::announcement(&status),
        "Loading Python; your program runs when it is ready"
    );
    machine.update(
        Event::Response(Response::Loading {
            loaded: 4_000_000,
            total: Some(4_000_000),
        }),
        0.4,
    );
    assert_eq!(
        wording::status(&machine.status()),
        "Starting Python… · your program runs when Python is ready"
    );
    machine.update(Event::SharedControl, 0.5);
    let effects = machine.update(
        Event::Ready {
            instruction_budget: 9,
            relay_available: false,
        },
        0.6,
    );
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::AnnounceReady,
            Effect::StartRun {
                instruction_budget: 9,
                ..
            },
            Effect::StartTicker
        ]
    ));
    assert!(matches!(machine.status(), Status::Running { .. }));
}

#[test]
fn stop_takes_back_a_queued_run() {
    let mut machine = RunMachine::new(LIMITS, 0);
    machine.update(Event::RunPressed, 0.0);
    assert_eq!(machine.update(Event::StopPressed, 0.1), []);
    assert_eq!(
        machine.update(
            Event::Ready {
                instruction_budget: 1,
                relay_available: false
            },
            0.2
        ),
        [Effect::AnnounceReady]
    );
    assert_eq!(machine.status(), Status::Ready);
}

#[test]
fn run_pressed_while_python_restarts_runs_on_the_new_worker() {
    let mut machine = ready_page();
    let run = start(&mut machine, 0.0);
    machine.update(Event::StopPressed, 1.0);
    machine.update(Event::StopGraceOver(run), 2.0);
    assert_eq!(machine.update(Event::RunPressed, 2.5), []);
    assert!(matches!(
        machine.status(),
        Status::Loading {
            run_queued: true,
            ..
        }
    ));
    // The new worker's memory arrives before it is ready.
    machine.update(Event::SharedControl, 2.8);
    let effects = machine.update(
        Event::Ready {
            instruction_budget: 1,
            relay_available: false,
        },
        3.0,
    );
    assert!(matches!(effects[1], Effect::StartRun { run: next, .. } if next > run));
    assert_eq!(machine.input_mode(), InputMode::Shared);
}

#[test]
fn loading_progress_ends_in_starting_and_is_ignored_once_ready() {
    let mut machine = RunMachine::new(LIMITS, 0);
    assert_eq!(wording::status(&machine.status()), "Loading Python… 0.0 MB");
    machine.update(
        Event::Response(Response::Loading {
            loaded: 2_500_000,
            total: None,
        }),
        0.0,
    );
    assert_eq!(wording::status(&machine.status()), "Loading Python… 2.5 MB");
    machine.update(
        Event::Response(Response::Loading {
            loaded: 3,
            total: Some(3),
        }),
        0.1,
    );
    assert_eq!(wording::status(&machine.status()), "Starting Python…");
    machine.update(
        Event::Ready {
            instruction_budget: 1,
            relay_available: false,
        },
        0.2,
    );
    // Progress read beside the compiling download may trail Ready.
    machine.update(
        Event::Response(Response::Loading {
            loaded: 1,
            total: Some(3),
        }),
        0.3,
    );
    assert_eq!(machine.status(), Status::Ready);
}

#[test]
fn a_workers_ready_during_a_run_keeps_the_run() {
    let mut machine = ready_page();
    start(&mut machine, 0.0);
    let effects = machine.update(
        Event::Ready {
            instruction_budget: 1,
            relay_available: false,
        },
        1.0,
    );
    assert_eq!(effects, []);
    assert!(matches!(machine.status(), Status::Running { .. }));
}

#[test]
fn the_address_budget_wins_over_the_workers() {
    let limits = Limits {
        instruction_budget: Some(2_000),
        ..LIMITS
    };
    let mut machine = RunMachine::new(limits, 0);
    machine.update(
        Event::Ready {
            instruction_budget: 50_000_000,
            relay_available: false,
        },
        0.0,
    );
    assert_eq!(machine.instruction_budget(), 2_000);
    assert_eq!(
        wording::instruction_budget(machine.instruction_budget()),
        "Instruction budget: 2,000"
    );
}

#[test]
fn bytecode_waits_for_python_and_only_the_newest_answer_is_shown() {
    let mut machine = RunMachine::new(LIMITS, 0);
    assert_eq!(
        machine.update(Event::BytecodeWanted("x = 1".into()), 0.0),
        []
    );
    assert_eq!(
        machine.update(Event::BytecodeWanted("x = 2".into()), 0.1),
        []
    );
    let effects = machine.update(
        Event::Ready {
            instruction_budget: 1,
            relay_available: false,
        },
        0.2,
    );
    assert_eq!(
        effects,
        [
            Effect::AnnounceReady,
            Effect::Disassemble {
                id: 1,
                source: "x = 2".into()
            }
        ]
    );
    machine.update(Event::BytecodeWanted("x = 3".into()), 0.3);
    let answer = |id| {
        Event::Response(Response::Bytecode {
            id,
            result: Ok(Vec::new()),
        })
    };
    assert_eq!(machine.update(answer(1), 0.4), []);
    assert_eq!(
        machine.update(answer(2), 0.5),
        [Effect::ShowBytecode {
            source: "x = 3".into(),
            result: Ok(Vec::new())
        }]
    );
    assert_eq!(machine.update(answer(2), 0.6), []);
}

#[test]
fn ids_start_after_the_pages_first_id() {
    let mut machine = RunMachine::new(LIMITS, 3 << 24);
    machine.update(
        Event::Ready {
            instruction_budget: 1,
            relay_available: false,
        },
        0.0,
    );
    assert_eq!(start(&mut machine, 0.0), (3 << 24) + 1);
}

#[test]
fn the_status_bar_says_how_long_and_how_many_instructions() {
    let running = Status::Running {
        instructions: 1_234_567,
        elapsed: 1.5,
    };
    assert_eq!(
        wording::status(&running),
        "Running… 1.50 s · 1,234,567 instructions"
    );
    assert_eq!(wording::announcement(&running), "Running");
    let done = Status::Done {
        summary: "Stopped: instruction budget used up".into(),
        instructions: 3_000_000,
        elapsed: 0.0421,
        failed: true,
    };
    assert_eq!(
        wording::status(&done),
        "Stopped: instruction budget used up · 42 ms · 3,000,000 instructions"
    );
    assert_eq!(
        wording::announcement(&done),
        "Stopped: instruction budget used up"
    );
    assert_eq!(wording::status(&Status::Failed), "Python could not start");
    assert_eq!(wording::instruction_budget(0), "");
}

#[test]
fn a_page_without_a_worker_cannot_run() {
    let mut machine = RunMachine::new(LIMITS, 0);
    machine.update(Event::RunPressed, 0.0);
    assert_eq!(
        machine.cannot_start("no Worker"),
        [Effect::Note(wording::cannot_start_worker("no Worker"))]
    );
    assert_eq!(machine.status(), Status::Failed);
}

#[test]
fn step_records_the_run_and_shows_its_recording_before_it_ends() {
    let mut machine = ready_page();
    let effects = machine.update(Event::StepPressed, 1.0);
    let run = match effects.as_slice() {
        [
            Effect::StartRun {
                run,
                kind: RunKind::Recorded,
                ..
            },
            Effect::StartTicker,
        ] => *run,
        other => panic!("Step did not start a recorded run: {other:?}"),
    };
    let recording = Box::<Recording>::default();
    let stale = Event::Response(Response::Recorded {
        run: run + 100,
        recording: recording.clone(),
    });
    assert_eq!(machine.update(stale, 1.1), []);
    let effects = machine.update(
        Event::Response(Response::Recorded {
            run,
            recording: recording.clone(),
        }),
        1.2,
    );
    assert_eq!(effects, [Effect::ShowRecording(recording)]);
    machine.update(finished(run, Outcome::Finished), 1.3);
    // Run after Step is a plain run again.
    let effects = machine.update(Event::RunPressed, 2.0);
    assert!(matches!(
        effects[0],
        Effect::StartRun {
            kind: RunKind::Plain,
            ..
        }
    ));
}

#[test]
fn check_runs_the_check_shows_its_results_and_says_how_it_ended() {
    use crate::exercise::CheckEnding;
    use sandpiper_protocol::{CheckResult, Words};
    let mut machine = ready_page();
    let effects = machine.update(Event::CheckPressed, 1.0);
    let run = match effects.as_slice() {
        [
            Effect::StartRun {
                run,
                kind: RunKind::Check,
                ..
            },
            Effect::StartTicker,
        ] => *run,
        other => panic!("Check did not start a check: {other:?}"),
    };
    let results = vec![CheckResult {
        passed: true,
        name: Words::Author("Prints 3".into()),
        messages: vec![],
        diff: vec![],
    }];
    let stale = Event::Response(Response::Checked {
        run: run + 1,
        results: results.clone(),
    });
    assert_eq!(machine.update(stale, 1.1), []);
    let checked = Event::Response(Response::Checked {
        run,
        results: results.clone(),
    });
    assert_eq!(
        machine.update(checked, 1.2),
        [Effect::ShowCheckResults(results)]
    );
    let effects = machine.update(finished(run, Outcome::Finished), 1.3);
    assert!(effects.contains(&Effect::CheckEnded(CheckEnding::Completed)));

    // The author's check failing, and Stop, end it otherwise.
    let run = match machine.update(Event::CheckPressed, 2.0).as_slice() {
        [Effect::StartRun { run, .. }, ..] => *run,
        other => panic!("{other:?}"),
    };
    let broken = Outcome::Error {
        error: error("NameError", 4),
    };
    let effects = machine.update(finished(run, broken), 2.1);
    assert!(effects.contains(&Effect::CheckEnded(CheckEnding::Failed)));
    let run = match machine.update(Event::CheckPressed, 3.0).as_slice() {
        [Effect::StartRun { run, .. }, ..] => *run,
        other => panic!("{other:?}"),
    };
    let stopped = Outcome::Stopped {
        reason: StopReason::Interrupt,
        error: error("KeyboardInterrupt", 1),
    };
    let effects = machine.update(finished(run, stopped), 3.1);
    assert!(effects.contains(&Effect::CheckEnded(CheckEnding::Stopped)));

    // A crash in the middle ends it too; a plain run after it is no check.
    machine.update(Event::CheckPressed, 4.0);
    let effects = machine.update(Event::WorkerCrashed("trap".into()), 4.1);
    assert!(effects.contains(&Effect::CheckEnded(CheckEnding::Failed)));
    become_ready(&mut machine, 5.0);
    let run = start(&mut machine, 6.0);
    let effects = machine.update(finished(run, Outcome::Finished), 6.1);
    assert!(
        !effects
            .iter()
            .any(|effect| matches!(effect, Effect::CheckEnded(_)))
    );
}

#[test]
fn step_pressed_while_loading_records_once_python_is_ready() {
    let mut machine = RunMachine::new(LIMITS, 0);
    assert_eq!(machine.update(Event::StepPressed, 0.0), []);
    let effects = machine.update(
        Event::Ready {
            instruction_budget: 5,
            relay_available: false,
        },
        0.5,
    );
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::AnnounceReady,
            Effect::StartRun {
                kind: RunKind::Recorded,
                ..
            },
            Effect::StartTicker
        ]
    ));
}

#[test]
fn a_run_stopped_by_its_budget_says_where_its_steps_went() {
    use sandpiper_protocol::{Hotspots, Snapshot};
    let sample = |i: &str, total: &str| Snapshot {
        qualname: "<module>".into(),
        line: 3,
        locals: vec![("i".into(), i.into()), ("total".into(), total.into())],
    };
    let hotspots = Hotspots {
        every: 16_384,
        lines: vec![(3, 620), (2, 379), (5, 1)],
        last: vec![
            sample("0", "10"),
            sample("0", "20"),
            sample("0", "30"),
            sample("0", "40"),
        ],
    };
    assert_eq!(
        wording::hotspots_note(&hotspots),
        "Where the steps went: line 3 (62%), line 2 (37%), line 5 (under 1%) (the line \
         running at each of 1,000 samples, one every 16,384 instructions; the bars beside \
         the line numbers show it too). Over the last 4 samples, at line 3: i stayed 0; \
         total went 10 → … → 40."
    );
    assert_eq!(wording::hotspots_note(&Hotspots::default()), "");
    let mut machine = ready_page();
    let run = start(&mut machine, 1.0);
    let effects = machine.update(
        Event::Response(Response::Finished {
            run,
            outcome: Outcome::Stopped {
                reason: StopReason::InstructionBudget,
                error: error("InstructionLimitExceeded", 3),
            },
            instructions: 150_000_000,
            elapsed: 2.0,
            hotspots: Some(Box::new(hotspots.clone())),
            files: None,
        }),
        3.0,
    );
    assert_eq!(
        effects[RUN_ENDED.len()..],
        [
            Effect::ShowError(error("InstructionLimitExceeded", 3)),
            Effect::ShowHotspots(Box::new(hotspots)),
        ]
    );
}

/// A ready page with a REPL: its prompt opens as soon as Python is ready.
fn ready_repl_page() -> RunMachine {
    let mut machine = RunMachine::new(LIMITS, 0).with_repl();
    assert_eq!(
        become_ready(&mut machine, 0.5),
        [
            Effect::AnnounceReady,
            Effect::OpenPrompt {
                continuation: false,
                focus: false
            }
        ]
    );
    machine
}

/// Types `line` at the prompt; the entry it starts, as (run, source).
fn type_entry(machine: &mut RunMachine, line: &str, echo: &str) -> (RunId, String) {
    let effects = machine.update(Event::EntryTyped(line.into()), 1.0);
    match effects.as_slice() {
        [
            Effect::ClosePrompt(Some(shown)),
            Effect::StartEntry { run, source, .. },
            Effect::StartTicker,
        ] if shown == echo => (*run, source.clone()),
        other => panic!("{line:?} did not start an entry: {other:?}"),
    }
}

const PROMPT_AGAIN: Effect = Effect::OpenPrompt {
    continuation: false,
    focus: true,
};

#[test]
fn an_entry_is_echoed_run_and_followed_by_a_new_prompt() {
    let mut machine = ready_repl_page();
    let (run, source) = type_entry(&mut machine, "x = 6 * 7", ">>> x = 6 * 7\n");
    assert_eq!(source, "x = 6 * 7");
    assert!(matches!(machine.status(), Status::Running { .. }));
    // The prompt is closed while it runs: typing there does nothing.
    assert_eq!(machine.update(Event::EntryTyped("y".into()), 1.1), []);
    let effects = machine.update(finished(run, Outcome::Finished), 1.2);
    assert_eq!(effects[..3], RUN_ENDED);
    assert_eq!(effects[3..], [PROMPT_AGAIN]);

    // An empty line at `>>>` only gives a new prompt.
    let effects = machine.update(Event::EntryTyped(String::new()), 2.0);
    assert_eq!(
        effects,
        [Effect::ClosePrompt(Some(">>> \n".into())), PROMPT_AGAIN]
    );
}

#[test]
fn an_incomplete_entry_continues_at_a_dots_prompt_until_it_runs() {
    let mut machine = ready_repl_page();
    let (run, _) = type_entry(
        &mut machine,
        "for i in range(3):",
        ">>> for i in range(3):\n",
    );
    let effects = machine.update(Event::Response(Response::EntryIncomplete { run }), 1.1);
    assert_eq!(effects[..3], RUN_ENDED);
    assert_eq!(
        effects[3..],
        [Effect::OpenPrompt {
            continuation: true,
            focus: true
        }]
    );
    let (run, source) = type_entry(&mut machine, "    print(i)", "...     print(i)\n");
    assert_eq!(source, "for i in range(3):\n    print(i)");
    machine.update(Event::Response(Response::EntryIncomplete { run }), 1.2);
    let (run, source) = type_entry(&mut machine, "", "... \n");
    assert_eq!(source, "for i in range(3):\n    print(i)\n");
    let effects = machine.update(finished(run, Outcome::Finished), 1.3);
    assert_eq!(effects[3..], [PROMPT_AGAIN]);
    let (_, source) = type_entry(&mut machine, "i", ">>> i\n");
    assert_eq!(source, "i");
}

#[test]
fn pasted_lines_are_typed_one_by_one_as_the_prompt_comes_back() {
    let mut machine = ready_repl_page();
    let (run, source) = type_entry(
        &mut machine,
        "def f():\r\n    return 1\n\nf()\n",
        ">>> def f():\n",
    );
    assert_eq!(source, "def f():");
    let effects = machine.update(Event::Response(Response::EntryIncomplete { run }), 1.1);
    let [
        ..,
        Effect::ClosePrompt(Some(echo)),
        Effect::StartEntry { run, source, .. },
        _,
    ] = effects.as_slice()
    else {
        panic!("the next pasted line was not typed: {effects:?}");
    };
    assert_eq!(
        (echo.as_str(), source.as_str()),
        ("...     return 1\n", "def f():\n    return 1")
    );
    let effects = machine.update(
        Event::Response(Response::EntryIncomplete { run: *run }),
        1.2,
    );
    let [.., Effect::StartEntry { run, .. }, _] = effects.as_slice() else {
        panic!("the blank line was not typed: {effects:?}");
    };
    let effects = machine.update(finished(*run, Outcome::Finished), 1.3);
    let [
        ..,
        Effect::ClosePrompt(Some(echo)),
        Effect::StartEntry { source, .. },
        _,
    ] = effects.as_slice()
    else {
        panic!("the last pasted line was not typed: {effects:?}");
    };
    assert_eq!((echo.as_str(), source.as_str()), (">>> f()\n", "f()"));
}

#[test]
fn ctrl_c_at_the_prompt_drops_the_entry_and_run_starts_afresh() {
    let mut machine = ready_repl_page();
    let (run, _) = type_entry(&mut machine, "if True:", ">>> if True:\n");
    machine.update(Event::Response(Response::EntryIncomplete { run }), 1.1);
    let effects = machine.update(Event::PromptInterrupted("  pri".into()), 1.2);
    assert_eq!(
        effects,
        [
            Effect::ClosePrompt(Some("...   pri\nKeyboardInterrupt\n".into())),
            PROMPT_AGAIN
        ]
    );
    let (run, _) = type_entry(&mut machine, "if True:", ">>> if True:\n");
    machine.update(Event::Response(Response::EntryIncomplete { run }), 1.3);

    // Run forgets the half-typed entry; the prompt after a run does not take the keyboard.
    let run = start(&mut machine, 2.0);
    let effects = machine.update(finished(run, Outcome::Finished), 2.5);
    assert_eq!(
        effects.last(),
        Some(&Effect::OpenPrompt {
            continuation: false,
            focus: false
        })
    );
    let (_, source) = type_entry(&mut machine, "x", ">>> x\n");
    assert_eq!(source, "x");
}

#[test]
fn stop_interrupts_an_entry_and_a_restart_forgets_it() {
    let mut machine = ready_repl_page();
    let (run, _) = type_entry(&mut machine, "while True: pass", ">>> while True: pass\n");
    let effects = machine.update(Event::StopPressed, 1.5);
    assert_eq!(effects, [Effect::Interrupt, Effect::StartStopGrace(run)]);
    let effects = machine.update(Event::StopGraceOver(run), 2.5);
    assert!(effects.contains(&Effect::RestartWorker), "{effects:?}");
    // The prompt comes back with the new worker, at `>>>`.
    let effects = become_ready(&mut machine, 3.5);
    assert_eq!(
        effects.last(),
        Some(&Effect::OpenPrompt {
            continuation: false,
            focus: false
        })
    );
}

#[test]
fn only_the_newest_completion_is_shown_and_none_while_running() {
    let mut machine = ready_repl_page();
    let first = match machine
        .update(Event::CompletionWanted("pr".into()), 1.0)
        .as_slice()
    {
        [Effect::Complete { id, text }] if text == "pr" => *id,
        other => panic!("{other:?}"),
    };
    let second = match machine
        .update(Event::CompletionWanted("pri".into()), 1.1)
        .as_slice()
    {
        [Effect::Complete { id, .. }] => *id,
        other => panic!("{other:?}"),
    };
    let answer = |id, text: &str| {
        Event::Response(Response::Completions {
            id,
            text: text.into(),
            matches: vec!["print(".into()],
        })
    };
    assert_eq!(machine.update(answer(first, "pr"), 1.2), []);
    assert_eq!(
        machine.update(answer(second, "pri"), 1.3),
        [Effect::ShowCompletions {
            text: "pri".into(),
            matches: vec!["print(".into()]
        }]
    );
    start(&mut machine, 2.0);
    assert_eq!(machine.update(Event::CompletionWanted("x".into()), 2.1), []);
}

#[test]
fn a_page_without_a_repl_never_opens_a_prompt() {
    let mut machine = ready_page();
    assert_eq!(machine.update(Event::EntryTyped("x".into()), 1.0), []);
    let run = start(&mut machine, 1.0);
    let effects = machine.update(finished(run, Outcome::Finished), 1.5);
    assert!(
        !effects
            .iter()
            .any(|effect| matches!(effect, Effect::OpenPrompt { .. }))
    );
}

#[test]
fn the_files_a_run_wrote_reach_the_editor_before_its_error_and_a_stale_runs_never() {
    let changes = FileChanges {
        written: vec![WorkspaceFile {
            name: "out.txt".into(),
            text: "42\n".into(),
        }],
        removed: vec![],
    };
    let finished_with_files = |run| {
        Event::Response(Response::Finished {
            run,
            outcome: Outcome::Error {
                error: error("ZeroDivisionError", 2),
            },
            instructions: 10,
            elapsed: 0.1,
            hotspots: None,
            files: Some(Box::new(changes.clone())),
        })
    };
    let mut machine = ready_page();
    let run = start(&mut machine, 1.0);
    let effects = machine.update(finished_with_files(run), 2.0);
    let applied = effects
        .iter()
        .position(|effect| *effect == Effect::ApplyFileChanges(changes.clone()))
        .expect("the changes are applied");
    let shown = effects
        .iter()
        .position(|effect| matches!(effect, Effect::ShowError(_)))
        .expect("the error is shown");
    assert!(applied < shown, "{effects:?}");
    let effects = machine.update(finished_with_files(run), 3.0);
    assert!(
        !effects
            .iter()
            .any(|effect| matches!(effect, Effect::ApplyFileChanges(_))),
        "{effects:?}"
    );
}
