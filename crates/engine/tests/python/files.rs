//! The in-memory file system: programs that write and read files print what CPython
//! prints in an empty folder, errors read as CPython's, and the computer's own files stay
//! out of reach.

use crate::common::{Harness, cpython, expect_error};
use sandpiper_engine::{Outcome, RunOptions, WorkspaceFile};

/// Runs `source` as the page and the CLI do, with `main.py` among the folder's files (as
/// `python3 main.py` finds it), and compares with CPython's.
fn assert_same_as_cpython(source: &str) {
    let mut harness = Harness::new();
    let options = RunOptions {
        files: Some(vec![WorkspaceFile {
            name: "main.py".to_owned(),
            text: source.to_owned(),
        }]),
        ..RunOptions::default()
    };
    let report = harness.run_with(source, &options);
    let (expected, errors) = cpython(source, "");
    assert!(errors.is_empty(), "CPython failed: {errors}");
    assert_eq!(report.outcome, Outcome::Finished, "{source}");
    assert_eq!(harness.stdout(), expected, "{source}");
}

#[test]
fn text_files_are_written_and_read_back() {
    assert_same_as_cpython(
        "with open('notes.txt', 'w') as f:\n\
         \x20   f.write('first line\\n')\n\
         \x20   print('second', 'line', sep=' ', file=f)\n\
         \x20   f.writelines(['third\\n', 'fourth'])\n\
         print(open('notes.txt').read())\n\
         with open('notes.txt') as f:\n\
         \x20   for number, line in enumerate(f, 1):\n\
         \x20       print(number, repr(line))\n\
         with open('notes.txt', 'a') as f:\n\
         \x20   f.write('\\nappended')\n\
         print(open('notes.txt').readlines())\n\
         with open('notes.txt', 'r+') as f:\n\
         \x20   print(f.read(5), f.tell())\n\
         \x20   f.seek(0)\n\
         \x20   f.write('FIRST')\n\
         print(open('notes.txt').readline(), end='')\n\
         with open('héllo wörld.txt', 'w', encoding='utf-8') as f:\n\
         \x20   f.write('ünïcödé ✓\\r\\nnext\\n')\n\
         print(repr(open('héllo wörld.txt', newline='').read()))\n\
         print(repr(open('héllo wörld.txt').read()))\n\
         f = open('unclosed.txt', 'w')\n\
         f.write('kept')\n\
         f.close()\n\
         print(open('unclosed.txt').read(), f.closed, f.name, f.mode)\n",
    );
}

/// Using a file after its `with` block: each kind of file says so in CPython's words, with
/// or without the full stop as CPython has it (patch 0004).
#[test]
fn a_closed_file_reads_as_in_cpython() {
    assert_same_as_cpython(
        "import io\n\
         with open('log.txt', 'w') as text:\n\
         \x20   text.write('one')\n\
         with open('log.txt', 'rb') as data:\n\
         \x20   pass\n\
         memory, words = io.BytesIO(), io.StringIO()\n\
         memory.close()\n\
         words.close()\n\
         for use in (lambda: text.write('two'), lambda: text.read(), lambda: data.read(),\n\
         \x20           lambda: memory.getvalue(), lambda: words.write('x')):\n\
         \x20   try:\n\
         \x20       use()\n\
         \x20   except ValueError as error:\n\
         \x20       print(repr(str(error)))\n",
    );
}

