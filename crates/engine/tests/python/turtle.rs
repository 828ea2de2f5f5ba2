//! Turtle graphics: CPython's own turtle.py over the engine's stand-in tkinter. Each program
//! runs in the engine and in CPython 3.14 running the same turtle.py with the same stand-in
//! (`turtle_page.py` plays the page there); what they print and what they draw (the canvas
//! operations the page receives) must be the same.

use std::path::Path;

use crate::common::{Harness, cpython_with_library};
use sandpiper_engine::{CanvasEvent, DrawOp, Outcome};
use serde_json::Value;

/// turtle.py and the stand-in tkinter as CPython imports them, and the page's stand-in.
fn library() -> Value {
    let lib = Path::new(rustpython_pylib::LIB_PATH);
    let stand_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/lib/tkinter");
    let read = |path: &Path| std::fs::read_to_string(path).expect("a library file");
    serde_json::json!({
        "turtle.py": read(&lib.join("turtle.py")),
        "tkinter/__init__.py": read(&stand_in.join("__init__.py")),
        "tkinter/_colors.py": read(&stand_in.join("_colors.py")),
        "tkinter/simpledialog.py": read(&stand_in.join("simpledialog.py")),
        "_sandpiper_io.py": include_str!("turtle_page.py"),
    })
}

/// The drawing with every run of moves of one item reduced to its last (the engine sends
/// it so, in pieces: this is their common normal form).
fn coalesced(ops: Vec<DrawOp>) -> Vec<DrawOp> {
    let mut out = Vec::new();
    for op in ops {
        sandpiper_protocol::push_coalesced(&mut out, op);
    }
    out
}

/// Numbers equal to the last bits a different libm may round differently.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Runs `program` in both, with `input` for `input()` and `events` as the answers to the
/// waits for the drawing's events; asserts the same output and drawing, returns them.
fn same_as_cpython(
    program: &str,
    input: &[&str],
    events: &[Vec<CanvasEvent>],
) -> (String, Vec<DrawOp>) {
    let mut harness = Harness::new().with_input(input);
    harness.state.borrow_mut().events = events.iter().cloned().collect();
    let report = harness.run(program);
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    let drawn = coalesced(std::mem::take(&mut harness.state.borrow_mut().drawing));

    let script = format!(
        "import json, _sandpiper_io\n\
         _sandpiper_io.EVENTS = json.loads({events:?})\n\
         exec(compile({program:?}, 'main.py', 'exec'), {{'__name__': '__main__'}})\n\
         print('\\0' + json.dumps(_sandpiper_io.OPS))\n",
        events = serde_json::to_string(events).unwrap(),
        program = program,
    );
    let stdin: String = input.iter().map(|line| format!("{line}\n")).collect();
    let (stdout, stderr) = cpython_with_library(&script, &stdin, &library());
    let (printed, json) = stdout
        .rsplit_once('\0')
        .unwrap_or_else(|| panic!("CPython's turtle failed: {stderr}"));
    let reference: Vec<DrawOp> = serde_json::from_str(json).expect("the reference's drawing");
    let reference = coalesced(reference);

    assert_eq!(harness.stdout(), printed, "{program}");
    let (ours, theirs) = (
        serde_json::to_value(&drawn).unwrap(),
        serde_json::to_value(&reference).unwrap(),
    );
    if !same(&ours, &theirs) {
        let first = drawn
            .iter()
            .zip(&reference)
            .position(|(a, b)| {
                !same(
                    &serde_json::to_value(a).unwrap(),
                    &serde_json::to_value(b).unwrap(),
                )
            })
            .unwrap_or(drawn.len().min(reference.len()));
        panic!(
            "the drawings differ at operation {first} (of {} and {}):\n ours: {:?}\n CPython's: {:?}",
            drawn.len(),
            reference.len(),
            drawn.get(first),
            reference.get(first)
        );
    }
    (harness.stdout(), drawn)
}

fn press(x: f64, y: f64) -> CanvasEvent {
    CanvasEvent::Press { x, y, button: 1 }
}

/// A key pressed and let go (turtle's `onkey` is `onkeyrelease`).
fn key(name: &str) -> [CanvasEvent; 2] {
    [
        CanvasEvent::KeyPress {
            key: name.to_owned(),
        },
        CanvasEvent::KeyRelease {
            key: name.to_owned(),
        },
    ]
}

