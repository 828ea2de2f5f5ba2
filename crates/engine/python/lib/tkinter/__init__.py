"""A stand-in for tkinter where there is no Tcl/Tk: as much of Tk as CPython's turtle.py
uses, so that turtle runs unchanged (its geometry, defaults and messages are CPython's).

The canvas keeps its items as Tk does and sends each change to the page as a drawing
operation (`_sandpiper_io.draw`, checked against `sandpiper_protocol::DrawOp`); the page
draws them on a <canvas>. `mainloop()` and `update()` take the student's clicks and keys on
the drawing (`_sandpiper_io.wait_events`) and call what the program bound to them, with
timers (`after`) in between, as Tk's event loop does.
"""

import heapq
import itertools
import sys
import time

from _sandpiper_io import draw as _send, wait_events as _wait_events
from tkinter._colors import COLORS as _COLORS

TkVersion = 8.6
TclVersion = 8.6
wantobjects = 1

# The constants turtle.py and simple programs use (tkinter.constants has them all).
N, S, E, W = "n", "s", "e", "w"
NW, SW, NE, SE, CENTER = "nw", "sw", "ne", "se", "center"
NSEW = "nsew"
HORIZONTAL, VERTICAL = "horizontal", "vertical"
LEFT, RIGHT, TOP, BOTTOM = "left", "right", "top", "bottom"
BOTH, X, Y, NONE = "both", "x", "y", "none"
RAISED, SUNKEN, FLAT, RIDGE, GROOVE, SOLID = (
    "raised", "sunken", "flat", "ridge", "groove", "solid")
ROUND, BUTT, PROJECTING = "round", "butt", "projecting"
END, INSERT = "end", "insert"
NORMAL, DISABLED, HIDDEN = "normal", "disabled", "hidden"
YES, NO, TRUE, FALSE = 1, 0, 1, 0

# The screen the window opens on: turtle sizes its window from it (half its width, three
# quarters of its height). 1920 x 1080 is the most common screen.
_SCREEN_WIDTH = 1920
_SCREEN_HEIGHT = 1080


class TclError(Exception):
    pass


def _rgb(color):
    """Tk's parse of a colour: (r, g, b) in 0..255, or TclError as Tk words it."""
    if not isinstance(color, str):
        raise TclError(f'unknown color name "{color}"')
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) in (3, 6, 9, 12) and all(c in "0123456789abcdefABCDEF" for c in digits):
            size = len(digits) // 3
            # Tk keeps a channel's leading digits: "#f00" is #f00000, "#ffff00000000" #ff0000.
            return tuple(int(digits[i * size:(i + 1) * size].ljust(2, "0")[:2], 16)
                         for i in range(3))
        raise TclError(f'invalid color name "{color}"')
    value = _COLORS.get(color.replace(" ", "").lower())
    if value is None:
        raise TclError(f'unknown color name "{color}"')
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


def _hex(color):
    """A colour option as the page draws it: "" (none) or #rrggbb."""
    if color == "":
        return ""
    return "#%02x%02x%02x" % _rgb(color)


def _font(font):
    """A Tk font description ("Arial 8 bold", ("Arial", 8, "normal")) as the page wants it."""
    if isinstance(font, str):
        parts = font.split()
    else:
        parts = list(font)
    family = str(parts[0]) if parts else "TkDefaultFont"
    size = 10
    if len(parts) > 1:
        try:
            size = float(parts[1])
        except (TypeError, ValueError):
            raise TclError(f'expected integer but got "{parts[1]}"') from None
    styles = " ".join(str(part) for part in parts[2:]).split()
    return {
        "family": family,
        "size": size,
        "bold": "bold" in styles,
        "italic": "italic" in styles,
        "underline": "underline" in styles,
    }


def _pixels(size):
    """A font size in pixels: Tk's points are 4/3 pixel on a 96 dpi screen."""
    return -size if size < 0 else size * 4 / 3


