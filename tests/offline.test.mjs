// @ts-check
// Offline use: the service worker keeps a copy of the build after one visit, the app
// reloads and runs with the server gone, and a new build replaces the copy when asked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outputText, run, setCode, startBrowser, waitForStatus } from "./browser.mjs";
import { startServer } from "../scripts/serve-dist.mjs";

/** @type {import("./browser.mjs").Env} */
let env;
/** @type {string} */
let copy;
before(async () => {
  env = await startBrowser();
  // A copy of dist/ this test may change (a "new release") without touching the others'.
  copy = await mkdtemp(join(tmpdir(), "sandpiper-offline-"));
  await cp(new URL("../dist", import.meta.url).pathname, copy, { recursive: true });
});
after(async () => {
  await env?.close();
  if (copy) await rm(copy, { recursive: true, force: true });
});

/// Waits until the page is controlled by the service worker, whose cache is then complete
/// (a service worker activates only after its install, the caching, succeeded).
/** @param {import("./browser.mjs").Page} page */
async function waitForOfflineCopy(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith("sandpiper-")));
}

/** @param {string} url */
async function openFresh(url) {
  const context = await env.browser.newContext();
  const page = /** @type {import("./browser.mjs").AppPage} */ (await context.newPage());
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  await page.goto(url);
  await waitForStatus(page, /^Ready$/);
  return { context, page };
}

test("after one visit the app reloads and runs Python with the server stopped and no network", async () => {
  const server = await startServer(copy);
  const { context, page } = await openFresh(server.url + "?time=20");
  try {
    const caches = await waitForOfflineCopy(page);
    assert.equal(caches.length, 1, `one versioned cache, got ${caches}`);
    await server.close();
    await context.setOffline(true);
    // The settings in the address do not stop the cached page from being found.
    await page.goto(server.url + "?time=25");
    await waitForStatus(page, /^Ready$/);
    assert.ok(await page.isVisible(".status-bar .offline"), "the status bar says the app is offline");
    // fractions is a bundle outside the runtime, saved with the rest of the build.
    await setCode(page, "import json, fractions\nprint(json.dumps({'sum': sum(range(10))}), fractions.Fraction(2, 4))\n");
    assert.match(await run(page), /^Finished/);
    assert.equal(await outputText(page), '{"sum": 45} 1/2\n');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("a new build shows Update ready; the update keeps the code and replaces the old copy", async () => {
  const server = await startServer(copy);
  const { context, page } = await openFresh(server.url);
  try {
    const [oldCache] = await waitForOfflineCopy(page);
    await setCode(page, "print('kept across the update')\n");
    assert.equal(await page.isVisible(".status-bar button.update"), false);
    // A new release: any changed file is a new version in the service worker.
    const workerPath = join(copy, "service-worker.js");
    const worker = await readFile(workerPath, "utf8");
    await writeFile(workerPath, worker.replace(/"version":"[0-9a-f]+"/, '"version":"0000000000000001"'));
    await page.evaluate(async () =>
      /** @type {ServiceWorkerRegistration} */ (await navigator.serviceWorker.getRegistration()).update(),
    );
    await page.waitForSelector(".status-bar button.update", { timeout: 60_000 });
    await Promise.all([page.waitForNavigation(), page.click(".status-bar button.update")]);
    await waitForStatus(page, /^Ready$/);
    const cacheNames = await page.evaluate(async () => caches.keys());
    assert.deepEqual(cacheNames, ["sandpiper-0000000000000001"], `the old copy (${oldCache}) is gone`);
    assert.match(await run(page), /^Finished/);
    assert.equal(await outputText(page), "kept across the update\n");
  } finally {
    await context.close();
    await server.close();
  }
});
