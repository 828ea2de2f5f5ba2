// @ts-check
// The run lifecycle where a student meets it before Python is ready: Run pressed while the
// runtime still downloads runs the program as soon as it can, once; Stop takes it back.
// (Every other path of the lifecycle is unit-tested natively: src/run_machine/tests.rs.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { outputText, setCode, startBrowser, statusText, waitForIdle, waitForStatus } from "./browser.mjs";

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

const QUEUED = /· your program runs when Python is ready$/;

/// Opens the app with the runtime's download held back until `release()` is called, as on a
/// slow network; resolves once the editor is there.
async function openWhileLoading() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  /** @type {() => void} */
  let release = () => {};
  const released = new Promise((resolve) => (release = () => resolve(undefined)));
  await context.route("**/sandpiper-worker_bg.wasm", async (route) => {
    await released;
    await route.continue().catch(() => {});
  });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.locator(".cm-content").waitFor();
  assert.match(await statusText(page), /^(Loading|Starting) Python…/);
  return { context, page, release };
}

test("Run pressed while Python loads runs the program once, as soon as Python is ready", async () => {
  const { context, page, release } = await openWhileLoading();
  await setCode(page, 'print("ran after loading")\n');
  assert.equal(await page.isEnabled("button.run"), true);
  await page.click("button.run");
  await waitForStatus(page, QUEUED);
  // A second press, and the keyboard shortcut, queue nothing more.
  await page.click("button.run");
  await page.click(".cm-content");
  await page.keyboard.press("Control+Enter");
  assert.match(await statusText(page), QUEUED);
  release();
  await waitForStatus(page, /^Finished · /);
  await waitForIdle(page);
  assert.equal(await outputText(page), "ran after loading\n");
  await context.close();
});

test("Stop takes back a run waiting for Python", async () => {
  const { context, page, release } = await openWhileLoading();
  await setCode(page, 'print("never")\n');
  await page.click("button.run");
  await waitForStatus(page, QUEUED);
  assert.equal(await page.isEnabled("button.stop"), true);
  await page.click("button.stop");
  assert.doesNotMatch(await statusText(page), QUEUED);
  release();
  await waitForStatus(page, /^Ready$/);
  assert.equal(await outputText(page), "");
  await context.close();
});