#[test]
fn binary_files_and_modes() {
    assert_same_as_cpython(
        "with open('data.bin', 'wb') as f:\n\
         \x20   print(f.write(bytes(range(10))))\n\
         with open('data.bin', 'rb') as f:\n\
         \x20   print(f.read(3), f.read(), f.read())\n\
         \x20   f.seek(-2, 2)\n\
         \x20   print(f.read(), f.tell())\n\
         with open('data.bin', 'r+b') as f:\n\
         \x20   f.seek(12)\n\
         \x20   f.write(b'!')\n\
         print(open('data.bin', 'rb').read())\n\
         with open('data.bin', 'ab') as f:\n\
         \x20   f.seek(0)\n\
         \x20   f.write(b'end')\n\
         print(open('data.bin', 'rb').read()[-5:])\n\
         with open('data.bin', 'w+') as f:\n\
         \x20   f.write('abc')\n\
         \x20   f.seek(0)\n\
         \x20   print(f.read())\n\
         \x20   f.truncate(1)\n\
         print(open('data.bin').read())\n\
         for mode in ['rw', 'rr', 'q', 'tb', 'b', '']:\n\
         \x20   try:\n\
         \x20       open('data.bin', mode)\n\
         \x20   except ValueError as error:\n\
         \x20       print(mode, error)\n\
         try:\n\
         \x20   open('data.bin', 'rb', encoding='utf-8')\n\
         except ValueError as error:\n\
         \x20   print(error)\n\
         try:\n\
         \x20   open('data.bin', 'x')\n\
         except FileExistsError as error:\n\
         \x20   print(error)\n\
         with open('new.txt', 'x') as f:\n\
         \x20   f.write('made')\n\
         print(open('new.txt').read())\n\
         with open('new.txt') as f:\n\
         \x20   try:\n\
         \x20       f.write('no')\n\
         \x20   except OSError as error:\n\
         \x20       print(type(error).__name__, error)\n\
         try:\n\
         \x20   f.read()\n\
         except ValueError as error:\n\
         \x20   print(type(error).__name__, f.closed)\n",
    );
}

#[test]
fn folders_and_the_os_calls() {
    assert_same_as_cpython(
        "import os\n\
         os.mkdir('data')\n\
         os.makedirs('data/2024/jan')\n\
         os.makedirs('data/2024', exist_ok=True)\n\
         for name in ['a.txt', 'data/b.txt', 'data/2024/c.txt']:\n\
         \x20   with open(name, 'w') as f:\n\
         \x20       f.write(name * 2)\n\
         print(sorted(os.listdir('.')), sorted(os.listdir('data')))\n\
         print(os.path.exists('a.txt'), os.path.isfile('data'), os.path.isdir('data'),\n\
         \x20     os.path.exists('zzz'), os.path.getsize('data/b.txt'))\n\
         for top, folders, files in os.walk('data'):\n\
         \x20   print(top, sorted(folders), sorted(files))\n\
         with os.scandir('data') as entries:\n\
         \x20   print(sorted((e.name, e.is_dir(), e.is_file()) for e in entries))\n\
         os.rename('a.txt', 'data/moved.txt')\n\
         os.replace('data/moved.txt', 'data/b.txt')\n\
         print(open('data/b.txt').read(), os.path.exists('a.txt'))\n\
         os.remove('data/b.txt')\n\
         os.chdir('data')\n\
         print(os.listdir(), os.path.basename(os.getcwd()))\n\
         os.chdir('..')\n\
         os.rename('data', 'archive')\n\
         print(open('archive/2024/c.txt').read())\n\
         for attempt in [lambda: os.rmdir('archive'), lambda: os.mkdir('archive'),\n\
         \x20               lambda: os.remove('archive'), lambda: open('archive'),\n\
         \x20               lambda: open('nowhere/x.txt', 'w'), lambda: os.listdir('nowhere'),\n\
         \x20               lambda: os.rename('ghost', 'spirit'), lambda: os.chdir('archive/2024/c.txt'),\n\
         \x20               lambda: open('archive/2024/c.txt/inner')]:\n\
         \x20   try:\n\
         \x20       attempt()\n\
         \x20   except OSError as error:\n\
         \x20       print(type(error).__name__, error)\n\
         os.remove('archive/2024/c.txt')\n\
         os.removedirs('archive/2024/jan')\n\
         print(os.path.exists('archive'), os.stat('.').st_size > 0)\n",
    );
}

#[test]
fn standard_library_modules_use_the_files() {
    assert_same_as_cpython(
        "import json, csv, pathlib\n\
         with open('scores.json', 'w') as f:\n\
         \x20   json.dump({'ada': [3, 5], 'bob': None}, f, indent=2)\n\
         with open('scores.json') as f:\n\
         \x20   print(json.load(f))\n\
         with open('table.csv', 'w', newline='') as f:\n\
         \x20   writer = csv.writer(f)\n\
         \x20   writer.writerow(['name', 'score'])\n\
         \x20   writer.writerows([['ada', 3], ['bob, jr', 5]])\n\
         print(repr(open('table.csv').read()))\n\
         with open('table.csv', newline='') as f:\n\
         \x20   print(list(csv.DictReader(f)))\n\
         folder = pathlib.Path('notes')\n\
         folder.mkdir()\n\
         (folder / 'one.md').write_text('# one\\n')\n\
         (folder / 'two.md').write_bytes(b'# two')\n\
         print(sorted(p.name for p in folder.iterdir()), sorted(p.name for p in folder.glob('*.md')))\n\
         print((folder / 'one.md').read_text(), (folder / 'two.md').exists(), (folder / 'three.md').exists())\n\
         print((folder / 'two.md').stat().st_size, folder.is_dir())\n\
         (folder / 'one.md').unlink()\n\
         print(sorted(p.name for p in folder.iterdir()))\n",
    );
}

