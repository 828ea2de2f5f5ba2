// The stepper's arrows: from each reference (`.ref[data-ref]`) in a memory view to the box
// of the object it refers to (`.object[data-object]`), drawn in the view's `svg.arrows`.
// The boxes are laid out by CSS; the arrows follow them, on every step and resize.

const SVG = "http://www.w3.org/2000/svg";

/** @type {WeakSet<HTMLElement>} */
const watched = new WeakSet();

/**
 * Draws the arrows of `memory` once its layout is done (and again whenever it resizes).
 * @param {HTMLElement} memory
 */
export function drawArrows(memory) {
  if (!watched.has(memory)) {
    watched.add(memory);
    new ResizeObserver(() => draw(memory)).observe(memory);
  }
  requestAnimationFrame(() => draw(memory));
}

/** @param {HTMLElement} memory */
function draw(memory) {
  const svg = memory.querySelector("svg.arrows");
  if (!(svg instanceof SVGSVGElement)) return;
  const origin = memory.getBoundingClientRect();
  svg.setAttribute("width", String(memory.scrollWidth));
  svg.setAttribute("height", String(memory.scrollHeight));
  const paths = [];
  for (const ref of memory.querySelectorAll(".ref[data-ref]")) {
    const target = memory.querySelector(`.object[data-object="${ref.getAttribute("data-ref")}"]`);
    if (!target) continue;
    const from = ref.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    const x = from.left + from.width / 2 - origin.left + memory.scrollLeft;
    const y = from.top + from.height / 2 - origin.top + memory.scrollTop;
    const left = box.left - origin.left + memory.scrollLeft;
    const top = box.top - origin.top + memory.scrollTop;
    paths.push(arrow(x, y, left, top, box.height));
  }
  svg.replaceChildren(marker(), ...paths);
}

/**
 * A curve from (x, y) into the left side of the box at (left, top): straight across when
 * the box is to the right, else out to the left of both and in from there, so that it
 * passes beside the boxes in between rather than over them.
 * @param {number} x @param {number} y @param {number} left @param {number} top
 * @param {number} height
 */
function arrow(x, y, left, top, height) {
  // Below the box's name, into its first row.
  const endY = Math.min(Math.max(y, top + 26), top + height - 6);
  let d;
  if (left > x + 8) {
    const bend = Math.max(24, (left - x) / 2);
    d = `M${x},${y} C${x + bend},${y} ${left - bend},${endY} ${left},${endY}`;
  } else {
    const side = Math.max(4, Math.min(x, left) - 28);
    d = `M${x},${y} C${side},${y} ${side},${endY} ${left},${endY}`;
  }
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("marker-end", "url(#arrow-head)");
  return path;
}

function marker() {
  const defs = document.createElementNS(SVG, "defs");
  const head = document.createElementNS(SVG, "marker");
  for (const [name, value] of [["id", "arrow-head"], ["viewBox", "0 0 10 10"], ["refX", "9"],
    ["refY", "5"], ["markerWidth", "7"], ["markerHeight", "7"], ["orient", "auto-start-reverse"]]) {
    head.setAttribute(name, value);
  }
  const tip = document.createElementNS(SVG, "path");
  tip.setAttribute("d", "M0,0 L10,5 L0,10 z");
  head.append(tip);
  defs.append(head);
  return defs;
}
