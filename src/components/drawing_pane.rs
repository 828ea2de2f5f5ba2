//! The Drawing tab: a turtle program's window, painted on a <canvas> scaled to fit (crisp on
//! high-DPI screens), taking the student's clicks and keys while the program listens, and
//! saved as a PNG with Save image.

use std::cell::Cell;
use std::rc::Rc;

use base64::Engine;
use leptos::prelude::*;
use sandpiper_protocol::{CanvasEvent, ItemKind};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::controller::Controller;
use crate::drawing::{Drawing, Item, tk_key_name};
use crate::state::Tab;

/// The id the controller finds the canvas by, to give it the keyboard (`listen`).
pub const CANVAS_ID: &str = "drawing-canvas";

/// `in_tabs`: one of the app's result tabs (hidden unless chosen); a widget shows it
/// under its output once its program draws.
#[component]
pub fn DrawingPane(#[prop(optional)] in_tabs: bool) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let state = controller.state;
    let hidden = move || {
        if in_tabs {
            state.tab.get() != Tab::Drawing
        } else {
            !state.drawing.with(|drawing| drawing.drawn)
        }
    };
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    // Paints at most once a frame, however many batches arrive in it.
    let scheduled = Rc::new(Cell::new(false));
    let repaint = move || {
        if scheduled.replace(true) {
            return;
        }
        let scheduled = scheduled.clone();
        request_animation_frame(move || {
            scheduled.set(false);
            if let Some(canvas) = canvas.get_untracked() {
                state
                    .drawing
                    .with_untracked(|drawing| paint_to_fit(&canvas, drawing));
            }
        });
    };
    let repaint_on_change = repaint.clone();
    Effect::new(move |_| {
        state.drawing.track();
        let _visible = hidden();
        repaint_on_change();
    });
    let repaint_on_resize = repaint.clone();
    let resize = window_event_listener(leptos::ev::resize, move |_| repaint_on_resize());
    on_cleanup(move || resize.remove());

    let aspect = move || {
        state
            .drawing
            .with(|drawing| format!("aspect-ratio: {} / {}", drawing.width, drawing.height))
    };
    let title = move || state.drawing.with(|drawing| drawing.title.clone());
    let drawn = move || state.drawing.with(|drawing| drawing.drawn);

    let point = move |event: &web_sys::MouseEvent| -> Option<(f64, f64)> {
        let element = canvas.get_untracked()?;
        let rect = element.get_bounding_client_rect();
        let x = f64::from(event.client_x()) - rect.left();
        let y = f64::from(event.client_y()) - rect.top();
        Some(
            state
                .drawing
                .with_untracked(|drawing| drawing.canvas_point(x, y, rect.width())),
        )
    };
    // Tk numbers buttons from 1 (left), 2 (middle), 3 (right).
    let button = |event: &web_sys::MouseEvent| (event.button() as u8).saturating_add(1);
    let on_down = move |event: web_sys::PointerEvent| {
        if let Some((x, y)) = point(&event) {
            let button = button(&event);
            controller.canvas_event(CanvasEvent::Press { x, y, button });
        }
    };
    let on_up = move |event: web_sys::PointerEvent| {
        if let Some((x, y)) = point(&event) {
            let button = button(&event);
            controller.canvas_event(CanvasEvent::Release { x, y, button });
        }
    };
    let on_move = move |event: web_sys::PointerEvent| {
        let held = event.buttons();
        if held == 0 {
            return;
        }
        // `buttons` is a bit mask: 1 left, 2 right, 4 middle.
        let button = if held & 1 != 0 {
            1
        } else if held & 4 != 0 {
            2
        } else {
            3
        };
        if let Some((x, y)) = point(&event) {
            controller.canvas_event(CanvasEvent::Drag { x, y, button });
        }
    };
    let key = move |event: web_sys::KeyboardEvent, pressed: bool| {
        // Tab still moves the keyboard on, as everywhere on the page.
        if event.key() == "Tab" || event.ctrl_key() || event.meta_key() {
            return;
        }
        let Some(key) = tk_key_name(&event.key()) else {
            return;
        };
        if controller.canvas_event(if pressed {
            CanvasEvent::KeyPress { key }
        } else {
            CanvasEvent::KeyRelease { key }
        }) {
            // The arrows and space steer the program, not the page's scrolling.
            event.prevent_default();
        }
    };
    let save = move |_| {
        if let Some(canvas) = canvas.get_untracked() {
            state
                .drawing
                .with_untracked(|drawing| save_image(controller, &canvas, drawing));
        }
    };

    view! {
        <div
            id="tab-drawing-panel"
            class="panel drawing-panel"
            role=in_tabs.then_some("tabpanel")
            aria-labelledby=in_tabs.then_some("tab-drawing")
            hidden=hidden
        >
            <div class="drawing-bar">
                <span class="drawing-title">{title}</span>
                <button type="button" class="save-image" on:click=save disabled=move || !drawn()>
                    "Save image"
                </button>
            </div>
            <canvas
                node_ref=canvas
                id=CANVAS_ID
                class="drawing"
                tabindex="0"
                role="img"
                aria-label=move || {
                    let title = title();
                    if title.is_empty() {
                        "The program's drawing".to_owned()
                    } else {
                        format!("The program's drawing: {title}")
                    }
                }
                style=aspect
                on:pointerdown=on_down
                on:pointerup=on_up
                on:pointermove=on_move
                on:keydown=move |event| key(event, true)
                on:keyup=move |event| key(event, false)
                on:contextmenu=|event| event.prevent_default()
            ></canvas>
            <p class="hint" hidden=drawn>
                "A program that uses turtle draws here: try "
                <code>"import turtle"</code>
                " and "
                <code>"turtle.forward(100)"</code>
                "."
            </p>
        </div>
    }
}

