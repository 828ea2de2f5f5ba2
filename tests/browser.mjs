// @ts-check
// Shared set-up for the browser tests (and the benchmark, bench/harness.mjs): the built dist/
// served on localhost with COOP/COEP, Debian's Chromium driven by playwright-core, and
// helpers that act as a student would.
import { chromium } from "playwright-core";
import { startServer } from "../scripts/serve-dist.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// Flags for a machine with no internet: no background traffic, no first-run work.
export const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const READY_TIMEOUT = 90_000;

/** @typedef {import("playwright-core").Page} Page */
/** @typedef {Awaited<ReturnType<typeof startBrowser>>} Env the served dist/ and the browser */
/** @typedef {Page & { errors: string[] }} AppPage a page that records its uncaught errors */

export async function startBrowser() {
  const server = await startServer(new URL("../dist", import.meta.url).pathname);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/// Opens the app in a fresh context (its own storage) and waits until Python is ready.
/**
 * @param {Env} env
 * @param {{ query?: string, context?: import("playwright-core").BrowserContext, status?: RegExp }} [options]
 *   `status`: the status to wait for (Ready, unless the page runs something as it opens)
 * @returns {Promise<AppPage>}
 */
export async function openApp(env, { query = "", context, status = /^Ready$/ } = {}) {
  const ctx = context ?? (await env.browser.newContext({ viewport: { width: 1280, height: 800 } }));
  const page = /** @type {AppPage} */ (await ctx.newPage());
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  await page.goto(env.url + query);
  await waitForStatus(page, status);
  return page;
}

/** @param {Page} page */
export async function statusText(page) {
  return (await page.textContent(".status-bar .status")) ?? "";
}

/** @param {Page} page @param {RegExp} pattern */
export async function waitForStatus(page, pattern, timeout = READY_TIMEOUT) {
  await page.waitForFunction(
    ([source, flags]) =>
      new RegExp(source, flags).test(document.querySelector(".status-bar .status")?.textContent ?? ""),
    [pattern.source, pattern.flags],
    { timeout },
  );
}

/// Replaces the editor's text the way a paste would (no auto-indent, no auto-close).
/** @param {Page} page @param {string} code */
export async function setCode(page, code) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** @param {Page} page */
export async function editorText(page) {
  return page.$$eval(".cm-content .cm-line", (lines) => lines.map((l) => l.textContent).join("\n"));
}

/// What the output pane shows, without the REPL's prompt line that waits under it.
/** @param {Page | import("playwright-core").Frame} page */
export async function outputText(page) {
  return page.evaluate(() => {
    const copy = document.querySelector(".output")?.cloneNode(true);
    if (!(copy instanceof Element)) return "";
    copy.querySelectorAll(".repl-line").forEach((line) => line.remove());
    return copy.textContent ?? "";
  });
}

/// Waits until no program runs (the status bar's state is `ready` or `failed`).
/** @param {Page} page */
export async function waitForIdle(page, timeout = READY_TIMEOUT) {
  await page.waitForFunction(
    () =>
      ["ready", "failed"].includes(
        /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state ?? "",
      ),
    null,
    { timeout },
  );
}

/// Runs the editor's program and waits until the run is over; returns the status text.
/** @param {Page} page */
export async function run(page, timeout = READY_TIMEOUT) {
  await page.click("button.run");
  await waitForIdle(page, timeout);
  return statusText(page);
}
