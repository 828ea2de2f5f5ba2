// @ts-check
// The benchmark's static server: serves Sandpiper's dist/ and Pyodide side by side, the
// way a static host would (brotli or gzip as the browser asks, ETag revalidation,
// cross-origin isolation headers for both), and counts the bytes it sends.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ISOLATION_HEADERS, TYPES } from "../scripts/serve-dist.mjs";

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".zip"]);
const HEADERS = { ...ISOLATION_HEADERS, "Cache-Control": "no-cache" };

/// `mounts` maps a URL prefix ("/app/") to a folder. Resolves to
/// `{ url, bytesRequestedBefore(epochMs), resetBytes(), close() }`.
/**
 * @param {Record<string, string>} mounts
 * @returns {Promise<{
 *   url: string,
 *   bytesRequestedBefore: (epochMs: number) => number,
 *   resetBytes: () => void,
 *   close: () => Promise<Error | undefined>,
 * }>}
 */
export function startBenchServer(mounts) {
  /** @type {Map<string, Buffer>} */
  const encoded = new Map();
  // Each response's body size, with when its request arrived (ms since the epoch).
  /** @type {{ arrived: number, bytes: number }[]} */
  let sent = [];
  /** @param {string} file @param {Buffer} body @param {"br" | "gzip"} encoding */
  const compress = (file, body, encoding) => {
    const key = `${file}\0${encoding}`;
    if (!encoded.has(key)) {
      // What a static host precompresses with: brotli at its best, gzip at 9.
      const output =
        encoding === "br"
          ? brotliCompressSync(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_LGWIN]: 24,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : gzipSync(body, { level: 9 });
      encoded.set(key, output);
    }
    return /** @type {Buffer} */ (encoded.get(key));
  };
  const server = createServer(async (request, response) => {
    const arrived = performance.timeOrigin + performance.now();
    const path = decodeURIComponent(new URL(/** @type {string} */ (request.url), "http://localhost").pathname);
    const prefix = Object.keys(mounts).find((mount) => path.startsWith(mount));
    if (!prefix) {
      response.writeHead(404, HEADERS).end();
      return;
    }
    const root = resolve(mounts[prefix]);
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403, HEADERS).end();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file);
      }
      const etag = `"${info.size}-${Math.round(info.mtimeMs)}"`;
      if (request.headers["if-none-match"] === etag) {
        response.writeHead(304, { ...HEADERS, ETag: etag }).end();
        return;
      }
      /** @type {Buffer} */
      let body = await readFile(file);
      /** @type {Record<string, string | number>} */
      const headers = { ...HEADERS, ETag: etag, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" };
      const accepts = request.headers["accept-encoding"] ?? "";
      if (COMPRESSIBLE.has(extname(file))) {
        const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
        if (encoding) {
          body = compress(file, body, encoding);
          headers["Content-Encoding"] = encoding;
          headers.Vary = "Accept-Encoding";
        }
      }
      headers["Content-Length"] = body.length;
      sent.push({ arrived, bytes: body.length });
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, HEADERS).end();
    }
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () =>
      done({
        url: `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`,
        bytesRequestedBefore: (epochMs) =>
          sent.filter((response) => response.arrived < epochMs).reduce((sum, response) => sum + response.bytes, 0),
        resetBytes: () => {
          sent = [];
        },
        close: () => new Promise((closed) => server.close(closed)),
      }),
    );
  });
}
