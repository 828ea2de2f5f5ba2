// The code editor: CodeMirror 6 set up for Python, behind the few functions the Rust app
// calls (see src/editor.rs). esbuild bundles this file into one ES module at build time.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, StateEffect, StateField } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import {
  Decoration,
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
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

// Line decorations: the line an error points at, and the line whose bytecode is hovered.
const setErrorLine = StateEffect.define();
const setHoverLine = StateEffect.define();

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
const theme = new Compartment();
const darkQuery = window.matchMedia("(prefers-color-scheme: dark)");

/// Creates the editor inside `parent`. `onChange(text)` after every edit, `onRun()` on
/// Ctrl/Cmd+Enter, `onCursorLine(line)` when the cursor moves to another line.
/// `options.readOnly` forbids edits; `options.theme` is "light", "dark", or "" to follow
/// the system.
export function createEditor(parent, text, onChange, onRun, onCursorLine, options) {
  let lastLine = 0;
  const forced = options.theme === "dark" || options.theme === "light";
  const dark = () => (forced ? options.theme === "dark" : darkQuery.matches);
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      keymap.of([
        { key: "Mod-Enter", run: () => (onRun(), true), preventDefault: true },
        indentWithTab,
      ]),
      basicSetup,
      python(),
      indentUnit.of("    "),
      errorLineField,
      hoverLineField,
      theme.of(dark() ? oneDark : []),
      EditorState.readOnly.of(options.readOnly),
      EditorView.contentAttributes.of({ "aria-label": "Python code editor" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
        const line = update.state.doc.lineAt(update.state.selection.main.head).number;
        if (line !== lastLine && (update.selectionSet || update.docChanged)) {
          lastLine = line;
          onCursorLine(line);
        }
      }),
    ],
  });
  darkQuery.addEventListener("change", () =>
    view.dispatch({ effects: theme.reconfigure(dark() ? oneDark : []) }),
  );
  return view;
}

export function getText(view) {
  return view.state.doc.toString();
}

/// Replaces the whole text as one undoable change of its own (Ctrl+Z brings the old
/// text back, however recently it was typed).
export function setText(view, text) {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    annotations: isolateHistory.of("full"),
  });
}

/// Marks `line` (1-based) as the error line; 0 clears the mark.
export function markErrorLine(view, line) {
  view.dispatch({ effects: setErrorLine.of(line) });
}

/// Highlights `line` (1-based) as the one whose bytecode is hovered; 0 clears it.
export function highlightLine(view, line) {
  view.dispatch({ effects: setHoverLine.of(line) });
}

/// Moves the cursor to the start of `line` (and `column`, 0-based), scrolls to it, focuses.
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
