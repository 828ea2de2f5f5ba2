// @ts-check
// input() answered inline, and a Stop that keeps the interpreter warm, in headless Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { openApp, outputText, run, setCode, startBrowser, statusText, waitForIdle, waitForStatus } from "./browser.mjs";
import { startServer } from "../scripts/serve-dist.mjs";
import { cpython } from "./cpython.mjs";
/** @typedef {import("./browser.mjs").Page} Page */

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/// CPython's stdout for `code` with `stdin` piped in (no echo of what was typed).
/** @param {string} code @param {string} stdin */
async function cpythonPrints(code, stdin) {
  return (await cpython(code, { stdin })).stdout;
}

/// The output pane without the echo of typed lines: what a program printed.
/** @param {Page} page */
async function printedText(page) {
  return page.evaluate(() => {
    const copy = /** @type {Element} */ (/** @type {Element} */ (document.querySelector(".output")).cloneNode(true));
    copy.querySelectorAll(".stdin, .repl-line").forEach((echo) => echo.remove());
    return copy.textContent;
  });
}

/// Counts the runtime downloads of a page, to tell a warm Stop from a restart.
/** @param {Page} page */
function countRuntimeLoads(page) {
  const counter = { loads: 0 };
  page.on("request", (request) => {
    if (request.url().endsWith("_bg.wasm") && request.url().includes("worker")) counter.loads += 1;
  });
  return counter;
}

/// Presses Stop and waits for the run to end, which must not take the 1 s watchdog.
/** @param {Page} page */
async function stopWithinASecond(page) {
  const started = Date.now();
  await page.click("button.stop");
  await waitForIdle(page);
  assert.ok(Date.now() - started < 1000, `Stop took ${Date.now() - started} ms`);
}

/// Runs `code`, which must finish and print `expected`: what CPython 3.14 prints on Linux,
/// written out because the reference (Pyodide) has no threads and no selector event loop.
/** @param {Page} page @param {string} code @param {string} expected */
async function printsAsCPythonOnLinux(page, code, expected) {
  await setCode(page, code);
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), expected);
}

/// Runs `code`, which waits once it has printed `printed`, and stops it there: the run
/// ends within a second as a KeyboardInterrupt, and the runtime is not reloaded (`loads`
/// counts the page's runtime loads). Returns the output.
/** @param {Page} page @param {string} code @param {string} printed @param {{ loads: number }} loads */
async function stopWhileWaiting(page, code, printed, loads) {
  await setCode(page, code);
  await page.click("button.run");
  await page.waitForFunction(
    (start) => /** @type {Element} */ (document.querySelector(".output")).textContent.startsWith(start),
    printed,
  );
  await stopWithinASecond(page);
  assert.match(await statusText(page), /^Stopped · /);
  const output = await outputText(page);
  assert.match(output, /KeyboardInterrupt\n$/);
  assert.equal(loads.loads, 0, "Stop reloaded the runtime");
  return output;
}

/** @param {Page} page @param {string} text */
async function answer(page, text) {
  const field = page.locator(".output .stdin-field");
  await field.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.className), "stdin-field");
  await field.fill(text);
  await field.press("Enter");
}

test("input() asks inline, twice, and the program goes on as in CPython", async () => {
  const code =
    'name = input("Name? ")\nage = int(input("Age? "))\nprint(f"Hello {name}, next year you will be {age + 1}")\n';
  const page = await openApp(env);
  await setCode(page, code);
  await page.click("button.run");
  await answer(page, "Ada Lovelace");
  await answer(page, "36");
  await waitForIdle(page);
  assert.match(await statusText(page), /^Finished/);
  // The pane reads like a terminal: each answer echoed after its prompt.
  assert.equal(
    await outputText(page),
    "Name? Ada Lovelace\nAge? 36\nHello Ada Lovelace, next year you will be 37\n",
  );
  assert.equal(await printedText(page), await cpythonPrints(code, "Ada Lovelace\n36\n"));
  await page.context().close();
});

test("Ctrl+D in the input field is end of input: EOFError, as in CPython", async () => {
  const code = 'try:\n    input("x? ")\nexcept EOFError:\n    print("no more input")\ninput("again? ")\n';
  const page = await openApp(env);
  await setCode(page, code);
  await page.click("button.run");
  const field = page.locator(".output .stdin-field");
  await field.waitFor();
  await field.press("Control+d");
  await field.waitFor();
  await page.locator(".output .stdin-field").press("Control+d");
  await waitForIdle(page);
  assert.match(await statusText(page), /^EOFError on line 5/);
  assert.match(await outputText(page), /EOFError: EOF when reading a line\n$/);
  assert.ok((await printedText(page)).startsWith(await cpythonPrints(code, "")));
  await page.context().close();
});

