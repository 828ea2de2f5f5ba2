// @ts-check
// For course pages: `<script src=".../sandpiper-embed.js" defer></script>` turns every
// `<pre data-sandpiper>` (or `<code class="language-python" data-sandpiper>`) into a
// runnable Sandpiper widget: an iframe of `embed.html` from wherever this script is served,
// inserted after the block. The original text stays visible until the widget has loaded
// (and is all a reader without JavaScript sees); the widgets of a page share one Python
// worker (`runtime-hub.js`).
// Per block, `data-readonly`, `data-autorun`, `data-step` (open in the stepper; `="N"` at
// step N), `data-repl` (a Python prompt under the output), `data-hide-code` (the code folded
// away under "Show the code": with `data-autorun`, a drawing or output alone), `data-height`
// (editor pixels), `data-theme` ("light" or "dark"), `data-lang` (the language of its error
// hints, as "es") and `data-hints="off"` pass on to the widget. `data-session="lesson-1"` puts
// the widget in a group whose widgets share one namespace (a function defined in one is there
// in the next once it ran); each widget of a group gets the code of the group's widgets
// above it, for its "Run the ones above first". `data-files="helper.py
// scores.csv"` gives the widget more files beside its program, each the text of the page's
// element `data-sandpiper-file="helper.py"` (often a `<pre hidden>`).
// An exercise: `data-check="check.py"` (fetched, relative to the page) or an inline
// `<script type="text/x-sandpiper-check">` just after the block holds the author's check
// (docs/exercises.md), which the widget's Check button runs; `data-exercise="greeting"` names
// the exercise (for its completion mark; by default the page's path and the exercise's place
// on it), and `data-code-key` is the teacher's key for completion codes.
(() => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script) return;
  const base = new URL(".", script.src);
  const OPTIONS = ["readonly", "autorun", "step", "repl", "hide-code", "height", "theme", "lang", "hints", "code-key"];
  const CHECK_SCRIPT = 'script[type="text/x-sandpiper-check"]';
  /** @type {Map<MessageEventSource | null, { iframe: HTMLIFrameElement, block: HTMLElement }>} */
  const widgets = new Map(); // iframe window → { iframe, block }

  // A widget says its height whenever it changes; the first time, it has loaded.
  window.addEventListener("message", (event) => {
    if (event.origin !== base.origin) return;
    const widget = widgets.get(event.source);
    const height = event.data?.sandpiper_height;
    if (!widget || typeof height !== "number") return;
    widget.iframe.style.height = `${Math.ceil(height)}px`;
    if (widget.iframe.style.visibility === "hidden") {
      widget.iframe.style.visibility = "";
      widget.block.hidden = true;
    }
  });

  /** @param {Element} element */
  function programOf(element) {
    // A block usually starts and ends on lines of its own.
    return element.textContent.replace(/^\n/, "").replace(/\s+$/, "");
  }

  /// A file for a widget's `data-files`, from the page's element that holds it.
  /** @param {string} name */
  function fileOf(name) {
    const holder = [...document.querySelectorAll("[data-sandpiper-file]")].find(
      (candidate) => candidate.getAttribute("data-sandpiper-file") === name,
    );
    if (!holder) console.error(`Sandpiper: no element with data-sandpiper-file="${name}" for data-files; the widget gets it empty.`);
    return { name, text: holder ? programOf(holder) + "\n" : "" };
  }

  /// Every block of the page that becomes a widget, in page order, once each (a
  /// `<pre data-sandpiper>` around a `<code data-sandpiper>` is one widget).
  const blocks = () => {
    const seen = new Set();
    return /** @type {HTMLElement[]} */ ([
      ...document.querySelectorAll("pre[data-sandpiper], code.language-python[data-sandpiper]"),
    ]).filter((element) => !seen.has(blockOf(element)) && seen.add(blockOf(element)));
  };

  /// The block a `data-sandpiper` element becomes a widget after: itself, or the `<pre>`
  /// around a `<code>`.
  /** @param {HTMLElement} element */
  const blockOf = (element) =>
    element.tagName === "CODE" && element.parentElement?.tagName === "PRE" ? element.parentElement : element;

  /// The group a block's widget belongs to (`data-session`, on the element or its block).
  /** @param {HTMLElement} element */
  const sessionOf = (element) =>
    (element.getAttribute("data-session") ?? blockOf(element).getAttribute("data-session") ?? "").trim();

  /// A block's check, when it is an exercise: `{ check }` (its text), `{ error }` (why
  /// it could not be had), or null.
  /** @param {HTMLElement} element @returns {Promise<{check?: string, error?: string} | null>} */
  async function checkOf(element) {
    const block = blockOf(element);
    const inline = checkScriptAfter(block);
    if (inline) return { check: inline.textContent ?? "" };
    const path = element.getAttribute("data-check") ?? block.getAttribute("data-check");
    if (!path) return null;
    try {
      const response = await fetch(new URL(path, document.baseURI));
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return { check: await response.text() };
    } catch (error) {
      console.error(`Sandpiper: the check ${path} could not be fetched:`, error);
      return { error: `${path}: ${error instanceof Error ? error.message : error}` };
    }
  }

  /// The inline check just after a block (past its widget, once it has one).
  /** @param {Element} block */
  function checkScriptAfter(block) {
    let next = block.nextElementSibling;
    if (next?.matches("iframe.sandpiper-widget")) next = next.nextElementSibling;
    return next?.matches(CHECK_SCRIPT) ? next : null;
  }

  /// An exercise's id: the author's, or the page's path and the exercise's place on it.
  /** @param {HTMLElement} element */
  function exerciseIdOf(element) {
    const named = element.getAttribute("data-exercise") ?? blockOf(element).getAttribute("data-exercise");
    if (named) return named;
    const exercises = blocks().filter(
      (other) => other.hasAttribute("data-check") || checkScriptAfter(blockOf(other)),
    );
    return `${location.pathname}#${exercises.indexOf(element) + 1}`;
  }

  /** @param {HTMLElement} element */
  async function upgrade(element) {
    const block = blockOf(element);
    if (block.dataset.sandpiperUpgraded) return;
    block.dataset.sandpiperUpgraded = "true";
    const exercise = await checkOf(element);
    const params = new URLSearchParams({ code: programOf(element) });
    const fileNames = (element.dataset.files ?? block.dataset.files ?? "").split(/\s+/).filter(Boolean);
    if (fileNames.length) params.set("files", JSON.stringify(fileNames.map(fileOf)));
    for (const name of OPTIONS) {
      const value = element.getAttribute(`data-${name}`) ?? block.getAttribute(`data-${name}`);
      if (value !== null) params.set(name, value);
    }
    const group = sessionOf(element);
    if (group) {
      params.set("session", group);
      const all = blocks();
      const above = all.slice(0, all.indexOf(element)).filter((other) => sessionOf(other) === group);
      params.set("above", JSON.stringify(above.map(programOf)));
    }
    if (exercise?.check !== undefined) {
      params.set("check", exercise.check);
      params.set("exercise", exerciseIdOf(element));
    }
    if (exercise?.error) params.set("check-error", exercise.error);
    const iframe = document.createElement("iframe");
    iframe.src = new URL(`embed.html?${params}`, base).href;
    iframe.title = "Runnable Python example";
    iframe.className = "sandpiper-widget";
    // Takes no room until it has loaded; the original block shows meanwhile.
    iframe.style.cssText = "display:block;width:100%;height:0;border:0;visibility:hidden";
    block.after(iframe);
    widgets.set(iframe.contentWindow, { iframe, block });
  }

  const start = () => blocks().forEach(upgrade);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
