// @ts-check
// The worker's wasm comes in two parts (scripts/split-worker.mjs): Python must become ready
// from the main module alone, and a program that needs the rest before its background
// download has finished must load it on the spot, or say clearly why it cannot.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { editorText, outputText, run, setCode, startBrowser, statusText, waitForStatus } from "./browser.mjs";
import { cpython } from "./cpython.mjs";

const REST = "**/sandpiper-worker_rest.wasm";
// Hashing with SHA-3 and naming characters: native code that no start-up, warm-up or
// typical first program runs, so it lives in the rest.
const NEEDS_REST =
  'import hashlib, unicodedata\nprint(hashlib.sha3_256(b"sandpiper").hexdigest())\nprint(unicodedata.name("\\u00e9"))\n';
const NEEDS_REST_PRINTS = (await cpython(NEEDS_REST)).stdout;
// Input-free work a student's first program does, ending in an error and its traceback.
const TYPICAL_FIRST_PROGRAM = [
  "def fib(n):",
  "    return n if n < 2 else fib(n - 1) + fib(n - 2)",
  "words = 'the cat and the hat'.split()",
  "print(fib(12), sorted(set(words)), {w: len(w) for w in words}, f'{3.14159:.2f}')",
  "print(1 / 0)",
  "",
].join("\n");
// Each kind of syntax, which the bytecode viewer compiles (scripts/profile-split.mjs keeps
// what that needs in the main module).
const SYNTAX_TOUR = readFileSync(new URL("../scripts/profile-syntax-tour.py", import.meta.url), "utf8");
const TYPICAL_FIRST_PROGRAM_PRINTS = (await cpython(TYPICAL_FIRST_PROGRAM)).stdout;

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/// A fresh page whose requests for the rest go through `handle(route, count)`; no service
/// worker, so that every request is the page's own.
/** @param {(route: import("playwright-core").Route, count: number) => unknown} handle */
async function openWithRest(handle) {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  let requests = 0;
  await context.route(REST, (route) => handle(route, ++requests));
  const page = await context.newPage();
  await page.goto(env.url);
  await waitForStatus(page, /^Ready$/);
  return { context, page, requests: () => requests };
}

test("Python is ready from the main module alone; the rest is fetched after Ready", async () => {
  const { context, page } = await openWithRest((route) => route.continue());
  const [worker] = page.workers();
  const timing = await worker.evaluate(async () => {
    const rest = () => performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("_rest.wasm"));
    while (!rest()) await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      ready: performance.getEntriesByName("sandpiper-ready")[0].startTime,
      main: performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("worker_bg.wasm")),
      rest: /** @type {PerformanceEntry} */ (rest()).startTime,
    };
  });
  assert.ok(timing.main, "the main module was downloaded");
  assert.ok(timing.rest > timing.ready, `the rest was requested after Ready (${timing.rest} > ${timing.ready} ms)`);
  await setCode(page, NEEDS_REST);
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), NEEDS_REST_PRINTS);
  await context.close();
});

test("the first bytecode view, a typical first program and compiling any syntax run without the rest", async () => {
  // The background download (a fetch, a moment after Ready) is held; any other request for
  // the rest is a synchronous load by a function missing from the main module, which
  // means crates/worker/main-functions.txt is stale (node scripts/profile-split.mjs).
  let synchronousLoads = 0;
  /** @type {(value?: unknown) => void} */
  let release = () => {};
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const { context, page } = await openWithRest(async (route) => {
    if (route.request().resourceType() === "fetch") await held;
    else synchronousLoads += 1;
    await route.continue().catch(() => {});
  });
  await page.click("#tab-bytecode");
  await page.waitForSelector("#tab-bytecode-panel .code-object");
  await setCode(page, TYPICAL_FIRST_PROGRAM);
  assert.match(await run(page), /^ZeroDivisionError/);
  const output = await outputText(page);
  assert.ok(output.startsWith(TYPICAL_FIRST_PROGRAM_PRINTS), output);
  assert.match(output, /line 5, in <module>[\s\S]*ZeroDivisionError: division by zero\n$/);
  await setCode(page, SYNTAX_TOUR);
  await page.waitForSelector('#tab-bytecode-panel .code-object[aria-label="Code object walk"]', { state: "attached" });
  assert.equal(synchronousLoads, 0, "the rest was loaded before its background download");
  release();
  await context.close();
});

test("a program that needs the rest before its download finished loads it at once", async () => {
  /** @type {(value?: unknown) => void} */
  let release = () => {};
  const held = new Promise((resolve) => {
    release = resolve;
  });
  /** @type {(value?: unknown) => void} */
  let backgroundStarted;
  const background = new Promise((resolve) => {
    backgroundStarted = resolve;
  });
  // The background download (a fetch, a moment after Ready) hangs; only the program's own
  // request (a synchronous XMLHttpRequest) is answered.
  const { context, page, requests } = await openWithRest(async (route) => {
    if (route.request().resourceType() === "fetch") {
      backgroundStarted();
      await held;
    }
    await route.continue().catch(() => {});
  });
  await background;
  await setCode(page, NEEDS_REST);
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), NEEDS_REST_PRINTS);
  assert.equal(requests(), 2, "the background request and the program's own");
  release();
  // Python stays usable once the held download arrives too.
  await setCode(page, 'import unicodedata\nprint(sum(range(10)), unicodedata.name("a"))\n');
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "45 LATIN SMALL LETTER A\n");
  await context.close();
});

test("when the rest cannot be downloaded, the run ends with a clear message and the code is kept", async () => {
  const { context, page } = await openWithRest((route) => route.fulfill({ status: 404, body: "gone" }));
  await setCode(page, NEEDS_REST);
  await page.click("button.run");
  await page.waitForFunction(() => document.querySelector(".output")?.textContent.includes("rest of its runtime"), null, {
    timeout: 30_000,
  });
  assert.match(await outputText(page), /could not load the rest of its runtime: .*HTTP 404/);
  assert.equal(await editorText(page), NEEDS_REST);
  assert.doesNotMatch(await statusText(page), /^Running/);
  await context.close();
});
