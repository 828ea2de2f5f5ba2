// @ts-check
// Writes crates/worker/main-functions.txt: the functions of the worker's wasm that starting,
// warming up, and typical programs and UI actions run, which scripts/split-worker.mjs keeps
// in the main module (the rest is fetched after Ready). Run it after `sh scripts/build.sh
// browser` whenever the engine changed much; a stale list costs start-up bytes or an early
// load of the rest, never correctness.
//   node scripts/profile-split.mjs
// It instruments the build's unsplit wasm, with its interpreter built ahead as the build does
// (scripts/snapshot-worker.mjs), with Binaryen's `wasm-split --instrument`, runs the app with
// it in headless Chromium (two pages: typical programs, and the ways a run ends early), merges
// the two profiles and lets `wasm-split` say which functions ran. Names are kept without
// their hash suffix, so the list outlives small changes.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS, outputText, run, setCode, statusText, waitForIdle, waitForStatus } from "../tests/browser.mjs";
import { startServer } from "./serve-dist.mjs";
import { snapshotWorker } from "./snapshot-worker.mjs";
import { MAIN_FUNCTIONS, REST_WASM, UNSPLIT_WASM, WASM_SPLIT, WORKER_WASM, baseName } from "./split-worker.mjs";

// What a student does first: output, input(), errors and their tracebacks, the common
// modules, classes, comprehensions, the bytecode viewer.
const PROGRAMS = [
  'print("Hello")',
  'name = input("Name? ")\nprint(f"Hi {name}!")',
  "def f(n):\n    return 1 if n < 2 else f(n - 1) + f(n - 2)\nprint(f(15))",
  "xs = [x * x for x in range(100) if x % 3]\nxs.remove(1)\nprint(sum(xs), max(xs), xs.index(4), sorted(xs, reverse=True)[:3])",
  "names = ['Ann', 'Bo']\nnames.remove('Cy')",
  "s = {10, 3, 2}\nfor x in s:\n    print(x)\nprint(s, list(s), *s, s.pop())",
  "d = {}\nfor w in 'the cat and the hat'.split():\n    d[w] = d.get(w, 0) + 1\nprint(sorted(d.items(), key=lambda kv: -kv[1]))",
  "import math, random, json\nprint(math.sqrt(2), random.randint(1, 6) in range(1, 7), json.dumps({'a': [1, 2.5, None]}))",
  "class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __repr__(self):\n        return f'Point({self.x}, {self.y})'\nprint([Point(i, i * 2) for i in range(3)])",
  "def g(xs):\n    return xs[10]\ng([1, 2, 3])",
  "print(1 / 0)",
  "while True:\n  pass\n  x = ",
  "s = 'Hello, World'\nprint(s.lower(), s.upper(), s.replace('l', 'L'), s[::-1], s.find('W'), '-'.join(s.split(', ')))",
  "t = (1, 2, 3)\na, *b = t\nprint(a, b, {1, 2} | {3}, 3 in {1, 2, 3}, divmod(17, 5), 2 ** 100, 0.1 + 0.2, round(2.675, 2))",
  "try:\n    int('x')\nexcept ValueError as e:\n    print('bad:', e)\nfinally:\n    print('done')",
  "import collections, itertools, string\nprint(collections.Counter('banana').most_common(2), list(itertools.permutations('ab')), string.ascii_lowercase[:5])",
  "def gen(n):\n    for i in range(n):\n        yield i * i\nprint(list(gen(5)), any(x > 10 for x in gen(5)), list(zip('ab', [1, 2])), list(enumerate('xy')))",
];

// And every kind of syntax, run and shown in the bytecode viewer: the viewer compiles whatever
// the editor holds as soon as Python is ready, and that must never wait for the rest.
const SYNTAX_TOUR = readFileSync(new URL("profile-syntax-tour.py", import.meta.url), "utf8");
PROGRAMS.push(SYNTAX_TOUR);
// And an error at its end: the error's hint (crates/engine/python/lib/_sandpiper_hints.py)
// parses the program with `ast`, which builds a Python object for every kind of node.
PROGRAMS.push(`${SYNTAX_TOUR}\nprint(1 / 0)\n`);

// And compute: the benchmark's suite (recursion, loops, floats, dicts and sorting, classes,
// strings), so that the interpreter's hot paths stay in one module, where V8 can inline.
const SUITE = new URL("../bench/suite/", import.meta.url).pathname;
for (const file of readdirSync(SUITE).sort()) PROGRAMS.push(readFileSync(join(SUITE, file), "utf8"));

// And what ends a program early, each right after Ready on a warm interpreter: Stop during
// input(), a loop and time.sleep; the step, time and memory limits; an error of size. (Not
// runaway recursion: the instrumented build overflows the browser's stack first, and a
// crashed worker's profile is lost with it.)
// Without these the first Stop or limit of a page would wait for the rest to load. The page is
// opened with smaller limits than the defaults, so each takes seconds; the budget still leaves
// the loops that are stopped by hand running long enough to press Stop.
const LIMITS_QUERY = "?budget=60000000&time=6&memory=256";
const ENDINGS = [
  { code: 'answer = input("Waiting: ")\nprint(answer)', stopWhen: ".output .stdin-field" },
  { code: "n = 0\nwhile True:\n    n += 1", stopAfterMs: 300 },
  { code: "import time\nprint('sleeping')\ntime.sleep(10**6)", stopAfterMs: 300 },
  { code: "while True:\n    pass" },
  { code: "def f(n):\n    return 1 if n < 2 else f(n - 1) + f(n - 2)\nprint(f(100))" },
  { code: "import time\nwhile True:\n    time.sleep(0.5)" },
  { code: "a = []\nwhile True:\n    a.append([0] * 100)" },
  { code: 's = "x" * 10**12' },
  { code: 'while True:\n    print("spam")' },
];

