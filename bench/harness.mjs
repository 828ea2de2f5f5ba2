// @ts-check
// Sandpiper against Pyodide (and native RustPython against CPython), side by side in one
// run: start-up, bytes, run-to-output, a compute suite and memory. Prints a table and
// writes bench/RESULTS.md. A benchmark, not a test: it never fails on a number.
//   node bench/harness.mjs [REPETITIONS] [--start-only]   (scripts/bench.sh builds first)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS as TEST_FLAGS, setCode } from "../tests/browser.mjs";
import { startBenchServer } from "./server.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const REPETITIONS = Number(process.argv[2] ?? 3);
// `--start-only`: measure start-up and bytes only.
const START_ONLY = process.argv.includes("--start-only");
const FLAGS = [
  ...TEST_FLAGS,
  // performance.measureUserAgentSpecificMemory() answers at once instead of at the next GC.
  "--enable-blink-features=ForceEagerMeasureMemory",
];
// Generous limits: the suite measures speed, not the limits.
const APP_QUERY = "?budget=2000000000&time=600&memory=2000";
const SANDPIPER_CLI = join(ROOT, "target/release/sandpiper");
const SUITE_DIR = join(ROOT, "bench/suite");
const FIRST_OUTPUT_SAMPLES = 21;
/// The stepper's measure: a loop that makes a few more line steps than Step records by
/// default (10,000), so the recording is full.
const STEPPED_LINES = 10_000;
const STEPPED_PROGRAM = `total = 0\nfor i in range(${STEPPED_LINES / 2}):\n    total += i\nprint(total)\n`;
/// The same with objects to draw: a list of lists that grows at every other step, so the
/// recording keeps a new version of it thousands of times.
const STEPPED_OBJECTS_PROGRAM = `rows = []\nfor i in range(${STEPPED_LINES / 2}):\n    rows.append([i, i * i])\nprint(len(rows))\n`;

// Turtle graphics at full speed: 10,000 segments with tracing off, shown by one update().
const TURTLE_SEGMENTS = 10_000;
const TURTLE_PROGRAM = `import turtle
screen = turtle.Screen()
screen.tracer(0)
t = turtle.Turtle()
t.speed(0)
for i in range(${TURTLE_SEGMENTS}):
    t.forward(i % 200)
    t.left(61)
screen.update()
`;

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
/** @param {(repetition: number) => number | Promise<number>} measure */
const repeat = async (measure) => {
  const samples = [];
  for (let i = 0; i < REPETITIONS; i += 1) samples.push(await measure(i));
  return median(samples);
};

/** @typedef {import("playwright-core").Page} Page */
/** @typedef {{ output: string, firstOutput: number | null, total: number, error?: string }} PeerRun */
/**
 * @typedef {object} Peer
 * @property {string} path its page, on the benchmark's server
 * @property {() => boolean} ready whether the page can run Python (runs in the page)
 * @property {() => Promise<void>} [settled] resolves once the page has finished its work
 *   after Ready (runs in the page)
 * @property {() => number} workerMemory the worker's wasm memory in bytes (runs in the worker)
 * @property {(page: Page, code: string) => Promise<PeerRun>} run runs a program on the page
 */
/** @typedef {"sandpiper" | "pyodide"} PeerName */

