// @ts-check
// Programs that try to hang, flood, exhaust or escape: each must end with a clear message,
// keep the page responsive and the student's code untouched, and leave Python usable.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { editorText, openApp, outputText, run, setCode, startBrowser, statusText, waitForIdle } from "./browser.mjs";

/** @type {import("./browser.mjs").Env} */
let env;
/** @type {import("./browser.mjs").AppPage} */
let page;
before(async () => {
  env = await startBrowser();
  // Smaller limits than the defaults keep each case to a few seconds.
  page = await openApp(env, { query: "?budget=3000000&time=6&memory=256" });
});
after(async () => {
  await env?.close();
});

const CASES = [
  {
    name: "an infinite loop",
    code: "while True:\n    pass\n",
    status: /^Stopped: instruction budget used up/,
    output: /line [12][\s\S]*InstructionLimitExceeded: stopped after 3,000,000 instructions/,
  },
  {
    name: "a loop that swallows every exception",
    code: "while True:\n    try:\n        while True:\n            pass\n    except:\n        pass\n",
    status: /^Stopped: instruction budget used up/,
    output: /InstructionLimitExceeded: stopped after 3,000,000 instructions/,
  },
  {
    name: "exponential recursion",
    code: "def f(n):\n    return 1 if n < 2 else f(n - 1) + f(n - 2)\n\nprint(f(100))\n",
    status: /^Stopped: instruction budget used up/,
    output: /line [12], in f[\s\S]*InstructionLimitExceeded/,
  },
  {
    name: "deep recursion with a raised recursion limit",
    code: "import sys\nsys.setrecursionlimit(10**6)\n\ndef down(n):\n    return down(n + 1)\n\ndown(0)\n",
    status: /^RecursionError on line [45]/,
    output: /RecursionError: maximum recursion depth exceeded\n$/,
  },
  {
    name: "native code that never returns, without Stop",
    code: "import itertools\nprint(sum(itertools.count()))\n",
    output: /ran past the time limit of 6 seconds inside a single long operation/,
    timeout: 30_000,
  },
  {
    name: "a list of megabyte strings that grows forever",
    code: 'a = []\nwhile True:\n    a.append("x" * 10**6)\n',
    status: /^(MemoryError on line 3|Stopped: out of memory)/,
    output: /MemoryError/,
  },
  {
    name: "a list that grows slowly forever",
    code: "a = []\nwhile True:\n    a.append([0] * 1000)\n",
    status: /^Stopped: out of memory/,
    output: /MemoryError: the program is using nearly all the memory it may use/,
  },
  {
    name: "a string that doubles forever",
    code: 's = "x"\nwhile True:\n    s += s\n',
    output: /MemoryError: the program used up the 256 MB of memory it may use, so Python was restarted/,
  },
  {
    name: "a string of a terabyte",
    code: 's = "x" * 10**12\nprint(len(s))\n',
    status: /^(MemoryError|OverflowError) on line 1/,
    output: /(MemoryError|OverflowError)/,
  },
  {
    name: "printing forever",
    code: 'while True:\n    print("spam")\n',
    // Printing is slow enough that on a slow machine the time limit comes before the budget.
    status: /^Stopped: (instruction budget used up|time limit reached)/,
    output: /^spam\nspam\n[\s\S]*\n… output truncated: the program printed more than 2 MB[\s\S]*(InstructionLimitExceeded|TimeLimitExceeded)/,
  },
  {
    name: "import js",
    code: "import js\njs.document.body.innerHTML = 'gone'\n",
    status: /^ModuleNotFoundError on line 1/,
    output: /ModuleNotFoundError: No module named 'js'\n$/,
  },
  {
    name: "reaching the network",
    code: "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:1/')\n",
    status: /Error on line \d+/,
    output: /Error/,
  },
  {
    name: "opening files of the machine",
    code: "print(open('/etc/passwd').read())\n",
    status: /^FileNotFoundError on line 1/,
    output: /FileNotFoundError: \[Errno 2\] No such file or directory: '\/etc\/passwd'\n$/,
  },
  {
    name: "starting a process",
    code: "import os\nos.system('ls')\n",
    status: /^OSError on line 2/,
    output: /OSError/,
  },
];

for (const hostile of CASES) {
  test(`${hostile.name}: a clear message, the page responsive, the code kept, Python usable`, async () => {
    await setCode(page, hostile.code);
    await page.click("button.run");
    // The page answers while the program runs (the interpreter is off the main thread),
    // output arrives and limits bite.
    await page.waitForTimeout(500);
    const ping = await page.evaluate(async () => {
      const started = performance.now();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - started;
    });
    assert.ok(ping < 500, `a frame took ${ping} ms during the run`);
    await waitForIdle(page, hostile.timeout ?? 60_000);
    if (hostile.status) assert.match(await statusText(page), hostile.status);
    assert.match(await outputText(page), hostile.output);
    assert.equal(await editorText(page), hostile.code);
    assert.deepEqual(page.errors, []);
    // Let a replaced worker come back, then a normal program runs.
    await page.waitForFunction(
      () => /** @type {HTMLElement | null} */ (document.querySelector(".status-bar"))?.dataset.state !== "loading",
      null,
      { timeout: 90_000 },
    );
    await setCode(page, "print(6 * 7)\n");
    assert.match(await run(page), /^Finished/);
    assert.equal(await outputText(page), "42\n");
  });
}