class _Timers:
    """What `after` scheduled, in the order it falls due; Tk's event loop runs them."""

    def __init__(self):
        self._queue = []
        self._numbers = itertools.count(1)
        self._cancelled = set()

    def add(self, ms, func, args):
        number = next(self._numbers)
        name = f"after#{number}"
        heapq.heappush(self._queue, (time.monotonic() + ms / 1000, number, name, func, args))
        return name

    def cancel(self, name):
        self._cancelled.add(name)

    def next_due(self):
        while self._queue and self._queue[0][2] in self._cancelled:
            self._cancelled.discard(heapq.heappop(self._queue)[2])
        return self._queue[0][0] if self._queue else None

    def run_due(self):
        now = time.monotonic()
        while (due := self.next_due()) is not None and due <= now:
            _, _, _, func, args = heapq.heappop(self._queue)
            _callback(func, *args)


_timers = _Timers()
_root = None
# Canvases that take events (there is one window, so one in practice).
_canvases = []


def _callback(func, *args):
    """Calls what the program bound, reporting an error as Tk does and going on."""
    try:
        return func(*args)
    except Exception:
        if _root is not None:
            _root.report_callback_exception(*sys.exc_info())
        else:
            raise


def _process_events(timeout):
    """One turn of Tk's event loop: waits up to `timeout` seconds (None: until something
    happens) for the student's clicks and keys, then runs them and the timers due. False
    when nothing can ever happen here (no page shows the drawing)."""
    due = _timers.next_due()
    if due is not None:
        until_due = max(0.0, due - time.monotonic())
        timeout = until_due if timeout is None else min(timeout, until_due)
    events = _wait_events(timeout)
    if events is None:
        return False
    for event in events:
        for canvas in list(_canvases):
            canvas._dispatch(event)
    _timers.run_due()
    return True


def mainloop(n=0):
    """Runs the program's event handlers and timers until the window is closed (`bye`,
    `destroy`) or Stop. It ends at once when nothing is bound and no timer waits: then
    nothing could ever happen (the drawing stays on the page)."""
    while _root is not None and not _root._destroyed:
        listening = any(canvas._listening() for canvas in _canvases)
        if not listening and _timers.next_due() is None:
            return
        if not _process_events(None):
            return


class Event:
    """What a handler receives: where (x, y), which button (num), which key (keysym)."""

    def __init__(self, widget, **fields):
        self.widget = widget
        self.x = self.y = 0
        self.num = "??"
        self.keysym = self.char = "??"
        self.delta = 0
        self.__dict__.update(fields)

    def __repr__(self):
        return f"<Event x={self.x} y={self.y}>"


class _App:
    """What `widget.tk` is: the Tcl interpreter, of which turtle calls `mainloop`."""

    def mainloop(self, n=0):
        mainloop(n)

    def call(self, *args):
        return ""

    def eval(self, script):
        return ""


_app = _App()


class Misc:
    """What every widget can do."""

    master = None
    tk = _app

    def after(self, ms, func=None, *args):
        if func is None:
            # Tk sleeps; the page sees what was drawn so far first.
            time.sleep(max(0, ms) / 1000)
            return None
        return _timers.add(ms, func, args)

    def after_idle(self, func, *args):
        return _timers.add(0, func, args)

    def after_cancel(self, id):
        _timers.cancel(id)

    def update(self):
        _process_events(0.0)

    def update_idletasks(self):
        pass

    def mainloop(self, n=0):
        mainloop(n)

    def quit(self):
        if _root is not None:
            _root._destroyed = True

    def winfo_toplevel(self):
        return _root

    def winfo_screenwidth(self):
        return _SCREEN_WIDTH

    def winfo_screenheight(self):
        return _SCREEN_HEIGHT

    def winfo_width(self):
        return _root._width if _root is not None else 1

    def winfo_height(self):
        return _root._height if _root is not None else 1

    def winfo_rgb(self, color):
        return tuple(channel * 257 for channel in _rgb(color))

    def focus_force(self):
        pass

    focus_set = focus_force

    def bind(self, sequence=None, func=None, add=None):
        pass

    def unbind(self, sequence, funcid=None):
        pass

    def pack(self, **options):
        pass

    def grid(self, **options):
        pass

    def grid_forget(self):
        pass

    def place(self, **options):
        pass

    def rowconfigure(self, index, **options):
        pass

    def columnconfigure(self, index, **options):
        pass

    def destroy(self):
        pass


