// @ts-check
// One Python worker for all the Sandpiper frames of a page. A lesson page with ten
// embedded widgets (ten iframes of embed.html, same origin as each other) must not
// download and start ten runtimes: the first frame makes the hub and its worker, and the
// others find it through `parent.frames` (same-origin frames of one page share an event
// loop, so they can call each other's objects) and connect to it as clients.
// The worker gives each client its own interpreter (`Request::Run::session`). Clients
// number their requests from `id << CLIENT_ID_SHIFT`, so answers are routed by id;
// messages with no id (loading, ready) go to every client.
// One program runs at a time (a REPL entry is a run: `entry`, ended by `finished` or, when
// it needs another line, `entry_incomplete`): runs asked for while another client's program runs wait
// their turn, in order. A run a person asked for also stops the running one if it has not
// finished a second later: that client is told it is `preempted` (its page stops it, warm
// through the shared memory or by restarting the worker). A run that started by itself
// (`data-autorun`, `data-step`: the page says so when it posts) only waits, so widgets
// that all start at page load never stop each other. A restart or crash replaces the
// worker for all; the others' interpreters come back fresh on their next run.

// The worker's entry, next to index.html (relative, so dist/ can live in any folder).
const WORKER_URL = "./worker-boot.js";
// Where a client's request ids start, and the shared memory's word indices and idle input
// state (sandpiper_protocol::control).
// Generated from sandpiper_protocol (crates/protocol/tests/javascript_constants.rs).
const CLIENT_ID_SHIFT = 24;
const INTERRUPT = 0;
const INPUT_STATE = 1;
const INPUT_IDLE = 0;
// End of the generated constants.
// How long a running program may go on once another client has asked for a run.
const PREEMPT_AFTER_MS = 1000;
// Requests that run the student's code, and the answers that end them.
const RUN_TYPES = new Set(["run", "entry", "check"]);
const END_TYPES = new Set(["finished", "entry_incomplete"]);

/**
 * What the worker posts, as a client receives it: JSON text (`sandpiper_protocol::Response`),
 * its shared memory, or why it failed to load.
 * @typedef {string | { control: SharedArrayBuffer } | { error: string }} WorkerMessage
 */
/**
 * A frame connected to the hub.
 * @typedef {object} Client
 * @property {number} id
 * @property {number} heard the worker generation this client last heard from
 * @property {(data: WorkerMessage, generation: number) => void} deliver
 * @property {(text: string, byItself?: boolean) => void} post sends a request (JSON text) to
 *   the worker; `byItself`: a run nobody asked for
 * @property {() => void} restart
 * @property {() => void} close
 */
/** @typedef {{ client: Client, run: number, text: string }} QueuedRun */
/** @typedef {Window & { sandpiperHub?: Hub }} HubWindow */

