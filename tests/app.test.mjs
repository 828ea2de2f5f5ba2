// @ts-check
// End-to-end tests of the built app (dist/) in headless Debian Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  editorText,
  openApp,
  outputText,
  run,
  setCode,
  startBrowser,
  statusText,
  waitForIdle,
  waitForStatus,
} from "./browser.mjs";
import { cpython } from "./cpython.mjs";

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/// What CPython prints for `code`: the reference for programs whose semantics are shared.
/** @param {string} code */
async function cpythonPrints(code) {
  const result = await cpython(code);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test("the page loads, reports download progress, and reaches Ready", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const seen = [];
  // The worker starts before the app and, from a local server, can be ready before the app
  // first paints, which then rightly shows Ready at once. The runtime's download is held
  // until the app is up, as on a network slower than the app's own start.
  /** @type {(value?: unknown) => void} */
  let appUp;
  const appShown = new Promise((resolve) => (appUp = resolve));
  await context.route("**/sandpiper-worker_bg.wasm", async (route) => {
    await appShown;
    await route.continue().catch(() => {});
  });
  await page.exposeFunction("recordStatus", (/** @type {string} */ text) => {
    seen.push(text);
    appUp();
  });
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const text = document.querySelector(".status-bar .status")?.textContent;
      const exposed = /** @type {{ recordStatus(text: string): void }} */ (/** @type {unknown} */ (window));
      if (text) exposed.recordStatus(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(env.url);
  await waitForStatus(page, /^Ready$/);
  assert.ok(
    seen.some((text) => /^Loading Python… \d+\.\d MB/.test(text)),
    `no download progress among ${JSON.stringify(seen.slice(0, 5))}`,
  );
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.match(/** @type {string} */ (await page.textContent(".status-bar .budget")), /Instruction budget: 150,000,000/);
  await context.close();
});

test("a program's output appears, as text, with stderr set apart", async () => {
  const page = await openApp(env);
  await setCode(
    page,
    'import sys\nprint("<b>bold?</b>", 6 * 7)\nprint("to stderr", file=sys.stderr)\nprint("done", end="!\\n")\n',
  );
  const status = await run(page);
  assert.match(status, /^Finished · /);
  assert.equal(await outputText(page), "<b>bold?</b> 42\nto stderr\ndone!\n");
  assert.equal(await page.locator(".output b").count(), 0, "printed HTML must not render");
  assert.equal(await page.textContent(".output .stderr"), "to stderr\n");
  await page.context().close();
});

test("sets and standard-library modules work in the browser as in CPython", async () => {
  const code = [
    "print({3, 1, 2}, list(set([5, 1, 3, 1])), {-1, 0, 1}.pop(), *{9, 8, 7})",
    "import json, collections, math, re, itertools, functools, string, random",
    "import dataclasses, time, io, contextlib, dis, ast",
    "print(json.dumps({'a': [1, 2.5, None]}, sort_keys=True))",
    "print(collections.Counter('mississippi').most_common(2))",
    "print(math.factorial(20), math.isclose(math.sqrt(2) ** 2, 2))",
    "print(re.findall(r'\\d+', 'a1b22c333'))",
    "print(list(itertools.islice(itertools.count(5), 3)), functools.reduce(int.__mul__, range(1, 6)))",
    "print(string.ascii_lowercase[:5])",
    "random.seed(42); print(len([random.random() for _ in range(3)]))",
    "@dataclasses.dataclass\nclass P:\n    x: int\n    y: int = 0\nprint(P(1))",
    "t0 = time.perf_counter(); time.sleep(0.01); print(time.perf_counter() - t0 >= 0.009, time.time() > 1.7e9)",
    "buf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n    print('captured')\nprint(repr(buf.getvalue()))",
    "print('LOAD_CONST' in dis.opname, type(ast.parse('x = 1').body[0]).__name__)",
  ].join("\n");
  const page = await openApp(env);
  await setCode(page, code + "\n");
  const status = await run(page);
  assert.match(status, /^Finished/, await outputText(page));
  assert.equal(await outputText(page), await cpythonPrints(code));
  await page.context().close();
});

test("programs write and read files, and the next run still finds them", async () => {
  const code = [
    "import csv, json, os, pathlib",
    "with open('scores.csv', 'w', newline='') as f:",
    "    csv.writer(f).writerows([['name', 'score'], ['Ada', 36], ['Alan', 41]])",
    "with open('scores.csv', newline='') as f:",
    "    rows = list(csv.DictReader(f))",
    "print(rows, sum(int(r['score']) for r in rows))",
    "pathlib.Path('out').mkdir()",
    "pathlib.Path('out/summary.json').write_text(json.dumps({'best': max(rows, key=lambda r: int(r['score']))['name']}))",
    "with open('out/summary.json', 'a') as f:",
    "    print(file=f)",
    "print(sorted(os.listdir()), repr(open('out/summary.json').read()), os.path.getsize('scores.csv'))",
    "try:",
    "    open('missing.txt')",
    "except FileNotFoundError as error:",
    "    print(error)",
  ].join("\n");
  const page = await openApp(env);
  await setCode(page, code + "\n");
  assert.match(await run(page), /^Finished/, await outputText(page));
  assert.equal(await outputText(page), await cpythonPrints(code));
  // The files belong to the page's interpreter: the next run reads them.
  await setCode(page, "print(open('out/summary.json').read().strip())\nopen('nothing/here.txt')\n");
  assert.match(await run(page), /^FileNotFoundError on line 2/);
  const output = await outputText(page);
  assert.match(output, /^\{"best": "Alan"\}\n/);
  assert.match(output, /FileNotFoundError: \[Errno 2\] No such file or directory: 'nothing\/here.txt'\n$/);
  assert.doesNotMatch(output, /<sandpiper>/);
  await page.context().close();
});

test("an error shows its traceback, marks the line, and the line number jumps there", async () => {
  const page = await openApp(env);
  await setCode(page, "def half(n):\n    return n / 0\n\nx = 1\nprint(half(x))\n");
  const status = await run(page);
  assert.match(status, /^ZeroDivisionError on line 2/);
  const output = await outputText(page);
  assert.match(output, /Traceback \(most recent call last\):/);
  assert.match(output, /ZeroDivisionError: division by zero\n$/);
  assert.equal(await page.locator(".output .traceback").count(), 1);
  // The failing line is marked in the editor.
  const marked = page.locator(".cm-line.cm-error-line");
  assert.equal(await marked.count(), 1);
  assert.equal(await marked.textContent(), "    return n / 0");
  // The traceback's references are buttons that move the cursor to their line.
  const links = page.locator(".output .line-link");
  assert.deepEqual(await links.allTextContents(), ["line 5", "line 2"]);
  await links.first().click();
  const cursorLine = await page.evaluate(() => {
    const lines = [...document.querySelectorAll(".cm-content .cm-line")];
    const selection = /** @type {Selection} */ (window.getSelection());
    const node = /** @type {Element | null | undefined} */ (
      selection.anchorNode?.nodeType === 1 ? selection.anchorNode : selection.anchorNode?.parentElement
    );
    return lines.indexOf(/** @type {Element} */ (node?.closest(".cm-line"))) + 1;
  });
  assert.equal(cursorLine, 5);
  await page.context().close();
});

test("an infinite loop ends with the budget message while the page stays responsive", async () => {
  const page = await openApp(env, { query: "?budget=60000000" });
  await setCode(page, "n = 0\nwhile True:\n    n += 1\n");
  await page.click("button.run");
  await waitForStatus(page, /^Running… /);
  // The editor takes typing while the program runs: the worker, not the page, is busy.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("# typed while running");
  assert.match(await editorText(page), /# typed while running/);
  assert.match(await statusText(page), /^Running… /);
  await waitForIdle(page);
  assert.match(await statusText(page), /^Stopped: instruction budget used up · .* · 60,000,\d{3} instructions/);
  assert.match(
    await outputText(page),
    /InstructionLimitExceeded: stopped after 60,000,000 instructions \(the instruction budget\) — is there an infinite loop\? \(line 3\)/,
  );
  await page.context().close();
});

test("the bytecode viewer shows the program's instructions and follows edits", async () => {
  const page = await openApp(env);
  await setCode(page, "def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n");
  await page.click("#tab-bytecode");
  const panel = page.locator("#tab-bytecode-panel");
  await page.waitForFunction(() => document.querySelectorAll("#tab-bytecode-panel .code-object").length === 2);
  const opnames = await panel.locator(".opname").allTextContents();
  for (const expected of ["LOAD_CONST", "MAKE_FUNCTION", "STORE_NAME", "CALL", "RETURN_VALUE", "BINARY_OP"]) {
    assert.ok(opnames.includes(expected), `${expected} missing from ${opnames.join(" ")}`);
  }
  const titles = await panel.locator(".code-object h3").allTextContents();
  assert.match(titles[0], /<module>/);
  assert.match(titles[1], /^add/);
  // Each group is headed by its source line.
  const sources = await panel.locator(".source-line code").allTextContents();
  assert.ok(sources.includes("    return a + b"), sources.join(" | "));
  // Details: constants, names, raw co_code.
  await panel.locator(".code-details summary").first().click();
  assert.match(
    /** @type {string} */ (await panel.locator(".code-details").first().textContent()),
    /co_code\)\d+ bytes/,
  );
  // Hovering a line's instructions highlights the line in the editor.
  await panel.locator('.line-group[data-line="4"]').first().hover();
  assert.equal(await page.locator(".cm-line.cm-hover-line").textContent(), "print(add(1, 2))");
  // An edit recomputes the bytecode.
  await setCode(page, "x = [i * i for i in range(3)]\n");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("#tab-bytecode-panel .opname")].some((e) => e.textContent === "GET_ITER"),
  );
  assert.equal(await panel.locator(".code-object h3", { hasText: /add/ }).count(), 0);
  await page.context().close();
});