/// The two browser Pythons behind one interface.
/** @type {Record<PeerName, Peer>} */
const PEERS = {
  sandpiper: {
    path: `/app/${APP_QUERY}`,
    ready: () => /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state === "ready",
    // The offline copy: the service worker registers after Ready and then caches the build
    // (with the standard library bundles no program has imported yet).
    settled: async () => {
      for (;;) {
        const registration = await navigator.serviceWorker.getRegistration();
        if (registration?.active?.state === "activated" && !registration.installing) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    workerMemory: () => {
      const worker = /** @type {{ sandpiperRuntime: { memory: WebAssembly.Memory } }} */ (/** @type {unknown} */ (self));
      return worker.sandpiperRuntime.memory.buffer.byteLength;
    },
    async run(page, code) {
      await setCode(page, code);
      // A student's click comes frames after their last keystroke: the editor has settled.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return page.evaluate(
        () =>
          /** @type {Promise<PeerRun>} */ (
            new Promise((resolve) => {
            const bar = /** @type {HTMLElement} */ (document.querySelector(".status-bar"));
            const output = /** @type {Element} */ (document.querySelector(".output"));
            const started = performance.now();
            /** @type {number | null} */
            let firstOutput = null;
            const outputs = new MutationObserver(() => {
              // Run first clears the pane; output is what comes after.
              if (output.textContent) firstOutput ??= performance.now() - started;
            });
            outputs.observe(output, { childList: true, subtree: true, characterData: true });
            const states = new MutationObserver(() => {
              if (bar.dataset.state === "running") return;
              states.disconnect();
              outputs.disconnect();
              resolve({
                output: output.textContent,
                firstOutput,
                total: performance.now() - started,
                error: bar.dataset.state === "failed" ? bar.textContent : undefined,
              });
            });
            states.observe(bar, { attributes: true });
            /** @type {HTMLButtonElement} */ (document.querySelector("button.run")).click();
          })
          ),
      );
    },
  },
  pyodide: {
    path: "/peer/pyodide.html",
    ready: () => /** @type {{ peer?: { ready: boolean } }} */ (/** @type {unknown} */ (window)).peer?.ready === true,
    workerMemory: () => /** @type {{ wasmMemoryBytes(): number }} */ (/** @type {unknown} */ (self)).wasmMemoryBytes(),
    run: (page, code) =>
      page.evaluate(
        (text) =>
          /** @type {{ runPeer(code: string): Promise<PeerRun> }} */ (/** @type {unknown} */ (window)).runPeer(text),
        code,
      ),
  },
};
const PEER_NAMES = /** @type {PeerName[]} */ (Object.keys(PEERS));

/// `measure()` REPETITIONS times, each started two frames after the page last changed.
/**
 * @template T
 * @param {Page} page @param {() => Promise<T>} measure
 * @returns {Promise<T[]>}
 */
async function sampled(page, measure) {
  const samples = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    samples.push(await measure());
  }
  return samples;
}

/// Step on Sandpiper's page: ms from the click to the stepper showing its first step (the
/// run, its recording, the message and the first render), and the recording message's
/// size, read by a listener on the page's worker (`watchRecordings`).
/** @param {Page} page @param {string} program */
async function measureStepping(page, program) {
  await setCode(page, program);
  const samples = await sampled(page, async () => {
    const sample = await page.evaluate(
      () =>
        /** @type {Promise<{ ms: number, bytes: number }>} */ (
          new Promise((resolve) => {
            const started = performance.now();
            const shown = new MutationObserver(() => {
              if (!document.querySelector(".step-position")) return;
              shown.disconnect();
              const page = /** @type {{ recordingBytes?: number }} */ (/** @type {unknown} */ (window));
              resolve({ ms: performance.now() - started, bytes: page.recordingBytes ?? 0 });
            });
            shown.observe(document.body, { childList: true, subtree: true });
            /** @type {HTMLButtonElement} */ (document.querySelector("button.step")).click();
          })
        ),
    );
    await page.click(".step-close");
    return sample;
  });
  return { ms: median(samples.map((s) => s.ms)), bytes: median(samples.map((s) => s.bytes)) };
}

/// A turtle program on Sandpiper's page: ms from the Run click to the run's end with its
/// drawing painted (the frame after the last batch), the median of the repetitions.
/** @param {Page} page @param {string} program */
async function measureTurtle(page, program) {
  await setCode(page, program);
  const samples = await sampled(page, () =>
    page.evaluate(
      () =>
        /** @type {Promise<number>} */ (
          new Promise((resolve) => {
            const started = performance.now();
            const bar = /** @type {HTMLElement} */ (document.querySelector(".status-bar"));
            const ended = new MutationObserver(() => {
              if (bar.dataset.state !== "ready") return;
              ended.disconnect();
              // The drawing is painted in the frame after its last batch.
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
            });
            ended.observe(bar, { attributes: true });
            /** @type {HTMLButtonElement} */ (document.querySelector("button.run")).click();
          })
        ),
    ),
  );
  return median(samples);
}

/// One move forward in the open stepper, in the middle of its recording: ms from the click
/// until the page's DOM is updated and laid out (the arrows follow on the next frame), the
/// median of 40 moves.
/** @param {Page} page @param {string} program */
async function measureStepMove(page, program) {
  await setCode(page, program);
  await page.click("button.step");
  await page.waitForSelector(".step-position");
  await page.locator(".step-slider").fill(String(STEPPED_LINES / 2));
  const samples = await page.evaluate(async () => {
    const forward = /** @type {HTMLButtonElement} */ (document.querySelector(".step-forward"));
    const memory = /** @type {HTMLElement} */ (document.querySelector(".memory"));
    const times = [];
    for (let i = 0; i < 40; i += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const started = performance.now();
      forward.click();
      // The stepper's reactive updates run as tasks after the click.
      await new Promise((resolve) => setTimeout(resolve, 0));
      memory.getBoundingClientRect();
      times.push(performance.now() - started);
    }
    return times;
  });
  await page.click(".step-close");
  return median(samples);
}

