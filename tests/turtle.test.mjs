// @ts-check
// Turtle graphics in headless Chromium: the Drawing tab's pixels where CPython's turtle puts
// its lines, animation at speed 1 against speed 0, a program steered by keys and clicks,
// Stop in the middle of a drawing, and Save image.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openApp, outputText, run, setCode, startBrowser, statusText, waitForIdle, waitForStatus } from "./browser.mjs";
/** @typedef {import("./browser.mjs").Page} Page */

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

/// The colour [r, g, b] of the drawing at turtle coordinates (x, y) (y up, origin in the
/// middle of the window), read from the canvas the page painted.
/** @param {Page} page @param {number} x @param {number} y */
async function pixelAt(page, x, y) {
  // The page paints at most once a frame: let the last batch reach the canvas.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.$eval(
    "canvas.drawing",
    (canvas, [x, y]) => {
      const element = /** @type {HTMLCanvasElement} */ (canvas);
      const scale = element.width / 960;
      const context = /** @type {CanvasRenderingContext2D} */ (element.getContext("2d"));
      const px = Math.round(element.width / 2 + x * scale);
      const py = Math.round(element.height / 2 - y * scale);
      return [...context.getImageData(px, py, 1, 1).data.slice(0, 3)];
    },
    [x, y],
  );
}

/** @param {number[]} color @param {number[]} wanted */
function near(color, wanted) {
  return color.every((channel, i) => Math.abs(channel - wanted[i]) <= 40);
}

const RED = [255, 0, 0];
const WHITE = [255, 255, 255];
const BLUE = [0, 0, 255];

test("a drawing comes to the front with its lines and fills where turtle puts them", async () => {
  const page = await openApp(env);
  await setCode(
    page,
    `import turtle
t = turtle.Turtle()
t.speed(0)
t.pensize(9)
t.pencolor("red")
t.forward(200)
t.penup()
t.goto(-200, -100)
t.pendown()
t.color("blue", "blue")
t.begin_fill()
for side in range(4):
    t.forward(80)
    t.left(90)
t.end_fill()
t.hideturtle()
turtle.title("Shapes")
print(t.pos())
turtle.done()
`,
  );
  assert.match(await run(page), /^Finished/);
  assert.equal(await page.getAttribute("#tab-drawing", "aria-selected"), "true");
  assert.equal(await page.textContent(".drawing-title"), "Shapes");
  assert.ok(near(await pixelAt(page, 100, 0), RED), "the red line's middle");
  assert.ok(near(await pixelAt(page, 100, 60), WHITE), "above the line: background");
  assert.ok(near(await pixelAt(page, -160, -60), BLUE), "inside the filled square");
  assert.ok(near(await pixelAt(page, -100, -60), WHITE), "beside the square");
  // The output is still there, a tab away.
  await page.click("#tab-output");
  assert.equal(await outputText(page), "(-200.00,-100.00)\n");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("speed 1 animates the turtle's walk; speed 0 draws at once", async () => {
  const page = await openApp(env);
  /** @param {number} speed */
  const timed = async (speed) => {
    await setCode(
      page,
      `import turtle\nt = turtle.Turtle()\nt.pensize(5)\nt.speed(${speed})\nfor side in range(2):\n    t.forward(150)\n    t.left(90)\n`,
    );
    const started = Date.now();
    assert.match(await run(page), /^Finished/);
    return Date.now() - started;
  };
  await timed(0); // the first run imports turtle's modules
  const fast = await timed(0);
  const slow = await timed(1);
  assert.ok(slow > 4 * fast, `speed 1 took ${slow} ms, speed 0 ${fast} ms`);
  assert.ok(near(await pixelAt(page, 75, 0), [0, 0, 0]), "the walked line is drawn");
  await page.context().close();
});

test("a program steered by arrow keys and clicks in mainloop, until Stop", async () => {
  const page = await openApp(env);
  await setCode(
    page,
    `import turtle
screen = turtle.Screen()
t = turtle.Turtle()
t.speed(0)
t.pensize(5)
def up():
    t.setheading(90)
    t.forward(50)
    print("at", t.pos())
def right():
    t.setheading(0)
    t.forward(50)
    print("at", t.pos())
def clicked(x, y):
    print("click", round(x), round(y))
screen.onkey(up, "Up")
screen.onkey(right, "Right")
screen.onscreenclick(clicked)
screen.listen()
print("steer me")
turtle.mainloop()
`,
  );
  await page.click("button.run");
  await page.waitForFunction(() => document.querySelector(".output")?.textContent?.includes("steer me"));
  // listen() gave the drawing the keyboard.
  await page.waitForFunction(() => document.activeElement?.id === "drawing-canvas");
  // One key at a time: a handler that moves the turtle lets Tk's loop run (as in CPython),
  // and a key pressed meanwhile would be handled inside it.
  const printed = (/** @type {string} */ text) =>
    page.waitForFunction((text) => document.querySelector(".output")?.textContent?.includes(text), text);
  await page.keyboard.press("ArrowUp");
  await printed("at (0.00,50.00)");
  await page.keyboard.press("ArrowRight");
  await printed("at (50.00,50.00)");
  // A click at turtle (100, -50): the canvas shows 960 window pixels across its width.
  const box = /** @type {{ x: number, y: number, width: number, height: number }} */ (
    await (await page.$("canvas.drawing"))?.boundingBox()
  );
  const scale = box.width / 960;
  await page.mouse.click(box.x + box.width / 2 + 100 * scale, box.y + box.height / 2 + 50 * scale);
  await page.waitForFunction(() => document.querySelector(".output")?.textContent?.includes("click"));
  assert.match(await statusText(page), /^Running/);
  await page.click("button.stop");
  await waitForStatus(page, /^Stopped/);
  await page.click("#tab-output");
  const output = await outputText(page);
  assert.match(output, /steer me\nat \(0\.00,50\.00\)\nat \(50\.00,50\.00\)\nclick (99|100|101) (-49|-50|-51)\n/);
  await page.click("#tab-drawing");
  assert.ok(near(await pixelAt(page, 0, 25), [0, 0, 0]), "the way up stays drawn after Stop");
  await page.context().close();
});

test("Stop in the middle of a slow drawing keeps what was drawn; Save image downloads it", async () => {
  const page = await openApp(env);
  await setCode(
    page,
    `import turtle\nt = turtle.Turtle()\nt.speed(1)\nt.pencolor("red")\nt.pensize(7)\nfor i in range(100):\n    t.forward(150)\n    t.left(170)\n`,
  );
  await page.click("button.run");
  await page.waitForFunction(() => document.querySelector("#tab-drawing")?.getAttribute("aria-selected") === "true");
  await page.waitForTimeout(700);
  const stopped = Date.now();
  await page.click("button.stop");
  await waitForIdle(page);
  assert.ok(Date.now() - stopped < 1000, `Stop took ${Date.now() - stopped} ms`);
  assert.match(await statusText(page), /^Stopped/);
  assert.ok(near(await pixelAt(page, 20, 0), RED), "the first stroke stays");

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("button.save-image")]);
  assert.equal(download.suggestedFilename(), "drawing.png");
  const png = await readFile(/** @type {string} */ (await download.path()));
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from("PNG")]);
  // The image is the window at its own size (IHDR: width, height).
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [960, 810]);
  await page.context().close();
});
