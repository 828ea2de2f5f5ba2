// @ts-check
// Beginners' hints in headless Chromium: a hint under the output for an error (the output
// itself stays CPython's text), worded in the language the picker chooses or the browser
// asks for, remembered across a reload; `?hints=0`; a widget's `lang` and `hints` options.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { READY_TIMEOUT, openApp, outputText, run, setCode, startBrowser, waitForStatus } from "./browser.mjs";
import { cpython } from "./cpython.mjs";
/** @typedef {import("./browser.mjs").Page} Page */

/** @type {import("./browser.mjs").Env} */
let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

const PROGRAM = "age = 17\nprint('You are ' + age + ' years old')\n";
const ENGLISH = /^Hint: age holds the number 17, and \+ cannot join text and a number\. Convert it with str\(age\)/;
const SPANISH = /^Pista: age contiene el número 17, y \+ no puede unir texto y un número\./;

/** @param {Page | import("playwright-core").Frame} page */
async function hintText(page) {
  return (await page.$eval(".hint-note", (note) => note.textContent ?? "").catch(() => null)) ?? null;
}

test("an error gets a hint under the output, in the chosen language, and the output stays CPython's", async () => {
  const context = await env.browser.newContext({ locale: "en-US" });
  const page = await openApp(env, { context });
  try {
    await setCode(page, PROGRAM);
    assert.match(await run(page), /^TypeError on line 2/);
    const { stderr } = await cpython(PROGRAM);
    assert.equal(await outputText(page), stderr, "the output is the traceback alone");
    assert.match(/** @type {string} */ (await hintText(page)), ENGLISH);
    assert.equal(await page.getAttribute(".hint-note", "lang"), "en");

    // The picker words the same hint in Spanish at once, and the choice outlives a reload.
    await page.selectOption("select.language", "es");
    assert.match(/** @type {string} */ (await hintText(page)), SPANISH);
    assert.equal(await page.getAttribute(".hint-note", "lang"), "es");
    assert.equal(await page.getAttribute("select.language", "aria-label"), "Idioma");
    await page.reload();
    await waitForStatus(page, /^Ready/);
    assert.equal(await page.$eval("select.language", (select) => /** @type {HTMLSelectElement} */ (select).value), "es");
    await setCode(page, PROGRAM);
    await run(page);
    assert.match(/** @type {string} */ (await hintText(page)), SPANISH);

    // A run that ends well takes the hint away; an error with nothing specific to say has none.
    await setCode(page, "print('fine')\n");
    await run(page);
    assert.equal(await hintText(page), null);
    await setCode(page, "raise ValueError('my own check')\n");
    assert.match(await run(page), /^ValueError on line 1/);
    assert.equal(await hintText(page), null);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test("the language follows the browser's, and ?hints=0 turns hints off", async () => {
  const spanish = await env.browser.newContext({ locale: "es-MX" });
  try {
    const page = await openApp(env, { context: spanish });
    await setCode(page, "notas = []\nprint(sum(notas) / len(notas))\n");
    assert.match(await run(page), /^ZeroDivisionError on line 2/);
    assert.equal(
      await hintText(page),
      "Pista: notas está vacío, así que len(notas) es 0, y nada se puede dividir entre 0. Comprueba antes que tiene elementos: if notas:",
    );
    // The page's own controls are in the same catalogue.
    assert.deepEqual(
      await page.$$eval("header .toolbar > button, .tabs button", (buttons) => buttons.map((button) => button.textContent)),
      ["▶ Ejecutar", "■ Detener", "↳ Paso a paso", "Borrar", "Compartir", "Descargar", "Descargar todo", "Abrir…", "Salida", "Pasos", "Bytecode", "Dibujo"],
    );
  } finally {
    await spanish.close();
  }
  const off = await env.browser.newContext();
  try {
    const page = await openApp(env, { context: off, query: "?hints=0" });
    await setCode(page, PROGRAM);
    assert.match(await run(page), /^TypeError on line 2/);
    assert.equal(await hintText(page), null);
  } finally {
    await off.close();
  }
});

test("a widget takes its hints' language from data-lang and turns them off with data-hints", async () => {
  const context = await env.browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  try {
    const code = encodeURIComponent("n = input('n? ')\nprint(n + 1)\n");
    await page.goto(`${env.url}embed.html?code=${code}&lang=es`);
    await waitForStatus(page, /^Ready/);
    await page.click("button.run");
    const field = page.locator(".output .stdin-field");
    await field.waitFor();
    await field.fill("3");
    await field.press("Enter");
    await page.waitForSelector(".hint-note", { timeout: READY_TIMEOUT });
    assert.equal(
      await hintText(page),
      "Pista: n contiene el texto '3': input() siempre da texto, aunque se tecleen cifras. Conviértelo en número: int(n), o float(n) para decimales.",
    );
    const quiet = encodeURIComponent("count = 0\nprint(1 / count)\n");
    await page.goto(`${env.url}embed.html?code=${quiet}&autorun=1&hints=off`);
    await page.waitForFunction(() => /ZeroDivisionError/.test(document.querySelector(".output")?.textContent ?? ""), null, {
      timeout: READY_TIMEOUT,
    });
    assert.equal(await hintText(page), null);
  } finally {
    await context.close();
  }
});
