// The app's service worker, for pages the host did not make cross-origin isolated.
// 1. Isolation on static hosts that cannot send headers (GitHub Pages and the like): every
//    same-origin response is re-served with the COOP/COEP/CORP headers that
//    `scripts/serve-dist.mjs` sends, which makes SharedArrayBuffer (Stop, input()) available.
// 2. Where isolation stays impossible (an iframe on a page that is not isolated), input()
//    goes through here instead (`sandpiper_protocol::relay`): the Python worker's synchronous
//    request to `sandpiper-input?token=T` is held open until the page posts
//    `{"sandpiper_input": T, "answer": ...}`, and the answer becomes the response body.
// `coi-register.js` installs it only when the page is not isolated already.
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const INPUT_PATH = "/sandpiper-input";
// token → resolve of a held request, and answers that arrived before their request.
const waitingRequests = new Map();
const earlyAnswers = new Map();

self.addEventListener("message", (event) => {
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

function answerFor(token) {
  if (earlyAnswers.has(token)) {
    const answer = earlyAnswers.get(token);
    earlyAnswers.delete(token);
    return Promise.resolve(answer);
  }
  return new Promise((resolve) => waitingRequests.set(token, resolve));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The app fetches only its own files; anything else is left to the browser.
  if (url.origin !== self.location.origin) return;
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
  event.respondWith(
    fetch(request).then((response) => {
      // Opaque and error responses cannot be rebuilt; they pass as they are.
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }),
  );
});
