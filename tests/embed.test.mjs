// @ts-check
// Embedded widgets: the demo lesson's thirteen blocks become widgets that share one worker,
// each with its own interpreter; a loop in one leaves the others working; a block can open
// in the stepper, and carry its step to the app.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { READY_TIMEOUT, outputText, startBrowser } from "./browser.mjs";
import { runWidget, setWidgetCode, waitForWidgets, widgetState } from "./widgets.mjs";
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").Frame} Frame */
import { startServer } from "../scripts/serve-dist.mjs";

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

test("the demo lesson's thirteen blocks become widgets sharing one worker, each with its own interpreter", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  /** @type {string[]} */
  const workers = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  try {
    await page.goto(env.url + "embed-demo.html");
    // Upgraded: every widget visible and every original block hidden once it loaded.
    const frames = await waitForWidgets(page, 13);
    // The widget shows the block's program; the autorun one has run already.
    assert.match(/** @type {string} */ (await frames[0].textContent(".cm-content")), /for n in range\(1, 6\):/);
    assert.equal(await frames[1].textContent(".output"), "Total: 8.75\n");
    const [first, , third, , stepped, loop, withFile, drawing] = frames;
    // The turtle block drew as the page opened, its code folded away under "Show the code".
    await drawing.waitForSelector(".drawing-panel:not([hidden]) canvas.drawing");
    assert.equal(await drawing.isVisible(".cm-content"), false);
    await drawing.click(".code-details > summary");
    assert.equal(await drawing.isVisible(".cm-content"), true);
    // A widget given a file with data-files shows it in its file bar and reads it.
    assert.deepEqual(await withFile.$$eval(".file-tab", (tabs) => tabs.map((tab) => tab.textContent)), ["main.py", "scores.csv"]);
    assert.equal(await runWidget(withFile), "Ada scored 91\nAlan scored 78\nGrace scored 85\n");
    // The data-step block opened in the stepper, at its first step.
    await stepped.waitForSelector(".step-position");
    assert.match(/** @type {string} */ (await stepped.textContent(".step-position")), /^Step 1 of \d+$/);

    // Own namespace and own interpreter: modules changed in one are not changed in another.
    await setWidgetCode(page, first, "import sys\nsys.lesson_flag = 1\nsecret = 41\nprint(secret + 1)");
    assert.equal(await runWidget(first), "42\n");
    await setWidgetCode(page, third, "import sys\nprint(hasattr(sys, 'lesson_flag'))\nprint(secret)");
    const output = await runWidget(third);
    assert.match(output, /^False\nTraceback \(most recent call last\):\n/);
    assert.match(output, /NameError: name 'secret' is not defined\n$/);

    // A loop that never ends, stopped with Stop: the interpreter stays warm, no new worker.
    await loop.click("button.run");
    await loop.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state === "running",
    );
    await page.waitForTimeout(300);
    await loop.click("button.stop");
    await loop.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state !== "running",
    );
    assert.match(/** @type {string} */ (await loop.textContent(".status-bar .status")), /^Stopped/);
    assert.equal(await runWidget(first), "42\n");

    // Running another widget while the loop runs stops the loop and runs the other.
    await loop.click("button.run");
    await loop.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state === "running",
    );
    await setWidgetCode(page, third, "print('third runs')");
    assert.equal(await runWidget(third), "third runs\n");
    assert.equal(await widgetState(loop), "failed");
    assert.match(
      /** @type {string} */ (await loop.textContent(".output")),
      /another example on this page started running/,
    );
    assert.equal(await runWidget(first), "42\n");

    assert.equal(workers.length, 1, `one worker for the page, got ${workers}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a widget reads its options from its address and refuses a damaged program link", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    const code = encodeURIComponent("print('auto')");
    await page.goto(`${env.url}embed.html?code=${code}&readonly=1&autorun=1&theme=dark`);
    await page.waitForFunction(() => document.querySelector(".output")?.textContent === "auto\n", null, {
      timeout: READY_TIMEOUT,
    });
    // Read-only: typing changes nothing.
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText("changed");
    assert.equal(await page.textContent(".cm-content"), "print('auto')");
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), "dark");
    assert.equal(await page.evaluate(() => localStorage.getItem("sandpiper.code")), null, "widgets save nothing");

    await page.goto(`${env.url}embed.html#code=AAAA`);
    await page.waitForSelector(".notice.error");
    assert.match(
      /** @type {string} */ (await page.textContent(".notice .notice-text")),
      /^This widget's program cannot be read: /,
    );
  } finally {
    await context.close();
  }
});