test("Stop during input() ends the program at once and Python stays warm", async () => {
  const page = await openApp(env);
  const loads = countRuntimeLoads(page);
  await setCode(page, 'answer = input("Waiting: ")\nprint(answer)\n');
  await page.click("button.run");
  await page.locator(".output .stdin-field").waitFor();
  await stopWithinASecond(page);
  assert.match(await statusText(page), /^Stopped · /);
  assert.match(await outputText(page), /KeyboardInterrupt\n$/);
  assert.equal(await page.locator(".output .stdin-field").count(), 0);
  await setCode(page, "print('next run')\n");
  assert.match(await run(page), /^Finished/);
  assert.equal(loads.loads, 0, "Stop reloaded the runtime");
  await page.context().close();
});

test("Stop during while True gives KeyboardInterrupt at its line and reuses the warm worker", async () => {
  const page = await openApp(env);
  const loads = countRuntimeLoads(page);
  await setCode(page, "n = 0\nwhile True:\n    n += 1\n");
  await page.click("button.run");
  await waitForStatus(page, /^Running… .*[1-9][\d,]* instructions/);
  await stopWithinASecond(page);
  assert.match(await statusText(page), /^Stopped · /);
  const output = await outputText(page);
  assert.match(output, /File "main\.py", line [23], in <module>/);
  assert.match(output, /KeyboardInterrupt\n$/);
  assert.equal(await page.locator(".cm-line.cm-error-line").count(), 1);
  await setCode(page, "print(sum(range(10)))\n");
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "45\n");
  assert.equal(loads.loads, 0, "Stop reloaded the runtime");
  await page.context().close();
});

test("time.sleep blocks without freezing the page and Stop wakes it", async () => {
  const page = await openApp(env);
  const loads = countRuntimeLoads(page);
  await setCode(page, "import time\nprint('sleeping')\ntime.sleep(10**6)\nprint('never')\n");
  await page.click("button.run");
  await page.waitForFunction(
    () => /** @type {Element} */ (document.querySelector(".output")).textContent === "sleeping\n",
  );
  await page.waitForTimeout(300);
  await stopWithinASecond(page);
  assert.match(await outputText(page), /line 3, in <module>[\s\S]*KeyboardInterrupt\n$/);
  assert.equal(loads.loads, 0);
  await page.context().close();
});

test("asyncio runs as in CPython, and Stop ends a waiting event loop at once", async () => {
  const page = await openApp(env);
  const loads = countRuntimeLoads(page);
  const program = [
    "import asyncio, errno",
    "",
    "async def worker(name, delay):",
    "    await asyncio.sleep(delay)",
    "    print(name, 'done')",
    "    return name",
    "",
    "async def main():",
    "    print(await asyncio.gather(worker('slow', 0.2), worker('fast', 0.1)))",
    "    try:",
    "        await asyncio.wait_for(asyncio.sleep(5), timeout=0.05)",
    "    except TimeoutError:",
    "        print('timed out')",
    "",
    "asyncio.run(main())",
    // The browser's own errno module has no codes; the engine gives it Linux's.
    "print(errno.ENOENT, errno.errorcode[errno.EAGAIN])",
    "",
  ].join("\n");
  await printsAsCPythonOnLinux(page, program, "fast done\nslow done\n['slow', 'fast']\ntimed out\n2 EAGAIN\n");
  await stopWhileWaiting(
    page,
    "import asyncio\n\nasync def main():\n    while True:\n        print('tick')\n        await asyncio.sleep(0.2)\n\nasyncio.run(main())\n",
    "tick\ntick\n",
    loads,
  );
  await page.context().close();
});

test("threads and thread pools run to their end when started, and Stop ends a thread's wait at once", async () => {
  const page = await openApp(env);
  const loads = countRuntimeLoads(page);
  const program = [
    "import threading",
    "from concurrent.futures import ThreadPoolExecutor",
    "",
    "totals = []",
    "def add(n):",
    "    totals.append(sum(range(n)))",
    "",
    "workers = [threading.Thread(target=add, args=(n,)) for n in (10, 100)]",
    "for worker in workers:",
    "    worker.start()",
    "    worker.join()",
    "print(totals, threading.current_thread().name)",
    "with ThreadPoolExecutor() as pool:",
    "    print(list(pool.map(len, ['a', 'bb', 'ccc'])))",
    "print(threading.Event().wait(0.1))",
    "",
  ].join("\n");
  await printsAsCPythonOnLinux(page, program, "[45, 4950] MainThread\n[1, 2, 3]\nFalse\n");
  const stopped = await stopWhileWaiting(
    page,
    "import threading\n\ndef wait():\n    print('waiting')\n    threading.Event().wait(60)\n\nthreading.Thread(target=wait).start()\n",
    "waiting\n",
    loads,
  );
  // The stop points into the thread, at the wait.
  assert.match(stopped, /line 5, in wait[\s\S]*KeyboardInterrupt\n$/);
  await page.context().close();
});

