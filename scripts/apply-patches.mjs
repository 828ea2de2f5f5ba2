// @ts-check
// Applies the patch series to RustPython (patches/<crate>/NNNN-*.patch; patches/README.md)
// to copies of the published crates in target/patched-by-scripts-setup.sh/<crate>, which
// Cargo.toml's [patch.crates-io] builds in their place. Run by scripts/setup.sh.
// Quick when nothing changed: next to each copy lies the series it was made with
// (<crate>.series/), and the copy is made again only when the series differs from it;
// crates/engine/build.rs makes the same comparison and stops a build that would use a
// stale copy.
//   node scripts/apply-patches.mjs
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const PATCHES = join(ROOT, "patches");
const OUT = join(ROOT, "target/patched-by-scripts-setup.sh");
// The published crates, pinned by this manifest's lockfile.
const UPSTREAM = join(PATCHES, "upstream/Cargo.toml");

/** The patch files of a series, in order. @param {string} folder */
const patchFiles = (folder) =>
  existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(".patch")).sort() : [];

/** Whether two series folders hold the same patches, byte for byte. @param {string} a @param {string} b */
function sameSeries(a, b) {
  const names = patchFiles(a);
  const others = patchFiles(b);
  return (
    names.length === others.length &&
    names.every((name, i) => name === others[i] && readFileSync(join(a, name)).equals(readFileSync(join(b, name))))
  );
}

/** Where cargo's registry holds each published crate's source. @returns {Map<string, string>} */
function publishedSources() {
  execFileSync("cargo", ["fetch", "--locked", "--manifest-path", UPSTREAM], { stdio: "inherit" });
  const metadata = JSON.parse(
    execFileSync("cargo", ["metadata", "--locked", "--format-version", "1", "--manifest-path", UPSTREAM], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }),
  );
  return new Map(
    metadata.packages.map((/** @type {{ name: string, manifest_path: string }} */ p) => [p.name, dirname(p.manifest_path)]),
  );
}

/** @type {Map<string, string> | undefined} */
let sources;
const series = readdirSync(PATCHES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "upstream")
  .map((entry) => entry.name);
for (const crate of series) {
  const folder = join(PATCHES, crate);
  const copy = join(OUT, crate);
  const applied = join(OUT, `${crate}.series`);
  if (existsSync(copy) && sameSeries(folder, applied)) {
    console.log(`apply-patches: ${crate}: ${patchFiles(folder).length} patches, up to date`);
    continue;
  }
  sources ??= publishedSources();
  const published = sources.get(crate);
  if (!published) throw new Error(`apply-patches: ${crate} is not in patches/upstream/Cargo.toml`);
  rmSync(copy, { recursive: true, force: true });
  rmSync(applied, { recursive: true, force: true });
  cpSync(published, copy, { recursive: true });
  for (const name of patchFiles(folder)) {
    try {
      // Outside any repository (the copy lies in this one's ignored target/, where `git
      // apply` would skip every file), so it patches like `patch -p1`.
      execFileSync("git", ["apply", "--whitespace=nowarn", join(folder, name)], {
        cwd: copy,
        stdio: "pipe",
        env: { ...process.env, GIT_CEILING_DIRECTORIES: OUT },
      });
    } catch (error) {
      const stderr = /** @type {{ stderr?: Buffer }} */ (error).stderr?.toString() ?? "";
      throw new Error(`apply-patches: ${crate}/${name} does not apply to ${crate} as published:\n${stderr}`);
    }
  }
  // Recorded last: a copy whose series is not recorded is made again next time.
  cpSync(folder, applied, { recursive: true });
  console.log(`apply-patches: ${crate}: ${patchFiles(folder).length} patches applied in ${copy}`);
}
