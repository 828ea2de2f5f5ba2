// Runs before the app: when the host did not make the page cross-origin isolated, install
// `coi-serviceworker.js` and reload once through it. Where isolation stays impossible (an
// iframe on a page that is not isolated, a browser without service workers) the app runs
// without shared memory and says what that costs (see the README).
(() => {
  const RELOADED = "sandpiper-coi-reloaded";
  if (self.crossOriginIsolated || !window.isSecureContext || !("serviceWorker" in navigator)) {
    sessionStorage.removeItem(RELOADED);
    return;
  }
  // One reload only: if it did not isolate the page, a second would not either.
  if (sessionStorage.getItem(RELOADED)) return;
  navigator.serviceWorker.register("./coi-serviceworker.js").then(
    async (registration) => {
      if (navigator.serviceWorker.controller) {
        // Controlled and still not isolated: isolation is impossible here.
        sessionStorage.setItem(RELOADED, "1");
        return;
      }
      await navigator.serviceWorker.ready;
      sessionStorage.setItem(RELOADED, "1");
      window.location.reload();
    },
    (error) => console.warn("Sandpiper: no service worker, so no cross-origin isolation:", error),
  );
})();
