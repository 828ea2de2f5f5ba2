// @ts-check
// The demo page's widgets, for the browser tests that drive them.
import { READY_TIMEOUT, outputText } from "./browser.mjs";
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").Frame} Frame */

/// The widget frames of the demo page, in page order.
/** @param {Page} page */
export async function widgetFrames(page) {
  const handles = await page.$$("iframe.sandpiper-widget");
  // An iframe's element handle always has a frame.
  return /** @type {Promise<Frame[]>} */ (Promise.all(handles.map((handle) => handle.contentFrame())));
}

/** @param {Page} page @param {number} count */
export async function waitForWidgets(page, count) {
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll("iframe.sandpiper-widget").length === count &&
      [.../** @type {NodeListOf<HTMLIFrameElement>} */ (document.querySelectorAll("iframe.sandpiper-widget"))].every(
        (f) => f.style.visibility === "",
      ) &&
      [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-sandpiper-upgraded]"))].every(
        (block) => block.hidden,
      ),
    count,
    { timeout: READY_TIMEOUT },
  );
  const frames = await widgetFrames(page);
  for (const frame of frames) {
    await frame.waitForFunction(
      () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state === "ready",
      null,
      { timeout: READY_TIMEOUT },
    );
  }
  return frames;
}

/** @param {Frame} frame */
export async function widgetState(frame) {
  return frame.$eval(".status-bar", (bar) => /** @type {HTMLElement} */ (bar).dataset.state);
}

/** @param {Page} page @param {Frame} frame @param {string} code */
export async function setWidgetCode(page, frame, code) {
  await frame.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/// Clicks Run and waits until the widget's run is over; returns its output.
/** @param {Frame} frame */
export async function runWidget(frame) {
  await frame.click("button.run");
  await frame.waitForFunction(
    () => /** @type {HTMLElement} */ (document.querySelector(".status-bar")).dataset.state !== "running",
    null,
    { timeout: READY_TIMEOUT },
  );
  return outputText(frame);
}