test("a syntax error is reported with its line, in the viewer and on Run", async () => {
  const page = await openApp(env);
  await setCode(page, "x = 1\nif x > 0\n    print(x)\n");
  await page.click("#tab-bytecode");
  const error = page.locator("#tab-bytecode-panel .syntax-error");
  await error.waitFor();
  assert.match(/** @type {string} */ (await error.textContent()), /SyntaxError: expected ':'/);
  assert.match(/** @type {string} */ (await error.locator(".line-link").textContent()), /^line 2, column/);
  const status = await run(page);
  assert.match(status, /^SyntaxError on line 2/);
  assert.match(await outputText(page), /File "main\.py", line 2\n/);
  assert.equal(await page.locator(".cm-line.cm-error-line").textContent(), "if x > 0");
  // A curly quote pasted from a document is named, as CPython names it.
  await setCode(page, "print(\u201chi\u201d)\n");
  assert.match(await run(page), /^SyntaxError on line 1/);
  assert.match(await outputText(page), /\nSyntaxError: invalid character '\u201c' \(U\+201C\)\n$/);
  await page.context().close();
});

test("help() prints CPython's documentation, and a bad escape in a string reads as in CPython", async () => {
  const page = await openApp(env);
  const code = "import math\nhelp(len)\nhelp(math.sqrt)\n";
  await setCode(page, code);
  assert.match(await run(page), /^Finished/, await outputText(page));
  assert.equal(await outputText(page), await cpythonPrints(code));
  const badEscape = 'print("start")\npath = "C:\\Users\\student"\n';
  await setCode(page, badEscape);
  assert.match(await run(page), /^SyntaxError on line 2/);
  // The caret spans the whole literal, as CPython 3.14's does.
  assert.equal(await outputText(page), (await cpython(badEscape)).stderr);
  await page.context().close();
});

