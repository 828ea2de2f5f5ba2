//! The standard library beyond the frozen core comes in bundles the host provides on the
//! first import that needs one.

use crate::common::{Harness, expect_error, prints_as_in_cpython};
use sandpiper_engine::{Outcome, WARM_STDLIB_BUNDLE};

/// Start-up needs only the core; the warm-up then loads the warm bundle, in one piece,
/// and the common imports need nothing more.
#[test]
fn starting_fetches_only_the_warm_bundle_which_serves_the_common_imports() {
    let mut harness = Harness::new();
    let report = harness.run(
        "import json, random, string, re, collections, dataclasses, functools, math, time\n\
         print(json.dumps({'n': random.randint(1, 1)}))",
    );
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(harness.stdout(), "{\"n\": 1}\n");
    assert_eq!(
        harness.state.borrow().bundles_fetched,
        vec![WARM_STDLIB_BUNDLE.to_owned()]
    );
}

/// If the warm bundle cannot be downloaded, errors are still reported from what the
/// interpreter knows: their type, message and line, and a syntax error's place.
#[test]
fn without_the_warm_bundle_errors_still_point_at_their_line() {
    let mut harness = Harness::new();
    harness.state.borrow_mut().bundle_answer = Some(Err("the network is down".to_owned()));
    let error = expect_error(&harness.run("x = 1\n\ndef f():\n    return x / 0\nf()\n")).clone();
    assert_eq!(error.type_name, "ZeroDivisionError");
    assert_eq!(error.message, "division by zero");
    let lines: Vec<u32> = error.frames.iter().map(|frame| frame.line).collect();
    assert_eq!(lines, [5, 4]);
    assert!(error.text.contains("ZeroDivisionError"), "{}", error.text);

    let syntax = expect_error(&harness.run("print('a'\nx = 2\n")).clone();
    assert_eq!(syntax.type_name, "SyntaxError");
    assert_eq!(syntax.syntax.map(|at| at.line), Some(1));

    // Once the network is back, the next report is the full one.
    harness.state.borrow_mut().bundle_answer = None;
    let error = expect_error(&harness.run("items = []\nitems[1]\n")).clone();
    assert_eq!(error.message, "list index out of range");
    assert!(error.text.contains("    items[1]\n"), "{}", error.text);
}

#[test]
fn bundled_modules_work_as_in_cpython_and_are_fetched_once() {
    let program = r#"
from fractions import Fraction
import statistics, heapq, datetime, calendar, decimal, pprint, typing
import email.message, email.utils
print(Fraction(3, 4) + Fraction(1, 6))
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]))
h = [5, 1, 4]; heapq.heapify(h); print(heapq.heappop(h))
print(datetime.date(2024, 2, 29) + datetime.timedelta(days=1))
print(calendar.isleap(2000), decimal.Decimal("0.1") + decimal.Decimal("0.2"))
pprint.pprint({"b": list(range(30)), "a": 3})
message = email.message.EmailMessage()
message["To"] = email.utils.formataddr(("Ada", "ada@example.org"))
print(message["To"], typing.get_origin(typing.List[int]))
print("é€".encode("cp1252"), b"\xe9".decode("cp437"))
"#;
    let mut harness = Harness::new();
    prints_as_in_cpython(&mut harness, program);
    let fetched = harness.state.borrow().bundles_fetched.clone();
    for bundle in ["fractions", "email", "encodings", "decimal"] {
        let times = fetched.iter().filter(|name| *name == bundle).count();
        assert_eq!(times, 1, "{bundle} in {fetched:?}");
    }

    // A second run imports from sys.modules; a second session reuses the fetched bundles.
    harness.run("import email.message, fractions");
    let mut other = Harness::new();
    other.run("import email.headerregistry, fractions");
    assert_eq!(harness.state.borrow().bundles_fetched, fetched);
    assert_eq!(other.state.borrow().bundles_fetched, Vec::<String>::new());
}