test("on a course page of another origin that is not isolated, Stop restarts the shared worker and the others work", async () => {
  const app = await startServer(new URL("../dist", import.meta.url).pathname, 0, { isolate: false });
  const appUrl = app.url.replace("127.0.0.1", "localhost");
  const course = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<h1>Lesson</h1>
<pre><code class="language-python" data-sandpiper>print("one")</code></pre>
<pre data-sandpiper>while True:\n    total = sum(range(10_000))</pre>
<script src="${appUrl}sandpiper-embed.js" defer></script>`);
  });
  await /** @type {Promise<void>} */ (new Promise((resolve) => course.listen(0, "127.0.0.1", resolve)));
  const context = await env.browser.newContext();
  const page = await context.newPage();
  let alive = 0;
  let mostAlive = 0;
  page.on("worker", (worker) => {
    mostAlive = Math.max(mostAlive, ++alive);
    worker.on("close", () => {
      alive -= 1;
    });
  });
  try {
    await page.goto(`http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (course.address()).port}/`);
    const [first, loop] = await waitForWidgets(page, 2);
    assert.equal(await first.evaluate(() => self.crossOriginIsolated), false);
    await loop.click("button.run");
    await loop.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state === "running",
    );
    await loop.click("button.stop");
    await loop.waitForFunction(
      () => /** @type {Element} */ (document.querySelector(".output")).textContent.includes("Python was restarted"),
    );
    assert.equal(await runWidget(first), "one\n");
    // Run in one while the loop runs: the loop is stopped (a restart here), the other runs.
    // (Each turn of the loop is long, so that it is still running a second later: 150
    // million instructions of `while True: pass` take under a second in the browser.)
    await first.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state === "ready",
    );
    await loop.click("button.run");
    await loop.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state === "running",
    );
    assert.equal(await runWidget(first), "one\n");
    assert.match(
      /** @type {string} */ (await loop.textContent(".output")),
      /another example on this page started running/,
    );
    // Replaced, not added: one worker is left for the page.
    for (let tries = 0; tries < 50 && alive > 1; tries += 1) await page.waitForTimeout(200);
    assert.equal(alive, 1, `workers alive: ${alive} (at most ${mostAlive})`);
  } finally {
    await context.close();
    await app.close();
    course.close();
  }
});

test("a widget with ?step opens its program in the stepper there, and Open in Sandpiper keeps the step", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const code = encodeURIComponent("a = [1, 2]\nb = a\nb.append(3)\nprint(a)");
    await page.goto(`${env.url}embed.html?code=${code}&step=3`);
    await page.waitForSelector(".step-position", { timeout: READY_TIMEOUT });
    const position = async (/** @type {Page} */ on) => /** @type {string} */ (await on.textContent(".step-position"));
    assert.match(await position(page), /^Step 3 of \d+$/);
    assert.equal(await page.textContent(".step-sentence"), "Line 2 is next. a is [1, 2], new.");
    await page.click(".step-forward");
    assert.equal(await page.textContent(".step-sentence"), "Line 3 is next. b is [1, 2], new, the same object as a.");
    assert.equal(await page.locator(".objects .object").count(), 1, "a and b share one box");
    assert.equal(await page.locator(".step-link").count(), 0, "a widget's link is Open in Sandpiper");

    const [app] = await Promise.all([context.waitForEvent("page"), page.click("button.open-in-app")]);
    await app.waitForSelector("#tab-steps[aria-selected='true']", { timeout: READY_TIMEOUT });
    assert.match(await position(app), /^Step 4 of \d+$/);
    assert.equal(await app.textContent(".step-sentence"), "Line 3 is next. b is [1, 2], new, the same object as a.");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("grouped widgets share one namespace, say which block to run first, and run the ones above on request", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "en-US" });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(env.url + "embed-demo.html");
    const frames = await waitForWidgets(page, 13);
    const [first, , , , , , , , definition, use] = frames;
    // Only the lower widget of the group has something above it to run.
    assert.equal(await definition.$("button.run-above"), null);
    assert.equal(await use.textContent("button.run-above"), "Run the ones above first");

    // Run on its own, the second block does not know the first's function, and its hint says
    // which block defines it.
    assert.match(await runWidget(use), /NameError: name 'area' is not defined\n$/);
    assert.equal(
      await use.textContent(".hint-note"),
      "Hint: area is defined in example 1 above, which has not run yet. Run it first, or press Run the ones above first.",
    );
    // The button runs the first block, then this one, in the group's namespace.
    await use.click("button.run-above");
    await use.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state !== "running",
      null,
      { timeout: READY_TIMEOUT },
    );
    assert.equal(await outputText(use), "12\n");

    // Run in page order by hand, the second uses what the first defined.
    await setWidgetCode(page, definition, "def area(width, height):\n    return width * height * 2");
    assert.equal(await runWidget(definition), "");
    assert.equal(await runWidget(use), "24\n");

    // Other widgets, grouped or not, do not see the group's names.
    await setWidgetCode(page, first, "print(area(1, 1))");
    assert.match(await runWidget(first), /NameError: name 'area' is not defined\n$/);
    assert.doesNotMatch((await first.textContent(".hint-note")) ?? "", /example/, "no group, no examples above");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
