// The Web Worker's entry point. It downloads the Python runtime (a large wasm module)
// itself, so it can tell the page how many bytes have arrived, then instantiates it; the
// module's start function builds the interpreter and posts `ready`. Messages are the
// JSON text of `sandpiper_protocol::Response`.
import init, { crash_report } from "./sandpiper-worker.js";

const post = (message) => self.postMessage(JSON.stringify(message));

// Shared memory through which the page stops a running program and answers input()
// (layout: sandpiper_protocol::control). Only a cross-origin isolated page can share it.
// 16 header bytes + 64 KiB of text = control::BUFFER_BYTES.
if (self.crossOriginIsolated) {
  self.sandpiperControl = new SharedArrayBuffer(16 + 64 * 1024);
  self.postMessage({ control: self.sandpiperControl });
}
const PROGRESS_INTERVAL_MS = 50;

/// Fetches the runtime. The response goes to `WebAssembly.instantiateStreaming`, so the
/// module compiles while it downloads and the browser can cache the compiled code for the
/// next visit; a clone of it is read only to tell the page how many bytes have arrived.
async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  reportProgress(response.clone());
  return response;
}

async function reportProgress(response) {
  // Content-Length counts compressed bytes when the server compresses; then only the
  // running count is meaningful.
  const encoded = response.headers.get("content-encoding");
  const length = Number(response.headers.get("content-length"));
  const total = !encoded && length > 0 ? length : null;
  const reader = response.body.getReader();
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
    report = crash_report(String(event.message));
  } catch {
    report = JSON.stringify({ type: "crashed", out_of_memory: false, detail: String(event.message) });
  }
  self.postMessage(report);
});

const runtime = await download(new URL("./sandpiper-worker_bg.wasm", import.meta.url));
running = true;
const wasm = await init({ module_or_path: runtime });
// The interpreter's memory (it only grows, so its size is the peak): for diagnostics and
// the benchmark (`bench/harness.mjs`).
self.sandpiperMemory = wasm.memory;
