// @ts-check
// The reference Python: CPython 3.14, as the npm package `pyodide` 314.0.7 builds it, run
// under Node. The tests compare Sandpiper with what it prints; this is the one place they
// run it. Programs run as `python3 main.py` would run them (tests/cpython_main.py): in an
// empty folder, standard input from a text, a traceback and status 1 on an error.
//
//   import { cpython } from "./cpython.mjs"      await cpython(code, { stdin })
//   node tests/cpython.mjs --serve                one JSON request per line on stdin
//     ({"code": "...", "stdin": "...", "library": {...}}), one JSON result per line on stdout: how the
//     engine's Rust tests (crates/engine/tests/python/common.rs) reach the same reference.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { loadPyodide } from "pyodide";

/**
 * @typedef {object} CPythonResult
 * @property {string} stdout what the program printed
 * @property {string} stderr what it wrote to standard error (a traceback, for one)
 * @property {number} status its exit status: 0 when it ended without an error
 */

/** @type {Promise<(code: string, stdin: string, library?: string) => string> | undefined} */
let reference;

async function startReference() {
  // Programs' output goes to their own streams (cpython_main.py); anything else Pyodide
  // prints would be its own noise.
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  pyodide.runPython(readFileSync(new URL("./cpython_main.py", import.meta.url), "utf8"));
  return pyodide.globals.get("run_as_main");
}

/**
 * Runs the program `code` to its end and returns what it printed.
 * @param {string} code the program's source
 * @param {{ stdin?: string, library?: Record<string, string> }} [options] `stdin`: its
 *   standard input, all of it (when left out it reads end of input at once); `library`:
 *   modules it imports before the standard library's ({path: text})
 * @returns {Promise<CPythonResult>}
 */
export async function cpython(code, { stdin = "", library } = {}) {
  reference ??= startReference();
  const runAsMain = await reference;
  return JSON.parse(runAsMain(code, stdin, library && JSON.stringify(library)));
}

if (process.argv[2] === "--serve") {
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line);
    process.stdout.write(JSON.stringify(await cpython(request.code, request)) + "\n");
  }
}
