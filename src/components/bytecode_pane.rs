//! The bytecode viewer: every code object of the program, its instructions grouped under
//! the source line they come from, linked both ways to the editor, and a details view
//! with what `dis` does not print (constants, names, flags, raw `co_code`).

use leptos::prelude::*;
use sandpiper_protocol::{CodeInfo, Instruction, PyError};

use crate::controller::Controller;
use crate::state::{Bytecode, Tab};
use crate::workspace::is_python;

#[component]
pub fn BytecodePane() -> impl IntoView {
    let controller = expect_context::<Controller>();
    let state = controller.state;
    let hidden = move || state.tab.get() != Tab::Bytecode;
    let content = move || {
        let front = state
            .workspace
            .with(|workspace| workspace.active().to_owned());
        if !is_python(&front) {
            let hint =
                format!("{front} is not Python: the Bytecode tab shows the .py file in front.");
            return view! { <p class="hint">{hint}</p> }.into_any();
        }
        state.bytecode.with(|bytecode| match bytecode {
            None => view! { <p class="hint">"Compiling…"</p> }.into_any(),
            Some(Bytecode {
                result: Err(error), ..
            }) => syntax_error_view(error.clone(), controller).into_any(),
            Some(
                bytecode @ Bytecode {
                    result: Ok(codes), ..
                },
            ) => codes
                .iter()
                .map(|code| code_object_view(code, bytecode, controller))
                .collect_view()
                .into_any(),
        })
    };
    // Keep the highlighted line's instructions in view when the cursor moves.
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _line = state.highlighted_line.get();
        if state.tab.get() != Tab::Bytecode {
            return;
        }
        let Some(panel) = panel.get() else { return };
        if let Ok(Some(group)) = panel.query_selector(".line-group.highlighted") {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            group.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    // The stepper's instruction, marked where it is (found in the DOM: re-rendering the
    // whole listing at every step would be slow for a long program).
    Effect::new(move |_| {
        let current = state.stepper.with(|stepper| {
            stepper.as_ref().and_then(|stepper| {
                stepper.instruction().map(|ins| {
                    format!(
                        "[data-code=\"{}\"] tr[data-offset=\"{}\"]",
                        code_key(&ins.qualname, ins.first_line),
                        ins.offset
                    )
                })
            })
        });
        state.bytecode.track();
        let Some(panel) = panel.get() else { return };
        if let Ok(Some(previous)) = panel.query_selector(".current-instruction") {
            let _ = previous.class_list().remove_1("current-instruction");
        }
        if let Some(selector) = current
            && let Ok(Some(row)) = panel.query_selector(&selector)
        {
            let _ = row.class_list().add_1("current-instruction");
            if state.tab.get_untracked() == Tab::Bytecode {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    view! {
        <div
            class="panel bytecode-panel"
            id="tab-bytecode-panel"
            role="tabpanel"
            aria-labelledby="tab-bytecode"
            hidden=hidden
            node_ref=panel
        >
            {content}
        </div>
    }
}

fn syntax_error_view(error: PyError, controller: Controller) -> impl IntoView {
    let location = error.syntax.clone();
    let line = location.as_ref().map_or(1, |l| l.line);
    let column = location.as_ref().map_or(1, |l| l.column);
    let text = location.and_then(|l| l.text).unwrap_or_default();
    let caret = format!("{}^", " ".repeat(column.saturating_sub(1) as usize));
    view! {
        <div class="syntax-error" role="alert">
            <p>
                <strong>{error.last_line()}</strong>
            </p>
            <p>
                <button
                    type="button"
                    class="line-link"
                    data-line=line.to_string()
                    on:click=move |_| controller.go_to_line(line)
                >
                    {format!("line {line}, column {column}")}
                </button>
            </p>
            <pre class="syntax-source">{format!("{}\n{caret}", text.trim_end())}</pre>
            <p class="hint">"The bytecode appears again once the program compiles."</p>
        </div>
    }
}

fn code_object_view(code: &CodeInfo, bytecode: &Bytecode, controller: Controller) -> impl IntoView {
    let labels = jump_labels(&code.instructions);
    let groups = group_by_line(&code.instructions)
        .into_iter()
        .map(|(line, instructions)| {
            let source = line.map(|line| bytecode.source_line(line).to_owned());
            let rows = instructions
                .into_iter()
                .map(|ins| {
                    let label = labels
                        .iter()
                        .position(|&offset| offset == ins.offset)
                        .map(|index| format!("L{}:", index + 1));
                    instruction_row(ins, label)
                })
                .collect_view();
            line_group_view(line, source, rows, controller)
        })
        .collect_view();
    let title = if code.qualname == "<module>" {
        "Module <module>".to_owned()
    } else {
        code.qualname.clone()
    };
    view! {
        <section
            class="code-object"
            aria-label=format!("Code object {}", code.qualname)
            data-code=code_key(&code.qualname, code.first_line)
        >
            <h3>
                {title} <small>{format!(" line {}", code.first_line)}</small>
            </h3>
            // One table, so the columns line up across source lines.
            <table class="instructions">
                <thead class="sr-only">
                    <tr>
                        <th>"Jump target"</th>
                        <th>"Offset"</th>
                        <th>"Instruction"</th>
                        <th>"Argument"</th>
                        <th>"Meaning"</th>
                    </tr>
                </thead>
                {groups}
            </table>
            {details_view(code)}
        </section>
    }
}

/// Names a code object in the DOM: its qualified name and first line, as steps name it.
/// Only letters, digits and a few marks are kept, so it is safe inside a selector.
fn code_key(qualname: &str, first_line: u32) -> String {
    let name: String = qualname
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{name}-{first_line}")
}

/// The offsets that jumps land on, in order: `dis` names them L1, L2, … and jump
/// instructions say `to L2`.
fn jump_labels(instructions: &[Instruction]) -> Vec<u32> {
    instructions
        .iter()
        .filter(|ins| ins.is_jump_target)
        .map(|ins| ins.offset)
        .collect()
}

/// Consecutive instructions that share a source line (`None`: no line, e.g. the
/// `RESUME` before the first line, which the compiler puts on line 0).
fn group_by_line(instructions: &[Instruction]) -> Vec<(Option<u32>, Vec<Instruction>)> {
    let mut groups: Vec<(Option<u32>, Vec<Instruction>)> = Vec::new();
    for ins in instructions {
        let line = ins.line.filter(|&line| line > 0);
        match groups.last_mut() {
            Some((last, group)) if *last == line => group.push(ins.clone()),
            _ => groups.push((line, vec![ins.clone()])),
        }
    }
    groups
}

fn line_group_view(
    line: Option<u32>,
    source: Option<String>,
    rows: impl IntoView + 'static,
    controller: Controller,
) -> impl IntoView {
    let highlighted = controller.state.highlighted_line;
    let is_highlighted = move || line.is_some() && highlighted.get() == line;
    let header = match (line, source) {
        (Some(line), Some(source)) => view! {
            <button
                type="button"
                class="source-line"
                title="Show this line in the editor"
                on:click=move |_| controller.go_to_line(line)
                on:focus=move |_| highlighted.set(Some(line))
            >
                <span class="line-number">{line}</span>
                <code>{source}</code>
            </button>
        }
        .into_any(),
        _ => {
            view! { <span class="source-line no-line">"(before the first line)"</span> }.into_any()
        }
    };
    view! {
        <tbody
            class="line-group"
            class:highlighted=is_highlighted
            data-line=line.map(|l| l.to_string())
            on:mouseenter=move |_| {
                if line.is_some() {
                    highlighted.set(line);
                }
            }
        >
            <tr class="source-row">
                <th colspan="5" scope="rowgroup">
                    {header}
                </th>
            </tr>
            {rows}
        </tbody>
    }
}

/// One instruction; `label` (`L1:`) when a jump lands on it.
fn instruction_row(ins: Instruction, label: Option<String>) -> impl IntoView {
    let title = match ins.jump_target {
        Some(target) => format!("{} (jumps to offset {target})", ins.argrepr),
        None => ins.argrepr.clone(),
    };
    let marker_title = label.as_ref().map(|_| "a jump lands here");
    view! {
        <tr class:jump-target=ins.is_jump_target data-offset=ins.offset>
            <td class="marker" title=marker_title>
                {label}
            </td>
            <td class="offset">{ins.offset}</td>
            <td class="opname">{ins.opname}</td>
            <td class="arg">{ins.arg.map(|arg| arg.to_string())}</td>
            <td class="argrepr" class:jump=ins.jump_target.is_some() title=title>
                {ins.argrepr}
            </td>
        </tr>
    }
}

fn details_view(code: &CodeInfo) -> impl IntoView {
    let list = |items: &[String]| -> String {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items
                .iter()
                .enumerate()
                .map(|(index, item)| format!("{index}: {item}"))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let co_code = code
        .co_code
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .map(|byte| format!("{byte:02x}"))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let flags = format!("{:#x} ({})", code.flags, code.flag_names.join(" | "));
    let args = format!(
        "{} positional ({} positional-only), {} keyword-only",
        code.argcount, code.posonlyargcount, code.kwonlyargcount
    );
    let rows = [
        ("Arguments", args),
        ("Flags", flags),
        ("Stack size", code.stacksize.to_string()),
        ("Constants (co_consts)", list(&code.consts)),
        ("Names (co_names)", list(&code.names)),
        ("Local variables (co_varnames)", list(&code.varnames)),
        ("Cell variables (co_cellvars)", list(&code.cellvars)),
        ("Free variables (co_freevars)", list(&code.freevars)),
        (
            "Raw bytecode (co_code)",
            format!("{} bytes\n{co_code}", code.co_code.len()),
        ),
    ];
    view! {
        <details class="code-details">
            <summary>{format!("Details of {}", code.qualname)}</summary>
            <dl>
                {rows
                    .into_iter()
                    .map(|(term, value)| view! {
                        <dt>{term}</dt>
                        <dd>
                            <pre>{value}</pre>
                        </dd>
                    })
                    .collect_view()}
            </dl>
        </details>
    }
}
