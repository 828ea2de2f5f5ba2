// @ts-check
// The app's service worker. Three jobs:
// 1. Offline use: every file of the build is cached at install (the list and the build's
//    version are written into `BUILD` by scripts/offline-list.mjs, the build's last stage) and
//    served from that cache first, so after one visit the app works with the network off.
//    A new build is a new version: it installs beside the old one, waits until the page
//    asks for it ("Update ready"), then removes the old cache.
// 2. Isolation on static hosts that cannot send headers (GitHub Pages and the like): every
//    same-origin response is re-served with the COOP/COEP/CORP headers that
//    `scripts/serve-dist.mjs` sends, which makes SharedArrayBuffer (Stop, input()) available.
// 3. Where isolation stays impossible (an iframe on a page that is not isolated), input()
//    goes through here instead (`sandpiper_protocol::relay`): the Python worker's synchronous
//    request to `sandpiper-input?token=T` is held open until the page posts
//    `{"sandpiper_input": T, "answer": ...}`, and the answer becomes the response body.
// `sw-register.js` installs it.
/** @type {{ version: string, files: string[] }} */
const BUILD = { version: "unbuilt", files: [] };
const CACHE_PREFIX = "sandpiper-";
const CACHE = CACHE_PREFIX + BUILD.version;
const UPDATE_MESSAGE = "sandpiper:skip-waiting";
// `self`, typed as the service worker's global scope that it is (the "webworker" types
// give `self` the type of any worker's).
const scope = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

scope.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Revalidated, so a file left in the HTTP cache by an older build is not taken.
      await cache.addAll(BUILD.files.map((file) => new Request(file, { cache: "no-cache" })));
      // The first install takes over at once (isolation needs it); an update waits.
      if (!scope.registration.active) await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await scope.clients.claim();
    })(),
  );
});

const INPUT_PATH = "/sandpiper-input";
// token → resolve of a held request, and answers that arrived before their request.
/** @type {Map<string, (answer: string) => void>} */
const waitingRequests = new Map();
/** @type {Map<string, string>} */
const earlyAnswers = new Map();

scope.addEventListener("message", (event) => {
  if (event.data === UPDATE_MESSAGE) {
    scope.skipWaiting();
    return;
  }
  let message;
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  const { sandpiper_input: token, answer } = message ?? {};
  if (typeof token !== "string" || typeof answer !== "string") return;
  const resolve = waitingRequests.get(token);
  if (resolve) {
    waitingRequests.delete(token);
    resolve(answer);
  } else {
    earlyAnswers.set(token, answer);
  }
});

/** @param {string} token @returns {Promise<string | undefined>} */
function answerFor(token) {
  if (earlyAnswers.has(token)) {
    const answer = earlyAnswers.get(token);
    earlyAnswers.delete(token);
    return Promise.resolve(answer);
  }
  return new Promise((resolve) => waitingRequests.set(token, resolve));
}

/** @param {Request} request */
async function cachedOrFetched(request) {
  if (request.method === "GET") {
    // A page's address may carry settings (`?budget=`, `?code=`): it is the same file.
    const cached = await caches.match(request, {
      cacheName: CACHE,
      ignoreSearch: request.mode === "navigate",
    });
    if (cached) return cached;
  }
  return fetch(request);
}

/** @param {Response} response */
function withIsolation(response) {
  // Opaque and error responses cannot be rebuilt; they pass as they are. So do responses
  // that have the headers already: a rebuilt response has no URL, and Chromium then
  // cannot reuse its cached compilation of the runtime (a warm start 0.3 s slower).
  if (response.status === 0 || hasIsolation(response)) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** @param {Response} response */
function hasIsolation(response) {
  return Object.entries(ISOLATION_HEADERS).every(
    ([name, value]) => response.headers.get(name) === value,
  );
}

scope.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The app fetches only its own files; anything else is left to the browser.
  if (url.origin !== scope.location.origin) return;
  if (url.pathname.endsWith(INPUT_PATH)) {
    const token = url.searchParams.get("token") ?? "";
    event.respondWith(
      answerFor(token).then(
        (answer) =>
          new Response(answer, {
            headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
          }),
      ),
    );
    return;
  }
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(cachedOrFetched(request).then(withIsolation));
});
