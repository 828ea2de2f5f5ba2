// @ts-check
// The Web Worker's entry point. It downloads the Python runtime (a large wasm module)
// itself, so it can tell the page how many bytes have arrived, then instantiates it and
// calls its `start`, which takes the interpreter the build prepared and posts `ready`. Messages are the
// JSON text of `sandpiper_protocol::Response`.

/** @typedef {typeof self & { sandpiperControl?: SharedArrayBuffer, sandpiperRuntime?: unknown }} BootScope */

const post = (/** @type {object} */ message) => self.postMessage(JSON.stringify(message));

// Shared memory through which the page stops a running program and answers input()
// (layout: sandpiper_protocol::control). Only a cross-origin isolated page can share it.
// Generated from sandpiper_protocol (crates/protocol/tests/javascript_constants.rs).
const BUFFER_BYTES = 81952;
// End of the generated constants.
if (self.crossOriginIsolated) {
  /** @type {BootScope} */ (self).sandpiperControl = new SharedArrayBuffer(BUFFER_BYTES);
  self.postMessage({ control: /** @type {BootScope} */ (self).sandpiperControl });
}
const PROGRESS_INTERVAL_MS = 50;

/// Fetches the runtime. The response goes to `WebAssembly.instantiateStreaming`, so the
/// module compiles while it downloads and the browser can cache the compiled code for the
/// next visit; a clone of it is read only to tell the page how many bytes have arrived.
/** @param {URL} url */
async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  reportProgress(response.clone());
  return response;
}

/** @param {Response} response */
async function reportProgress(response) {
  // Content-Length counts compressed bytes when the server compresses; then only the
  // running count is meaningful.
  const encoded = response.headers.get("content-encoding");
  const length = Number(response.headers.get("content-length"));
  const total = !encoded && length > 0 ? length : null;
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  let loaded = 0;
  let lastReport = 0;
  post({ type: "loading", loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.length;
    const now = performance.now();
    if (now - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = now;
      post({ type: "loading", loaded, total });
    }
  }
  post({ type: "loading", loaded, total: loaded });
}

// A wasm trap (a panic, or the memory limit) surfaces here as an uncaught error. The
// interpreter's state is broken after it, so the page replaces this worker; the report
// says whether memory ran out. Errors before the wasm is running reach the page as the
// worker's own `error` event instead.
let running = false;
self.addEventListener("error", (event) => {
  if (!running) return;
  event.preventDefault();
  let report;
  try {
    report = glue.crash_report(String(event.message));
  } catch {
    report = JSON.stringify({ type: "crashed", out_of_memory: false, detail: String(event.message) });
  }
  self.postMessage(report);
});

// The runtime comes in two parts (scripts/split-worker.mjs): the main module holds the
// functions that starting, warming up and typical programs run; the rest follows in a second
// module, fetched once the interpreter is ready. Until it is there, each function of the rest
// is a stub in the main module: the first call to one loads the rest synchronously through
// `placeholder.load` (below), and every call goes on through the table slot the rest fills.
const REST_URL = new URL("./sandpiper-worker_rest.wasm", import.meta.url);
/** @type {WebAssembly.Instance | null} */
let main = null; // the main module's instance
let split = false; // whether it has stubs (an instrumented build has none)
let restLinked = false;

/** @param {WebAssembly.Module} module */
function linkRest(module) {
  if (restLinked) return;
  // The main module is instantiated before anything can ask for the rest.
  new WebAssembly.Instance(module, { main: /** @type {WebAssembly.Instance} */ (main).exports });
  restLinked = true;
}

function loadRestNow() {
  if (restLinked) return;
  // A synchronous request: allowed in a worker, and the caller cannot go on without it.
  const request = new XMLHttpRequest();
  request.open("GET", REST_URL, false);
  request.responseType = "arraybuffer";
  try {
    request.send();
  } catch (error) {
    throw new Error(
      `Sandpiper could not load the rest of its runtime (${REST_URL}): ${/** @type {Error} */ (error).message}`,
    );
  }
  if (request.status !== 200) {
    throw new Error(`Sandpiper could not load the rest of its runtime: ${REST_URL} answered HTTP ${request.status}`);
  }
  linkRest(new WebAssembly.Module(request.response));
}

// wasm-bindgen's glue instantiates the module itself; the stubs' import joins its imports here.
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const result = await instantiateStreaming(source, { ...imports, placeholder: { load: loadRestNow } });
  main = result.instance;
  split = WebAssembly.Module.imports(result.module).some((entry) => entry.module === "placeholder");
  return result;
};

// The runtime's download and wasm-bindgen's glue load side by side.
const [glue, runtime] = await Promise.all([
  // @ts-expect-error wasm-bindgen writes the glue into dist/ at build time; there is none beside this file.
  import("./sandpiper-worker.js"),
  download(new URL("./sandpiper-worker_bg.wasm", import.meta.url)),
]);
running = true;
const wasm = await glue.default({ module_or_path: runtime });
WebAssembly.instantiateStreaming = instantiateStreaming;
glue.start();
// Ready has been posted. A moment later, once the page has shown it (on a machine with two
// cores this work would delay that), warm up and then fetch the rest in the background.
const WARM_UP_DELAY_MS = 300;
setTimeout(() => {
  glue.warm_up();
  if (!split) return;
  WebAssembly.compileStreaming(fetch(REST_URL))
    .then(linkRest)
    .catch((error) => console.warn(`Sandpiper: the rest of the runtime loads when first needed (${error.message})`));
}, WARM_UP_DELAY_MS);
// The runtime's exports: its memory (it only grows, so its size is the peak) for the
// benchmark (`bench/harness.mjs`), and an instrumented build's profile for
// `scripts/profile-split.mjs`.
/** @type {BootScope} */ (self).sandpiperRuntime = wasm;
