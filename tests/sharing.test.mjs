// @ts-check
// Share links, and programs downloaded to and opened from disk, in headless Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openApp, outputText, run, setCode, startBrowser, waitForStatus } from "./browser.mjs";
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

/// The whole program as the app saved it (the editor renders only the visible lines).
/** @param {Page} page */
function savedCode(page) {
  return page.evaluate(() => localStorage.getItem("sandpiper.code"));
}

/** @param {Page} page */
async function noticeText(page) {
  return (await page.textContent(".notice .notice-text")) ?? "";
}

/// A program of about 20 KB with Unicode and tabs that prints something checkable.
function longProgram() {
  const lines = ["words = []", "for i in range(3):", "\twords.append('héllo wörld ✓ 🐍 ' * (i + 1))"];
  for (let i = 0; lines.join("\n").length < 20_000; i += 1) {
    lines.push(`# ${i}: 中文 ελληνικά — tabs\tand\tmore\ttabs ${"=".repeat(i % 40)}`);
  }
  lines.push("print('\\t'.join(words))", "print(len(words[2]))");
  return lines.join("\n") + "\n";
}

/** @param {Page} page */
async function share(page) {
  await page.click("button.share");
  await page.waitForFunction(() => document.querySelector(".notice-text")?.textContent.startsWith("Link copied"));
  return page.inputValue(".notice .share-link");
}

/// The link another visitor's Share makes for `code` (in a context of their own).
/** @param {string} code */
async function linkMadeByAnotherVisitor(code) {
  const sharer = await openApp(env);
  await setCode(sharer, code);
  await sharer.context().grantPermissions(["clipboard-write"], { origin: env.url });
  const link = await share(sharer);
  await sharer.context().close();
  return link;
}

test("a share link round-trips 20 KB of code with Unicode and tabs, and copies itself", async () => {
  const code = longProgram();
  assert.ok(code.length >= 20_000);
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.url });
  const page = await openApp(env, { context });
  await setCode(page, code);
  const link = await share(page);
  assert.ok(link.startsWith(env.url + "#code="), link);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await context.close();

  // A visitor with nothing saved: the link's program, run as CPython runs it.
  const visitor = await openApp(env, { query: link.slice(env.url.length) });
  assert.equal(await savedCode(visitor), code);
  assert.equal(await visitor.isVisible(".notice"), false, "nothing was set aside, nothing to say");
  assert.equal(new URL(visitor.url()).hash, "", "a reload shows the saved program, not the link again");
  assert.match(await run(visitor), /^Finished/);
  const expected = (await cpython(code)).stdout;
  assert.equal(await outputText(visitor), expected);
  await visitor.context().close();
});

test("opening a link keeps the visitor's own program, and both can be switched between", async () => {
  const page = await openApp(env);
  await setCode(page, "print('mine')\n");
  const link = await linkMadeByAnotherVisitor("print('shared')\n");

  await page.goto(link);
  await waitForStatus(page, /^Ready$/);
  assert.equal(await savedCode(page), "print('shared')\n");
  assert.match(await noticeText(page), /set aside, not lost/);
  await page.click(".notice button.swap");
  assert.equal(await savedCode(page), "print('mine')\n");
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "mine\n");
  await page.click(".notice button.swap");
  assert.equal(await savedCode(page), "print('shared')\n");
  // A link pasted into the address bar of the open app is opened too.
  await setCode(page, "print('edited')\n");
  await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
  await page.waitForFunction(() => localStorage.getItem("sandpiper.code") === "print('shared')\n");
  await page.click(".notice button.swap");
  assert.equal(await savedCode(page), "print('edited')\n");
  // Two replacements in a row lose nothing: every program set aside is kept.
  const setAside = await page.evaluate(() =>
    JSON.parse(/** @type {string} */ (localStorage.getItem("sandpiper.code.set-aside"))),
  );
  assert.deepEqual(setAside, ["print('mine')\n", "print('shared')\n"]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("malformed and cut-short links say so and keep the saved program", async () => {
  const page = await openApp(env);
  await setCode(page, "print('still here')\n");
  const link = await linkMadeByAnotherVisitor("print('a long enough program to cut in half ' * 3)\n");
  const cut = link.slice(0, link.length - 10);
  for (const bad of ["#code=%%%not-base64", "#code=AAAAAAAA", cut.slice(env.url.length)]) {
    await page.goto(env.url + "?x=" + bad.length + bad);
    await waitForStatus(page, /^Ready$/);
    assert.equal(await page.getAttribute(".notice", "role"), "alert", bad);
    assert.match(await noticeText(page), /^This share link cannot be opened: .+\. Your own program is shown instead\.$/);
    assert.equal(await savedCode(page), "print('still here')\n", bad);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("Download saves main.py; Open adds a .py file that can become main.py, and refuses a binary one", async () => {
  const page = await openApp(env);
  const code = "print('from disk: ünïcode')\n";
  await setCode(page, code);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("button.download")]);
  assert.equal(download.suggestedFilename(), "main.py");
  assert.equal(await readFile(await download.path(), "utf8"), code);

  await page.setInputFiles("input.open-file", {
    name: "lesson.py",
    mimeType: "text/x-python",
    buffer: Buffer.from("\ufeffprint(6 * 7)\r\n", "utf8"),
  });
  await page.waitForSelector(".notice button.make-main");
  assert.equal(await noticeText(page), "Added lesson.py. Run starts main.py: import it there, or make it main.py.");
  await page.click(".notice button.make-main");
  await page.waitForFunction(() => localStorage.getItem("sandpiper.code")?.startsWith("print(6 * 7)"));
  assert.match(await noticeText(page), /^lesson\.py is now main\.py\. The program it replaced is set aside, not lost\.$/);
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "42\n");

  await page.setInputFiles("input.open-file", {
    name: "picture.png",
    mimeType: "image/png",
    buffer: await readFile(new URL("../www/icon-192.png", import.meta.url)),
  });
  await page.waitForSelector(".notice.error");
  assert.match(await noticeText(page), /^picture\.png is not a text file \(UTF-8\), so it was not added\.$/);
  assert.match(/** @type {string} */ (await savedCode(page)), /^print\(6 \* 7\)/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a link to a step opens the program in the stepper at that step, in a fresh profile", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-write"], { origin: env.url });
  const page = await openApp(env, { context });
  const code = "total = 0\nfor n in [4, 5, 6]:\n    total += n\nprint(total)\n";
  await setCode(page, code);
  await page.click("button.step");
  await page.waitForSelector(".step-position");
  for (let i = 0; i < 5; i += 1) await page.click(".step-forward");
  const at = await page.textContent(".step-position");
  const sentence = await page.textContent(".step-sentence");
  await page.click(".step-link");
  await page.waitForFunction(() => document.querySelector(".notice-text")?.textContent.startsWith("Link copied"));
  assert.match(await noticeText(page), /in the stepper at step 6 /);
  const link = await page.inputValue(".notice .share-link");
  assert.match(link, /#code=[\w-]+&step=6$/);
  await context.close();

  // The link steps through the program as the page opens: the status is the run's.
  const visitor = await openApp(env, { query: link.slice(env.url.length), status: /^Finished/ });
  await visitor.waitForSelector("#tab-steps[aria-selected='true']");
  assert.equal(await visitor.textContent(".step-position"), at);
  assert.equal(await visitor.textContent(".step-sentence"), sentence);
  assert.equal(await savedCode(visitor), code);
  assert.deepEqual(visitor.errors, []);
  await visitor.context().close();
});
