// @ts-check
// Pyodide in a module worker, the way Sandpiper runs Python: off the page's thread. The
// harness's page posts `{code}`; this answers with output chunks and `done`.
// @ts-expect-error bench/server.mjs serves node_modules/pyodide at /pyodide/: not a path on disk.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
pyodide.setStdout({ batched: (/** @type {string} */ text) => postMessage({ type: "output", text: `${text}\n` }) });
self.onmessage = (event) => {
  try {
    pyodide.runPython(event.data.code);
    postMessage({ type: "done" });
  } catch (error) {
    postMessage({ type: "done", error: String(error) });
  }
};
// The wasm heap's size (it only grows, so it is the peak), read by the harness.
/** @type {typeof self & { wasmMemoryBytes?: () => number }} */ (self).wasmMemoryBytes = () =>
  pyodide._module.HEAP8.buffer.byteLength;
// The moment the harness counts requested bytes up to, as Sandpiper's worker marks it.
performance.mark("sandpiper-ready");
postMessage({ type: "ready" });
