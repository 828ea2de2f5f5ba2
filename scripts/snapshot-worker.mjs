// @ts-check
// Builds the worker's first interpreter at build time: runs the module's `prepare` in Node and
// writes the memory it leaves back into the module as its data (one active segment, from
// where the data starts, and as many initial pages), so that in the page `start` finds the
// interpreter built instead of building it (bench/LEVERS.md: cold start about a third shorter).
// It runs on the build's wasm after wasm-opt and before the split (scripts/build.mjs);
// the function table keeps its slots through the split, so the pointers in memory hold.
// What `prepare` may not do is keep a JavaScript handle (see crates/worker/src/lib.rs).
// Usage: node scripts/snapshot-worker.mjs DIR (the directory holding the worker's wasm and glue).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { WORKER_WASM } from "./split-worker.mjs";
import { nameSubsections, reader, sections as sectionsOf } from "./wasm-binary.mjs";

const WORKER_GLUE = "sandpiper-worker.js";
const PAGE_BYTES = 65536;
const CUSTOM_SECTION = 0;
const MEMORY_SECTION = 5;
const START_SECTION = 8;
const DATA_SECTION = 11;
const DATA_COUNT_SECTION = 12;
/// In the "name" custom section: the data segments' names, which the one segment replaces.
const DATA_NAMES_SUBSECTION = 9;

/** @param {number} value */
const leb = (value) => {
  const bytes = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
};

/// Signed LEB128, as `i32.const` takes its operand.
/** @param {number} value */
const sleb = (value) => {
  const bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const last = (value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40);
    bytes.push(last ? byte : byte | 0x80);
    if (last) return Buffer.from(bytes);
  }
};

/** @param {number} id @param {Uint8Array} body */
const section = (id, body) => Buffer.concat([Buffer.from([id]), leb(body.length), body]);

/// The memory section with `pages` as its initial size (the maximum, if any, kept).
/** @param {Uint8Array} body @param {number} pages */
function memorySection(body, pages) {
  const read = reader(body, 0);
  const count = read.u32();
  const flags = read.byte();
  if (count !== 1 || flags > 1) throw new Error(`snapshot-worker: expected one plain 32-bit memory (count ${count}, flags ${flags})`);
  const initial = read.u32();
  if (initial > pages) throw new Error(`snapshot-worker: memory shrank from ${initial} to ${pages} pages`);
  return Buffer.concat([Buffer.from([1, flags]), leb(pages), body.subarray(read.at)]);
}

/// The lowest address the module's data segments fill, checking that every one is active
/// in memory 0 at a constant address: those only set the memory's first contents, which the
/// snapshot replaces (a passive one could be copied in later, by its index).
/** @param {Uint8Array} body */
function lowestDataAddress(body) {
  const read = reader(body, 0);
  let lowest = Infinity;
  for (let count = read.u32(); count > 0; count -= 1) {
    const flags = read.byte();
    const opcode = read.byte();
    if (flags !== 0 || opcode !== 0x41) {
      throw new Error(`snapshot-worker: a data segment with flags ${flags}, offset opcode ${opcode} (only i32.const offsets in memory 0 are handled)`);
    }
    // Signed LEB128, read as unsigned: the same for addresses below 2^31.
    lowest = Math.min(lowest, read.u32());
    if (read.byte() !== 0x0b) throw new Error("snapshot-worker: a data segment's offset is not a single i32.const");
    read.skip(read.u32());
  }
  return lowest;
}

/// A custom section's body without the data segments' names, if it is the "name" section.
/** @param {Uint8Array} body */
function withoutDataNames(body) {
  const { prefix, subsections } = nameSubsections(body);
  if (!subsections.length) return body;
  const kept = subsections.filter(({ id }) => id !== DATA_NAMES_SUBSECTION);
  return Buffer.concat([prefix, ...kept.map(({ bytes }) => bytes)]);
}

/** @param {string} dir the directory holding the worker's wasm and glue */
export async function snapshotWorker(dir) {
  const wasmPath = join(dir, WORKER_WASM);
  const bytes = readFileSync(wasmPath);
  const sections = sectionsOf(bytes);
  const dataSection = sections.find(({ id }) => id === DATA_SECTION);
  if (!dataSection) throw new Error(`snapshot-worker: ${wasmPath} has no data section`);
  const dataStart = lowestDataAddress(dataSection.body);
  // `prepare` is an export the step calls; a start function would run `start` here instead,
  // taking the page's handles into the snapshot.
  const module = new WebAssembly.Module(bytes);
  if (sections.some(({ id }) => id === START_SECTION) || WebAssembly.Module.exports(module).some(({ name }) => name === "__wbindgen_start")) {
    throw new Error(`snapshot-worker: ${wasmPath} has a start function (is #[wasm_bindgen(start)] back?)`);
  }

  const glue = await import(pathToFileURL(join(dir, WORKER_GLUE)).href);
  const started = performance.now();
  const exports = glue.initSync({ module });
  glue.prepare();
  const built = performance.now() - started;
  const memory = new Uint8Array(exports.memory.buffer);
  // Below the data is Rust's stack (or nothing), all of it free once `prepare` has returned:
  // the segment starts at the data, and the stack starts out zeroed in the page.
  let end = memory.length;
  while (end > dataStart && memory[end - 1] === 0) end -= 1;
  const kept = memory.subarray(dataStart, end);
  const data = Buffer.concat([leb(1), Buffer.from([0, 0x41]), sleb(dataStart), Buffer.from([0x0b]), leb(kept.length), kept]);

  const parts = [bytes.subarray(0, 8)];
  for (const { id, body } of sections) {
    if (id === MEMORY_SECTION) parts.push(section(id, memorySection(body, memory.length / PAGE_BYTES)));
    else if (id === DATA_COUNT_SECTION) parts.push(section(id, leb(1)));
    else if (id === DATA_SECTION) parts.push(section(id, data));
    else if (id === CUSTOM_SECTION) parts.push(section(id, withoutDataNames(body)));
    else parts.push(section(id, body));
  }
  writeFileSync(wasmPath, Buffer.concat(parts));
  console.log(`snapshot-worker: interpreter built in ${built.toFixed(0)} ms; ${(kept.length / 1e6).toFixed(1)} MB of memory kept`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await snapshotWorker(process.argv[2] ?? "dist");
