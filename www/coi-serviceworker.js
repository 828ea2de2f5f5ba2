// Cross-origin isolation on static hosts that cannot send headers (GitHub Pages and the
// like). This service worker re-serves every same-origin response with the COOP/COEP/CORP
// headers `scripts/serve-dist.mjs` sends, which is what makes SharedArrayBuffer, and with it
// Stop and input(), available. `coi-register.js` installs it only when the page is not
// isolated already.
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // The app fetches only its own files; anything else is left to the browser.
  if (new URL(request.url).origin !== self.location.origin) return;
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