/// The instrumented worker's wasm exports (www/worker-boot.js makes them `self.sandpiperRuntime`).
/** @typedef {{ memory: WebAssembly.Memory, __write_profile(at: number, size: number): number }} InstrumentedRuntime */

/// Opens the app in its own context, runs `steps` on it and returns the worker's profile.
/**
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {(page: import("playwright-core").Page) => Promise<void>} steps
 */
async function profileSession(browser, url, steps) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let workersStarted = 0;
  page.on("worker", () => (workersStarted += 1));
  await page.goto(url);
  await waitForStatus(page, /^Ready$/);
  await steps(page);
  // One worker: a replaced one (after a crash) would have lost what the first one recorded.
  if (workersStarted !== 1) throw new Error(`profile-split: the page started ${workersStarted} workers, not one`);
  const profile = await page.workers()[0].evaluate(() => {
    const worker = /** @type {{ sandpiperRuntime: InstrumentedRuntime }} */ (/** @type {unknown} */ (self));
    const runtime = worker.sandpiperRuntime;
    const size = runtime.__write_profile(0, 0);
    const at = runtime.memory.grow(Math.ceil(size / 65536)) * 65536;
    runtime.__write_profile(at, size);
    return [...new Uint8Array(runtime.memory.buffer, at, size)];
  });
  await context.close();
  return Buffer.from(profile);
}

/** @param {import("playwright-core").Page} page */
async function typicalPrograms(page) {
  for (const program of PROGRAMS) {
    await setCode(page, program);
    const status = run(page);
    if (program.includes("input(")) {
      const field = page.locator(".output .stdin-field");
      await field.fill("Ada");
      await field.press("Enter");
    }
    await status;
  }
  // Step: recording a run (line and instruction steps, values as text) is part of a
  // student's first minutes too.
  await setCode(page, SYNTAX_TOUR);
  await page.click("button.step");
  await waitForIdle(page, 60_000);
  await page.waitForSelector(".step-position");
  console.log(`profile-split: stepped, ${await page.textContent(".step-position")}`);
  await page.click("#tab-bytecode");
  await page.waitForSelector('#tab-bytecode-panel .code-object[aria-label="Code object walk"]');
  console.log(`profile-split: last output ${JSON.stringify((await outputText(page)).slice(0, 80))}`);
}

/** @param {import("playwright-core").Page} page */
async function endings(page) {
  for (const { code, stopWhen, stopAfterMs } of ENDINGS) {
    await setCode(page, code);
    await page.click("button.run");
    if (stopWhen) await page.locator(stopWhen).waitFor();
    if (stopAfterMs) await page.waitForTimeout(stopAfterMs);
    if (stopWhen || stopAfterMs) await page.click("button.stop");
    await waitForIdle(page, 60_000);
    console.log(`profile-split: ${JSON.stringify(code.split("\n")[0])} ended: ${await statusText(page)}`);
  }
}

const unsplit = process.argv[2] ?? UNSPLIT_WASM;
const dir = mkdtempSync(join(tmpdir(), "sandpiper-profile-"));
try {
  cpSync("dist", join(dir, "dist"), { recursive: true });
  rmSync(join(dir, "dist", REST_WASM), { force: true });
  // As the build does: the interpreter built ahead, so what only building it runs is left
  // out of the main module.
  const instrumented = join(dir, "dist", WORKER_WASM);
  cpSync(unsplit, instrumented);
  await snapshotWorker(join(dir, "dist"));
  const snapshot = join(dir, "snapshot.wasm");
  cpSync(instrumented, snapshot);
  execFileSync(WASM_SPLIT, ["--all-features", "--instrument", snapshot, "-o", instrumented], { stdio: "inherit" });
  const server = await startServer(join(dir, "dist"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const profiles = [];
  /** @type {[string, typeof endings][]} */
  const sessions = [["", typicalPrograms], [LIMITS_QUERY, endings]];
  for (const [query, steps] of sessions) {
    const profile = join(dir, `profile-${profiles.length}`);
    writeFileSync(profile, await profileSession(browser, server.url + query, steps));
    profiles.push(profile);
  }
  await browser.close();
  await server.close();
  execFileSync(WASM_SPLIT, ["--merge-profiles", ...profiles, "-o", join(dir, "profile")], { stdio: "inherit" });
  const primary = join(dir, "main.wasm");
  execFileSync(WASM_SPLIT, [
    "--all-features", "--split", `--profile=${join(dir, "profile")}`, "--symbolmap",
    snapshot, "-o1", primary, "-o2", join(dir, "rest.wasm"),
  ], { stdio: "inherit" });
  const names = readFileSync(`${primary}.symbols`, "utf8")
    .split("\n")
    .map((line) => line.slice(line.indexOf(":") + 1))
    // Imports (the runtime's own, and the placeholders for the rest) are not functions to keep.
    .filter((name) => name && !/^(placeholder_\d+|fimport\$\d+|\d+)$/.test(name))
    .map(baseName);
  const unique = [...new Set(names)].sort();
  writeFileSync(MAIN_FUNCTIONS, unique.join("\n") + "\n");
  console.log(`profile-split: ${unique.length} function names written to ${MAIN_FUNCTIONS}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