class Tk(Misc):
    """The window."""

    def __init__(self, screenName=None, baseName=None, className="Tk", useTk=True,
                 sync=False, use=None):
        global _root
        _root = self
        self._title = className.lower() if className != "Tk" else "tk"
        self._width = 200
        self._height = 200
        self._destroyed = False
        self.master = None
        self.children = {}

    def title(self, string=None):
        if string is None:
            return self._title
        self._title = str(string)
        self._send_window()

    wm_title = title

    def geometry(self, newGeometry=None):
        if newGeometry is None:
            return f"{self._width}x{self._height}+0+0"
        size = newGeometry.split("+")[0].split("-")[0]
        if "x" in size:
            width, height = size.split("x")
            self._width, self._height = int(width), int(height)
        self._send_window()

    wm_geometry = geometry

    def _send_window(self):
        _send({"op": "window", "width": self._width, "height": self._height,
               "title": self._title})

    def protocol(self, name=None, func=None):
        pass

    wm_protocol = protocol

    def resizable(self, width=None, height=None):
        pass

    def report_callback_exception(self, exc, val, tb):
        import traceback
        print("Exception in Tkinter callback", file=sys.stderr)
        traceback.print_exception(exc, val, tb)

    def destroy(self):
        global _root
        self._destroyed = True
        if _root is self:
            _root = None
        _canvases.clear()


class Toplevel(Misc):
    def __init__(self, master=None, **options):
        self.master = master


class Frame(Misc):
    def __init__(self, master=None, cnf=None, **options):
        self.master = master


class Scrollbar(Misc):
    def __init__(self, master=None, cnf=None, **options):
        self.master = master

    def set(self, first, last):
        pass


class PhotoImage:
    """An image; this stand-in has none to show (turtle's blank shape is one)."""

    _numbers = itertools.count(1)

    def __init__(self, name=None, cnf=None, master=None, **options):
        file = options.get("file")
        if file is not None:
            import os
            if not os.path.exists(file):
                raise TclError(f'couldn\'t open "{file}": no such file or directory')
            raise TclError(f'couldn\'t recognize data in image file "{file}"')
        self.name = name or f"pyimage{next(self._numbers)}"
        self._width = int(options.get("width", 0))
        self._height = int(options.get("height", 0))

    def blank(self):
        pass

    def width(self):
        return self._width

    def height(self):
        return self._height

    def __str__(self):
        return self.name


class _Item:
    __slots__ = ("kind", "coords", "options", "bindings")

    def __init__(self, kind, coords, options):
        self.kind = kind
        self.coords = coords
        self.options = options
        # sequence -> [handler, ...] (`tag_bind`)
        self.bindings = {}


def _flatten(args):
    coords = []
    for arg in args:
        if isinstance(arg, (list, tuple)):
            coords.extend(_flatten(arg))
        else:
            coords.append(float(arg))
    return coords


