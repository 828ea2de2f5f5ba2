//! A turtle program's drawing as the page keeps it: the window and the canvas items the
//! worker's drawing operations made, in display order. Plain data (no browser), so that
//! what a stream of operations leaves can be tested natively; `components::DrawingPane`
//! paints it.

use std::collections::HashMap;

use sandpiper_protocol::{DrawOp, ItemKind, ItemStyle};

/// CPython's turtle window on a 1920 × 1080 screen (half its width, three quarters of its
/// height), until the program says otherwise.
pub const DEFAULT_WIDTH: f64 = 960.0;
pub const DEFAULT_HEIGHT: f64 = 810.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub coords: Vec<f64>,
    pub style: ItemStyle,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub title: String,
    /// `#rrggbb`.
    pub background: String,
    items: HashMap<u32, Item>,
    /// Item numbers from the lowest to the highest.
    order: Vec<u32>,
    /// The run drew something (the Drawing tab has something to show).
    pub drawn: bool,
}

impl Default for Drawing {
    fn default() -> Self {
        Self {
            width: DEFAULT_WIDTH,
            height: DEFAULT_HEIGHT,
            title: String::new(),
            background: "#ffffff".to_owned(),
            items: HashMap::new(),
            order: Vec::new(),
            drawn: false,
        }
    }
}

impl Drawing {
    /// Applies `ops` in order; true if one asked for the keyboard (turtle's `listen`).
    pub fn apply(&mut self, ops: Vec<DrawOp>) -> bool {
        let mut focus = false;
        for op in ops {
            self.drawn = true;
            match op {
                DrawOp::Window {
                    width,
                    height,
                    title,
                } => {
                    // A window too small to see is drawn at its smallest useful size.
                    self.width = width.max(1.0);
                    self.height = height.max(1.0);
                    self.title = title;
                }
                DrawOp::Background { color } => self.background = color,
                DrawOp::Create {
                    item,
                    kind,
                    coords,
                    style,
                } => {
                    self.order.retain(|&number| number != item);
                    self.order.push(item);
                    self.items.insert(
                        item,
                        Item {
                            kind,
                            coords,
                            style,
                        },
                    );
                }
                DrawOp::Coords { item, coords } => {
                    if let Some(found) = self.items.get_mut(&item) {
                        found.coords = coords;
                    }
                }
                DrawOp::Style { item, style } => {
                    if let Some(found) = self.items.get_mut(&item) {
                        found.style.updated(&style);
                    }
                }
                DrawOp::Delete { item: None } => {
                    self.items.clear();
                    self.order.clear();
                }
                DrawOp::Delete { item: Some(item) } => {
                    self.items.remove(&item);
                    self.order.retain(|&number| number != item);
                }
                DrawOp::Raise { item } => self.restack(item, true),
                DrawOp::Lower { item } => self.restack(item, false),
                DrawOp::Focus => focus = true,
            }
        }
        focus
    }

    fn restack(&mut self, item: u32, to_top: bool) {
        if !self.items.contains_key(&item) {
            return;
        }
        self.order.retain(|&number| number != item);
        if to_top {
            self.order.push(item);
        } else {
            self.order.insert(0, item);
        }
    }

    /// The items from the lowest to the highest.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.order
            .iter()
            .filter_map(|number| self.items.get(number))
    }

    /// The canvas point (origin in the middle, y down) at `(x, y)` on a view `view_width`
    /// pixels wide showing the whole window.
    pub fn canvas_point(&self, x: f64, y: f64, view_width: f64) -> (f64, f64) {
        let scale = view_width / self.width;
        (x / scale - self.width / 2.0, y / scale - self.height / 2.0)
    }
}

