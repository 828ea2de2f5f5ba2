// @ts-check
// Exercise widgets on the demo lesson: Check runs the exercise's check (inline or fetched)
// on the student's code, by keyboard; failed tests say why, with the lines that differ; a
// pass leaves a Done mark that outlives a reload and a completion code the teacher can make
// again; a program printing fake results passes nothing; in Spanish and in the dark theme.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { READY_TIMEOUT, startBrowser } from "./browser.mjs";
import { setWidgetCode, waitForWidgets } from "./widgets.mjs";
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").Frame} Frame */

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

const WIDGETS = 13;
const [COUNT, AVERAGE, GREETING] = [10, 11, 12];

/// Presses Check with the keyboard and waits for the check to end; its results.
/** @param {Page} page @param {Frame} frame */
async function check(page, frame) {
  await frame.focus("button.check");
  await page.keyboard.press("Enter");
  await frame.waitForSelector(".check-summary:not(.pending)", { timeout: READY_TIMEOUT });
  return frame.$eval(".check-results", (section) => ({
    summary: /** @type {HTMLElement} */ (section.querySelector(".check-summary")).innerText,
    tests: [...section.querySelectorAll(".check-test")].map((test) => ({
      passed: test.classList.contains("passed"),
      name: /** @type {HTMLElement} */ (test.querySelector(".check-name")).innerText,
      messages: [...test.querySelectorAll(".check-message")].map((p) => /** @type {HTMLElement} */ (p).innerText),
      diff: [...test.querySelectorAll(".check-diff span")].map((line) => /** @type {HTMLElement} */ (line).innerText),
    })),
  }));
}

/// The code `sandpiper completion-code` makes: HMAC-SHA-256 of the parts, each followed
/// by a zero byte, 40 bits in Crockford's base 32 (written here with Node's own HMAC).
/** @param {string} key @param {string} exercise @param {string} name */
function completionCode(key, exercise, name) {
  const mac = createHmac("sha256", key);
  for (const part of ["sandpiper completion code", exercise, name.trim().split(/\s+/).join(" ").toLowerCase()]) {
    mac.update(part);
    mac.update(Buffer.from([0]));
  }
  let bits = mac.digest().subarray(0, 5).reduce((bits, byte) => bits * 256n + BigInt(byte), 0n);
  let code = "";
  for (let i = 0; i < 8; i++) {
    code = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

test("a lesson's exercises are checked in the browser, remembered, and give a completion code", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(env.url + "embed-demo.html");
    let frames = await waitForWidgets(page, WIDGETS);
    const count = frames[COUNT];
    assert.equal(await count.textContent("button.check"), "Check");
    assert.equal(await count.$(".done-mark"), null);

    // Wrong: five prints of 0 to 4. Both tests fail, the output with its lines aligned.
    await setWidgetCode(page, count, "print(0)\nprint(1)\nprint(2)\nprint(3)\nprint(4)\n");
    let results = await check(page, count);
    assert.equal(results.summary, "2 of 2 tests failed.");
    assert.deepEqual(results.tests[0], {
      passed: false,
      name: "Prints the expected output",
      messages: ["The output is not the one expected: compare the lines below."],
      diff: ["+ 0\n", "  1\n", "  2\n", "  3\n", "  4\n", "- 5\n"],
    });
    assert.deepEqual(results.tests[1].messages, ["Print the numbers with a for loop rather than five print() calls."]);

    // A program printing what looks like passed tests passes nothing.
    await setWidgetCode(page, count, "print('✓ Prints the expected output')\nprint('All 2 tests passed. Well done!')\n");
    results = await check(page, count);
    assert.equal(results.summary, "2 of 2 tests failed.");

    // Right: Done, and the mark outlives a reload.
    await setWidgetCode(page, count, "for n in range(1, 6):\n    print(n)\n");
    results = await check(page, count);
    assert.equal(results.summary, "All 2 tests passed. Well done!");
    assert.ok(results.tests.every((test) => test.passed));
    await count.waitForSelector(".done-mark");

    // The fetched check (data-check="exercises/average.py"), against a function that
    // divides with //.
    const average = frames[AVERAGE];
    await setWidgetCode(page, average, "def average(numbers):\n    return sum(numbers) // len(numbers)\n");
    results = await check(page, average);
    assert.equal(results.summary, "1 of 5 tests failed.");
    assert.deepEqual(results.tests[3], {
      passed: false,
      name: "average([1, 2]) returns 1.5",
      messages: ["The average of whole numbers can be a decimal: divide with /.", "It returned 1."],
      diff: [],
    });

    // The greeting gives a completion code once passed; the teacher's makes the same one.
    const greeting = frames[GREETING];
    await setWidgetCode(page, greeting, 'name = input("What is your name? ")\nprint(f"Hello, {name}!")\n');
    results = await check(page, greeting);
    assert.equal(results.summary, "All 2 tests passed. Well done!");
    await greeting.fill(".completion-code input", "Ada Lovelace");
    await greeting.focus(".completion-code button");
    await page.keyboard.press("Enter");
    const code = await greeting.textContent(".completion-code-result code");
    assert.equal(code, completionCode("demo-teacher-key", "greeting", "Ada Lovelace"));

    await page.reload();
    frames = await waitForWidgets(page, WIDGETS);
    await frames[COUNT].waitForSelector(".done-mark");
    await frames[GREETING].waitForSelector(".completion-code");
    assert.equal(await frames[AVERAGE].$(".done-mark"), null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("an exercise is checked in Spanish in a Spanish browser, in the dark theme", async () => {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "es-ES",
    colorScheme: "dark",
  });
  const page = await context.newPage();
  try {
    await page.goto(env.url + "embed-demo.html");
    const frames = await waitForWidgets(page, WIDGETS);
    const count = frames[COUNT];
    assert.equal(await count.textContent("button.check"), "Comprobar");
    await setWidgetCode(page, count, "for n in range(5):\n    print(n)\n");
    const results = await check(page, count);
    assert.equal(results.summary, "Falló 1 de 2 pruebas.");
    assert.equal(results.tests[0].name, "Muestra la salida esperada");
    assert.deepEqual(results.tests[0].messages, ["La salida no es la esperada: compara las líneas de abajo."]);
    assert.equal(results.tests[1].passed, true);
    // A loop that never ends fails its test and says so; the check still ends.
    await setWidgetCode(page, count, "n = 1\nwhile n <= 5:\n    print(n)\n");
    const looping = await check(page, count);
    assert.equal(looping.tests[0].passed, false);
    assert.match(looping.tests[0].messages.join("\n"), /Tu programa no terminó/);
    if (process.env.SANDPIPER_SCREENSHOTS) {
      await count.locator(".widget").screenshot({ path: `${process.env.SANDPIPER_SCREENSHOTS}/exercise-es-dark.png` });
    }
  } finally {
    await context.close();
  }
});
