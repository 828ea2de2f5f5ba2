// @ts-check
// Splits the worker's wasm in two (Binaryen's `wasm-split`, Debian package `binaryen`):
// `sandpiper-worker_bg.wasm` keeps the functions listed in crates/worker/main-functions.txt
// (what starting, warming up and typical programs run: scripts/profile-split.mjs measures
// it), and `sandpiper-worker_rest.wasm` holds the rest, which www/worker-boot.js fetches
// after Ready. Fewer bytes to download and compile before Python is ready; every function
// of the rest is still there, behind a stub that loads it on first call.
// The build's wasm must carry its names (wasm-opt -g, index.html); both outputs leave them out.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "binaryen";
import { nameSubsections, reader, sections } from "./wasm-binary.mjs";

export const WASM_SPLIT = process.env.WASM_SPLIT ?? "wasm-split";
const WASM_OPT = new URL("../node_modules/.bin/wasm-opt", import.meta.url).pathname;
export const WORKER_WASM = "sandpiper-worker_bg.wasm";
export const REST_WASM = "sandpiper-worker_rest.wasm";
export const MAIN_FUNCTIONS = new URL("../crates/worker/main-functions.txt", import.meta.url).pathname;
// The build's worker wasm after wasm-opt, before the snapshot and this split (names
// included), kept by scripts/build.mjs for scripts/profile-split.mjs.
export const UNSPLIT_WASM = "target/sandpiper-build/sandpiper-worker_unsplit.wasm";

/// A function's name as Binaryen 108 spells it: bytes other than identifier characters
/// become `\xx` (wasm-split matches names and writes symbol maps in this form).
/** @param {string} name */
const binaryenName = (name) =>
  [...new TextEncoder().encode(name)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[0-9A-Za-z!#$%&'*+\-./:<=>?@^_`|~]/.test(char) ? char : `\\${byte.toString(16).padStart(2, "0")}`;
    })
    .join("");

/// A function's name (Binaryen's spelling) without the crate hashes of Rust's symbol
/// names (`core[7d5f0a2ba6a62c33]`), which change with the toolchain and dependencies.
/// Functions that then share a name are kept or split together.
/** @param {string} name */
export const baseName = (name) => name.replace(/\\5b[0-9a-f]{16}\\5d/g, "").replace(/::h[0-9a-f]{16}$/, "");

/// The function names of a wasm module (its "name" custom section, subsection 1).
/** @param {Uint8Array} bytes */
function functionNames(bytes) {
  for (const { id, body } of sections(bytes)) {
    if (id !== 0) continue;
    const functions = nameSubsections(body).subsections.find((subsection) => subsection.id === 1);
    if (!functions) continue;
    const read = reader(functions.contents);
    const names = [];
    for (let count = read.u32(); count > 0; count -= 1) {
      read.u32(); // the function's index
      names.push(read.name());
    }
    return names;
  }
  return [];
}