/// Before the app starts: every worker the page makes reports the length of its
/// `recorded` messages (JSON text) in `window.recordingBytes`.
function watchRecordings() {
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    /** @param {ConstructorParameters<typeof Worker>} args */
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string" && event.data.startsWith('{"type":"recorded"')) {
          /** @type {{ recordingBytes?: number }} */ (/** @type {unknown} */ (window)).recordingBytes = new Blob([
            event.data,
          ]).size;
        }
      });
    }
  };
}

/// Loads a peer's page and waits until it can run Python: ms on the page's clock, and
/// the bytes of the requests that reached the server before the worker became ready
/// (its `sandpiper-ready` mark). Counting up to when the page noticed instead would count
/// a varying share of what Sandpiper fetches just after Ready (the warm bundle, the
/// offline copy).
/**
 * @param {Awaited<ReturnType<typeof startBenchServer>>} server
 * @param {Page} page
 * @param {PeerName} peer
 */
async function load(server, page, peer, reload = false) {
  server.resetBytes();
  if (reload) await page.reload();
  else await page.goto(server.url + PEERS[peer].path);
  await page.waitForFunction(PEERS[peer].ready, null, { timeout: 180_000, polling: "raf" });
  const ms = await page.evaluate(() => performance.now());
  // The latest mark: a worker of the page before a reload may still be listed.
  let readyAt = -Infinity;
  for (const worker of page.workers()) {
    const at = await worker
      .evaluate(() => {
        const mark = performance.getEntriesByName("sandpiper-ready")[0];
        return mark ? performance.timeOrigin + mark.startTime : -Infinity;
      })
      .catch(() => -Infinity);
    readyAt = Math.max(readyAt, at);
  }
  if (readyAt === -Infinity) throw new Error(`${peer}: no worker has a sandpiper-ready mark`);
  return { ms, bytes: server.bytesRequestedBefore(readyAt) };
}

/** @param {string} command @param {string[]} args */
function timeProcess(command, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  return { ms, output: result.stdout };
}

/** @param {number} ms */
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
/** @param {number} bytes */
const fmtBytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
/** @param {number} a @param {number} b */
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : "—");

