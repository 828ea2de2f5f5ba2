// @ts-check
// The code editor: CodeMirror 6 set up for Python, behind the few functions the Rust app
// calls (see src/editor.rs). esbuild bundles this file into one ES module at build time.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  HighlightStyle,
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, RangeSet, StateEffect, StateField } from "@codemirror/state";
import { oneDarkHighlightStyle, oneDarkTheme } from "@codemirror/theme-one-dark";
import {
  Decoration,
  EditorView,
  GutterMarker,
  crosshairCursor,
  drawSelection,
  dropCursor,
  gutter,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";

// The `codemirror` package's basicSetup without its lint key bindings: nothing here lints,
// and they alone pulled @codemirror/lint (4.6 KB brotli) into the bundle the page waits for.
const basicSetup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  foldGutter(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(),
  closeBrackets(),
  autocompletion(),
  rectangularSelection(),
  crosshairCursor(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  keymap.of([
    ...closeBracketsKeymap,
    ...defaultKeymap,
    ...searchKeymap,
    ...historyKeymap,
    ...foldKeymap,
    ...completionKeymap,
  ]),
];

// Line decorations: the line an error points at, the line whose bytecode is hovered, and
// the stepper's lines (the one about to run, the one just run).
/** @type {import("@codemirror/state").StateEffectType<number>} */
const setErrorLine = StateEffect.define();
/** @type {import("@codemirror/state").StateEffectType<number>} */
const setHoverLine = StateEffect.define();
/** @type {import("@codemirror/state").StateEffectType<number>} */
const setStepNextLine = StateEffect.define();
/** @type {import("@codemirror/state").StateEffectType<number>} */
const setStepRanLine = StateEffect.define();

/**
 * @param {import("@codemirror/state").StateEffectType<number>} effect sets the marked line (1-based; 0 clears)
 * @param {string} className
 * @param {boolean} clearOnEdit
 */
function lineField(effect, className, clearOnEdit) {
  return StateField.define({
    create: () => Decoration.none,
    update(decorations, tr) {
      // After an edit an error marker is misleading; a hover marker just follows its line.
      decorations = clearOnEdit && tr.docChanged ? Decoration.none : decorations.map(tr.changes);
      for (const e of tr.effects) {
        if (!e.is(effect)) continue;
        const line = e.value;
        if (!line || line > tr.state.doc.lines) return Decoration.none;
        const from = tr.state.doc.line(line).from;
        return Decoration.set([Decoration.line({ class: className }).range(from)]);
      }
      return decorations;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

const errorLineField = lineField(setErrorLine, "cm-error-line", true);
const hoverLineField = lineField(setHoverLine, "cm-hover-line", false);
const stepNextLineField = lineField(setStepNextLine, "cm-step-next", true);
const stepRanLineField = lineField(setStepRanLine, "cm-step-ran", true);

// The stepper's expression: its source span, as positions in the document (empty clears).
/** @type {import("@codemirror/state").StateEffectType<{ from: number, to: number }>} */
const setStepSpan = StateEffect.define();
const stepSpanField = StateField.define({
  create: () => Decoration.none,
  update(decorations, tr) {
    decorations = tr.docChanged ? Decoration.none : decorations;
    for (const e of tr.effects) {
      if (!e.is(setStepSpan)) continue;
      const { from, to } = e.value;
      return from < to ? Decoration.set([Decoration.mark({ class: "cm-step-span" }).range(from, to)]) : Decoration.none;
    }
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// The heat map of a run stopped by its budget or time limit: a bar in a gutter of its own
// beside each line that was running when the engine looked, as dark as its share of the
// samples is large (relative to the hottest line), its share in the bar's title.
class HeatMarker extends GutterMarker {
  /** @param {number} heat share of the hottest line's samples, 0–1 @param {number} percent share of all samples */
  constructor(heat, percent) {
    super();
    this.heat = heat;
    this.percent = percent;
  }
  /** @param {HeatMarker} other */
  eq(other) {
    return other.heat === this.heat && other.percent === this.percent;
  }
  toDOM() {
    const bar = document.createElement("span");
    bar.className = "cm-heat";
    bar.style.setProperty("--heat", this.heat.toFixed(3));
    bar.title = `${this.percent < 1 ? "under 1" : Math.round(this.percent)}% of the samples`;
    return bar;
  }
}
/** @type {import("@codemirror/state").StateEffectType<import("@codemirror/state").RangeSet<HeatMarker>>} */
const setHeat = StateEffect.define();
const heatField = StateField.define({
  create: () => /** @type {import("@codemirror/state").RangeSet<HeatMarker>} */ (RangeSet.empty),
  update(markers, tr) {
    // After an edit the counts belong to another program.
    if (tr.docChanged) markers = RangeSet.empty;
    for (const e of tr.effects) if (e.is(setHeat)) markers = e.value;
    return markers;
  },
});
const heatGutter = gutter({ class: "cm-heat-gutter", markers: (view) => view.state.field(heatField) });

// The themes' syntax colours that fall short of WCAG AA's 4.5:1 contrast on the editor's
// background, its active line, or its error and hovered lines (--error-line and --highlight in
// www/style.css), each replaced by a near one that reaches it: lighter in the dark theme (One
// Dark), darker in the light one (CodeMirror's default highlighting).
/** @type {Record<string, string>} */
const ACCESSIBLE_COLOURS = {
  "#e06c75": "#e5818a", // One Dark: names (variables)
  "#7d8799": "#939cad", // One Dark: comments (and line numbers, below)
  "#c678dd": "#cb84e0", // One Dark: keywords
  "#e40": "#b33400", // light: f-strings, escapes
  "#f00": "#c00000", // light: invalid characters
};
/** @param {HighlightStyle} style */
const withAccessibleColours = (style) =>
  HighlightStyle.define(
    style.specs.map((spec) =>
      spec.color && ACCESSIBLE_COLOURS[spec.color] ? { ...spec, color: ACCESSIBLE_COLOURS[spec.color] } : spec,
    ),
  );
const lightTheme = syntaxHighlighting(withAccessibleColours(defaultHighlightStyle));
const darkTheme = [
  // One Dark's line numbers have its comments' colour: the same lighter one (first, so that
  // it takes precedence over the theme's).
  EditorView.theme({ ".cm-gutters": { color: ACCESSIBLE_COLOURS["#7d8799"] } }, { dark: true }),
  oneDarkTheme,
  syntaxHighlighting(withAccessibleColours(oneDarkHighlightStyle)),
];
const theme = new Compartment();
const darkQuery = window.matchMedia("(prefers-color-scheme: dark)");

const language = new Compartment();
/** @param {string} name */
const languageFor = (name) => (/\.pyw?$/.test(name) ? python() : []);

/**
 * What the page's editor keeps besides its view: each file's CodeMirror state (its text,
 * undo history, cursor and marks) while another file is in front.
 * @typedef {{ extensions: import("@codemirror/state").Extension, themeNow: () => import("@codemirror/state").Extension,
 *   states: Map<string, EditorState>, shown: string, onCursorLine: (line: number) => void, lastLine: number }} Files
 */
/** @type {WeakMap<EditorView, Files>} */
const filesOf = new WeakMap();

/// Creates the editor inside `parent`, showing `text` as file `main.py`. `onChange(text)`
/// after every edit of the file in front, `onRun()` on Ctrl/Cmd+Enter, `onStep()` on
/// Ctrl/Cmd+Shift+Enter, `onCursorLine(line)` when the cursor moves to another line.
/// `options.readOnly` forbids edits; `options.theme` is "light", "dark", or "" to follow
/// the system.
/**
 * @param {Element} parent
 * @param {string} text
 * @param {(text: string) => void} onChange
 * @param {() => void} onRun
 * @param {() => void} onStep
 * @param {(line: number) => void} onCursorLine
 * @param {{ readOnly: boolean, theme: string }} options
 */
export function createEditor(parent, text, onChange, onRun, onStep, onCursorLine, options) {
  const forced = options.theme === "dark" || options.theme === "light";
  const dark = () => (forced ? options.theme === "dark" : darkQuery.matches);
  const themeNow = () => (dark() ? darkTheme : lightTheme);
  /** @type {Files} */
  const files = {
    extensions: [],
    themeNow,
    states: new Map(),
    shown: "main.py",
    onCursorLine,
    lastLine: 0,
  };
  files.extensions = [
    keymap.of([
      { key: "Mod-Enter", run: () => (onRun(), true), preventDefault: true },
      { key: "Mod-Shift-Enter", run: () => (onStep(), true), preventDefault: true },
      indentWithTab,
    ]),
    basicSetup,
    indentUnit.of("    "),
    errorLineField,
    hoverLineField,
    stepNextLineField,
    stepRanLineField,
    stepSpanField,
    heatField,
    heatGutter,
    EditorState.readOnly.of(options.readOnly),
    // The content is focusable (contenteditable); tabindex says so to tools that only
    // count tabindex (axe-core's scrollable-region-focusable, when long lines scroll).
    EditorView.contentAttributes.of({ "aria-label": "Python code editor", tabindex: "0" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
      const line = update.state.doc.lineAt(update.state.selection.main.head).number;
      if (line !== files.lastLine && (update.selectionSet || update.docChanged)) {
        files.lastLine = line;
        onCursorLine(line);
      }
    }),
  ];
  const view = new EditorView({ state: newState(files, "main.py", text), parent });
  filesOf.set(view, files);
  darkQuery.addEventListener("change", () => view.dispatch({ effects: theme.reconfigure(themeNow()) }));
  return view;
}

/** @param {Files} files @param {string} name @param {string} text */
function newState(files, name, text) {
  return EditorState.create({
    doc: text,
    extensions: [files.extensions, language.of(languageFor(name)), theme.of(files.themeNow())],
  });
}

/// Brings file `name` to the front with `text`: the state it had when it was last in front
/// (undo history, cursor), its text brought up to `text` as one undoable change when a run
/// changed it meanwhile; a new state if it was never shown.
/** @param {EditorView} view @param {string} name @param {string} text */
export function showFile(view, name, text) {
  const files = /** @type {Files} */ (filesOf.get(view));
  files.states.set(files.shown, view.state);
  let state = files.states.get(name) ?? newState(files, name, text);
  if (state.doc.toString() !== text) {
    state = state.update({
      changes: { from: 0, to: state.doc.length, insert: text },
      annotations: isolateHistory.of("full"),
    }).state;
  }
  files.states.delete(name);
  files.shown = name;
  view.setState(state);
  // The theme may have changed while it was away.
  view.dispatch({ effects: theme.reconfigure(files.themeNow()) });
  files.lastLine = state.doc.lineAt(state.selection.main.head).number;
  files.onCursorLine(files.lastLine);
}

/// File `old` is now called `name` (its highlighting follows the new suffix).
/** @param {EditorView} view @param {string} old @param {string} name */
export function renameFile(view, old, name) {
  const files = /** @type {Files} */ (filesOf.get(view));
  const effects = language.reconfigure(languageFor(name));
  if (files.shown === old) {
    files.shown = name;
    view.dispatch({ effects });
    return;
  }
  const state = files.states.get(old);
  files.states.delete(old);
  if (state) files.states.set(name, state.update({ effects }).state);
}

/// Forgets every file's state but the one in front (another workspace replaced them).
/** @param {EditorView} view */
export function forgetFiles(view) {
  /** @type {Files} */ (filesOf.get(view)).states.clear();
}

/// Replaces the whole text as one undoable change of its own (Ctrl+Z brings the old
/// text back, however recently it was typed).
/** @param {EditorView} view @param {string} text */
export function setText(view, text) {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    annotations: isolateHistory.of("full"),
  });
}

/// Marks `line` (1-based) as the error line; 0 clears the mark.
/** @param {EditorView} view @param {number} line */
export function markErrorLine(view, line) {
  view.dispatch({ effects: setErrorLine.of(line) });
}

/// Highlights `line` (1-based) as the one whose bytecode is hovered; 0 clears it.
/** @param {EditorView} view @param {number} line */
export function highlightLine(view, line) {
  view.dispatch({ effects: setHoverLine.of(line) });
}

/// Marks the stepper's lines (1-based; 0 clears): `next` is about to run, `ran` ran just
/// before; scrolls `next` into view without taking the focus.
/** @param {EditorView} view @param {number} next @param {number} ran */
export function markStepLines(view, next, ran) {
  /** @type {import("@codemirror/state").StateEffect<unknown>[]} */
  const effects = [setStepNextLine.of(next), setStepRanLine.of(ran)];
  const shown = next || ran;
  if (shown && shown <= view.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(view.state.doc.line(shown).from, { y: "nearest" }));
  }
  view.dispatch({ effects });
}

/// Marks the stepper's expression from `line`:`column` to `endLine`:`endColumn` (lines from
/// 1, columns in characters from 0, the end excluded, as Python counts them); line 0 clears.
/** @param {EditorView} view @param {number} line @param {number} column @param {number} endLine @param {number} endColumn */
export function markStepSpan(view, line, column, endLine, endColumn) {
  const doc = view.state.doc;
  /** @param {number} number @param {number} characters */
  const position = (number, characters) => {
    const text = doc.line(number);
    // Characters (code points) to the editor's UTF-16 units.
    return text.from + [...text.text].slice(0, characters).join("").length;
  };
  const shown = line >= 1 && endLine >= line && endLine <= doc.lines;
  const from = shown ? position(line, column) : 0;
  const to = shown ? position(endLine, endColumn) : 0;
  view.dispatch({ effects: setStepSpan.of({ from, to }) });
}

/// Shows the heat map: `samples` holds (line, samples) pairs; an empty array clears it.
/** @param {EditorView} view @param {Uint32Array} samples */
export function showHeat(view, samples) {
  const doc = view.state.doc;
  /** @type {[number, number][]} */
  const pairs = [];
  for (let i = 0; i + 1 < samples.length; i += 2) {
    if (samples[i] >= 1 && samples[i] <= doc.lines) pairs.push([samples[i], samples[i + 1]]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const total = pairs.reduce((sum, [, count]) => sum + count, 0);
  const hottest = Math.max(1, ...pairs.map(([, count]) => count));
  const markers = pairs.map(([line, count]) =>
    new HeatMarker(count / hottest, (100 * count) / total).range(doc.line(line).from),
  );
  view.dispatch({ effects: setHeat.of(RangeSet.of(markers)) });
}

/// Moves the cursor to the start of `line` (and `column`, 0-based), scrolls to it, focuses.
/** @param {EditorView} view @param {number} line @param {number} column */
export function goToLine(view, line, column) {
  const doc = view.state.doc;
  const target = doc.line(Math.max(1, Math.min(line, doc.lines)));
  const pos = Math.min(target.from + Math.max(0, column), target.to);
  view.dispatch({
    selection: EditorSelection.cursor(pos),
    effects: EditorView.scrollIntoView(pos, { y: "center" }),
  });
  view.focus();
}