#[test]
fn a_missing_file_reads_as_in_cpython_with_no_engine_frames() {
    let source = "print('start')\n\ndata = open('missing.txt').read()\n";
    let mut harness = Harness::new();
    let report = harness.run(source);
    let error = expect_error(&report);
    let (_, expected) = cpython(source, "");
    // CPython 3.11 marks the failing call with carets, 3.14 (RustPython's traceback) with
    // `~` and `^`: compare the other lines.
    let without_carets = |text: &str| {
        text.lines()
            .filter(|line| !line.trim_start().starts_with(['^', '~']))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_carets(&error.text), without_carets(&expected));
    assert_eq!(error.frames.len(), 1, "{:?}", error.frames);
    assert_eq!(error.frames[0].line, 3);
}

#[test]
fn files_last_as_long_as_the_session_and_each_run_starts_at_home() {
    let mut harness = Harness::new();
    harness.run(
        "import os\nos.mkdir('sub')\nos.chdir('sub')\nopen('kept.txt', 'w').write('still here')\n",
    );
    let report =
        harness.run("import os\nprint(os.getcwd(), os.listdir(), open('sub/kept.txt').read())\n");
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(harness.stdout(), "/home/student ['sub'] still here\n");

    let mut other = Harness::new();
    other.run("import os\nprint(os.listdir())\n");
    assert_eq!(other.stdout(), "[]\n", "a new session starts with no files");
}

#[test]
fn the_computers_files_stay_out_of_reach() {
    let mut harness = Harness::new();
    let report = harness.run(
        "import os\n\
         for attempt in [lambda: open('/etc/passwd'), lambda: open('../../../etc/hosts'),\n\
         \x20               lambda: open('/etc/evil', 'w'), lambda: os.listdir('/etc'),\n\
         \x20               lambda: open(0), lambda: open(b'/etc/passwd\\0'), lambda: open(3.5)]:\n\
         \x20   try:\n\
         \x20       attempt()\n\
         \x20   except (OSError, ValueError, TypeError) as error:\n\
         \x20       print(type(error).__name__, error)\n\
         print(os.listdir('/'), os.listdir('/home'))\n",
    );
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(
        harness.stdout(),
        "FileNotFoundError [Errno 2] No such file or directory: '/etc/passwd'\n\
         FileNotFoundError [Errno 2] No such file or directory: '../../../etc/hosts'\n\
         FileNotFoundError [Errno 2] No such file or directory: '/etc/evil'\n\
         FileNotFoundError [Errno 2] No such file or directory: '/etc'\n\
         OSError [Errno 9] Bad file descriptor\n\
         ValueError embedded null byte\n\
         TypeError expected str, bytes or os.PathLike object, not float\n\
         ['home'] ['student']\n"
    );
}

/// The parts of `os` the standard library reads on any POSIX system: `secrets`, `uuid`,
/// `tempfile`, `sysconfig` and `zoneinfo` import and work.
#[test]
fn os_has_what_the_standard_library_reads() {
    assert_same_as_cpython(
        "import os, secrets, uuid, sysconfig, tempfile, zoneinfo\n\
         print(os.name, os.linesep == '\\n', os.curdir, os.pardir, os.pathsep, os.devnull)\n\
         print(os.getenv('SANDPIPER_NOPE', 'default'), 'HOME' in os.environ)\n\
         print(len(os.urandom(16)), len(secrets.token_hex(8)), uuid.uuid4().version)\n\
         print(os.urandom(4) != os.urandom(4), os.cpu_count() >= 1)\n",
    );
}
