// Writes crates/worker/main-functions.txt: the functions of the worker's wasm that starting,
// warming up, and typical programs and UI actions run, which scripts/split-worker.mjs keeps
// in the main module (the rest is fetched after Ready). Run it after `sh scripts/build.sh
// browser` whenever the engine changed much; a stale list costs start-up bytes or an early
// load of the rest, never correctness.
//   node scripts/profile-split.mjs
// It instruments the build's unsplit wasm (Binaryen's `wasm-split --instrument`), runs the
// app with it in headless Chromium, reads the profile back and lets `wasm-split` say which
// functions ran. Names are kept without their hash suffix, so the list outlives small changes.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS, outputText, run, setCode, waitForStatus } from "../tests/browser.mjs";
import { startServer } from "./serve-dist.mjs";
import { MAIN_FUNCTIONS, REST_WASM, UNSPLIT_WASM, WASM_SPLIT, WORKER_WASM, baseName } from "./split-worker.mjs";

// What a student does first: output, input(), errors and their tracebacks, the common
// modules, classes, comprehensions, the bytecode viewer.
const PROGRAMS = [
  'print("Hello")',
  'name = input("Name? ")\nprint(f"Hi {name}!")',
  "def f(n):\n    return 1 if n < 2 else f(n - 1) + f(n - 2)\nprint(f(15))",
  "xs = [x * x for x in range(100) if x % 3]\nprint(sum(xs), max(xs), sorted(xs, reverse=True)[:3])",
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

// And compute: the benchmark's suite (recursion, loops, floats, dicts and sorting, classes,
// strings), so that the interpreter's hot paths stay in one module, where V8 can inline.
const SUITE = new URL("../bench/suite/", import.meta.url).pathname;
for (const file of readdirSync(SUITE).sort()) PROGRAMS.push(readFileSync(join(SUITE, file), "utf8"));

const unsplit = process.argv[2] ?? UNSPLIT_WASM;
const dir = mkdtempSync(join(tmpdir(), "sandpiper-profile-"));
try {
  cpSync("dist", join(dir, "dist"), { recursive: true });
  rmSync(join(dir, "dist", REST_WASM), { force: true });
  execFileSync(WASM_SPLIT, ["--all-features", "--instrument", unsplit, "-o", join(dir, "dist", WORKER_WASM)], { stdio: "inherit" });
  const server = await startServer(join(dir, "dist"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
  await waitForStatus(page, /^Ready$/);
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
  await page.click("#tab-bytecode");
  await page.waitForSelector("#tab-bytecode-panel .code-object");
  console.log(`profile-split: last output ${JSON.stringify((await outputText(page)).slice(0, 80))}`);
  const [worker] = page.workers();
  const profile = await worker.evaluate(() => {
    const runtime = self.sandpiperRuntime;
    const size = runtime.__write_profile(0, 0);
    const at = runtime.memory.grow(Math.ceil(size / 65536)) * 65536;
    runtime.__write_profile(at, size);
    return [...new Uint8Array(runtime.memory.buffer, at, size)];
  });
  await browser.close();
  await server.close();
  writeFileSync(join(dir, "profile"), Buffer.from(profile));
  const primary = join(dir, "main.wasm");
  execFileSync(WASM_SPLIT, [
    "--all-features", "--split", `--profile=${join(dir, "profile")}`, "--symbolmap",
    unsplit, "-o1", primary, "-o2", join(dir, "rest.wasm"),
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
