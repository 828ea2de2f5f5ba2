// @ts-check
// The worker's first interpreter is built at build time and kept in the wasm's memory
// (scripts/snapshot-worker.mjs). Every page must still get its own random numbers and the
// page's clocks (Stop and input(), which the page attaches, are tested in interactive.test.mjs).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openApp, outputText, run, setCode, startBrowser } from "./browser.mjs";

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

const RANDOMNESS = "import random, os\nprint(random.random(), os.urandom(8).hex(), random.randrange(10**12))\n";

test("two page loads draw different random numbers", async () => {
  const outputs = [];
  for (let load = 0; load < 2; load += 1) {
    const page = await openApp(env);
    await setCode(page, RANDOMNESS);
    assert.match(await run(page), /^Finished/);
    outputs.push(await outputText(page));
    assert.match(/** @type {string} */ (outputs.at(-1)), /^0\.\d+ [0-9a-f]{16} \d+\n$/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  const [first, second] = outputs.map((output) => output.trim().split(" "));
  first.forEach((value, index) => assert.notEqual(value, second[index], `both loads printed ${value}`));
});

test("the interpreter's clocks are the page's", async () => {
  const page = await openApp(env);
  const now = Date.now() / 1000;
  await setCode(page, `import time\nt = time.perf_counter()\ntime.sleep(0.2)\nprint(0.2 <= time.perf_counter() - t < 2, abs(time.time() - ${now}) < 60)\n`);
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "True True\n");
  await page.context().close();
});
