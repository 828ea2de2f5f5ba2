// @ts-check
// Zip archives of the student's files, for Download all and for opening a .zip: fflate
// does the format; this file only fits it to what the Rust app passes (see src/archive.rs).
import { unzipSync, zipSync } from "fflate";

/// A .zip holding `texts[i]` as file `names[i]` (folders from the "/" in names).
/** @param {string[]} names @param {string[]} texts @returns {Uint8Array} */
export function zipFiles(names, texts) {
  const encoder = new TextEncoder();
  /** @type {Record<string, Uint8Array>} */
  const entries = {};
  names.forEach((name, index) => {
    entries[name] = encoder.encode(texts[index]);
  });
  return zipSync(entries, { level: 6 });
}

/// The files of a .zip whose sizes, as its directory states them, stay under
/// `maxFileBytes` each and `maxTotalBytes` together: `{ names, contents, tooLarge }`, the
/// names of files left out for their size in `tooLarge`. Throws on a damaged archive.
/** @param {Uint8Array} bytes @param {number} maxFileBytes @param {number} maxTotalBytes */
export function unzipFiles(bytes, maxFileBytes, maxTotalBytes) {
  /** @type {string[]} */
  const tooLarge = [];
  let total = 0;
  const entries = unzipSync(bytes, {
    filter(file) {
      if (file.name.endsWith("/")) return false;
      if (file.originalSize > maxFileBytes || total + file.originalSize > maxTotalBytes) {
        tooLarge.push(file.name);
        return false;
      }
      total += file.originalSize;
      return true;
    },
  });
  const names = Object.keys(entries);
  return { names, contents: names.map((name) => entries[name]), tooLarge };
}