#[test]
fn a_square_positions_headings_and_vectors() {
    let (printed, drawn) = same_as_cpython(
        "import turtle\n\
         t = turtle.Turtle()\n\
         t.speed(0)\n\
         for side in range(4):\n\
         \x20   t.forward(100)\n\
         \x20   t.left(90)\n\
         \x20   print(t.pos(), t.heading(), t.xcor(), t.ycor())\n\
         print(t.towards(0, 100), t.distance(30, 40), t.isdown(), t.isvisible())\n\
         v = turtle.Vec2D(1, 2)\n\
         print(v + turtle.Vec2D(3, 4), v * 3, v * v, -v, abs(v), v.rotate(90))\n\
         print(turtle.window_width(), turtle.window_height(), turtle.screensize())\n\
         t.goto(-50, 20); t.setheading(45); t.setx(10); t.sety(-10)\n\
         print(t.position(), t.heading())\n\
         turtle.done()\n",
        &[],
        &[],
    );
    assert!(printed.contains("(100.00,100.00) 180.0"), "{printed}");
    assert!(
        drawn
            .iter()
            .any(|op| matches!(op, DrawOp::Window { width, .. } if *width == 960.0))
    );
}

#[test]
fn a_filled_star_in_colours_by_name_hex_and_rgb() {
    let (printed, drawn) = same_as_cpython(
        "import turtle\n\
         t = turtle.Turtle()\n\
         t.speed(0)\n\
         t.color('red', 'yellow')\n\
         print(t.color(), t.filling())\n\
         t.begin_fill()\n\
         for point in range(5):\n\
         \x20   t.forward(150)\n\
         \x20   t.right(144)\n\
         print(t.filling())\n\
         t.end_fill()\n\
         turtle.colormode(255)\n\
         t.pencolor(0, 128, 255)\n\
         t.fillcolor('#aabbcc')\n\
         print(t.pencolor(), t.fillcolor(), turtle.colormode())\n\
         turtle.bgcolor('light blue')\n\
         print(turtle.bgcolor())\n\
         for bad in ['notacolor', (300, 0, 0)]:\n\
         \x20   try:\n\
         \x20       t.pencolor(bad)\n\
         \x20   except turtle.TurtleGraphicsError as error:\n\
         \x20       print('TurtleGraphicsError:', error)\n\
         with t.fill():\n\
         \x20   t.circle(40)\n",
        &[],
        &[],
    );
    assert!(printed.contains("('red', 'yellow') False"), "{printed}");
    assert!(
        drawn
            .iter()
            .any(|op| matches!(op, DrawOp::Background { color } if color == "#add8e6"))
    );
}

#[test]
fn a_spiral_with_tracing_off_circles_dots_and_text() {
    same_as_cpython(
        "import turtle\n\
         screen = turtle.Screen()\n\
         screen.tracer(0)\n\
         t = turtle.Turtle()\n\
         for step in range(120):\n\
         \x20   t.forward(step * 2)\n\
         \x20   t.left(59)\n\
         screen.update()\n\
         t.penup(); t.home(); t.pendown()\n\
         t.circle(60, 180)\n\
         t.circle(-30, steps=5)\n\
         t.dot(20, 'blue')\n\
         t.pensize(5)\n\
         t.write('Hello, turtle!', align='center', font=('Courier', 18, 'bold italic'))\n\
         t.write('moved', move=True)\n\
         print(t.pos())\n\
         screen.update()\n\
         screen.title('Spiral')\n\
         screen.setup(400, 300)\n\
         print(screen.window_width(), screen.window_height())\n\
         turtle.done()\n",
        &[],
        &[],
    );
}

#[test]
fn stamps_shapes_undo_clear_and_several_turtles() {
    same_as_cpython(
        "import turtle\n\
         a = turtle.Turtle(shape='turtle')\n\
         b = turtle.Turtle()\n\
         a.speed(0); b.speed(0)\n\
         b.shape('circle'); b.shapesize(2, 3, 4); b.color('green')\n\
         print(turtle.Screen().getshapes())\n\
         stamps = []\n\
         for i in range(4):\n\
         \x20   a.forward(40)\n\
         \x20   stamps.append(a.stamp())\n\
         a.clearstamp(stamps[1])\n\
         a.clearstamps(-1)\n\
         turtle.register_shape('kite', ((0, 0), (-10, -20), (0, -30), (10, -20)))\n\
         b.shape('kite'); b.tilt(30); b.goto(50, 50)\n\
         print(b.shape(), b.tiltangle(), b.shapesize())\n\
         b.undo(); b.undo()\n\
         print(b.pos(), b.undobufferentries())\n\
         a.clear(); a.hideturtle()\n\
         print(len(turtle.Screen().turtles()))\n\
         b.reset()\n\
         print(b.pos(), b.shape())\n",
        &[],
        &[],
    );
}

