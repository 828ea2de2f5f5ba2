// @ts-check
// The REPL under the output, by keyboard in headless Chromium: what a student types after a
// run reads as CPython 3.14's console shows it, and history, Tab, Ctrl+C, Ctrl+L and Run
// behave as in a terminal.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openApp, outputText, run, setCode, startBrowser, waitForIdle } from "./browser.mjs";
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

/// CPython's console fed `lines` after `program` (the engine tests' reference script): the
/// transcript a terminal shows, typed input not echoed.
/** @param {string} program @param {string[]} lines @param {string} stdin */
async function cpythonTranscript(program, lines, stdin) {
  const script = readFileSync(new URL("../crates/engine/tests/python/repl_console.py", import.meta.url), "utf8");
  const code = `PROGRAM = ${JSON.stringify(program)}\nLINES = ${JSON.stringify(lines)}\nCOMPLETE = []\n${script}`;
  const { stdout, stderr } = await cpython(code, { stdin });
  const json = stdout.split("\0")[1];
  assert.ok(json, stderr);
  return JSON.parse(json).transcript;
}

/// The pane as a transcript: without the open prompt, and without what was typed for input().
/** @param {Page} page */
async function transcript(page) {
  return page.evaluate(() => {
    const copy = /** @type {Element} */ (/** @type {Element} */ (document.querySelector(".output")).cloneNode(true));
    copy.querySelectorAll(".stdin, .repl-line").forEach((node) => node.remove());
    return copy.textContent;
  });
}

/// Waits until the prompt is back, with the keyboard in it; returns its prompt text.
/** @param {Page} page */
async function promptBack(page) {
  await page.waitForFunction(() => document.activeElement?.classList.contains("repl-field"));
  return page.textContent(".repl-line .repl-prompt");
}

/// Types `line` at the prompt (which has the keyboard) and presses Enter.
/** @param {Page} page @param {string} line */
async function enter(page, line) {
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** @param {Page} page */
async function fieldValue(page) {
  return page.$eval(".repl-field", (field) => /** @type {HTMLInputElement} */ (field).value);
}

const PROGRAM = 'prices = [3.5, 2.25, 10]\ndef total(items):\n    return sum(items)\nprint("loaded")\n';

test("after a run the prompt evaluates in its namespace as CPython's console does, by keyboard", async () => {
  const page = await openApp(env);
  await setCode(page, PROGRAM);
  assert.match(await run(page), /^Finished/);
  // The prompt waits under the output, without taking the keyboard.
  await page.locator(".repl-line .repl-field").waitFor();
  assert.equal(await page.textContent(".repl-line .repl-prompt"), ">>> ");
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("repl-field")), false);

  await page.click(".repl-field");
  await enter(page, "total(prices)");
  await promptBack(page);
  await enter(page, "_ * 2");
  await promptBack(page);
  await enter(page, "for p in prices:");
  assert.equal(await promptBack(page), "... ");
  // Tab at a `...` line with nothing before the cursor indents.
  await page.keyboard.press("Tab");
  await enter(page, "print(p)");
  await promptBack(page);
  await enter(page, "");
  assert.equal(await promptBack(page), ">>> ");
  await enter(page, "prices[5]");
  await promptBack(page);
  await enter(page, "name = input('Name? ')");
  const answer = page.locator(".output .stdin-field");
  await answer.waitFor();
  await answer.fill("Ada");
  await answer.press("Enter");
  await promptBack(page);
  await enter(page, "name");
  await promptBack(page);

  const lines = ["total(prices)", "_ * 2", "for p in prices:", "    print(p)", "", "prices[5]", "name = input('Name? ')", "name"];
  assert.equal(await transcript(page), await cpythonTranscript(PROGRAM, lines, "Ada\n"));
  // What was typed for input() is shown after its prompt, as a terminal echoes it.
  assert.match(await outputText(page), /Name\? Ada\n>>> name\n'Ada'\n$/);
  // The traceback of an entry is CPython's, from <stdin>.
  assert.match(
    await outputText(page),
    /Traceback \(most recent call last\):\n {2}File "<stdin>", line 1, in <module>\nIndexError: list index out of range\n/,
  );

  // ↑ and ↓ walk the lines typed; ↓ past the newest gives back the draft.
  await page.keyboard.type("pri");
  await page.keyboard.press("ArrowUp");
  assert.equal(await fieldValue(page), "name");
  await page.keyboard.press("ArrowUp");
  assert.equal(await fieldValue(page), "name = input('Name? ')");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await fieldValue(page), "pri");

  // Tab completes a name, and an attribute of a value; several choices are listed.
  await page.keyboard.press("Control+A");
  await page.keyboard.type("tot");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.querySelector(".repl-field")).value === "total(");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("prices.c");
  await page.keyboard.press("Tab");
  await page.locator(".repl-completions").waitFor();
  assert.equal(await page.textContent(".repl-completions"), "prices.clear()  prices.copy()  prices.count(\n");
  assert.equal(await fieldValue(page), "prices.c");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("prices.app");
  await page.keyboard.press("Tab");
  await page.waitForFunction(
    () => /** @type {HTMLInputElement} */ (document.querySelector(".repl-field")).value === "prices.append(",
  );

  // Ctrl+C drops what was typed.
  await page.keyboard.press("Control+C");
  assert.equal(await promptBack(page), ">>> ");
  assert.match(await outputText(page), />>> prices\.append\(\nKeyboardInterrupt\n$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("Ctrl+C stops a running entry, Ctrl+L clears, and Run starts a fresh namespace", async () => {
  const page = await openApp(env);
  // A prompt without a program: an empty namespace.
  await page.click(".repl-field");
  await enter(page, "n = 0");
  await promptBack(page);
  // A compound statement ends with an empty line, even on one line.
  await enter(page, "while True: n += 1");
  assert.equal(await promptBack(page), "... ");
  await enter(page, "");
  await page.waitForFunction(() => document.querySelector(".status-bar")?.getAttribute("data-state") === "running");
  // The keyboard waits in the output pane; Ctrl+C there stops the entry.
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("output")), true);
  await page.keyboard.press("Control+C");
  await promptBack(page);
  assert.match(await outputText(page), /File "<stdin>", line 1, in <module>\n(.*\n)*KeyboardInterrupt\n$/);
  await enter(page, "n > 0");
  await promptBack(page);
  assert.match(await outputText(page), />>> n > 0\nTrue\n$/);

  await page.keyboard.type("half typed");
  await page.keyboard.press("Control+L");
  assert.equal(await outputText(page), "");
  assert.equal(await fieldValue(page), "half typed");
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("repl-field")), true);
  // The Clear button keeps the prompt too.
  await page.keyboard.press("Control+A");
  await enter(page, "6 * 7");
  await promptBack(page);
  assert.equal(await outputText(page), ">>> 6 * 7\n42\n");
  await page.click("button.clear");
  assert.equal(await outputText(page), "");
  assert.equal(await page.textContent(".repl-line .repl-prompt"), ">>> ");

  await setCode(page, "m = 1\n");
  assert.match(await run(page), /^Finished/);
  await page.click(".repl-field");
  await enter(page, "m, 'n' in globals()");
  await promptBack(page);
  assert.equal(await outputText(page), ">>> m, 'n' in globals()\n(1, False)\n");
  await waitForIdle(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