test("code that never returns to bytecode is stopped by replacing the worker", async () => {
  const page = await openApp(env);
  await setCode(page, "import itertools\nprint(sum(itertools.count()))\n");
  await page.click("button.run");
  await waitForStatus(page, /^Running… /);
  await page.click("button.stop");
  await page.waitForFunction(() =>
    /did not stop within a second/.test(/** @type {Element} */ (document.querySelector(".output")).textContent),
  );
  await waitForStatus(page, /^Ready$/);
  await setCode(page, "print('fresh')\n");
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "fresh\n");
  await page.context().close();
});

test("on a host without isolation headers the service worker isolates the page and input() works", async () => {
  const plain = await startServer(new URL("../dist", import.meta.url).pathname, 0, { isolate: false });
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(plain.url);
    // The first load installs the service worker and reloads once through it.
    let isolated = false;
    for (let tries = 0; tries < 100 && !isolated; tries += 1) {
      isolated = await page.evaluate(() => self.crossOriginIsolated).catch(() => false);
      if (!isolated) await page.waitForTimeout(200);
    }
    assert.ok(isolated, "the page never became cross-origin isolated");
    await waitForStatus(page, /^Ready$/);
    await setCode(page, 'print(input("Say: ").upper())\n');
    await page.click("button.run");
    await answer(page, "isolated");
    await waitForIdle(page);
    assert.equal(await outputText(page), "Say: isolated\nISOLATED\n");
  } finally {
    await context.close();
    await plain.close();
  }
});

test("in an iframe on a page that is not isolated, input() goes through the service worker", async () => {
  const app = await startServer(new URL("../dist", import.meta.url).pathname, 0, { isolate: false });
  // A course page on another origin of the same site that sends no isolation headers, so
  // the app in its iframe cannot be isolated. (A third-party iframe may be denied storage
  // and with it service workers; then input() gets end of input with a note.)
  const course = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!DOCTYPE html><h1>Lesson</h1><iframe src="${app.url}" width="1100" height="700"></iframe>`);
  });
  await /** @type {Promise<void>} */ (new Promise((resolve) => course.listen(0, "127.0.0.1", resolve)));
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (course.address()).port}/`);
    // The frame reloads once after installing the service worker (which may control it
    // before that reload, by claiming it); find it ready after the reload.
    let frame;
    for (let tries = 0; tries < 300 && !frame; tries += 1) {
      const candidate = page.frames().find((f) => f.url().startsWith(app.url));
      const settled = await candidate
        ?.evaluate(
          () =>
            /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state === "ready" &&
            !!navigator.serviceWorker.controller &&
            /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType("navigation")[0])
              ?.type === "reload",
        )
        .catch(() => false);
      if (settled) {
        frame = candidate;
      } else {
        await page.waitForTimeout(200);
      }
    }
    assert.ok(frame, "the app in the iframe never became ready");
    assert.equal(await frame.evaluate(() => self.crossOriginIsolated), false);
    await frame.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText('name = input("Name? ")\nprint("Hi", name)\n');
    await frame.click("button.run");
    const field = frame.locator(".output .stdin-field");
    await field.waitFor();
    await field.fill("Grace");
    await field.press("Enter");
    await frame.waitForFunction(
      () => /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state === "ready",
    );
    assert.equal(await outputText(frame), "Name? Grace\nHi Grace\n");
  } finally {
    await context.close();
    await new Promise((resolve) => course.close(resolve));
    await app.close();
  }
});

test("where neither shared memory nor a service worker is possible, input() reads lines typed before the run", async () => {
  const plain = await startServer(new URL("../dist", import.meta.url).pathname, 0, { isolate: false });
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    await page.goto(plain.url);
    await waitForStatus(page, /^Ready$/);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
    const box = page.locator("#stdin-box-text");
    assert.ok(await box.isVisible(), "the input box is shown");
    await box.fill("Ada Lovelace\n36");
    const code = 'name = input("Name? ")\nage = int(input("Age? "))\nprint(f"Hello {name}, next year you will be {age + 1}")\ninput("More? ")\n';
    await setCode(page, code);
    assert.match(await run(page), /^EOFError on line 4/);
    assert.match(
      await outputText(page),
      /^Name\? Ada Lovelace\nAge\? 36\nHello Ada Lovelace, next year you will be 37\nMore\? \nTraceback[\s\S]*EOFError: EOF when reading a line\n$/,
    );
  } finally {
    await context.close();
    await plain.close();
  }
});