/// Modules with a native part: dates, pickling, building XML, time zones.
#[test]
fn datetime_pickle_elementtree_and_zoneinfo_work_as_in_cpython() {
    let program = r#"
import datetime, pickle, zoneinfo
import xml.etree.ElementTree as ET
moment = datetime.datetime(2024, 3, 1, 14, 30) - datetime.timedelta(hours=36, minutes=5)
print(moment, moment.strftime("%A %d %B %Y"), moment.isoformat(), datetime.date(2024, 1, 1).weekday())
print(datetime.datetime.strptime("2024-02-29 08:15", "%Y-%m-%d %H:%M").timetuple().tm_yday)
print(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc).astimezone(datetime.timezone(datetime.timedelta(hours=2))))
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
data = pickle.loads(pickle.dumps({"points": [Point(1, 2)], "set": {3}, "t": (None, 1.5)}))
print(data["points"][0].y, data["set"], data["t"])
root = ET.Element("class", name="7B")
for student in ["Ada", "Alan"]:
    ET.SubElement(root, "student").text = student
print(ET.tostring(root, encoding="unicode"), [e.text for e in root.iter("student")])
print(callable(zoneinfo.ZoneInfo))
"#;
    prints_as_in_cpython(&mut Harness::new(), program);
}

/// Unicode character names, in string literals (the parser) and in `unicodedata` (the
/// interpreter), resolve as in CPython: both read one table (crates/unicode-names-shim).
#[test]
fn unicode_character_names_resolve_as_in_cpython() {
    let program = r#"
import unicodedata
print("\N{GREEK SMALL LETTER ALPHA}\N{snowman}", len("\N{EM DASH}"), b"\N{x}")
print(unicodedata.name("\u00e9"), unicodedata.lookup("HEAVY BLACK HEART"))
print(ascii("\N{LATIN CAPITAL LETTER A WITH RING ABOVE}"), "\N{HANGUL SYLLABLE GAG}")
"#;
    prints_as_in_cpython(&mut Harness::new(), program);
}

/// Identifiers are read in NFKC form, as in CPython (PEP 3131): a ligature, a script letter,
/// a fullwidth letter and a combining accent name the same variables as their plain forms.
/// The parser and `unicodedata` share one normalization table
/// (crates/unicode-normalization-shim).
#[test]
fn identifiers_are_normalized_as_in_cpython() {
    let program = "\u{fb01}le = 'ligature'\n\
        \u{210c}ello = 'script H'\n\
        class \u{ff23}afe\u{301}:\n    pass\n\
        print(file, Hello, Cafe\u{301}.__name__, len(\u{ff23}afe\u{301}.__name__))\n\
        print('\u{fb01}'.isidentifier(), ascii(Caf\u{e9}.__name__))\n\
        import unicodedata\n\
        print(ascii(unicodedata.normalize('NFKC', '\u{fb01}\u{ff23}e\u{301}')))\n";
    prints_as_in_cpython(&mut Harness::new(), program);
}

/// `help` prints what CPython's prints, native functions' docstrings included (RustPython
/// has none of its own: they come from the `_sandpiper_docs` bundle), and `help()` is the
/// interactive helper, reading its requests through `input()`.
#[test]
fn help_shows_the_documentation_cpython_shows() {
    let program = r#"
import math
help(len)
help(math.sqrt)
def area(radius):
    """The area of a circle of the given radius."""
    return math.pi * radius ** 2
help(area)
help("abs")
print(repr(help))
"#;
    let stdout = prints_as_in_cpython(&mut Harness::new(), program);
    assert!(stdout.contains("Return the number of items in a container."));

    let mut harness = Harness::new().with_input(&["len", "quit"]);
    let report = harness.run("help()\nprint('back')\n");
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    let stdout = harness.stdout();
    assert!(stdout.contains("Welcome to Python"), "{stdout}");
    assert!(stdout.contains("len(obj, /)\n    Return the number of items in a container."));
    assert!(stdout.ends_with("back\n"), "{stdout}");
}