class Hub {
  /** @param {string | URL} workerUrl */
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
    /** @type {Map<number, Client>} */
    this.clients = new Map();
    this.nextClient = 1;
    /** @type {QueuedRun[]} */
    this.queue = []; // runs waiting for their turn: { client, run, text }
    this.generation = 0;
    this.spawn();
  }

  spawn() {
    this.generation += 1;
    /** @type {string | null} */
    this.ready = null; // the worker's `ready` message, replayed to late clients
    /** @type {string | null} */
    this.loading = null; // its latest download progress, likewise
    /** @type {WorkerMessage | null} */
    this.failure = null; // a crash before any client connected, likewise
    /** @type {SharedArrayBuffer | null} */
    this.control = null; // its shared memory, when the page is cross-origin isolated
    /** @type {{ client: Client, run: number } | null} */
    this.active = null; // { client, run } of the program running now
    /** @type {string[]} */
    this.backlog = []; // requests that arrived before `ready`
    /** @type {Worker} */
    this.worker = new Worker(this.workerUrl, { type: "module" });
    this.worker.onmessage = (event) => this.fromWorker(event.data);
    this.worker.onerror = (event) =>
      this.crashed({ error: event.message || "the worker failed to load" });
  }

  restart() {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.spawn();
  }

  /** @param {string | { control: SharedArrayBuffer }} data what the worker posts (www/worker-boot.js) */
  fromWorker(data) {
    if (typeof data !== "string") {
      if (data?.control) {
        this.control = data.control;
        this.broadcast(data);
      }
      return;
    }
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === "crashed") return this.crashed(data);
    const id = message.run ?? message.id;
    if (id === undefined) {
      if (message.type === "ready") {
        this.ready = data;
        this.broadcast(data);
        for (const text of this.backlog.splice(0)) this.worker.postMessage(text);
        this.dispatchQueued();
      } else {
        if (message.type === "loading") this.loading = data;
        this.broadcast(data);
      }
      return;
    }
    if (END_TYPES.has(message.type) && this.active?.run === message.run) {
      this.active = null;
      this.dispatchQueued();
    }
    this.clients.get(id >>> CLIENT_ID_SHIFT)?.deliver(data, this.generation);
  }

  /// A trap or a failed load concerns the running program's client only (the others get
  /// a fresh interpreter with the next worker); with nothing running, everyone hears.
  /** @param {WorkerMessage} data */
  crashed(data) {
    const generation = this.generation;
    const owner = this.active?.client;
    this.active = null;
    // The running client restarts it; a client that was starting gives up instead, so a
    // runtime that cannot start does not loop.
    if (owner) owner.deliver(data, generation);
    else if (this.clients.size === 0) this.failure = data;
    else for (const client of [...this.clients.values()]) client.deliver(data, generation);
  }

  /** @param {WorkerMessage} data */
  broadcast(data) {
    const generation = this.generation;
    for (const client of [...this.clients.values()]) client.deliver(data, generation);
  }

  /** @param {Client} client @param {string} text @param {boolean} byItself */
  post(client, text, byItself) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!RUN_TYPES.has(message.type)) {
      if (this.ready) this.worker.postMessage(text);
      else this.backlog.push(text);
      return;
    }
    // Runs wait their turn in order; a client asking again replaces its own waiting run.
    this.queue = this.queue.filter((waiting) => waiting.client !== client);
    this.queue.push({ client, run: message.run, text });
    const active = this.active;
    if (active && active.client !== client && !byItself) {
      // A short program ends by itself; a long one is stopped so the person's run can go.
      setTimeout(() => {
        if (this.active === active) active.client.deliver(preempted(active.run), this.generation);
      }, PREEMPT_AFTER_MS);
    }
    this.dispatchQueued();
  }

  dispatchQueued() {
    if (!this.queue.length || !this.ready || this.active) return;
    const { client, run, text } = /** @type {QueuedRun} */ (this.queue.shift());
    this.active = { client, run };
    if (this.control) {
      // A preempted client's Stop may still be in the flag: this run starts clean.
      const words = new Int32Array(this.control, 0, 4);
      Atomics.store(words, INTERRUPT, 0);
      Atomics.store(words, INPUT_STATE, INPUT_IDLE);
    }
    this.worker.postMessage(text);
  }

  /** @param {(data: WorkerMessage) => void} onMessage */
  connect(onMessage) {
    const id = this.nextClient++;
    const hub = this;
    /** @type {Client} */
    const client = {
      id,
      // The worker generation this client last heard from: a restart asked for because
      // of an older worker has already happened.
      heard: this.generation,
      deliver(data, generation) {
        client.heard = generation;
        onMessage(data);
      },
      post: (text, byItself = false) => hub.post(client, text, byItself),
      restart() {
        if (client.heard === hub.generation) return hub.restart();
        // Someone else restarted it already: catch up with the new worker.
        hub.replay(client);
      },
      close() {
        hub.clients.delete(id);
        hub.queue = hub.queue.filter((waiting) => waiting.client !== client);
        // Its program may run on with nobody to stop it: start the others afresh.
        if (hub.active?.client === client) hub.restart();
      },
    };
    this.clients.set(id, client);
    queueMicrotask(() => this.replay(client));
    return client;
  }

  /** @param {Client} client */
  replay(client) {
    if (this.failure) return client.deliver(this.failure, this.generation);
    if (this.control) client.deliver({ control: this.control }, this.generation);
    if (this.ready) client.deliver(this.ready, this.generation);
    else if (this.loading) client.deliver(this.loading, this.generation);
  }
}

/** @param {number} run */
function preempted(run) {
  return JSON.stringify({ type: "preempted", run });
}

/// The hub of a same-origin sibling frame, if one has it.
function siblingHub() {
  if (window.parent === window) return null;
  const frames = window.parent.frames;
  for (let index = 0; index < frames.length; index += 1) {
    try {
      const frame = /** @type {HubWindow} */ (frames[index]);
      if (frame !== window && frame.sandpiperHub) return frame.sandpiperHub;
    } catch {
      // A frame of another origin.
    }
  }
  return null;
}

/// This page's hub: a sibling frame's, or a new one with its worker.
function pageHub() {
  const page = /** @type {HubWindow} */ (window);
  if (!page.sandpiperHub) {
    page.sandpiperHub = siblingHub() ?? new Hub(new URL(WORKER_URL, document.baseURI));
  }
  return page.sandpiperHub;
}

// The worker starts as soon as this script runs, while the app's own wasm is still
// loading, rather than once the app is up (about 0.1 s sooner); the app connects then,
// and hears what it missed (progress, ready, an early crash) replayed.
pageHub();

/// Connects to this page's Python worker. `onMessage` receives what the worker posts:
/// JSON text, `{control}`, or `{error}`.
/** @param {(data: WorkerMessage) => void} onMessage */
export function connectToRuntime(onMessage) {
  return pageHub().connect(onMessage);
}
