// @ts-check
// The stepper in headless Chromium: Step records a run and opens the Steps tab, the
// timeline moves by button, keyboard, slider and line, by line, expression or instruction,
// and each step shows the editor's marked lines (or expression), the call stack with variables, the objects they refer to (boxes and
// arrows) and the output as it was (the last step's output is what CPython 3.14 prints).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openApp, setCode, startBrowser, waitForIdle } from "./browser.mjs";
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

const PROGRAM = `def average(xs):
    total = 0
    for x in xs:
        total += x
    return total / len(xs)

marks = [90, 85]
print("average", average(marks))
print(average([]))
`;

/** @param {Page} page */
async function shown(page) {
  return page.evaluate(() => {
    const text = (/** @type {string} */ selector) => document.querySelector(selector)?.textContent ?? "";
    return {
      position: text(".step-position"),
      sentence: text(".step-sentence"),
      next: text(".cm-step-next"),
      ran: text(".cm-step-ran"),
      span: [...document.querySelectorAll(".cm-step-span")].map((mark) => mark.textContent).join(""),
      statement: text(".evaluated-statement"),
      value: text(".evaluated-statement .current-value"),
      frames: [...document.querySelectorAll(".frame")].map((frame) => ({
        title: frame.querySelector("h3")?.textContent ?? "",
        variables: [...frame.querySelectorAll(".variables tr")].map((row) => [
          row.querySelector("th")?.textContent,
          row.querySelector("td")?.textContent,
        ]),
      })),
      objects: [...document.querySelectorAll(".objects .object")].map((box) => ({
        name: box.querySelector(".object-name")?.textContent ?? "",
        cells: [...box.querySelectorAll(".cells li, .entries tr")].map((cell) => cell.textContent),
      })),
      exception: text(".step-exception"),
      stack: [...document.querySelectorAll(".value-stack li")].map((item) => item.textContent),
      current: [...document.querySelectorAll(".instruction-box .current-instruction td")].map((cell) => cell.textContent),
      marked: [...document.querySelectorAll("#tab-bytecode-panel .current-instruction td.offset")].map(
        (cell) => cell.textContent,
      ),
      output: text(".step-transcript"),
    };
  });
}

/** Step N of M, as numbers. @param {Page} page */
async function position(page) {
  const match = /^Step ([\d,]+) of ([\d,]+)/.exec((await shown(page)).position);
  assert.ok(match, "no step position shown");
  return match.slice(1).map((n) => Number(n.replaceAll(",", "")));
}

/** Puts the editor's cursor on `line`. @param {Page} page @param {number} line */
async function cursorToLine(page, line) {
  await page.locator(".cm-content .cm-line").nth(line - 1).click();
}

