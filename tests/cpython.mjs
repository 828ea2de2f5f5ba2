// @ts-check
// The reference Python: what CPython does with a program, which the browser tests compare
// Sandpiper with. This is the single place the tests run it, so that the reference can
// change (to CPython 3.14 run through the npm `pyodide` package) here alone; callers only
// hand over a program, what it reads from standard input and the folder it runs in.
import { spawnSync } from "node:child_process";

/**
 * @typedef {object} CPythonResult
 * @property {string} stdout what the program printed
 * @property {string} stderr what it wrote to standard error (a traceback, for one)
 * @property {number | null} status its exit status: 0 when it ended without an error
 */

/**
 * Runs the program `code` to its end and returns what it printed.
 * @param {string} code the program's source
 * @param {{ stdin?: string, cwd?: string }} [options] `stdin`: its standard input, all
 *   of it (when left out it reads end of input at once); `cwd`: the folder it runs in
 *   (when left out, the tests' own)
 * @returns {CPythonResult}
 */
export function cpython(code, { stdin, cwd } = {}) {
  const result = spawnSync("python3", ["-c", code], { input: stdin, encoding: "utf8", cwd });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
