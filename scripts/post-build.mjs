// Trunk's post-build hook (Trunk runs hooks of one stage at once, so all steps are here,
// in order):
// 1. embed.html, the widget course pages embed, is the app's page under another name
//    (the app mounts the widget there), so it loads the same hashed files.
// 2. stdlib/: the standard library bundles the engine's build script wrote beside the
//    worker's wasm build (crates/engine/build.rs), fetched by `import` when needed.
// 3. The worker's first interpreter is built now, in Node, and its memory becomes the wasm's
//    data (scripts/snapshot-worker.mjs), so the page does not spend its start-up building it.
// 4. The worker's wasm is split in two: what start-up and typical programs run, and the
//    rest (scripts/split-worker.mjs).
// 5. The build's version and its list of files go into the service worker
//    (`const BUILD = ...` in service-worker.js), so that the service worker caches exactly
//    this build for offline use and any change to any file is a new version.
// Usage: node scripts/post-build.mjs [DIR] (default: $TRUNK_STAGING_DIR, else dist).
import { createHash } from "node:crypto";
import { copyFile, cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { snapshotWorker } from "./snapshot-worker.mjs";
import { splitWorker } from "./split-worker.mjs";

const SERVICE_WORKER = "service-worker.js";
const PLACEHOLDER = /^const BUILD = .*;$/m;

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join("/"))
    .filter((file) => file !== SERVICE_WORKER)
    .sort();
}

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
await copyFile(join(dir, "index.html"), join(dir, "embed.html"));
const target = process.env.CARGO_TARGET_DIR ?? join(process.env.TRUNK_SOURCE_DIR ?? ".", "target");
const bundles = join(target, "wasm32-unknown-unknown", "sandpiper-stdlib");
await rm(join(dir, "stdlib"), { recursive: true, force: true });
try {
  await cp(bundles, join(dir, "stdlib"), { recursive: true });
} catch (error) {
  console.error(`post-build: no standard library bundles at ${bundles} (${error.message})`);
  process.exit(1);
}
await snapshotWorker(dir);
await splitWorker(dir);
const files = await filesUnder(dir);
const hash = createHash("sha256");
for (const file of files) {
  hash.update(file + "\0");
  hash.update(await readFile(join(dir, file)));
}
const build = {
  version: hash.digest("hex").slice(0, 16),
  // "./" is the address the app is opened at; it serves index.html.
  files: ["./", ...files.map((file) => `./${file}`)],
};
const workerPath = join(dir, SERVICE_WORKER);
const worker = await readFile(workerPath, "utf8");
if (!PLACEHOLDER.test(worker)) {
  console.error(`post-build: no "const BUILD = ...;" line in ${workerPath}`);
  process.exit(1);
}
await writeFile(workerPath, worker.replace(PLACEHOLDER, `const BUILD = ${JSON.stringify(build)};`));
console.log(`post-build: build ${build.version}, ${files.length} files`);