/// Binaryen 108 writes its outputs unoptimized (no Stack IR), which Chromium compiles and
/// runs slower than the build's `-Os` output: each part is optimized again with the build's
/// wasm-opt (npm binaryen 132), both at once. Without memory packing: the memory the
/// snapshot wrote (scripts/snapshot-worker.mjs) is one segment, and cutting out its zero runs
/// makes thousands of segments whose headers cost 160 KB more after brotli than the zeros.
/** @param {string} input @param {string} output @returns {Promise<void>} */
function optimize(input, output) {
  return new Promise((resolve, reject) => {
    const child = spawn(WASM_OPT, ["-Os", "--skip-pass=memory-packing", input, "-o", output], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wasm-opt ${input}: exit code ${code}`))));
  });
}

/// wasm-split leaves each function of the rest as an import of the main module (a
/// placeholder, named by its table slot) that the loader must supply. The page would then
/// build 8,836 JavaScript functions and V8 an import per one at every start (10 ms in Node).
/// Instead each becomes a stub in the main module that calls one import, `placeholder.load`
/// (which links the rest, filling the table), then calls on through its slot. Until the rest
/// has arrived the table's slots hold the stubs; afterwards the rest's own functions.
/** @param {string} file */
function placeholdersToStubs(file) {
  const module = binaryen.readBinary(readFileSync(file));
  const table = binaryen.getTableInfo(module.getTableByIndex(0)).name;
  const placeholders = [];
  for (let index = 0; index < module.getNumFunctions(); index += 1) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(index));
    if (info.module === "placeholder") placeholders.push(info);
  }
  const load = "sandpiper$load_rest";
  module.addFunctionImport(load, "placeholder", "load", binaryen.none, binaryen.none);
  for (const { name, base, params, results } of placeholders) {
    const slot = Number(base);
    if (!Number.isInteger(slot)) throw new Error(`split-worker: placeholder import "${base}" is not a table slot`);
    const args = binaryen.expandType(params).map((type, index) => module.local.get(index, type));
    const body = module.block(null, [
      module.call(load, [], binaryen.none),
      module.call_indirect(table, module.i32.const(slot), args, params, results),
    ], results);
    // Binaryen refers to functions by name, so the table's entries now point at the stub.
    module.removeFunction(name);
    module.addFunction(name, params, results, [], body);
  }
  // Not `module.validate()`: its ref.func types still describe the imports. wasm-opt, which
  // reads this file next, validates the written module.
  writeFileSync(file, module.emitBinary());
  module.dispose();
  return placeholders.length;
}

/// Functions kept in the main module whatever the profile saw: the garbage collector's
/// traversal of each type. A collection starts whenever enough objects were allocated and
/// visits whatever is alive, so which of them a page needs first cannot be profiled.
const ALWAYS_MAIN = /try_traverse_obj|try_clear_obj|Traverse>::(traverse|clear)/;

/** @param {string} dir */
export async function splitWorker(dir) {
  const wasm = join(dir, WORKER_WASM);
  const wanted = new Set(readFileSync(MAIN_FUNCTIONS, "utf8").split("\n").filter(Boolean));
  const names = functionNames(readFileSync(wasm)).map(binaryenName);
  const keep = names.filter((name) => wanted.has(baseName(name)) || ALWAYS_MAIN.test(name));
  const present = new Set(names.map(baseName));
  const missing = [...wanted].filter((name) => !present.has(name)).length;
  if (missing > wanted.size / 2) {
    throw new Error(
      `split-worker: ${missing} of the ${wanted.size} functions in ${MAIN_FUNCTIONS} are not in ${wasm} ` +
        "(a build without names? index.html passes -g to wasm-opt)",
    );
  }
  if (missing > 0) {
    console.warn(
      `split-worker: ${missing} of the ${wanted.size} functions listed in ${MAIN_FUNCTIONS} are not in this ` +
        "build (the compiler renamed or dropped them), so the list may be stale: a first program may then wait " +
        "for the rest of the runtime, and tests/split.test.mjs fails. Remake it after this build with " +
        "`node scripts/profile-split.mjs`, then build again.",
    );
  }
  const work = mkdtempSync(join(tmpdir(), "sandpiper-split-"));
  try {
    const keepFile = join(work, "main-functions.txt");
    writeFileSync(keepFile, keep.join("\n") + "\n");
    const [main, rest] = [join(work, "main.wasm"), join(work, "rest.wasm")];
    execFileSync(WASM_SPLIT, [
      "--all-features", "--split", `--keep-funcs=@${keepFile}`,
      "--placeholder-namespace=placeholder", "--import-namespace=main", "--export-prefix=%",
      wasm, "-o1", main, "-o2", rest,
    ], { stdio: ["ignore", "inherit", "inherit"] });
    const stubs = placeholdersToStubs(main);
    console.log(`split-worker: ${stubs} placeholders made stubs`);
    await Promise.all([optimize(main, wasm), optimize(rest, join(dir, REST_WASM))]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`split-worker: ${keep.length} of ${names.length} functions in the main module`);
}
