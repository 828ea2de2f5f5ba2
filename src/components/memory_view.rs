//! The stepper's memory at a step: the call stack's frames with their variables, and the
//! objects the variables refer to drawn as boxes (lists, tuples, dicts, sets, instances),
//! with an arrow from each reference to its box, so two names for one list point at one
//! box. The boxes are laid out by CSS; `www/stepper-arrows.js` draws the arrows over them.
//! Each box is also named (`list #3`) in text, for screen readers and narrow screens.

use leptos::prelude::*;
use sandpiper_protocol::{ObjectVersion, Shape, Slot, StepEvent};
use wasm_bindgen::prelude::*;

use crate::controller::Controller;
use crate::stepper::Stepper;

#[wasm_bindgen(module = "/www/stepper-arrows.js")]
extern "C" {
    #[wasm_bindgen(js_name = drawArrows)]
    fn draw_arrows(memory: &web_sys::HtmlElement);
}

#[component]
pub fn MemoryView() -> impl IntoView {
    let stepper = expect_context::<Controller>().state.stepper;
    let memory = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        stepper.track();
        if let Some(memory) = memory.get() {
            draw_arrows(&memory);
        }
    });
    view! {
        <div class="memory" node_ref=memory>
            <section class="frames" aria-label="Call stack, innermost frame first">
                {move || stepper.with(|stepper| stepper.as_ref().map(frames_view))}
            </section>
            <section class="objects" aria-label="Objects">
                {move || stepper.with(|stepper| stepper.as_ref().map(objects_view))}
            </section>
            <svg class="arrows" aria-hidden="true"></svg>
        </div>
    }
}

fn frames_view(stepper: &Stepper) -> impl IntoView + use<> {
    let raised = (stepper.step().event == StepEvent::Exception)
        .then(|| stepper.step().value.clone())
        .flatten();
    let frames = stepper
        .frames()
        .into_iter()
        .map(|frame| {
            let name = match frame.qualname {
                "<module>" => "Global frame",
                name => name,
            };
            let title = match frame.line {
                0 => name.to_owned(),
                line => format!("{name} · line {line}"),
            };
            let rows = frame
                .locals
                .iter()
                .enumerate()
                .map(|(at, (name, text))| {
                    let value = match frame.boxes.get(at).copied().flatten() {
                        Some(id) => reference(stepper, id).into_any(),
                        None => text.to_string().into_any(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{name.to_string()}</th>
                            <td>{value}</td>
                        </tr>
                    }
                })
                .collect_view();
            let empty = frame.locals.is_empty();
            view! {
                <div class="frame">
                    <h3>{title}</h3>
                    {if empty {
                        view! { <p class="hint">"No variables yet."</p> }.into_any()
                    } else {
                        view! {
                            <table class="variables">
                                <tbody>{rows}</tbody>
                            </table>
                        }
                            .into_any()
                    }}
                </div>
            }
        })
        .collect_view();
    view! {
        {raised.map(|exception| view! { <p class="step-exception">{exception}</p> })}
        {frames}
    }
}

/// `list #3`: how an object is named beside its box and at its references.
fn object_name(stepper: &Stepper, id: u32) -> String {
    let type_name = stepper
        .object(id)
        .map_or("object", |object| object.type_name.as_str());
    format!("{type_name} #{id}")
}

/// The start of an arrow to object `id`'s box.
fn reference(stepper: &Stepper, id: u32) -> impl IntoView + use<> {
    let name = object_name(stepper, id);
    view! {
        <span class="ref" data-ref=id.to_string() title=name.clone()>
            <span class="sr-only">{format!("refers to {name}")}</span>
        </span>
    }
}

fn slot_view(stepper: &Stepper, slot: &Slot) -> AnyView {
    match slot {
        Slot::Text(text) => view! { <span class="value">{text.clone()}</span> }.into_any(),
        Slot::Object(id) => reference(stepper, *id).into_any(),
    }
}

fn objects_view(stepper: &Stepper) -> impl IntoView + use<> {
    stepper
        .objects()
        .into_iter()
        .map(|object| object_box(stepper, object))
        .collect_view()
}

fn object_box(stepper: &Stepper, object: &ObjectVersion) -> impl IntoView + use<> {
    let name = object_name(stepper, object.id);
    let items = match object.shape {
        Shape::Sequence | Shape::Set => {
            let indexed = object.shape == Shape::Sequence;
            let cells = object
                .items
                .iter()
                .enumerate()
                .map(|(index, (_, value))| {
                    view! {
                        <li>
                            {indexed.then(|| view! { <span class="index">{index}</span> })}
                            {slot_view(stepper, value)}
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="cells">{cells}</ol> }.into_any()
        }
        Shape::Mapping | Shape::Instance => {
            let rows = object
                .items
                .iter()
                .map(|(key, value)| {
                    let key = key.as_ref().map(|key| slot_view(stepper, key));
                    view! {
                        <tr>
                            <th scope="row">{key}</th>
                            <td>{slot_view(stepper, value)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="entries">
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    let label = name.clone();
    let empty = object.items.is_empty();
    let more = (object.more > 0)
        .then(|| view! { <p class="more">{format!("… {} more", object.more)}</p> });
    view! {
        <div class="object" data-object=object.id.to_string() role="group" aria-label=label>
            <p class="object-name">{name}</p>
            {if empty {
                view! { <p class="hint">"empty"</p> }.into_any()
            } else {
                items
            }}
            {more}
        </div>
    }
}
