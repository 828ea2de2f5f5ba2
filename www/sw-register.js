// @ts-check
// Runs before the app and installs `service-worker.js` (offline use, isolation, the input()
// relay). When the host did not make the page cross-origin isolated, it installs at once
// and reloads once through it. When the page is isolated already, the service worker is
// only needed for offline use: it installs after Python is ready (`sandpiper:ready`), so
// its copy of the app never competes with the first download.
// It also tells the app when a new build is ready (`self.sandpiperUpdateReady` and the
// `sandpiper:update-ready` event) and applies it on `sandpiper:apply-update`.
// Where there can be no service worker (storage blocked in a third-party iframe, an old
// browser, plain http) the app runs without one and says what that costs (see docs/hosting.md).
(() => {
  const RELOADED = "sandpiper-coi-reloaded";
  const UPDATE_MESSAGE = "sandpiper:skip-waiting";
  // Third-party iframes may be denied storage: then there is no service worker either.
  const session = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  })();
  if (!window.isSecureContext || !("serviceWorker" in navigator) || !session) return;
  const container = navigator.serviceWorker;
  /** @param {unknown} error */
  const warn = (error) => console.warn("Sandpiper: no service worker (no offline use, no isolation):", error);

  const announceUpdate = () => {
    /** @type {Window & { sandpiperUpdateReady?: boolean }} */ (self).sandpiperUpdateReady = true;
    window.dispatchEvent(new Event("sandpiper:update-ready"));
  };
  const watchForUpdates = (/** @type {ServiceWorkerRegistration} */ registration) => {
    // A waiting worker while another controls the page is a new build.
    if (registration.waiting && container.controller) announceUpdate();
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      installing?.addEventListener("statechange", () => {
        if (installing.state === "installed" && container.controller) announceUpdate();
      });
    });
  };
  window.addEventListener("sandpiper:apply-update", async () => {
    const registration = await container.getRegistration();
    if (!registration?.waiting) return window.location.reload();
    container.addEventListener("controllerchange", () => window.location.reload(), { once: true });
    registration.waiting.postMessage(UPDATE_MESSAGE);
  });

  const register = () => container.register("./service-worker.js").then((registration) => {
    watchForUpdates(registration);
    return registration;
  });
  if (self.crossOriginIsolated) {
    session.removeItem(RELOADED);
    window.addEventListener("sandpiper:ready", () => register().catch(warn), { once: true });
    return;
  }
  // Embedded widgets never reload: they share one worker, which lives in one of them
  // (`runtime-hub.js`). Until the next visit, when the service worker controls them from
  // the start, input() there reads lines typed before the run.
  const widget = window.location.pathname.endsWith("/embed.html");
  register().then(async () => {
    // Controlled and still not isolated: isolation is impossible here (the relay works).
    // One reload only: if it did not isolate the page, a second would not either.
    if (widget || container.controller || session.getItem(RELOADED)) return;
    await container.ready;
    session.setItem(RELOADED, "1");
    window.location.reload();
  }, warn);
})();