class Canvas(Misc):
    """A canvas whose items are drawn on the page."""

    def __init__(self, master=None, cnf=None, **options):
        self.master = master
        self._config = {"width": "500", "height": "350", "bg": "white"}
        self._items = {}
        # Item numbers from the lowest on the display list to the highest.
        self._order = []
        self._numbers = itertools.count(1)
        # sequence -> [handler, ...] (`bind`)
        self._bindings = {}
        self._focused = False
        # The item a button press went to: its drag and release go there too, as in Tk.
        self._grabbed = None
        self.configure(**options)
        _canvases.append(self)

    # --- the canvas's own options ---

    def configure(self, cnf=None, **options):
        options = {**(cnf or {}), **options}
        for key, value in options.items():
            if value is None:
                continue
            key = {"background": "bg"}.get(key, key)
            if key == "bg":
                color = _hex(value)
                self._config["bg"] = value
                _send({"op": "background", "color": color})
            else:
                self._config[key] = str(value) if key in ("width", "height") else value

    config = configure

    def cget(self, key):
        key = {"background": "bg"}.get(key, key)
        return self._config.get(key, "")

    __getitem__ = cget

    def canvasx(self, screenx, gridspacing=None):
        return float(screenx)

    def canvasy(self, screeny, gridspacing=None):
        return float(screeny)

    def xview(self, *args):
        return (0.0, 1.0)

    yview = xview

    def xview_moveto(self, fraction):
        pass

    yview_moveto = xview_moveto

    def focus_force(self):
        self._focused = True
        _send({"op": "focus"})

    focus_set = focus_force

    def postscript(self, cnf=None, **options):
        raise TclError("this canvas cannot make PostScript: the page's Save image "
                       "downloads the drawing as a PNG")

    # --- items ---

    def _create(self, kind, args, options):
        number = next(self._numbers)
        coords = _flatten(args)
        item = _Item(kind, coords, {})
        self._items[number] = item
        self._order.append(number)
        style = self._style(item, options)
        _send({"op": "create", "item": number, "kind": kind, "coords": coords,
               "style": style})
        return number

    def _style(self, item, options):
        """Keeps `options` on `item` and returns what the page needs of them."""
        style = {}
        for key, value in options.items():
            if value is None:
                continue
            item.options[key] = value
            if key in ("fill", "outline"):
                style[key] = _hex(value)
            elif key == "width":
                style[key] = float(value)
            elif key == "text":
                style[key] = str(value)
            elif key == "anchor":
                style[key] = str(value)
            elif key == "font":
                style[key] = _font(value)
        return style

    def create_line(self, *args, **options):
        options.setdefault("fill", "black")
        options.setdefault("width", 1)
        return self._create("line", args, options)

    def create_polygon(self, *args, **options):
        options.setdefault("fill", "black")
        options.setdefault("outline", "")
        options.setdefault("width", 1)
        return self._create("polygon", args, options)

    def create_text(self, *args, **options):
        options.setdefault("fill", "black")
        options.setdefault("anchor", "center")
        options.setdefault("font", ("TkDefaultFont", 10))
        options.setdefault("text", "")
        return self._create("text", args, options)

    def create_image(self, *args, **options):
        return self._create("image", args, options)

    def _find(self, tag_or_id):
        if tag_or_id == "all":
            return list(self._order)
        if isinstance(tag_or_id, int) and tag_or_id in self._items:
            return [tag_or_id]
        if isinstance(tag_or_id, str) and tag_or_id.isdigit() and int(tag_or_id) in self._items:
            return [int(tag_or_id)]
        return []

    def coords(self, tag_or_id, *args):
        found = self._find(tag_or_id)
        if not args:
            return list(self._items[found[0]].coords) if found else []
        coords = _flatten(args)
        for number in found:
            self._items[number].coords = coords
            _send({"op": "coords", "item": number, "coords": coords})
        return None

    def itemconfigure(self, tag_or_id, cnf=None, **options):
        options = {**(cnf or {}), **options}
        for number in self._find(tag_or_id):
            style = self._style(self._items[number], options)
            if style:
                _send({"op": "style", "item": number, "style": style})

    itemconfig = itemconfigure

    def itemcget(self, tag_or_id, option):
        found = self._find(tag_or_id)
        return self._items[found[0]].options.get(option, "") if found else ""

    def type(self, tag_or_id):
        found = self._find(tag_or_id)
        return self._items[found[0]].kind if found else None

    def find_all(self):
        return tuple(self._order)

    def delete(self, *tags_or_ids):
        for tag_or_id in tags_or_ids:
            everything = tag_or_id == "all"
            for number in self._find(tag_or_id):
                del self._items[number]
                self._order.remove(number)
                if self._grabbed == number:
                    self._grabbed = None
                if not everything:
                    _send({"op": "delete", "item": number})
            if everything:
                _send({"op": "delete", "item": None})

    def tag_raise(self, tag_or_id, above=None):
        for number in self._find(tag_or_id):
            self._order.remove(number)
            self._order.append(number)
            _send({"op": "raise", "item": number})

    lift = tag_raise

    def tag_lower(self, tag_or_id, below=None):
        for number in reversed(self._find(tag_or_id)):
            self._order.remove(number)
            self._order.insert(0, number)
            _send({"op": "lower", "item": number})

    def bbox(self, *tags_or_ids):
        boxes = []
        for tag_or_id in tags_or_ids:
            for number in self._find(tag_or_id):
                boxes.append(self._bbox(self._items[number]))
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def _bbox(self, item):
        xs, ys = item.coords[0::2] or [0.0], item.coords[1::2] or [0.0]
        if item.kind == "text":
            x, y = xs[0], ys[0]
            font = _font(item.options.get("font", ("TkDefaultFont", 10)))
            height = round(_pixels(font["size"]) * 1.2)
            # Tk measures the font; this is a typical face's average advance.
            width = round(len(str(item.options.get("text", ""))) * _pixels(font["size"]) * 0.55)
            anchor = str(item.options.get("anchor", "center"))
            left = x - width / 2 if anchor in ("n", "s", "center") else (
                x - width if "e" in anchor else x)
            top = y - height / 2 if anchor in ("e", "w", "center") else (
                y - height if "s" in anchor else y)
            return (int(left), int(top), int(left + width) + 1, int(top + height) + 1)
        half = float(item.options.get("width", 1)) / 2
        return (int(min(xs) - half) - 1, int(min(ys) - half) - 1,
                int(max(xs) + half) + 2, int(max(ys) + half) + 2)

    def _item_at(self, x, y):
        """The item Tk calls current under (x, y): the highest one there."""
        for number in reversed(self._order):
            item = self._items[number]
            if _covers(item, x, y, self._bbox(item)):
                return number
        return None

    # --- events ---

    def bind(self, sequence=None, func=None, add=None):
        if func is None:
            return self._bindings.get(sequence)
        handlers = self._bindings.setdefault(sequence, []) if add else []
        handlers.append(func)
        self._bindings[sequence] = handlers
        return f"bind#{id(func)}"

    def unbind(self, sequence, funcid=None):
        self._bindings.pop(sequence, None)

    def tag_bind(self, tag_or_id, sequence=None, func=None, add=None):
        for number in self._find(tag_or_id):
            bindings = self._items[number].bindings
            handlers = bindings.setdefault(sequence, []) if add else []
            handlers.append(func)
            bindings[sequence] = handlers

    def tag_unbind(self, tag_or_id, sequence, funcid=None):
        for number in self._find(tag_or_id):
            self._items[number].bindings.pop(sequence, None)

    def _listening(self):
        """Whether the program bound anything to this canvas or one of its items."""
        return bool(self._bindings) or any(item.bindings for item in self._items.values())

    def _fire(self, handlers, event):
        for handler in list(handlers or ()):
            if _callback(handler, event) == "break":
                return

    def _dispatch(self, fields):
        kind = fields.get("event")
        if kind in ("key_press", "key_release"):
            if not self._focused:
                return
            key = fields.get("key", "")
            event = Event(self, keysym=key, char=key if len(key) == 1 else "")
            if kind == "key_press":
                self._fire(self._bindings.get(f"<KeyPress-{key}>"), event)
                self._fire(self._bindings.get("<KeyPress>"), event)
            else:
                self._fire(self._bindings.get(f"<KeyRelease-{key}>"), event)
                self._fire(self._bindings.get("<KeyRelease>"), event)
            return
        x, y, button = fields.get("x", 0.0), fields.get("y", 0.0), fields.get("button", 1)
        event = Event(self, x=x, y=y, num=button)
        if kind == "press":
            self._grabbed = self._item_at(x, y)
            sequences = (f"<Button-{button}>", f"<ButtonPress-{button}>", f"<{button}>")
        elif kind == "release":
            sequences = (f"<Button{button}-ButtonRelease>", f"<ButtonRelease-{button}>")
        elif kind == "drag":
            sequences = (f"<Button{button}-Motion>", f"<B{button}-Motion>")
        else:
            return
        item = self._items.get(self._grabbed)
        if item is not None:
            for sequence in sequences:
                self._fire(item.bindings.get(sequence), event)
        if kind == "release":
            self._grabbed = None
        for sequence in sequences:
            self._fire(self._bindings.get(sequence), event)


def _covers(item, x, y, box):
    """Whether (x, y) is on `item` as Tk tests it: inside a filled polygon, on a line
    (within half its width and a pixel), inside a text's box."""
    if not (box[0] <= x <= box[2] and box[1] <= y <= box[3]):
        return False
    if item.kind in ("text", "image"):
        return True
    points = list(zip(item.coords[0::2], item.coords[1::2]))
    reach = float(item.options.get("width", 1)) / 2 + 1
    closed = item.kind == "polygon"
    if closed and item.options.get("fill", "") != "" and _inside(points, x, y):
        return True
    segments = list(zip(points, points[1:] + (points[:1] if closed else [])))
    return any(_distance(x, y, a, b) <= reach for a, b in segments)


def _inside(points, x, y):
    inside = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _distance(x, y, a, b):
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
    px, py = x0 + t * dx - x, y0 + t * dy - y
    return (px * px + py * py) ** 0.5
