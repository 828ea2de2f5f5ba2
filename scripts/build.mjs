// @ts-check
// The one build of the app: each stage names what it reads and what it writes, and says how
// long it took. `sh scripts/build.sh` installs the tools (scripts/setup.sh) and runs this.
// Nothing writes outside the outputs a stage declares; docs/architecture.md draws the flow.
//   node scripts/build.mjs    (with Trunk, wasm-bindgen, cargo and node_modules/.bin on PATH)
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeOfflineList } from "./offline-list.mjs";
import { snapshotWorker } from "./snapshot-worker.mjs";
import { MAIN_FUNCTIONS, UNSPLIT_WASM, WORKER_WASM, splitWorker } from "./split-worker.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const DIST = "dist";
const WORKER_MANIFEST = "crates/worker/Cargo.toml";
/// As index.html builds the worker: the same arguments make cargo's answer a no-op.
const WORKER_CARGO_ARGS = [
  "build",
  "--target=wasm32-unknown-unknown",
  "--manifest-path",
  join(ROOT, WORKER_MANIFEST),
  "--profile",
  "wasm-release",
  "--offline",
  "--locked",
];

/** @param {string} command @param {string[]} args */
function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: "inherit" });
}

/// Where the engine's build script wrote the standard library bundles (its OUT_DIR), as
/// cargo reports it for the worker's build: a build script's outputs belong to cargo, and
/// this is how cargo hands them on.
function engineOutDir() {
  const messages = execFileSync("cargo", [...WORKER_CARGO_ARGS, "--message-format=json"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  for (const line of messages.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line);
    if (message.reason === "build-script-executed" && /[/#]sandpiper-engine[@#]/.test(message.package_id)) {
      return message.out_dir;
    }
  }
  throw new Error("cargo reported no build script output for sandpiper-engine");
}

/** @typedef {{ name: string, reads: string[], writes: string[], run: () => unknown }} Stage */
/** @type {Stage[]} */
const STAGES = [
  {
    name: "crates",
    reads: ["Cargo.lock"],
    writes: ["cargo's registry cache"],
    run: () => run("cargo", ["fetch", "--locked"]),
  },
  {
    name: "editor bundle (esbuild)",
    reads: ["www/editor/editor.js", "www/editor/archive.js", "node_modules/@codemirror", "node_modules/fflate"],
    writes: ["www/editor/build/editor.js", "www/editor/build/archive.js"],
    run: () => run("npm", ["run", "--silent", "build:editor"]),
  },
  {
    name: "page and worker (Trunk: cargo, crates/engine/build.rs, wasm-bindgen, wasm-opt)",
    reads: ["index.html", "Trunk.toml", "src/", "crates/", "www/"],
    writes: [`${DIST}/`, "target/"],
    // --offline keeps cargo off the network (the crates stage fetched them) and Trunk from
    // downloading wasm-bindgen and wasm-opt (found on PATH).
    run: () => run("trunk", ["build", "--release", "--offline", "--locked"]),
  },
  {
    name: "standard library bundles",
    reads: ["crates/engine/build.rs's OUT_DIR/stdlib (from cargo)"],
    writes: [`${DIST}/stdlib/`],
    run: () => {
      const bundles = join(engineOutDir(), "stdlib");
      rmSync(join(DIST, "stdlib"), { recursive: true, force: true });
      cpSync(bundles, join(DIST, "stdlib"), { recursive: true });
    },
  },
  {
    // The widget course pages embed is the app's page under another name (the app mounts
    // the widget there), so it loads the same hashed files.
    name: "embed page",
    reads: [`${DIST}/index.html`],
    writes: [`${DIST}/embed.html`],
    run: () => copyFileSync(join(DIST, "index.html"), join(DIST, "embed.html")),
  },
  {
    name: "worker snapshot (the first interpreter, built now)",
    reads: [`${DIST}/${WORKER_WASM}`],
    writes: [`${DIST}/${WORKER_WASM}`, UNSPLIT_WASM],
    run: async () => {
      // scripts/profile-split.mjs starts again from the build's wasm before the snapshot.
      mkdirSync(dirname(UNSPLIT_WASM), { recursive: true });
      copyFileSync(join(DIST, WORKER_WASM), UNSPLIT_WASM);
      await snapshotWorker(DIST);
    },
  },
  {
    name: "worker split (wasm-split)",
    reads: [`${DIST}/${WORKER_WASM}`, MAIN_FUNCTIONS.slice(ROOT.length)],
    writes: [`${DIST}/${WORKER_WASM}`, `${DIST}/sandpiper-worker_rest.wasm`],
    run: () => splitWorker(DIST),
  },
  {
    name: "offline file list (service worker)",
    reads: [`${DIST}/`],
    writes: [`${DIST}/service-worker.js`],
    run: () => writeOfflineList(DIST),
  },
];

process.chdir(ROOT);
const started = performance.now();
for (const [index, stage] of STAGES.entries()) {
  console.log(`\nbuild [${index + 1}/${STAGES.length}] ${stage.name}`);
  console.log(`  reads:  ${stage.reads.join(", ")}`);
  console.log(`  writes: ${stage.writes.join(", ")}`);
  const begun = performance.now();
  await stage.run();
  console.log(`build [${index + 1}/${STAGES.length}] ${stage.name}: done in ${seconds(begun)}`);
}
console.log(`\nbuild: ${DIST}/ is the app, built in ${seconds(started)}`);

/** @param {number} since */
function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
