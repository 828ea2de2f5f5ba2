//! The Steps tab: the timeline of the last Step's recording (first, back, forward, last, a
//! slider, the next or previous time the editor's cursor line runs), by line, by expression
//! or by instruction, the step said in one sentence, the statement evaluated so far or the
//! instruction with its value stack, the call stack with each frame's variables, and the
//! output as it was. The controls stay in place while the step changes, so the keyboard
//! focus stays on them.

use leptos::prelude::*;
use sandpiper_protocol::{Instruction, InstructionStep, TranscriptKind};

use crate::components::MemoryView;
use crate::controller::Controller;
use crate::state::{Bytecode, Tab};
use crate::stepper::{Granularity, Piece, Stepper};
use crate::wording;

/// `in_tabs`: as for `OutputPane`.
#[component]
pub fn StepperPane(#[prop(optional)] in_tabs: bool) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let state = controller.state;
    let stepper = state.stepper;
    let hidden = move || state.tab.get() != Tab::Steps;
    let has_steps = move || stepper.with(Option::is_some);
    let read = move |view: fn(&Stepper) -> String| {
        move || stepper.with(|stepper| stepper.as_ref().map(view).unwrap_or_default())
    };
    let sentence = move || {
        stepper.with(|stepper| {
            let stepper = stepper.as_ref()?;
            if let Some(instruction) = stepper.instruction() {
                let name = state
                    .bytecode
                    .with(|bytecode| instruction_name(bytecode.as_ref(), stepper, instruction));
                return Some(wording::instruction_sentence(
                    &name,
                    instruction,
                    stepper.next_instruction(),
                ));
            }
            if let (Some(expression), Some(source), Some(value)) = (
                stepper.expression(),
                stepper.expression_source(),
                stepper.expression_value(),
            ) {
                return Some(wording::expression_sentence(
                    expression.line,
                    &source,
                    value,
                ));
            }
            Some(wording::step_sentence(
                stepper.step(),
                stepper.previous_variables(),
            ))
        })
    };
    // One of the views' buttons: pressed while it is shown, disabled when the recording
    // has no such steps.
    let view_button = move |class: &'static str,
                            title: &'static str,
                            label: &'static str,
                            granularity: Granularity| {
        view! {
            <button
                type="button"
                class=class
                title=title
                aria-pressed=move || {
                    stepper
                        .with(|s| s.as_ref().is_some_and(|s| s.granularity() == granularity))
                        .to_string()
                }
                disabled=move || !stepper.with(|s| s.as_ref().is_some_and(|s| s.has(granularity)))
                on:click=move |_| {
                    stepper
                        .update(|stepper| {
                            if let Some(stepper) = stepper {
                                stepper.set_granularity(granularity);
                            }
                        })
                }
            >
                {label}
            </button>
        }
    };
    let move_to = move |choose: fn(&mut Stepper)| {
        stepper.update(|stepper| {
            if let Some(stepper) = stepper {
                choose(stepper);
            }
        })
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        // The slider moves itself with the arrow keys.
        let on_slider = event
            .target()
            .and_then(|target| {
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(target).ok()
            })
            .is_some();
        let choice: fn(&mut Stepper) = match event.key().as_str() {
            "ArrowRight" if !on_slider => Stepper::forward,
            "ArrowLeft" if !on_slider => Stepper::back,
            "Home" if !on_slider => Stepper::first,
            "End" if !on_slider => Stepper::last,
            _ => return,
        };
        event.prevent_default();
        move_to(choice);
    };
    // One of the timeline's moves, disabled where it would not move.
    let move_button = move |class: &'static str,
                            title: &'static str,
                            key: &'static str,
                            label: &'static str,
                            disabled: fn(Option<&Stepper>) -> bool,
                            choose: fn(&mut Stepper)| {
        view! {
            <button
                type="button"
                class=class
                title=title
                // A symbol's name is the title; a word is its own name (and stays in it).
                aria-label=(!label.chars().any(char::is_alphabetic)).then_some(title)
                aria-keyshortcuts=key
                disabled=move || stepper.with(|s| disabled(s.as_ref()))
                on:click=move |_| move_to(choose)
            >
                {label}
            </button>
        }
    };
    let at_start: fn(Option<&Stepper>) -> bool = |s| s.is_none_or(|s| s.index() == 0);
    let at_end: fn(Option<&Stepper>) -> bool = |s| s.is_none_or(|s| s.index() + 1 == s.len());
    let cursor_line = move || state.cursor_line.get().unwrap_or(1);
    let line_target = move |forwards: bool| {
        let line = cursor_line();
        stepper.with(|stepper| {
            stepper.as_ref().and_then(|stepper| {
                if forwards {
                    stepper.next_at_line(line)
                } else {
                    stepper.previous_at_line(line)
                }
            })
        })
    };
    let go_to_line_step = move |forwards: bool| {
        if let Some(index) = line_target(forwards) {
            stepper.update(|stepper| {
                if let Some(stepper) = stepper {
                    stepper.go_to(index);
                }
            });
        }
    };
    view! {
        <div
            class="panel stepper-panel"
            id="tab-steps-panel"
            role=if in_tabs { "tabpanel" } else { "region" }
            aria-labelledby=in_tabs.then_some("tab-steps")
            aria-label=(!in_tabs).then_some("Steps")
            hidden=hidden
            on:keydown=on_keydown
        >
            <Show
                when=has_steps
                fallback=|| {
                    view! {
                        <p class="hint">
                            "Press Step (Ctrl+Shift+Enter) to run the program and go through it \
                             line by line, with its variables and output at each step."
                        </p>
                    }
                }
            >
                <div class="step-controls" role="toolbar" aria-label="Move through the steps">
                    {move_button("step-first", "First step (Home)", "Home", "⇤", at_start, Stepper::first)}
                    {move_button("step-back", "Previous step (←)", "ArrowLeft", "◀ Back", at_start, Stepper::back)}
                    {move_button("step-forward", "Next step (→)", "ArrowRight", "Forward ▶", at_end, Stepper::forward)}
                    {move_button("step-last", "Last step (End)", "End", "⇥", at_end, Stepper::last)}
                    <input
                        type="range"
                        class="step-slider"
                        aria-label="Step"
                        min="0"
                        max=move || stepper.with(|s| s.as_ref().map_or(0, |s| s.len() - 1))
                        prop:value=move || stepper.with(|s| s.as_ref().map_or(0, Stepper::index))
                        aria-valuetext=read(position)
                        on:input=move |event| {
                            if let Ok(index) = event_target_value(&event).parse::<usize>() {
                                stepper.update(|stepper| {
                                    if let Some(stepper) = stepper {
                                        stepper.go_to(index);
                                    }
                                });
                            }
                        }
                    />
                    <span class="step-position">{read(position)}</span>
                </div>
                <div class="step-lines" role="group" aria-label="Steps at the cursor's line">
                    <span class="step-view" role="group" aria-label="Step by">
                        {view_button(
                            "step-by-line",
                            "Step through the lines, with the variables",
                            "Lines",
                            Granularity::Line,
                        )}
                        {view_button(
                            "step-by-expression",
                            "Step through each value an expression computes",
                            "Expressions",
                            Granularity::Expression,
                        )}
                        {view_button(
                            "step-by-instruction",
                            "Step through the bytecode instructions, with the value stack",
                            "Instructions",
                            Granularity::Instruction,
                        )}
                    </span>
                    <button
                        type="button"
                        class="step-line-previous"
                        disabled=move || line_target(false).is_none()
                        on:click=move |_| go_to_line_step(false)
                    >
                        {move || format!("◀ Line {}, previous time", cursor_line())}
                    </button>
                    <button
                        type="button"
                        class="step-line-next"
                        title="Run to the line the editor's cursor is on"
                        disabled=move || line_target(true).is_none()
                        on:click=move |_| go_to_line_step(true)
                    >
                        {move || format!("Line {}, next time ▶", cursor_line())}
                    </button>
                    // In the app only: an embedded widget's "Open in Sandpiper" carries the step.
                    {state.persist_code.then(|| view! {
                        <button
                            type="button"
                            class="step-link"
                            title="Copy a link that opens this program at this step"
                            on:click=move |_| crate::program_io::share_step(controller)
                        >
                            "Link to this step"
                        </button>
                    })}
                    <button
                        type="button"
                        class="step-close"
                        title="Close the stepper"
                        on:click=move |_| controller.close_stepper()
                    >
                        "Close"
                    </button>
                </div>
                <p class="step-sentence" role="status" aria-live="polite" aria-atomic="true">
                    {sentence}
                </p>
                {move || stepper.with(|stepper| stepper.as_ref().map(evaluated_box))}
                {move || {
                    stepper
                        .with(|stepper| {
                            let stepper = stepper.as_ref()?;
                            let instruction = stepper.instruction()?;
                            Some(
                                state
                                    .bytecode
                                    .with(|bytecode| {
                                        instruction_box(bytecode.as_ref(), stepper, instruction)
                                    }),
                            )
                        })
                }}
                <MemoryView />
                <section class="step-output" aria-label="Output so far">
                    <h3>"Output so far"</h3>
                    <pre class="step-transcript">
                        {move || stepper.with(|stepper| stepper.as_ref().map(output_view))}
                    </pre>
                </section>
            </Show>
        </div>
    }
}