/// Without the docstrings' bundle (offline before it was ever fetched), help() still shows
/// the signature. (A test of its own: fetched bundles are shared by a thread's sessions.)
#[test]
fn help_without_the_docstrings_bundle_shows_signatures() {
    let mut harness = Harness::new();
    let report = harness.run("import pydoc\npydoc.render_doc(abs)\n");
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    harness.state.borrow_mut().bundle_answer = Some(Err("the network is down".to_owned()));
    let report = harness.run("help(len)\n");
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(
        harness.stdout(),
        "Help on built-in function len in module builtins:\n\nlen(obj, /)\n\n"
    );
}

#[test]
fn a_bundle_that_cannot_be_had_is_an_import_error_and_a_retry_works() {
    let mut harness = Harness::new();
    harness.state.borrow_mut().bundle_answer = Some(Err("the network is down".to_owned()));
    let report = harness.run("x = 1\nimport fractions\n");
    let error = expect_error(&report);
    assert_eq!(error.type_name, "ImportError");
    assert_eq!(
        error.message,
        "the standard library module 'fractions' could not be loaded: the network is down"
    );
    assert_eq!(error.frames.last().map(|frame| frame.line), Some(2));

    // A static host's HTML error page served as if it were the bundle.
    let page = b"<!DOCTYPE html><html><body>Not found</body></html>".to_vec();
    harness.state.borrow_mut().bundle_answer = Some(Ok(page));
    let error = expect_error(&harness.run("import statistics")).clone();
    assert_eq!(
        error.message,
        "the standard library module 'statistics' could not be loaded: the download is damaged"
    );

    harness.state.borrow_mut().bundle_answer = None;
    let report = harness.run("import fractions, statistics\nprint(statistics.mean([1, 2]))");
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(harness.stdout(), "1.5\n");
}

/// `asyncio` runs on the engine's stand-ins for `_socket`, `select` and `_signal`
/// (crates/engine/lib): an in-memory socket pair wakes the loop, and waiting is sleeping.
/// The expected text is CPython's (3.13 native): the reference, Pyodide's CPython, has no
/// socket pair for asyncio's own loop.
#[test]
fn asyncio_runs_as_in_cpython() {
    let program = r#"
import asyncio, time

async def worker(name, delay):
    await asyncio.sleep(delay)
    print(name, "done")
    return name

async def countdown(n):
    for i in range(n, 0, -1):
        yield i
        await asyncio.sleep(0)

async def main():
    started = time.monotonic()
    print(await asyncio.gather(worker("slow", 0.2), worker("fast", 0.1)))
    print("waited", round(time.monotonic() - started, 1))
    queue = asyncio.Queue()
    async def produce():
        for i in range(3):
            await queue.put(i)
        await queue.put(None)
    async def consume():
        while (item := await queue.get()) is not None:
            print("got", item)
    await asyncio.gather(produce(), consume())
    print([i async for i in countdown(3)])
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=0.05)
    except TimeoutError:
        print("timed out")
    task = asyncio.create_task(worker("task", 0))
    await asyncio.sleep(0.01)
    print(task.done(), task.result())
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_later(0.02, future.set_result, 42)
    print(await future)

asyncio.run(main())
"#;
    let mut harness = Harness::new();
    let report = harness.run(program);
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(
        harness.stdout(),
        "fast done\nslow done\n['slow', 'fast']\nwaited 0.2\ngot 0\ngot 1\ngot 2\n[3, 2, 1]\n\
         timed out\ntask done\nTrue task\n42\n"
    );
}