async function main() {
  const server = await startBenchServer({
    "/app/": join(ROOT, "dist"),
    "/pyodide/": join(ROOT, "node_modules/pyodide"),
    "/peer/": join(ROOT, "bench/peer"),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const rows = [];
  const note = (/** @type {string} */ text) => console.error(`bench: ${text}`);
  try {
    // Compress everything once up front, so no measurement pays for it.
    note("precompressing the served files");
    for (const peer of PEER_NAMES) {
      const context = await browser.newContext();
      await load(server, await context.newPage(), peer);
      await context.close();
    }

    /** @typedef {{ cold: number, coldBytes: number, warm: number, warmBytes: number }} StartUp */
    const start = /** @type {Record<PeerName, StartUp>} */ ({});
    for (const peer of PEER_NAMES) {
      note(`start-up of ${peer}`);
      const cold = [];
      const warm = [];
      for (let i = 0; i < REPETITIONS; i += 1) {
        // A new profile on disk: empty HTTP cache, no service worker. (An in-memory
        // context would not cache a file as large as Sandpiper's wasm.)
        const profile = mkdtempSync(join(tmpdir(), "sandpiper-bench-profile-"));
        const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS });
        const page = context.pages()[0] ?? (await context.newPage());
        cold.push(await load(server, page, peer));
        // "Warm" is a second visit with the cache and the service worker in place.
        if (PEERS[peer].settled) await page.evaluate(PEERS[peer].settled);
        warm.push(await load(server, page, peer, true));
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
      start[peer] = {
        cold: median(cold.map((s) => s.ms)),
        coldBytes: median(cold.map((s) => s.bytes)),
        warm: median(warm.map((s) => s.ms)),
        warmBytes: median(warm.map((s) => s.bytes)),
      };
    }
    const s = start.sandpiper;
    const p = start.pyodide;
    rows.push(["cold start to ready (empty cache)", fmtMs(s.cold), fmtMs(p.cold), ratio(s.cold, p.cold), "≤ 0.25×"]);
    rows.push(["bytes until ready, cold (compressed)", fmtBytes(s.coldBytes), fmtBytes(p.coldBytes), ratio(s.coldBytes, p.coldBytes), "≤ 0.5×"]);
    rows.push(["warm start to ready (second load)", fmtMs(s.warm), fmtMs(p.warm), ratio(s.warm, p.warm), "≤ 300 ms"]);
    rows.push(["bytes until ready, warm", fmtBytes(s.warmBytes), fmtBytes(p.warmBytes), ratio(s.warmBytes, p.warmBytes), ""]);

    if (START_ONLY) {
      // For trying a start-up lever quickly: print, leave RESULTS.md alone.
      console.log(rows.map((row) => `| ${row.join(" | ")} |`).join("\n"));
      return;
    }

    // One page per peer for everything that runs code.
    const pages = /** @type {Record<PeerName, Page>} */ ({});
    for (const peer of PEER_NAMES) {
      const page = await (await browser.newContext()).newPage();
      if (peer === "sandpiper") await page.addInitScript(watchRecordings);
      await load(server, page, peer);
      pages[peer] = page;
    }
    note("run to first output");
    const firstOutput = /** @type {Record<PeerName, number>} */ ({});
    for (const peer of PEER_NAMES) {
      await PEERS[peer].run(pages[peer], "print(1)\n"); // warm-up
      // Whether the page renders the Run click's changes before the worker's answer
      // arrives depends on where the click falls in the frame: many samples, so the
      // median does not flip between the two.
      const samples = [];
      for (let i = 0; i < FIRST_OUTPUT_SAMPLES; i += 1) {
        // It prints, so there is a first output.
        samples.push(/** @type {number} */ ((await PEERS[peer].run(pages[peer], "print(1)\n")).firstOutput));
      }
      firstOutput[peer] = median(samples);
    }
    rows.push([
      "Run to first output, warm (`print(1)`)",
      fmtMs(firstOutput.sandpiper),
      fmtMs(firstOutput.pyodide),
      ratio(firstOutput.sandpiper, firstOutput.pyodide),
      "≤ 16 ms",
    ]);

    note("turtle graphics");
    rows.push([
      `turtle: ${TURTLE_SEGMENTS.toLocaleString("en")} segments with \`speed(0)\` and \`tracer(0)\`, Run to the drawing painted`,
      fmtMs(await measureTurtle(pages.sandpiper, TURTLE_PROGRAM)),
      "no turtle",
      "—",
      "≤ 1 s",
    ]);

    note("step to the first step");
    for (const [what, program] of [
      ["", STEPPED_PROGRAM],
      [", a list of lists growing", STEPPED_OBJECTS_PROGRAM],
    ]) {
      const stepping = await measureStepping(pages.sandpiper, program);
      rows.push([
        `Step to its first step shown, ${STEPPED_LINES.toLocaleString("en")} line steps recorded${what}`,
        fmtMs(stepping.ms),
        "no stepper",
        "—",
        "≤ 1 s",
      ]);
      rows.push(["size of that recording (JSON message)", fmtBytes(stepping.bytes), "", "", ""]);
    }
    rows.push([
      "Move one step, a list of lists drawn (DOM updated and laid out)",
      fmtMs(await measureStepMove(pages.sandpiper, STEPPED_OBJECTS_PROGRAM)),
      "no stepper",
      "—",
      "≤ 16 ms",
    ]);

    const programs = readdirSync(SUITE_DIR).filter((name) => name.endsWith(".py")).sort();
    const emptyFile = join(mkdtempSync(join(tmpdir(), "sandpiper-bench-")), "empty.py");
    writeFileSync(emptyFile, "");
    const startup = {
      sandpiper: median([0, 1, 2].map(() => timeProcess(SANDPIPER_CLI, ["run", emptyFile]).ms)),
      cpython: median([0, 1, 2].map(() => timeProcess("python3", [emptyFile]).ms)),
    };
    /** @type {({ name: string } & Record<PeerName | "native" | "cpython", number>)[]} */
    const suite = [];
    for (const name of programs) {
      note(`suite: ${name}`);
      const file = join(SUITE_DIR, name);
      const code = readFileSync(file, "utf8");
      const expected = timeProcess("python3", [file]).output;
      const result = /** @type {(typeof suite)[number]} */ ({ name });
      for (const peer of PEER_NAMES) {
        result[peer] = await repeat(async () => {
          const run = await PEERS[peer].run(pages[peer], code);
          if (run.error || run.output !== expected) {
            throw new Error(`${peer} ${name}: ${run.error ?? `printed ${JSON.stringify(run.output)}`}`);
          }
          return run.total;
        });
      }
      result.native = await repeat(
        () => timeProcess(SANDPIPER_CLI, ["run", "--budget", "2000000000", file]).ms - startup.sandpiper,
      );
      result.cpython = await repeat(() => timeProcess("python3", [file]).ms - startup.cpython);
      suite.push(result);
    }
    /** @param {number[]} values */
    const geomean = (values) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

    note("memory");
    const memory = /** @type {Record<PeerName, { agent: number, wasm: number }>} */ ({});
    for (const peer of PEER_NAMES) {
      const page = pages[peer];
      const [worker] = page.workers();
      memory[peer] = {
        // JavaScript heaps and DOM of page and worker; wasm memory is not counted there.
        agent: await page.evaluate(
          async () =>
            (
              await /** @type {{ measureUserAgentSpecificMemory(): Promise<{ bytes: number }> }} */ (
                /** @type {unknown} */ (performance)
              ).measureUserAgentSpecificMemory()
            ).bytes,
        ),
        wasm: await worker.evaluate(PEERS[peer].workerMemory),
      };
    }
    rows.push(["peak wasm memory of the worker, after the suite", fmtBytes(memory.sandpiper.wasm), fmtBytes(memory.pyodide.wasm), ratio(memory.sandpiper.wasm, memory.pyodide.wasm), ""]);
    rows.push(["JS heaps + DOM (`measureUserAgentSpecificMemory`)", fmtBytes(memory.sandpiper.agent), fmtBytes(memory.pyodide.agent), ratio(memory.sandpiper.agent, memory.pyodide.agent), ""]);

    note("budget on/off (native)");
    const overhead = spawnSync(join(ROOT, "target/release/budget-overhead"), [String(REPETITIONS), SUITE_DIR], {
      encoding: "utf8",
    });

    // The plain interpreter prints the programs' output; keep the table.
    const budgetTable = overhead.stdout
      .split("\n")
      .filter((line) => line.startsWith("|") || line.startsWith("geometric"))
      .join("\n");
    const table = [
      "| measure | Sandpiper | Pyodide | ratio | goal |",
      "|---|---:|---:|---:|---|",
      ...rows.map((row) => `| ${row.join(" | ")} |`),
    ].join("\n");
    const suiteTable = [
      "| program | Sandpiper (browser) | Pyodide (browser) | Sandpiper / Pyodide | `sandpiper run` (native) | CPython 3.11 (native) | browser / native Sandpiper | native Sandpiper / CPython |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...suite.map(
        (r) =>
          `| ${r.name} | ${fmtMs(r.sandpiper)} | ${fmtMs(r.pyodide)} | ${ratio(r.sandpiper, r.pyodide)} | ${fmtMs(r.native)} | ${fmtMs(r.cpython)} | ${ratio(r.sandpiper, r.native)} | ${ratio(r.native, r.cpython)} |`,
      ),
      `| **geometric mean** | | | ${geomean(suite.map((r) => r.sandpiper / r.pyodide)).toFixed(2)}× | | | ${geomean(suite.map((r) => r.sandpiper / r.native)).toFixed(2)}× (goal ≤ 1.3×) | ${geomean(suite.map((r) => r.native / r.cpython)).toFixed(2)}× |`,
    ].join("\n");
    const chromiumVersion = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" }).stdout.trim();
    const report = `# Benchmark results

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`sh scripts/bench.sh ${REPETITIONS}\`
(medians of ${REPETITIONS} repetitions). Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB;
${chromiumVersion}, headless; Pyodide 314.0.7 from npm; served from localhost by \`bench/server.mjs\`
(brotli 11, ETag revalidation, COOP/COEP for both), so network time is not part of the start-up
numbers: bytes are (the responses to requests that reached the server before the worker's
\`sandpiper-ready\` mark). Both Pythons run in a Web Worker. Suite times are Run click to the end of the
run on the page's clock; native times are process times minus an empty program's.

## Start-up, bytes, latency, memory

${table}

## Compute suite (\`bench/suite\`)

${suiteTable}

## Step budget on vs off (native, \`budget-overhead\` on the same suite)

${budgetTable}
`;
    writeFileSync(join(ROOT, "bench/RESULTS.md"), report);
    console.log(report);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