fn position(stepper: &Stepper) -> String {
    let (unit, truncated) = match stepper.granularity() {
        Granularity::Instruction => ("Instruction", stepper.instructions_truncated()),
        // Expressions are recorded while both lines and instructions are.
        Granularity::Expression => (
            "Expression",
            stepper.truncated() || stepper.instructions_truncated(),
        ),
        Granularity::Line => ("Step", stepper.truncated()),
    };
    let is_last = stepper.index() + 1 == stepper.len();
    wording::step_position(unit, stepper.index(), stepper.len(), is_last && truncated)
}

/// The code object's instructions, when the bytecode shown is of the recorded program
/// (the editor may have changed since).
fn recorded_code<'a>(
    bytecode: Option<&'a Bytecode>,
    stepper: &Stepper,
    step: &InstructionStep,
) -> Option<&'a [Instruction]> {
    let bytecode = bytecode.filter(|bytecode| bytecode.source == stepper.source())?;
    let codes = bytecode.result.as_ref().ok()?;
    codes
        .iter()
        .find(|code| code.qualname == step.qualname && code.first_line == step.first_line)
        .map(|code| code.instructions.as_slice())
}

/// `BINARY_OP +`, as `dis` shows the instruction.
fn instruction_name(
    bytecode: Option<&Bytecode>,
    stepper: &Stepper,
    step: &InstructionStep,
) -> String {
    recorded_code(bytecode, stepper, step)
        .and_then(|code| code.iter().find(|ins| ins.offset == step.offset))
        .map_or_else(
            || format!("The instruction at offset {}", step.offset),
            |ins| {
                format!("{} {}", ins.opname, ins.argrepr)
                    .trim_end()
                    .to_owned()
            },
        )
}

