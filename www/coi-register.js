// Runs before the app: when the host did not make the page cross-origin isolated, install
// `coi-serviceworker.js` and reload once through it. Where isolation stays impossible (an
// iframe on a page that is not isolated) the service worker still relays input(); where
// there can be no service worker (storage blocked in a third-party iframe, an old browser)
// the app runs without either and says what that costs (see the README).
(() => {
  const RELOADED = "sandpiper-coi-reloaded";
  // Third-party iframes may be denied storage: then there is no service worker either.
  const session = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  })();
  if (self.crossOriginIsolated || !window.isSecureContext || !("serviceWorker" in navigator) || !session) {
    session?.removeItem(RELOADED);
    return;
  }
  navigator.serviceWorker.register("./coi-serviceworker.js").then(
    async () => {
      // Controlled and still not isolated: isolation is impossible here (the relay works).
      // One reload only: if it did not isolate the page, a second would not either.
      if (navigator.serviceWorker.controller || session.getItem(RELOADED)) return;
      await navigator.serviceWorker.ready;
      session.setItem(RELOADED, "1");
      window.location.reload();
    },
    (error) => console.warn("Sandpiper: no service worker, so no cross-origin isolation:", error),
  );
})();
