// @ts-check
// The build's version and its list of files go into the service worker (`const BUILD = ...`
// in service-worker.js), so that the service worker caches exactly this build for offline
// use and any change to any file is a new version. The last stage of scripts/build.mjs.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

const SERVICE_WORKER = "service-worker.js";
const PLACEHOLDER = /^const BUILD = .*;$/m;

/** @param {string} dir */
async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((file) => file !== SERVICE_WORKER)
    .sort();
}

/** @param {string} dir the built app */
export async function writeOfflineList(dir) {
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
  if (!PLACEHOLDER.test(worker)) throw new Error(`offline-list: no "const BUILD = ...;" line in ${workerPath}`);
  await writeFile(workerPath, worker.replace(PLACEHOLDER, `const BUILD = ${JSON.stringify(build)};`));
  console.log(`offline-list: build ${build.version}, ${files.length} files`);
}