test("the code survives a reload", async () => {
  const page = await openApp(env);
  const code = "# my homework\nprint('kept')\n";
  await setCode(page, code);
  await page.reload();
  await waitForStatus(page, /^Ready$/);
  assert.equal(await editorText(page), "# my homework\nprint('kept')\n");
  await page.context().close();
});

test("100,000 printed lines stream in without locking the page", async () => {
  const page = await openApp(env);
  await setCode(page, "for i in range(100000):\n    print('line', i)\n");
  await page.click("button.run");
  // The page answers while output streams in.
  await waitForStatus(page, /^Running… /);
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  assert.ok(Date.now() - started < 2000, "a frame took over 2 s while output streamed");
  await waitForIdle(page, 120_000);
  assert.match(await statusText(page), /^Finished/);
  const tail = (await outputText(page)).slice(-30);
  assert.match(tail, /line 99999\n$/);
  await page.context().close();
});

test("the examples menu loads an example as one undoable change", async () => {
  const page = await openApp(env);
  await setCode(page, "print('mine')\n");
  const options = await page.locator("select.examples option").allTextContents();
  assert.ok(options.length >= 9, `only ${options.length - 1} examples`);
  await page.selectOption("select.examples", { label: "Loops and ranges" });
  assert.match(await editorText(page), /for n in range\(1, 11\):/);
  assert.match(await run(page), /^Finished/);
  assert.match(await outputText(page), /^1 squared is 1\n/);
  await page.click(".cm-content");
  await page.keyboard.press("Control+Z");
  assert.equal(await editorText(page), "print('mine')\n");
  await page.context().close();
});