#[test]
fn clicks_keys_and_timers_reach_the_handlers_in_mainloop() {
    let (printed, _) = same_as_cpython(
        "import turtle\n\
         screen = turtle.Screen()\n\
         t = turtle.Turtle()\n\
         t.speed(0)\n\
         def clicked(x, y):\n\
         \x20   print('click', x, y)\n\
         \x20   t.goto(x, y)\n\
         def up():\n\
         \x20   t.setheading(90); t.forward(10); print('up', t.pos())\n\
         def turtle_clicked(x, y):\n\
         \x20   print('on the turtle', x, y)\n\
         def tick():\n\
         \x20   print('tick')\n\
         screen.onscreenclick(clicked)\n\
         t.onclick(turtle_clicked)\n\
         screen.onkey(up, 'Up')\n\
         screen.ontimer(tick, 10)\n\
         screen.listen()\n\
         turtle.mainloop()\n\
         print('the window closed')\n",
        &[],
        &[
            vec![press(-5.0, 1.0)],
            [
                vec![press(40.0, -30.0)],
                key("Up").to_vec(),
                key("Down").to_vec(),
            ]
            .concat(),
        ],
    );
    assert!(printed.contains("on the turtle"), "{printed}");
    assert!(printed.contains("click 40.0 30.0"), "{printed}");
    assert!(printed.contains("up (40.00,40.00)"), "{printed}");
}

#[test]
fn world_coordinates_animation_drags_releases_and_pictures() {
    let (printed, _) = same_as_cpython(
        "import turtle\n\
         screen = turtle.Screen()\n\
         screen.setworldcoordinates(-10, -10, 10, 10)\n\
         t = turtle.Turtle()\n\
         t.speed(3)\n\
         t.goto(5, 5)\n\
         t.circle(2, 90)\n\
         print(t.pos(), screen.mode())\n\
         screen.screensize(800, 600, 'black')\n\
         print(screen.screensize(), screen.bgcolor())\n\
         try:\n\
         \x20   screen.bgpic('missing.gif')\n\
         except Exception as error:\n\
         \x20   print(type(error).__name__, error)\n\
         t.speed(0); t.home()\n\
         t.ondrag(lambda x, y: print('drag', round(x, 2), round(y, 2)))\n\
         t.onrelease(lambda x, y: print('release', round(x, 2), round(y, 2)))\n\
         screen.onkeypress(lambda: print('any key'))\n\
         screen.listen()\n\
         turtle.done()\n",
        &[],
        &[
            [
                press(-5.0, 1.0),
                CanvasEvent::Drag {
                    x: 60.0,
                    y: -60.0,
                    button: 1,
                },
                CanvasEvent::Release {
                    x: 60.0,
                    y: -60.0,
                    button: 1,
                },
            ]
            .to_vec(),
            key("a").to_vec(),
        ],
    );
    assert!(printed.contains("drag"), "{printed}");
    assert!(printed.contains("release"), "{printed}");
    assert!(printed.contains("any key"), "{printed}");
}

#[test]
fn exitonclick_ends_at_the_click_and_textinput_reads_a_line() {
    same_as_cpython(
        "import turtle\n\
         name = turtle.textinput('Hello', 'Your name?')\n\
         size = turtle.numinput('Size', 'How big?', 50, minval=10, maxval=100)\n\
         print(name, size)\n\
         turtle.forward(size)\n\
         turtle.exitonclick()\n\
         print('bye')\n",
        &["Ada", "five", "500", "25"],
        &[vec![press(100.0, 100.0)]],
    );
}

#[test]
fn each_run_opens_a_new_window() {
    let mut harness = Harness::new();
    let program = "import turtle\nturtle.forward(10)\nprint(len(turtle.Screen().turtles()))\n";
    for _ in 0..2 {
        harness.state.borrow_mut().drawing.clear();
        let report = harness.run(program);
        assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
        assert_eq!(harness.stdout(), "1\n");
        // A new window, whose items are numbered from 1 again.
        let drawing = &harness.state.borrow().drawing;
        assert!(
            matches!(drawing.first(), Some(DrawOp::Window { .. })),
            "{drawing:?}"
        );
        assert!(
            drawing
                .iter()
                .any(|op| matches!(op, DrawOp::Create { item: 1, .. })),
            "{drawing:?}"
        );
    }
}
