// @ts-check
// Accessibility: axe-core's WCAG 2.0 and 2.1 rules, levels A and AA, on the app in the light
// and the dark colour scheme after a run that ends in a traceback (the Output tab and then the
// Bytecode tab shown), and on the embed demo page with its widgets loaded. A violation whose
// impact is serious or critical fails the test; lesser ones are reported.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { READY_TIMEOUT, openApp, outputText, run, setCode, startBrowser } from "./browser.mjs";

const AXE_SOURCE = await readFile(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = ["serious", "critical"];
// A program whose run ends in a traceback, which marks its line in the editor. It has each
// kind of token the editor colours, on the marked line too (an f-string, an escape, numbers,
// names, None), and a comment, keywords and a definition on the lines before it.
const FAILING_PROGRAM = [
  "# Totals of a shopping list",
  "def total_of(prices, rounded=True):",
  "    return sum(p for p in prices if p > 0)",
  'label = "Total:"',
  'print(f"{label}\\t{total_of([3.5]):.2f}", None, total_of([]) / len([]))',
  "",
].join("\n");

/** @typedef {import("playwright-core").Page} Page */
/** @typedef {{ id: string, impact: string, help: string, nodes: { target: string, summary: string }[] }} Violation */

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/// Runs axe-core on the page as it is now (and on its frames, which get axe too) and
/// returns the violations of the WCAG 2.1 A and AA rules.
/** @param {Page} page @returns {Promise<Violation[]>} */
async function axeViolations(page) {
  for (const frame of page.frames()) await frame.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const { axe } = /** @type {{ axe: typeof import("axe-core") }} */ (/** @type {unknown} */ (window));
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: JSON.stringify(node.target),
        summary: node.failureSummary ?? "",
      })),
    }));
  }, TAGS);
}

/// Reports every violation (as test diagnostics) and fails on the serious and critical ones,
/// naming each one's rule, what it asks and the elements that break it.
/** @param {import("node:test").TestContext} t @param {string} where @param {Violation[]} violations */
function assertNoSeriousViolations(t, where, violations) {
  /** @param {Violation} violation */
  const describe = (violation) => [
    `${violation.id} (${violation.impact}): ${violation.help}`,
    ...violation.nodes.map((node) => `  ${node.target}: ${node.summary.replace(/\s*\n\s*/g, " ")}`),
  ];
  for (const violation of violations) for (const line of describe(violation)) t.diagnostic(`${where}: ${line}`);
  const failing = violations.filter((violation) => FAILING_IMPACTS.includes(violation.impact));
  assert.equal(failing.length, 0, `${where}:\n${failing.flatMap(describe).join("\n")}`);
}

/// Runs the failing program on the app and checks both result tabs.
/** @param {import("node:test").TestContext} t @param {Page} page @param {string} scheme */
async function checkAppAfterATraceback(t, page, scheme) {
  await setCode(page, FAILING_PROGRAM);
  assert.match(await run(page), /^ZeroDivisionError on line 5/);
  assert.match(await outputText(page), /ZeroDivisionError: division by zero\n$/);
  assert.equal(await page.locator(".cm-line.cm-error-line").count(), 1, "the error line is marked");

  await page.click("#tab-output");
  await page.locator("#tab-output-panel").waitFor();
  assertNoSeriousViolations(t, `app, ${scheme}, Output tab`, await axeViolations(page));

  await page.click("#tab-bytecode");
  await page.locator("#tab-bytecode-panel .code-object").first().waitFor();
  // Hovering a line's instructions highlights them and the line in the editor.
  await page.locator('#tab-bytecode-panel .line-group[data-line="3"]').first().hover();
  assert.equal(await page.locator(".cm-line.cm-hover-line").count(), 1, "the hovered line is highlighted");
  assertNoSeriousViolations(t, `app, ${scheme}, Bytecode tab`, await axeViolations(page));
}

test("the app in the light colour scheme, after a traceback, has no serious accessibility violations", async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  try {
    const page = await openApp(env, { context });
    await checkAppAfterATraceback(t, page, "light");
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test("the app in the dark colour scheme, after a traceback, has no serious accessibility violations", async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
  try {
    const page = await openApp(env, { context });
    assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), true);
    await checkAppAfterATraceback(t, page, "dark");
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test("the embed demo page with its widgets loaded has no serious accessibility violations", async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(env.url + "embed-demo.html");
    // Loaded: every widget shown in place of its block, and each one's Python ready.
    await page.waitForFunction(
      () =>
        document.querySelectorAll("iframe.sandpiper-widget").length === 13 &&
        [.../** @type {NodeListOf<HTMLIFrameElement>} */ (document.querySelectorAll("iframe.sandpiper-widget"))].every(
          (frame) => frame.style.visibility === "",
        ),
      null,
      { timeout: READY_TIMEOUT },
    );
    for (const frame of page.frames().slice(1)) {
      await frame.waitForFunction(
        () => /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state === "ready",
        null,
        { timeout: READY_TIMEOUT },
      );
    }
    assertNoSeriousViolations(t, "embed demo", await axeViolations(page));
  } finally {
    await context.close();
  }
});