/// The instruction among its line's, and the frame's value stack bottom to top.
fn instruction_box(
    bytecode: Option<&Bytecode>,
    stepper: &Stepper,
    step: &InstructionStep,
) -> impl IntoView + use<> {
    let rows = recorded_code(bytecode, stepper, step).map(|code| {
        code.iter()
            .filter(|ins| ins.line.is_some() && ins.line == step.line)
            .map(|ins| {
                let current = ins.offset == step.offset;
                view! {
                    <tr class:current-instruction=current aria-current=current.then_some("step")>
                        <td class="offset">{ins.offset}</td>
                        <td class="opname">{ins.opname.clone()}</td>
                        <td class="argrepr">{ins.argrepr.clone()}</td>
                    </tr>
                }
            })
            .collect_view()
    });
    let heading = match step.line {
        Some(line) => format!("Bytecode of line {line} in {}", step.qualname),
        None => format!("Bytecode in {}", step.qualname),
    };
    let stack = step
        .stack
        .iter()
        .map(|value| {
            let text = value.clone().unwrap_or_else(|| "NULL".to_owned());
            view! { <li class:null=value.is_none()>{text}</li> }
        })
        .collect_view();
    let empty = step.stack.is_empty();
    view! {
        <div class="instruction-box">
            <section aria-label=heading.clone()>
                <h3>{heading.clone()}</h3>
                {match rows {
                    Some(rows) => {
                        view! {
                            <table class="instructions">
                                <tbody>{rows}</tbody>
                            </table>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <p class="hint">
                                "The code changed since this run: press Step again to see its bytecode."
                            </p>
                        }
                            .into_any()
                    }
                }}
            </section>
            <section aria-label="Value stack, bottom to top">
                <h3>"Value stack " <small>"(bottom → top)"</small></h3>
                {if empty {
                    view! { <p class="hint">"Empty."</p> }.into_any()
                } else {
                    view! { <ol class="value-stack">{stack}</ol> }.into_any()
                }}
            </section>
        </div>
    }
}

/// The expression view's statement, its values so far in place of their source.
fn evaluated_box(stepper: &Stepper) -> Option<impl IntoView + use<>> {
    let line = stepper.expression()?.line;
    let pieces = stepper
        .evaluated()
        .into_iter()
        .map(|piece| match piece {
            Piece::Source(text) => view! { <span>{text.to_owned()}</span> }.into_any(),
            Piece::Value { text, current } => {
                view! { <mark class="value" class:current-value=current>{text.to_owned()}</mark> }
                    .into_any()
            }
        })
        .collect_view();
    let heading = format!("Line {line}, evaluated so far");
    Some(view! {
        <section class="evaluated">
            <h3>{heading}</h3>
            <pre class="evaluated-statement">{pieces}</pre>
        </section>
    })
}

fn output_view(stepper: &Stepper) -> impl IntoView + use<> {
    let output = stepper.output();
    if output.is_empty() {
        return view! { <span class="hint">"Nothing yet."</span> }.into_any();
    }
    output
        .into_iter()
        .map(|(kind, text)| {
            let class = match kind {
                TranscriptKind::Stdout => "stdout",
                TranscriptKind::Stderr => "stderr",
                TranscriptKind::Input => "stdin",
            };
            view! { <span class=class>{text.to_owned()}</span> }
        })
        .collect_view()
        .into_any()
}
