// @ts-check
// Two builds of the app side by side, for weighing one lever (bench/LEVERS.md): cold and
// warm start to ready, interleaved so that both see the same machine, medians printed.
//   node bench/compare.mjs REPETITIONS DIST_A DIST_B     (folders as `sh scripts/build.sh` writes dist/)
// Cold: a new browser context per load. Warm: one profile per build, loaded once, then
// reloaded (cache and service worker warm).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS } from "../tests/browser.mjs";
import { startBenchServer } from "./server.mjs";

const [repetitions, ...dists] = process.argv.slice(2);
if (dists.length !== 2) throw new Error("usage: node bench/compare.mjs REPETITIONS DIST_A DIST_B");
const ready = () =>
  /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state === "ready";
/** @param {import("playwright-core").Page} page */
const readyAfter = async (page) => {
  await page.waitForFunction(ready, null, { timeout: 180_000, polling: "raf" });
  return page.evaluate(() => performance.now());
};
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** @param {number} ms */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const builds = [];
for (const dist of dists) {
  const server = await startBenchServer({ "/app/": dist });
  const profile = mkdtempSync(join(tmpdir(), "sandpiper-compare-"));
  const warm = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS });
  const page = warm.pages()[0] ?? (await warm.newPage());
  await page.goto(`${server.url}/app/`);
  await readyAfter(page); // also makes the server compress each file once
  /** @type {number[]} */
  const cold = [];
  /** @type {number[]} */
  const warmMs = [];
  builds.push({ dist, server, profile, warm, page, cold, warmMs });
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
await pause(5000); // the service workers finish caching
for (let i = 0; i < Number(repetitions); i += 1) {
  for (const build of builds) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${build.server.url}/app/`);
    build.cold.push(await readyAfter(page));
    await context.close();
    await build.page.reload();
    build.warmMs.push(await readyAfter(build.page));
    await pause(1500);
  }
}
for (const build of builds) {
  const list = (/** @type {number[]} */ values) => values.map((ms) => ms.toFixed(0)).join(" ");
  console.log(`${build.dist}\n  cold: median ${median(build.cold).toFixed(0)} ms (${list(build.cold)})`);
  console.log(`  warm: median ${median(build.warmMs).toFixed(0)} ms (${list(build.warmMs)})`);
  await build.warm.close();
  build.server.close();
  rmSync(build.profile, { recursive: true, force: true });
}
await browser.close();