/// The Tk key name of a browser `KeyboardEvent.key`, or `None` for keys a turtle program
/// cannot bind (dead keys, IME composition).
pub fn tk_key_name(key: &str) -> Option<String> {
    let named = match key {
        "ArrowUp" => "Up",
        "ArrowDown" => "Down",
        "ArrowLeft" => "Left",
        "ArrowRight" => "Right",
        " " => "space",
        "Enter" => "Return",
        "Escape" => "Escape",
        "Backspace" => "BackSpace",
        "Tab" => "Tab",
        "Delete" => "Delete",
        "Home" => "Home",
        "End" => "End",
        "PageUp" => "Prior",
        "PageDown" => "Next",
        "Insert" => "Insert",
        "Shift" => "Shift_L",
        "Control" => "Control_L",
        "Alt" => "Alt_L",
        "Meta" => "Meta_L",
        "CapsLock" => "Caps_Lock",
        "+" => "plus",
        "-" => "minus",
        "=" => "equal",
        "," => "comma",
        "." => "period",
        "/" => "slash",
        ";" => "semicolon",
        "'" => "apostrophe",
        "[" => "bracketleft",
        "]" => "bracketright",
        "\\" => "backslash",
        "*" => "asterisk",
        "!" => "exclam",
        "?" => "question",
        _ => {
            let mut chars = key.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => Some(c.to_string()),
                // F1–F12 are Tk's names too.
                _ if key.len() <= 3 && key.starts_with('F') && key[1..].parse::<u8>().is_ok() => {
                    Some(key.to_owned())
                }
                _ => None,
            };
        }
    };
    Some(named.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(item: u32, kind: ItemKind) -> DrawOp {
        DrawOp::Create {
            item,
            kind,
            coords: vec![0.0, 0.0, 10.0, 0.0],
            style: ItemStyle {
                fill: Some("#000000".into()),
                width: Some(1.0),
                ..ItemStyle::default()
            },
        }
    }

    fn order(drawing: &Drawing) -> Vec<f64> {
        drawing.items().map(|item| item.coords[2]).collect()
    }

    #[test]
    fn items_are_made_moved_restyled_restacked_and_deleted() {
        let mut drawing = Drawing::default();
        assert!(!drawing.drawn);
        let focus = drawing.apply(vec![
            create(1, ItemKind::Line),
            create(2, ItemKind::Polygon),
            DrawOp::Coords {
                item: 1,
                coords: vec![0.0, 0.0, 50.0, 0.0],
            },
            DrawOp::Style {
                item: 1,
                style: ItemStyle {
                    fill: Some("#ff0000".into()),
                    ..ItemStyle::default()
                },
            },
            DrawOp::Raise { item: 1 },
            DrawOp::Focus,
        ]);
        assert!(focus && drawing.drawn);
        assert_eq!(order(&drawing), vec![10.0, 50.0]);
        let line = drawing.items().last().unwrap();
        assert_eq!(line.style.fill.as_deref(), Some("#ff0000"));
        assert_eq!(line.style.width, Some(1.0));
        drawing.apply(vec![DrawOp::Lower { item: 1 }]);
        assert_eq!(order(&drawing), vec![50.0, 10.0]);
        drawing.apply(vec![DrawOp::Delete { item: Some(1) }]);
        assert_eq!(order(&drawing), vec![10.0]);
        drawing.apply(vec![DrawOp::Delete { item: None }]);
        assert_eq!(drawing.items().count(), 0);
    }

    #[test]
    fn the_window_sets_the_size_and_points_map_from_the_view() {
        let mut drawing = Drawing::default();
        drawing.apply(vec![
            DrawOp::Window {
                width: 400.0,
                height: 300.0,
                title: "Spiral".into(),
            },
            DrawOp::Background {
                color: "#000000".into(),
            },
        ]);
        assert_eq!((drawing.width, drawing.height), (400.0, 300.0));
        assert_eq!(drawing.background, "#000000");
        // A view 200 pixels wide shows the window at half size.
        assert_eq!(drawing.canvas_point(100.0, 75.0, 200.0), (0.0, 0.0));
        assert_eq!(drawing.canvas_point(0.0, 0.0, 200.0), (-200.0, -150.0));
    }

    #[test]
    fn operations_on_items_that_are_gone_change_nothing() {
        let mut drawing = Drawing::default();
        drawing.apply(vec![
            DrawOp::Coords {
                item: 9,
                coords: vec![1.0, 2.0],
            },
            DrawOp::Raise { item: 9 },
            DrawOp::Delete { item: Some(9) },
        ]);
        assert_eq!(drawing.items().count(), 0);
    }

    #[test]
    fn browser_keys_get_tk_names() {
        assert_eq!(tk_key_name("ArrowUp").as_deref(), Some("Up"));
        assert_eq!(tk_key_name(" ").as_deref(), Some("space"));
        assert_eq!(tk_key_name("a").as_deref(), Some("a"));
        assert_eq!(tk_key_name("F5").as_deref(), Some("F5"));
        assert_eq!(tk_key_name("Dead"), None);
    }
}