test("if the warm bundle cannot be downloaded, an error still names its line and the next import retries", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  await context.route("**/stdlib/_sandpiper_warm.frozen", (route) => route.abort("internetdisconnected"));
  const page = await openApp(env, { context });
  try {
    await setCode(page, "x = 1\nprint(x / 0)\n");
    assert.match(await run(page), /^ZeroDivisionError on line 2/);
    assert.match(await outputText(page), /ZeroDivisionError: division by zero\n$/);
    assert.equal(await page.locator(".cm-line.cm-error-line").textContent(), "print(x / 0)");
    await context.unroute("**/stdlib/_sandpiper_warm.frozen");
    await setCode(page, "import json\nprint(json.dumps({'back': True}))\n");
    assert.match(await run(page), /^Finished/);
    assert.equal(await outputText(page), '{"back": true}\n');
  } finally {
    await context.close();
  }
});

test("standard library modules outside the core download on first import, once; a failed download is an ImportError and a retry works", async () => {
  // Playwright sees (and can fail) the worker's requests only without a service worker.
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  /** @type {string[]} */
  const fetched = [];
  context.on("request", (request) => {
    const bundle = /\/stdlib\/(\w+)\.frozen$/.exec(request.url())?.[1];
    if (bundle) fetched.push(bundle);
  });
  const page = await openApp(env, { context });
  try {
    await setCode(page, "import json, random, re, collections\nprint(json.dumps([random.randint(2, 2)]))\n");
    assert.match(await run(page), /^Finished/);
    assert.deepEqual(
      fetched,
      ["_sandpiper_warm"],
      "the common modules come in one bundle, loaded once Python is ready",
    );

    const program = [
      "from fractions import Fraction",
      "import statistics, datetime, email.utils",
      "print(Fraction(1, 3) + Fraction(1, 6), statistics.median([3, 1, 2]))",
      "print(datetime.date(2024, 2, 29) + datetime.timedelta(days=1), email.utils.quote('a\"b'))",
      "",
    ].join("\n");
    await setCode(page, program);
    assert.match(await run(page), /^Finished/);
    assert.equal(await outputText(page), await cpythonPrints(program));
    for (const bundle of ["fractions", "statistics", "datetime", "email"]) {
      assert.ok(fetched.includes(bundle), `${bundle} among ${fetched}`);
    }
    assert.equal(new Set(fetched).size, fetched.length, `each bundle once: ${fetched}`);
    const before = fetched.length;
    assert.match(await run(page), /^Finished/);
    assert.equal(fetched.length, before, "a second run downloads nothing");

    await context.route("**/stdlib/calendar.frozen", (route) => route.abort("internetdisconnected"));
    await setCode(page, "x = 1\nimport calendar\n");
    assert.match(await run(page), /^ImportError on line 2/);
    assert.match(
      await outputText(page),
      /ImportError: the standard library module 'calendar' could not be loaded: it could not be downloaded \(is the network down\?\)\n$/,
    );
    await context.unroute("**/stdlib/calendar.frozen");
    await setCode(page, "import calendar\nprint(calendar.isleap(2024))\n");
    assert.match(await run(page), /^Finished/);
    assert.equal(await outputText(page), "True\n");
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
