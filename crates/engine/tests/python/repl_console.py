# CPython's side of the REPL tests (repl.rs): `PROGRAM` run as `python -i main.py` runs it,
# then each of `LINES` typed at its prompt, as `code.InteractiveConsole` (what `python -i`
# runs without a terminal) takes them. Everything written, prompts and echoed lines
# included, goes to one transcript, after a NUL as JSON; `COMPLETE`'s texts are completed
# in the namespace left at the end (`rlcompleter`, as Tab does).
import builtins
import code
import io
import json
import linecache
import rlcompleter
import sys
import traceback

transcript = io.StringIO()
real_streams = sys.stdout, sys.stderr
sys.stdout = sys.stderr = transcript
namespace = {"__name__": "__main__", "__builtins__": builtins}
if PROGRAM:
    # Tracebacks show the program's lines (this script runs as main.py).
    linecache.cache["main.py"] = (len(PROGRAM), None, PROGRAM.splitlines(True), "main.py")
    namespace["__file__"] = "main.py"
    try:
        exec(compile(PROGRAM, "main.py", "exec"), namespace)
    except BaseException as error:
        # Without this script's own frame, as `python -i main.py` shows it.
        traceback.print_exception(type(error), error, error.__traceback__.tb_next)

console = code.InteractiveConsole(namespace, filename="<stdin>")
more = False
for line in LINES:
    transcript.write(("... " if more else ">>> ") + line + "\n")
    try:
        more = console.push(line)
    except SystemExit as exit:
        # `python -i` would end here; the page's REPL goes on with the next entry.
        transcript.write(f"exit {exit.code}\n")
        console.resetbuffer()
        more = False

completer = rlcompleter.Completer(namespace)
completions = {}
for text in COMPLETE:
    found = completions[text] = []
    while (match := completer.complete(text, len(found))) is not None:
        found.append(match)
sys.stdout, sys.stderr = real_streams
print("\0" + json.dumps({"transcript": transcript.getvalue(), "completions": completions}))