test("Step records the run and goes through it by button, key, slider and line", async () => {
  const page = await openApp(env);
  await setCode(page, PROGRAM);
  await page.click("button.step");
  await waitForIdle(page);
  await page.waitForSelector("#tab-steps[aria-selected='true']");
  const [first, total] = await position(page);
  assert.equal(first, 1);
  let view = await shown(page);
  assert.equal(view.sentence, "The program starts.");
  assert.deepEqual(view.frames.map((frame) => frame.title), ["Global frame"]);

  // Forward by button, then by the arrow key with the focus kept on the controls.
  await page.click(".step-forward");
  view = await shown(page);
  assert.equal(view.sentence, "Line 1 is next.");
  assert.equal(view.next, "def average(xs):");
  await page.focus(".step-forward");
  await page.keyboard.press("ArrowRight");
  view = await shown(page);
  assert.equal(view.sentence, "Line 7 is next. average is <function average>, new.");
  assert.equal(view.next, "marks = [90, 85]");
  assert.equal(view.ran, "def average(xs):");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "step-forward");
  await page.keyboard.press("ArrowLeft");
  assert.equal((await position(page))[0], 2);

  // Run to line 4 (the loop body): two frames, the function's with its variables.
  await cursorToLine(page, 4);
  await page.click(".step-line-next");
  view = await shown(page);
  assert.equal(view.next, "        total += x");
  assert.deepEqual(
    view.frames.map((frame) => frame.title),
    ["average · line 4", "Global frame · line 8"],
  );
  assert.deepEqual(view.frames[0].variables, [
    ["xs", "refers to list #1"],
    ["total", "0"],
    ["x", "90"],
  ]);
  assert.deepEqual(view.frames[1].variables[1], ["marks", "refers to list #1"]);
  assert.deepEqual(view.objects, [{ name: "list #1", cells: ["090", "185"] }]);
  await page.click(".step-line-next");
  view = await shown(page);
  assert.deepEqual(view.frames[0].variables[1], ["total", "90"]);
  assert.equal(view.sentence, "Line 4 of average is next. x becomes 85, was 90.");
  await page.click(".step-line-previous");
  assert.deepEqual((await shown(page)).frames[0].variables[1], ["total", "0"]);
  assert.equal(await page.locator(".cm-error-line").count(), 0, "the error mark hides while stepping");

  // By instruction: the line's first instruction, marked among the line's and in the
  // Bytecode tab, the value stack, and what each instruction does.
  await page.click(".step-by-instruction");
  view = await shown(page);
  assert.match(view.position, /^Instruction [\d,]+ of [\d,]+$/);
  assert.equal(view.next, "        total += x");
  const [offset, opname] = view.current;
  assert.ok(opname, "no current instruction shown");
  assert.deepEqual(view.marked, [offset]);
  assert.ok(view.sentence.startsWith(opname), view.sentence);
  const depth = view.stack.length;
  await page.click(".step-forward");
  view = await shown(page);
  assert.ok(view.stack.length > depth, "a line of `total += x` starts by loading values");
  assert.notEqual(view.current[0], offset);
  await page.click(".step-by-line");
  view = await shown(page);
  assert.equal(view.sentence, "Line 4 of average is next. x is 90, new.");
  assert.deepEqual(view.stack, []);

  // The last step: the program ended with the exception; its output is CPython's.
  await page.click(".step-last");
  assert.deepEqual(await position(page), [total, total]);
  view = await shown(page);
  assert.equal(view.sentence, "The program ends.");
  const reference = await cpython(PROGRAM);
  assert.equal(view.output, reference.stdout);
  assert.match(reference.stderr, /ZeroDivisionError: division by zero/);

  // The slider moves to any step, by pointer or by its own keys.
  await page.locator(".step-slider").fill("0");
  assert.equal((await position(page))[0], 1);
  assert.equal((await shown(page)).output, "Nothing yet.");
  await page.keyboard.press("End");
  assert.equal((await position(page))[0], total);

  // The step where the exception is raised says so and shows it.
  await cursorToLine(page, 5);
  await page.click(".step-line-previous");
  view = await shown(page);
  assert.equal(view.next, "    return total / len(xs)");
  await page.click(".step-forward");
  view = await shown(page);
  assert.equal(view.sentence, "Line 5 of average raises ZeroDivisionError('division by zero').");
  assert.equal(view.exception, "ZeroDivisionError('division by zero')");
  assert.equal(view.output, "average 87.5\n");

  // Run is a plain run again, and closes the stepper.
  await page.click("button.run");
  await waitForIdle(page);
  assert.equal(await page.locator(".step-position").count(), 0);
  assert.equal(await page.locator(".cm-step-next").count(), 0);
  assert.deepEqual(page.errors, []);
});