/// Paints `drawing` on `canvas` at the size the page gives it, in device pixels.
fn paint_to_fit(canvas: &HtmlCanvasElement, drawing: &Drawing) {
    let css_width = f64::from(canvas.client_width());
    if css_width <= 0.0 {
        return;
    }
    let ratio = web_sys::window().map_or(1.0, |window| window.device_pixel_ratio());
    let width = (css_width * ratio).round();
    let height = (width * drawing.height / drawing.width).round();
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    paint(canvas, drawing, width / drawing.width);
}

/// Paints `drawing` at `scale` device pixels per window pixel, as Tk draws its items.
fn paint(canvas: &HtmlCanvasElement, drawing: &Drawing, scale: f64) {
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    context.set_fill_style_str(&drawing.background);
    context.fill_rect(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    );
    // Tk's canvas origin is the window's middle.
    let _ = context.set_transform(
        scale,
        0.0,
        0.0,
        scale,
        f64::from(canvas.width()) / 2.0,
        f64::from(canvas.height()) / 2.0,
    );
    for item in drawing.items() {
        paint_item(&context, item, scale);
    }
}

/// A colour to paint with: Tk's empty colour is none.
fn color(color: &Option<String>) -> Option<&str> {
    color.as_deref().filter(|color| !color.is_empty())
}

fn paint_item(context: &CanvasRenderingContext2d, item: &Item, scale: f64) {
    let style = &item.style;
    // Never thinner than a device pixel, so a line stays visible in a small view.
    let width = style.width.unwrap_or(1.0).max(1.0 / scale);
    match item.kind {
        ItemKind::Line => {
            let Some(fill) = color(&style.fill) else {
                return;
            };
            if !trace(context, &item.coords, false) {
                return;
            }
            context.set_stroke_style_str(fill);
            context.set_line_width(width);
            context.set_line_cap("round");
            context.set_line_join("round");
            context.stroke();
        }
        ItemKind::Polygon => {
            if !trace(context, &item.coords, true) {
                return;
            }
            if let Some(fill) = color(&style.fill) {
                context.set_fill_style_str(fill);
                // X11's rule, which Tk uses: a star's middle stays open.
                context.fill_with_canvas_winding_rule(web_sys::CanvasWindingRule::Evenodd);
            }
            if let Some(outline) = color(&style.outline) {
                context.set_stroke_style_str(outline);
                context.set_line_width(width);
                context.set_line_join("miter");
                context.stroke();
            }
        }
        ItemKind::Text => {
            let (Some(fill), [x, y, ..]) = (color(&style.fill), item.coords.as_slice()) else {
                return;
            };
            let text = style.text.as_deref().unwrap_or_default();
            context.set_font(&css_font(style.font.as_ref()));
            context.set_fill_style_str(fill);
            let anchor = style.anchor.as_deref().unwrap_or("center");
            context.set_text_align(if anchor.contains('w') {
                "left"
            } else if anchor.contains('e') {
                "right"
            } else {
                "center"
            });
            context.set_text_baseline(if anchor.starts_with('n') {
                "top"
            } else if anchor.starts_with('s') {
                "bottom"
            } else {
                "middle"
            });
            let _ = context.fill_text(text, *x, *y);
        }
        ItemKind::Image => {}
    }
}

/// Starts a path through `coords`; false if there are too few points to draw.
fn trace(context: &CanvasRenderingContext2d, coords: &[f64], closed: bool) -> bool {
    let points: Vec<(f64, f64)> = coords
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .collect();
    let Some(((x, y), rest)) = points.split_first() else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    context.begin_path();
    context.move_to(*x, *y);
    for (x, y) in rest {
        context.line_to(*x, *y);
    }
    if closed {
        context.close_path();
    }
    true
}

/// A Tk font as CSS: Tk's sizes are points (4/3 pixel on a 96 dpi screen), or pixels
/// when negative.
fn css_font(font: Option<&sandpiper_protocol::Font>) -> String {
    let Some(font) = font else {
        return "13.33px sans-serif".to_owned();
    };
    let pixels = if font.size < 0.0 {
        -font.size
    } else {
        font.size * 4.0 / 3.0
    };
    let family = match font.family.to_ascii_lowercase().as_str() {
        "courier" | "courier new" | "tkfixedfont" => "\"Courier New\", monospace".to_owned(),
        "times" | "times new roman" => "\"Times New Roman\", serif".to_owned(),
        "tkdefaultfont" | "helvetica" | "arial" => "Arial, Helvetica, sans-serif".to_owned(),
        _ => format!("\"{}\", sans-serif", font.family.replace('"', "")),
    };
    format!(
        "{}{}{pixels}px {family}",
        if font.italic { "italic " } else { "" },
        if font.bold { "bold " } else { "" },
    )
}

/// Downloads the drawing at the window's own size as `drawing.png`.
fn save_image(controller: Controller, shown: &HtmlCanvasElement, drawing: &Drawing) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let full: Option<HtmlCanvasElement> = document
        .create_element("canvas")
        .ok()
        .and_then(|element| element.dyn_into().ok());
    let canvas = full.unwrap_or_else(|| shown.clone());
    canvas.set_width(drawing.width.round() as u32);
    canvas.set_height(drawing.height.round() as u32);
    paint(&canvas, drawing, 1.0);
    let png = canvas
        .to_data_url_with_type("image/png")
        .ok()
        .and_then(|url| {
            let encoded = url.split_once(',')?.1.to_owned();
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .ok()
        });
    match png {
        Some(bytes) => crate::program_io::save_as(controller, &bytes, "drawing.png", "image/png"),
        None => controller
            .state
            .notice
            .set(Some(crate::state::Notice::error(
                "The drawing could not be made into an image.",
            ))),
    }
}
