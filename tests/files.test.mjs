// @ts-check
// A student's workspace of several files, in headless Chromium: a module and a data file
// beside main.py, a run that imports, reads and writes, the REPL after it, downloads, a
// share link opened in a fresh profile, a .zip, and every refusal, mostly by keyboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { unzipSync, zipSync, strToU8, strFromU8 } from "fflate";
import { openApp, outputText, run, setCode, startBrowser, waitForIdle } from "./browser.mjs";
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

const HELPER = "def mean(values):\n    return sum(values) / len(values)\n";
const SCORES = "name,score\nada,91\nalan,78\ngrace,85\n";
const MAIN = `import csv
from helper import mean

with open("scores.csv") as f:
    scores = {row["name"]: int(row["score"]) for row in csv.DictReader(f)}
best = max(scores, key=scores.get)
with open("report.txt", "w") as out:
    out.write(f"best: {best}\\nmean: {mean(list(scores.values())):.2f}\\n")
print(scores)
print(open("report.txt").read(), end="")
`;

/** @param {Page} page */
async function fileNames(page) {
  return page.$$eval(".file-tab", (tabs) => tabs.map((tab) => tab.textContent));
}

/** @param {Page} page */
async function frontFile(page) {
  return page.textContent(".file-tab[aria-selected=true]");
}

/** @param {Page} page */
async function noticeText(page) {
  return (await page.textContent(".notice .notice-text")) ?? "";
}

/// Types a name into the file bar's name field (opened by New or Rename) and presses Enter.
/** @param {Page} page @param {string} name */
async function typeName(page, name) {
  await page.waitForFunction(() => document.activeElement?.classList.contains("file-name"));
  await page.keyboard.press("Control+A");
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
}

/// Drops files on the editor as a file manager would.
/** @param {Page} page @param {{ name: string, bytes: number[] }[]} files */
async function drop(page, files) {
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const { name, bytes } of files) transfer.items.add(new File([new Uint8Array(bytes)], name));
    const target = /** @type {Element} */ (document.querySelector(".cm-content"));
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

/** @param {string} text */
const bytesOf = (text) => [...Buffer.from(text, "utf8")];

/// What the app saved of file `name`.
/** @param {Page} page @param {string} name */
function savedFile(page, name) {
  return page.evaluate(
    (name) => localStorage.getItem(name === "main.py" ? "sandpiper.code" : `sandpiper.file:${name}`),
    name,
  );
}

/// CPython 3.14 running `main` as main.py beside the other files (main.py is written over
/// the runner's, so that tracebacks show its lines).
/** @param {Record<string, string>} files @param {string} main */
function cpythonBeside(files, main) {
  const setup = Object.entries({ ...files, "main.py": main })
    .map(([name, text]) => `open(${JSON.stringify(name)}, "w").write(${JSON.stringify(text)})`)
    .join("\n");
  // The runner's text of main.py is in linecache: dropped, so that the new one is read.
  const run = `import linecache\nlinecache.cache.pop("main.py", None)\nexec(compile(${JSON.stringify(main)}, "main.py", "exec"))\n`;
  return cpython(`${setup}\n${run}`);
}