test("by expression: each value where it was computed, its statement evaluated so far, by keyboard", async () => {
  const program = `def area(w, h):
    return w * h

size = 3
room = area(size + 1, 2) * 10
print(f"{room} m²")
`;
  const page = await openApp(env);
  await setCode(page, program);
  await page.click("button.step");
  await waitForIdle(page);
  await page.waitForSelector("#tab-steps[aria-selected='true']");
  await cursorToLine(page, 5);
  await page.click(".step-line-next");
  await page.click(".step-by-expression");
  assert.equal(await page.getAttribute(".step-by-expression", "aria-pressed"), "true");
  /** Moves forward by the arrow key until the sentence is `sentence`. @param {string} sentence */
  const forwardTo = async (sentence) => {
    for (let tries = 0; tries < 12; tries += 1) {
      const view = await shown(page);
      if (view.sentence === sentence) return view;
      await page.keyboard.press("ArrowRight");
    }
    assert.fail(`never said ${JSON.stringify(sentence)}; last: ${(await shown(page)).sentence}`);
  };
  /** @param {Awaited<ReturnType<typeof shown>>} view */
  const titles = (view) => view.frames.map((frame) => frame.title);
  await page.focus(".step-forward");
  let view = await forwardTo("Line 5: size + 1 evaluates to 4.");
  assert.match(view.position, /^Expression \d+ of \d+$/);
  assert.equal(view.span, "size + 1");
  assert.equal(view.statement, "room = area(4, 2) * 10");
  assert.equal(view.value, "4");
  // Into the call: the function's own expressions, in its frame.
  view = await forwardTo("Line 2: w * h evaluates to 8.");
  assert.equal(view.statement, "return 8");
  assert.deepEqual(titles(view), ["area · line 2", "Global frame · line 5"]);
  // Back in the module: the call's value replaces the call, then the product it.
  view = await forwardTo("Line 5: area(size + 1, 2) evaluates to 8.");
  assert.equal(view.statement, "room = 8 * 10");
  assert.deepEqual(titles(view), ["Global frame · line 5"]);
  view = await forwardTo("Line 5: area(size + 1, 2) * 10 evaluates to 80.");
  assert.equal(view.statement, "room = 80");
  assert.equal(view.span, "area(size + 1, 2) * 10");
  await page.keyboard.press("ArrowLeft");
  assert.equal((await shown(page)).statement, "room = 8 * 10");
  // A span after a character of two UTF-8 bytes is marked where it is.
  view = await forwardTo("Line 6: f\"{room} m²\" evaluates to '80 m²'.");
  assert.equal(view.span, 'f"{room} m²"');
  assert.equal(view.statement, "print('80 m²')");
  // The instruction view opens at the instruction that sees the value on the stack.
  await page.click(".step-by-instruction");
  assert.equal((await shown(page)).stack.at(-1), "'80 m²'");
  await page.click(".step-by-expression");
  assert.equal((await shown(page)).sentence, "Line 6: f\"{room} m²\" evaluates to '80 m²'.");
  await page.click(".step-last");
  assert.equal((await shown(page)).output, (await cpython(program)).stdout);
  // Lines again: no span marked.
  await page.click(".step-by-line");
  assert.equal(await page.locator(".cm-step-span").count(), 0);
  assert.deepEqual(page.errors, []);
});

test("input() answered during Step becomes part of the recording", async () => {
  const page = await openApp(env);
  await setCode(page, 'name = input("Name? ")\nprint("Hi", name)\n');
  await page.keyboard.press("Control+Shift+Enter");
  const field = page.locator(".output .stdin-field");
  await field.waitFor();
  await field.fill("Ada");
  await field.press("Enter");
  await waitForIdle(page);
  await page.waitForSelector("#tab-steps[aria-selected='true']");
  await page.click(".step-last");
  const view = await shown(page);
  assert.equal(view.output, "Name? Ada\nHi Ada\n");
  assert.deepEqual(view.frames[0].variables, [["name", "'Ada'"]]);
  // The step before the print: the answer is in, the greeting not yet.
  await cursorToLine(page, 2);
  await page.click(".step-line-previous");
  assert.equal((await shown(page)).output, "Name? Ada\n");
  assert.deepEqual(page.errors, []);
});