/// With one thread, a started thread runs to its end inside `start()` (one_thread.py):
/// programs that join their threads, pools and timers print what CPython prints. The
/// expected text is CPython's (3.13 native): the reference, Pyodide's CPython, has no threads.
#[test]
fn threads_pools_and_timers_run_as_in_cpython() {
    let program = r#"
import asyncio, queue, threading
from concurrent.futures import ThreadPoolExecutor, as_completed

results = []
def work(n):
    results.append((n, threading.current_thread().name))
threads = [threading.Thread(target=work, args=(n,), name=f"worker-{n}") for n in range(3)]
for t in threads:
    t.start()
    t.join()
print(results, [t.is_alive() for t in threads])
print(threading.current_thread() is threading.main_thread(), threading.active_count())
print(threading.main_thread().ident not in {t.ident for t in threads})
print(threading.get_ident() == threading.main_thread().ident)

condition = threading.Condition()
with condition:
    condition.notify_all()
    print("woken", condition.wait(0.01), condition.wait_for(lambda: True, 0.01))
event = threading.Event()
print("event", event.wait(0.05))
timer = threading.Timer(0.25, print, args=("timer fired",))
timer.start()
timer.join()
lock = threading.Lock()
print(lock.acquire(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
rlock = threading.RLock()
with rlock, rlock:
    print("reentrant")
q = queue.Queue()
q.put("item")
print(q.get())
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("empty")

def square(n):
    return n * n
def fails():
    raise ValueError("from a task")
with ThreadPoolExecutor(max_workers=2) as pool:
    print(pool.submit(square, 7).result())
    print(list(pool.map(square, range(5))))
    print(sorted(f.result() for f in as_completed([pool.submit(square, n) for n in (3, 4)])))
    print(repr(pool.submit(fails).exception()))

async def main():
    return await asyncio.gather(asyncio.to_thread(square, 5), asyncio.to_thread(sum, [1, 2]))
print(asyncio.run(main()))
"#;
    let mut harness = Harness::new();
    let report = harness.run(program);
    assert_eq!(report.outcome, Outcome::Finished, "{}", harness.stderr());
    assert_eq!(
        harness.stdout(),
        "[(0, 'worker-0'), (1, 'worker-1'), (2, 'worker-2')] [False, False, False]\nTrue 1\n\
         True\nTrue\nwoken False True\nevent False\ntimer fired\nTrue False False\nreentrant\n\
         item\nempty\n49\n[0, 1, 4, 9, 16]\n[9, 16]\nValueError('from a task')\n[25, 3]\n"
    );
    // The timed waits slept rather than returning at once: the condition, lock and queue
    // 0.01 s each, the event 0.05 s and the timer 0.25 s (the test host adds them up).
    let slept = harness.state.borrow().slept;
    assert!(slept >= 0.32 - 1e-9, "slept {slept} s");
}

/// `os` is Linux's where a program can tell: its constants (`os.SEEK_END` was 0, like
/// every capitalised name), `os.error`, `strerror`, the status macros; and what the
/// standard library builds on it works: `shutil.copy`, `rmtree`, `get_terminal_size`,
/// `argparse`, `unittest.main`.
#[test]
fn os_is_linuxs_and_what_builds_on_it_works() {
    let program = r#"
import argparse, errno, os, shutil, sys, unittest

work = f"/tmp/sandpiper-os-test-{os.getpid()}"
os.makedirs(f"{work}/tree/branch")
os.chdir(work)
with open("notes.txt", "w") as f:
    f.write("hello world")
with open("notes.txt") as f:
    f.seek(0, os.SEEK_END)
    print(f.tell(), f.seek(6, os.SEEK_SET), f.read())
print(os.SEEK_SET, os.O_RDONLY, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, os.R_OK, os.W_OK, os.X_OK, os.F_OK, os.EX_OK)
print(os.strerror(errno.ENOENT), os.error is OSError, os.fsencode("é"), os.fsdecode(b"x"))
print(os.access("notes.txt", os.R_OK), os.access("missing.txt", os.F_OK))
print(os.WIFEXITED(256), os.WEXITSTATUS(256), os.WIFSIGNALED(9), os.WTERMSIG(9))
try:
    os.NO_SUCH_CONSTANT
except AttributeError as error:
    print(error)
try:
    os.strerror(-1)
except Exception as error:
    print(error)
print(os.terminal_size((100, 40)).lines, shutil.get_terminal_size((70, 20)))
shutil.copy("notes.txt", "copy.txt")
print(open("copy.txt").read())
with open("tree/branch/leaf.txt", "w") as f:
    f.write("leaf")
shutil.rmtree("tree")
print(sorted(os.listdir(".")))

parser = argparse.ArgumentParser(prog="count")
parser.add_argument("word")
parser.add_argument("--times", type=int, default=1)
print(parser.parse_args(["hi", "--times", "3"]))
parser.print_help()

class Arithmetic(unittest.TestCase):
    def test_adds(self):
        self.assertEqual(1 + 1, 2)

result = unittest.main(argv=["tests"], exit=False).result
print(result.testsRun, result.wasSuccessful())
os.chdir("/")
shutil.rmtree(work)
"#;
    let mut harness = Harness::new();
    prints_as_in_cpython(&mut harness, program);
    // The reference runs on Emscripten, whose error numbers differ: Linux's are checked here.
    harness.run("import errno, os\nprint(errno.ENOENT, errno.EEXIST, os.strerror(2))\n");
    assert_eq!(harness.stdout(), "2 17 No such file or directory\n");
}

/// What would wait forever in CPython is a clear error here, and a thread's failure is
/// reported as CPython reports it.
#[test]
fn a_deadlock_is_an_error_and_a_failing_thread_is_reported() {
    let mut harness = Harness::new();
    let report = harness.run(
        "import threading\n\
         def fails():\n    raise ValueError('in the thread')\n\
         threading.Thread(target=fails, name='doomed').start()\n\
         print('main goes on')\n\
         lock = threading.Lock()\n\
         lock.acquire()\n\
         lock.acquire()\n",
    );
    assert_eq!(harness.stdout(), "main goes on\n");
    assert!(
        harness.stderr().contains("Exception in thread doomed:\n"),
        "{}",
        harness.stderr()
    );
    assert!(
        harness.stderr().contains("ValueError: in the thread\n"),
        "{}",
        harness.stderr()
    );
    let error = expect_error(&report);
    assert_eq!(error.type_name, "RuntimeError");
    assert!(error.message.starts_with("deadlock: "), "{}", error.message);
    assert_eq!(error.frames.last().map(|frame| frame.line), Some(8));
}

#[test]
fn sockets_signals_and_processes_import_and_refuse_clearly() {
    let mut harness = Harness::new();
    let report = harness.run(
        "import signal, socket, subprocess\n\
         print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n\
         a, b = socket.socketpair()\na.send(b'hi')\nprint(b.recv(10))\n\
         socket.create_connection(('example.org', 80))\n",
    );
    assert_eq!(harness.stdout(), "True\nb'hi'\n");
    let error = expect_error(&report);
    assert_eq!(error.type_name, "OSError");
    assert!(
        error.message.contains("cannot reach the network"),
        "{}",
        error.message
    );
    let error = expect_error(&harness.run("import subprocess\nsubprocess.run(['ls'])\n")).clone();
    assert_eq!(error.type_name, "OSError");
}

#[test]
fn a_module_that_does_not_exist_reads_as_in_cpython() {
    let mut harness = Harness::new();
    let error = expect_error(&harness.run("import numpyy")).clone();
    assert_eq!(error.type_name, "ModuleNotFoundError");
    assert_eq!(error.message, "No module named 'numpyy'");
    let error = expect_error(&harness.run("import email.nothing_here")).clone();
    assert_eq!(error.message, "No module named 'email.nothing_here'");
}