test("a visit: a module and a dropped data file, a run that writes, the REPL, downloads, and a share link in a fresh profile", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-write"], { origin: env.url });
  const page = await openApp(env, { context });
  assert.deepEqual(await fileNames(page), ["main.py"]);

  // New file, by keyboard: the name field takes the keyboard, Enter creates and shows it.
  await page.focus("button.new-file");
  await page.keyboard.press("Enter");
  await typeName(page, "helper.py");
  assert.deepEqual(await fileNames(page), ["main.py", "helper.py"]);
  assert.equal(await frontFile(page), "helper.py");
  await setCode(page, HELPER);

  // A data file dropped on the editor is added, not pasted into the text.
  await drop(page, [{ name: "scores.csv", bytes: bytesOf(SCORES) }]);
  await page.waitForFunction(() => document.querySelectorAll(".file-tab").length === 3);
  assert.equal(await noticeText(page), "Added scores.csv.");
  assert.equal(await frontFile(page), "scores.csv");
  assert.equal(await savedFile(page, "helper.py"), HELPER, "helper.py kept its own text");

  // ← and Home move along the tabs; main.py gets the program.
  await page.focus(".file-tab[aria-selected=true]");
  await page.keyboard.press("Home");
  assert.equal(await frontFile(page), "main.py");
  await setCode(page, MAIN);
  assert.match(await run(page), /^Finished/);
  const reference = await cpythonBeside({ "helper.py": HELPER, "scores.csv": SCORES }, MAIN);
  assert.equal(reference.stderr, "");
  const expected = reference.stdout;
  assert.equal(await outputText(page), expected);

  // What the program wrote is a file of the editor's, and can be opened.
  await page.waitForFunction(() => [...document.querySelectorAll(".file-tab")].some((tab) => tab.textContent === "report.txt"));
  assert.deepEqual(await fileNames(page), ["main.py", "helper.py", "scores.csv", "report.txt"]);
  assert.equal(await frontFile(page), "main.py", "a run does not change the file in front");
  await page.click(".file-tab[data-file='report.txt']");
  assert.equal(await savedFile(page, "report.txt"), "best: ada\nmean: 84.67\n");
  assert.equal(
    await page.$$eval(".cm-content .cm-line", (lines) => lines.map((line) => line.textContent).join("\n")),
    "best: ada\nmean: 84.67\n",
  );

  // The REPL sees the run's names.
  await page.click(".repl-field");
  await page.keyboard.type("scores['grace']");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.classList.contains("repl-field"));
  assert.match(await outputText(page), />>> scores\['grace'\]\n85\n$/);

  // Download gives the file in front; Download all a .zip of every file.
  const [single] = await Promise.all([page.waitForEvent("download"), page.click("button.download")]);
  assert.equal(single.suggestedFilename(), "report.txt");
  assert.equal(await readFile(await single.path(), "utf8"), "best: ada\nmean: 84.67\n");
  const [all] = await Promise.all([page.waitForEvent("download"), page.click("button.download-all")]);
  assert.equal(all.suggestedFilename(), "python-files.zip");
  const zipped = unzipSync(await readFile(await all.path()));
  assert.deepEqual(
    Object.fromEntries(Object.entries(zipped).map(([name, bytes]) => [name, strFromU8(bytes)])),
    { "main.py": MAIN, "helper.py": HELPER, "scores.csv": SCORES, "report.txt": "best: ada\nmean: 84.67\n" },
  );

  // A reload keeps every file and the one in front.
  await page.reload();
  await page.waitForSelector(".file-tab");
  assert.deepEqual(await fileNames(page), ["main.py", "helper.py", "scores.csv", "report.txt"]);
  assert.equal(await frontFile(page), "report.txt");

  // Share: the link carries every file; a fresh profile opens them all.
  await page.click("button.share");
  await page.waitForFunction(() => document.querySelector(".notice-text")?.textContent?.startsWith("Link copied"));
  assert.match(await noticeText(page), /opens these files/);
  const link = await page.inputValue(".notice .share-link");
  assert.match(link, /#files=/);
  const fresh = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const visitor = /** @type {Page} */ (await fresh.newPage());
  await visitor.goto(link);
  await visitor.waitForSelector(".file-tab[data-file='report.txt']");
  assert.deepEqual(await fileNames(visitor), ["main.py", "helper.py", "scores.csv", "report.txt"]);
  await visitor.waitForFunction(() => /^Ready/.test(document.querySelector(".status-bar .status")?.textContent ?? ""), null, { timeout: 90_000 });
  await visitor.click(".file-tab[data-file='main.py']");
  assert.match(await run(visitor), /^Finished/);
  assert.equal(await outputText(visitor), expected);
  await fresh.close();

  // An edit of the data file reaches the REPL's next entry, as a saved file reaches a
  // terminal's Python.
  await page.click(".file-tab[data-file='scores.csv']");
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("linus,99\n");
  await page.click(".repl-field");
  await page.keyboard.type("open('scores.csv').read().splitlines()[-1]");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".output")?.textContent?.includes("'linus,99'"));
  assert.match(await outputText(page), />>> open\('scores.csv'\).read\(\).splitlines\(\)\[-1\]\n'linus,99'\n$/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a traceback's line in a module opens that module at the line; rename, delete and undo", async () => {
  const page = await openApp(env);
  await page.click("button.new-file");
  await typeName(page, "shapes.py");
  await setCode(page, "def area(width, height):\n    return width * heigth\n");
  await page.click(".file-tab[data-file='main.py']");
  await setCode(page, "import shapes\n\nprint(shapes.area(2, 3))\n");
  assert.match(await run(page), /^NameError/);
  const reference = await cpythonBeside(
    { "shapes.py": "def area(width, height):\n    return width * heigth\n" },
    "import shapes\n\nprint(shapes.area(2, 3))\n",
  );
  // CPython's traceback has the runner's frame first, and names the module by its full path
  // (the folder it ran in); the program's part is the same.
  const programPart = (/** @type {string} */ text) =>
    text.slice(text.lastIndexOf('  File "main.py"')).replace(/File "\/[^"]*\/(shapes\.py)"/, 'File "$1"');
  assert.equal(programPart(await outputText(page)), programPart(reference.stderr));
  await page.click(".line-link[data-file='shapes.py']");
  assert.equal(await frontFile(page), "shapes.py");
  assert.equal(await page.textContent(".cm-activeLine"), "    return width * heigth");
  assert.equal(await page.textContent(".cm-error-line"), "    return width * heigth");

  // Rename with F2 from the tab, then a refused name keeps the field open with the reason.
  await page.focus(".file-tab[aria-selected=true]");
  await page.keyboard.press("F2");
  await typeName(page, "main.py");
  assert.equal(await page.textContent(".file-name-refusal"), "There is already a file named main.py.");
  await typeName(page, "geometry.py");
  assert.deepEqual(await fileNames(page), ["main.py", "geometry.py"]);
  assert.equal(await savedFile(page, "geometry.py"), "def area(width, height):\n    return width * heigth\n");
  assert.equal(await savedFile(page, "shapes.py"), null, "the old name is gone from storage");
  // Its undo history came along: Ctrl+Z in it undoes the typing.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# typo above");
  await page.keyboard.press("Control+z");
  assert.equal(await savedFile(page, "geometry.py"), "def area(width, height):\n    return width * heigth\n");

  // Delete, and Undo brings it back where it was, in front.
  await page.click("button.delete-file");
  assert.deepEqual(await fileNames(page), ["main.py"]);
  assert.equal(await noticeText(page), "Deleted geometry.py.");
  await page.click(".notice button.undo-delete");
  assert.deepEqual(await fileNames(page), ["main.py", "geometry.py"]);
  assert.equal(await frontFile(page), "geometry.py");
  assert.equal(await savedFile(page, "geometry.py"), "def area(width, height):\n    return width * heigth\n");
  assert.equal(await page.isDisabled("button.delete-file"), false);
  await page.click(".file-tab[data-file='main.py']");
  assert.equal(await page.isDisabled("button.delete-file"), true, "main.py cannot be deleted");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("refusals change nothing; a lone .py can become main.py; a .zip restores a workspace", async () => {
  const page = await openApp(env);
  await setCode(page, "print('mine')\n");
  const png = [...(await readFile(new URL("../www/icon-192.png", import.meta.url)))];
  await drop(page, [
    { name: "icon.png", bytes: png },
    { name: "big.txt", bytes: [...Buffer.alloc(1_000_001, 120)] },
  ]);
  await page.waitForSelector(".notice.error");
  assert.equal(
    await noticeText(page),
    "icon.png is not a text file (UTF-8), so it was not added. big.txt is larger than 1 MB, too large to edit here, so it was not added.",
  );
  assert.deepEqual(await fileNames(page), ["main.py"]);

  // Open… with a lone .py: added, and the notice offers to make it the program.
  await page.setInputFiles("input.open-file", { name: "lesson.py", mimeType: "text/x-python", buffer: Buffer.from("print(6 * 7)\n") });
  await page.waitForSelector(".notice button.make-main");
  assert.equal(await noticeText(page), "Added lesson.py. Run starts main.py: import it there, or make it main.py.");
  await page.click(".notice button.make-main");
  assert.deepEqual(await fileNames(page), ["main.py"]);
  assert.equal(await savedFile(page, "main.py"), "print(6 * 7)\n");
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "42\n");
  await page.click(".notice button.swap");
  assert.equal(await savedFile(page, "main.py"), "print('mine')\n", "the program it replaced was set aside");

  // A zipped project folder restores its files; the rest is said.
  const archive = zipSync({
    "project/main.py": strToU8("from tools import twice\nprint(twice(open('data/n.txt').read().strip()))\n"),
    "project/tools.py": strToU8("def twice(text):\n    return text * 2\n"),
    "project/data/n.txt": strToU8("ab\n"),
    "project/logo.png": new Uint8Array(png),
  });
  await page.setInputFiles("input.open-file", { name: "project.zip", mimeType: "application/zip", buffer: Buffer.from(archive) });
  await page.waitForFunction(() => document.querySelectorAll(".file-tab").length === 3);
  assert.deepEqual(await fileNames(page), ["main.py", "tools.py", "data/n.txt"]);
  assert.equal(
    await noticeText(page),
    "Opened the files of project.zip. Your previous program is set aside, not lost. logo.png is not a text file (UTF-8), so it was not added.",
  );
  assert.match(await run(page), /^Finished/);
  assert.equal(await outputText(page), "abab\n");
  await page.setInputFiles("input.open-file", { name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from("PK not really") });
  await page.waitForSelector(".notice.error");
  assert.equal(await noticeText(page), "broken.zip cannot be opened: it is not a zip archive, or it is damaged. Your files are unchanged.");
  assert.deepEqual(await fileNames(page), ["main.py", "tools.py", "data/n.txt"]);
  await waitForIdle(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("files too large for a link are refused with the measured limit", async () => {
  const page = await openApp(env);
  // Random letters hardly compress: four files of 0.95 MB make a link of over 2 MB.
  const letters = (/** @type {number} */ seed) => {
    let state = seed;
    return Array.from({ length: 950_000 }, () => {
      // xorshift32
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return 97 + ((state >>> 0) % 26);
    });
  };
  await drop(page, [1, 2, 3, 4].map((seed) => ({ name: `noise${seed}.txt`, bytes: letters(seed) })));
  await page.waitForFunction(() => document.querySelectorAll(".file-tab").length === 5);
  await page.click("button.share");
  await page.waitForSelector(".notice.error");
  assert.match(
    await noticeText(page),
    /^These files are too large for a link: it would have [\d,]+ characters, and browsers open links of up to 2,097,152 \(2 MB\)\. Use Download all \(\.zip\) instead\.$/,
  );
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
