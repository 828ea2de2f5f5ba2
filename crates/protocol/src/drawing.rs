//! What a turtle program draws: the calls CPython's `turtle.py` makes on a Tk canvas, as
//! the engine's stand-in `tkinter` records them (`crates/engine/python/lib/tkinter/`), and
//! the pointer and key events the page sends back while the program listens.

use serde::{Deserialize, Serialize};

/// One change to the drawing, in Tk canvas coordinates: the origin in the middle of the
/// window, y growing downwards (turtle has already turned its y around).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum DrawOp {
    /// The window: its size in pixels (turtle's `setup`) and title (`title`).
    Window {
        width: f64,
        height: f64,
        title: String,
    },
    /// The canvas's background colour (`bgcolor`), as `#rrggbb`.
    Background { color: String },
    /// A new item, drawn above every other.
    Create {
        item: u32,
        kind: ItemKind,
        coords: Vec<f64>,
        style: ItemStyle,
    },
    /// An item moved or reshaped: `x0, y0, x1, y1, ...`.
    Coords { item: u32, coords: Vec<f64> },
    /// Some of an item's style changed; the fields left out stay as they were.
    Style { item: u32, style: ItemStyle },
    /// An item removed, or every item (`None`: Tk's `delete("all")`).
    Delete { item: Option<u32> },
    /// An item brought above every other (`tag_raise`).
    Raise { item: u32 },
    /// An item put below every other (`tag_lower`: a background picture).
    Lower { item: u32 },
    /// The program wants key presses (turtle's `listen`): the drawing takes the focus.
    Focus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A polyline: `width` wide, in `fill`, with round ends.
    Line,
    /// A closed polygon filled with `fill` (none when empty), outlined in `outline`.
    Polygon,
    /// `text` at one point, placed by `anchor`, in `font` and `fill`.
    Text,
    /// An image (turtle's `blank` shape and pictures): nothing the page can show.
    Image,
}

/// An item's look. Colours are `#rrggbb`, or empty for none (Tk's `""`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemStyle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Tk's anchor: `sw`, `s`, `se`, ... (which point of the text's box is at its coords).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<Font>,
}

impl ItemStyle {
    /// This style with `change`'s fields laid over it.
    pub fn updated(&mut self, change: &ItemStyle) {
        let ItemStyle {
            fill,
            outline,
            width,
            text,
            anchor,
            font,
        } = change.clone();
        self.fill = fill.or(self.fill.take());
        self.outline = outline.or(self.outline.take());
        self.width = width.or(self.width);
        self.text = text.or(self.text.take());
        self.anchor = anchor.or(self.anchor.take());
        self.font = font.or(self.font.take());
    }
}

/// A Tk font: `("Arial", 8, "normal")`, `("Courier", 24, "bold italic")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Font {
    pub family: String,
    /// In points (Tk's positive sizes) or pixels (negative), as the program gave it.
    pub size: f64,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    #[serde(default)]
    pub underline: bool,
}

/// Adds `op` to `ops`, dropping what it makes useless: a `Coords` right before another for
/// the same item (a turtle moving with tracing off reshapes its line at every step).
/// Applying the result draws the same picture; it is a normal form, so a stream coalesced
/// in pieces coalesces again to what the whole would.
pub fn push_coalesced(ops: &mut Vec<DrawOp>, op: DrawOp) {
    if let (DrawOp::Coords { item, .. }, Some(DrawOp::Coords { item: last, .. })) =
        (&op, ops.last())
        && item == last
    {
        ops.pop();
    }
    ops.push(op);
}

/// Something the student did on the drawing while the program listens, in the same canvas
/// coordinates as `DrawOp`. Buttons are Tk's: 1 left, 2 middle, 3 right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum CanvasEvent {
    Press {
        x: f64,
        y: f64,
        button: u8,
    },
    Release {
        x: f64,
        y: f64,
        button: u8,
    },
    /// The pointer moved with `button` held.
    Drag {
        x: f64,
        y: f64,
        button: u8,
    },
    /// A key, by its Tk name (`Up`, `space`, `a`, `Return`).
    KeyPress {
        key: String,
    },
    KeyRelease {
        key: String,
    },
}

impl CanvasEvent {
    /// Events as the page writes them in the shared memory's events area: a JSON array.
    pub fn list_to_json(events: &[CanvasEvent]) -> String {
        serde_json::to_string(events).expect("events are always JSON")
    }

    /// What `list_to_json` wrote; anything else is no events.
    pub fn list_from_json(bytes: &[u8]) -> Vec<CanvasEvent> {
        serde_json::from_slice(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coords(item: u32, x: f64) -> DrawOp {
        DrawOp::Coords {
            item,
            coords: vec![x, 0.0],
        }
    }

    #[test]
    fn coalescing_keeps_the_last_shape_of_each_run_of_moves() {
        let mut ops = Vec::new();
        for op in [
            coords(1, 1.0),
            coords(1, 2.0),
            coords(2, 3.0),
            coords(1, 4.0),
            coords(1, 5.0),
        ] {
            push_coalesced(&mut ops, op);
        }
        assert_eq!(ops, vec![coords(1, 2.0), coords(2, 3.0), coords(1, 5.0)]);
    }

    #[test]
    fn a_style_change_merges_over_the_old() {
        let mut style = ItemStyle {
            fill: Some("#ff0000".into()),
            width: Some(2.0),
            ..ItemStyle::default()
        };
        style.updated(&ItemStyle {
            fill: Some(String::new()),
            outline: Some("#000000".into()),
            ..ItemStyle::default()
        });
        assert_eq!(style.fill.as_deref(), Some(""));
        assert_eq!(style.outline.as_deref(), Some("#000000"));
        assert_eq!(style.width, Some(2.0));
    }

    #[test]
    fn ops_and_events_read_back_as_written() {
        let op = DrawOp::Create {
            item: 7,
            kind: ItemKind::Text,
            coords: vec![-1.0, -0.0],
            style: ItemStyle {
                text: Some("Hi".into()),
                anchor: Some("sw".into()),
                font: Some(Font {
                    family: "Arial".into(),
                    size: 8.0,
                    bold: false,
                    italic: false,
                    underline: false,
                }),
                fill: Some("#000000".into()),
                ..ItemStyle::default()
            },
        };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(serde_json::from_str::<DrawOp>(&json).unwrap(), op);
        let events = vec![
            CanvasEvent::Press {
                x: 3.0,
                y: -4.5,
                button: 1,
            },
            CanvasEvent::KeyRelease { key: "Up".into() },
        ];
        let json = CanvasEvent::list_to_json(&events);
        assert_eq!(CanvasEvent::list_from_json(json.as_bytes()), events);
        assert_eq!(CanvasEvent::list_from_json(b"<html>"), vec![]);
    }
}