test("a run stopped by its budget shows where its steps went and what the loop did", async () => {
  const page = await openApp(env, { query: "?budget=3000000" });
  await setCode(page, "total = 0\ni = 0\nwhile i < 10:\n    total += 1\nprint(total)\n");
  await page.click("button.run");
  await waitForIdle(page);
  const heat = await page.$$eval(".cm-heat-gutter .cm-heat", (bars) =>
    bars.map((bar) => /** @type {HTMLElement} */ (bar).title),
  );
  // Samples come at the engine's check-ins, at the loop's backward jump (line 4) here.
  assert.ok(heat.length >= 1 && heat.length <= 2, `bars: ${heat}`);
  for (const title of heat) assert.match(title, /^\d+% of the samples$/);
  const note = (await page.textContent(".output .note")) ?? "";
  assert.match(note, /^Where the steps went: line [34] \(\d+%\)(, line [34] \(\d+%\))? \(the line running at each of 18[34] samples/);
  assert.match(note, /Over the last 8 samples, at line [34]: total went \d+ → … → \d+; i stayed 0\.\n$/);
  // An edit makes the map another program's: it goes.
  await page.click(".cm-content");
  await page.keyboard.press("End");
  await page.keyboard.type(" ");
  assert.equal(await page.locator(".cm-heat").count(), 0);
  assert.deepEqual(page.errors, []);
});

/**
 * Each arrow's end, and the box of the object its reference names, in page coordinates.
 * @param {Page} page
 */
async function arrows(page) {
  return page.evaluate(() => {
    const refs = [...document.querySelectorAll(".memory .ref")];
    const paths = [...document.querySelectorAll(".memory svg.arrows > path")];
    const svg = document.querySelector(".memory svg.arrows")?.getBoundingClientRect();
    return paths.map((path, at) => {
      const end = /** @type {SVGPathElement} */ (path).getPointAtLength(/** @type {SVGPathElement} */ (path).getTotalLength());
      const id = refs[at]?.getAttribute("data-ref");
      const box = document.querySelector(`.object[data-object="${id}"]`)?.getBoundingClientRect();
      return { x: end.x + (svg?.left ?? 0), y: end.y + (svg?.top ?? 0), box: box && { left: box.left, top: box.top, right: box.right, bottom: box.bottom } };
    });
  });
}

/** Waits for the arrows of the step shown (drawn on the next animation frame). @param {Page} page */
async function arrowsDrawn(page) {
  await page.waitForFunction(
    () => document.querySelectorAll(".memory svg.arrows > path").length === document.querySelectorAll(".memory .ref").length,
  );
  return arrows(page);
}

const ALIASING = `a = [1, 2]
b = a
a.append(3)
def pick(items, n):
    if n == 0:
        return items[5]
    return pick(items, n - 1)
print(a)
print(pick(b, 2))
`;

test("aliasing shows as two arrows to one box, through recursion, to the error, and back", async () => {
  const page = await openApp(env);
  await setCode(page, ALIASING);
  await page.click("button.step");
  await waitForIdle(page);
  await page.waitForSelector("#tab-steps[aria-selected='true']");

  // Line 3 is next: a and b refer to one list, drawn once with its indexed cells.
  await cursorToLine(page, 3);
  await page.click(".step-line-next");
  let view = await shown(page);
  assert.deepEqual(view.frames[0].variables, [
    ["a", "refers to list #1"],
    ["b", "refers to list #1"],
  ]);
  assert.deepEqual(view.objects, [{ name: "list #1", cells: ["01", "12"] }]);
  let drawn = await arrowsDrawn(page);
  assert.equal(drawn.length, 2);
  for (const { x, y, box } of drawn) {
    assert.ok(box, "an arrow to a box that is shown");
    assert.ok(x >= box.left - 2 && x <= box.right + 2 && y >= box.top - 2 && y <= box.bottom + 2,
      `the arrow ends at its box: (${x}, ${y}) and ${JSON.stringify(box)}`);
  }

  // One step on (by keyboard): the append shows through both names.
  await page.focus(".step-forward");
  await page.keyboard.press("ArrowRight");
  assert.deepEqual((await shown(page)).objects, [{ name: "list #1", cells: ["01", "12", "23"] }]);

  // The innermost call of the recursion: four frames, every items the same list.
  await cursorToLine(page, 6);
  await page.click(".step-line-next");
  view = await shown(page);
  assert.deepEqual(view.frames.map((frame) => frame.title), [
    "pick · line 6", "pick · line 7", "pick · line 7", "Global frame · line 9",
  ]);
  for (const frame of view.frames.slice(0, 3)) {
    assert.deepEqual(frame.variables[0], ["items", "refers to list #1"]);
  }
  assert.equal(view.objects.length, 1);
  drawn = await arrowsDrawn(page);
  assert.equal(drawn.length, 5, "a, b and three items");

  // The error, then back by keyboard to before the append.
  await page.focus(".step-forward");
  await page.keyboard.press("ArrowRight");
  view = await shown(page);
  assert.equal(view.exception, "IndexError('list index out of range')");
  await cursorToLine(page, 3);
  await page.click(".step-line-previous");
  await page.focus(".step-forward");
  await page.keyboard.press("ArrowRight");
  assert.deepEqual((await shown(page)).objects, [{ name: "list #1", cells: ["01", "12", "23"] }]);
  await page.keyboard.press("ArrowLeft");
  assert.deepEqual((await shown(page)).objects, [{ name: "list #1", cells: ["01", "12"] }]);
  const reference = await cpython(ALIASING);
  assert.match(reference.stderr, /IndexError: list index out of range/);
  assert.equal(reference.stdout, "[1, 2, 3]\n");
  await page.click(".step-last");
  assert.equal((await shown(page)).output, reference.stdout);
  assert.deepEqual(page.errors, []);
});
