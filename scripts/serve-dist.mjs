// @ts-check
// Serves a built dist/ folder on localhost, cross-origin isolated (COOP/COEP), the way
// Sandpiper needs a static host to serve it. Used by `scripts/serve.sh` and the browser
// tests. Usage: node scripts/serve-dist.mjs [DIR] [PORT]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** @type {Record<string, string>} */
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".py": "text/x-python; charset=utf-8",
  ".zip": "application/zip",
};

export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/// Starts the server; resolves to `{ url, close() }` once it listens. `isolate: false`
/// leaves out the isolation headers, as a plain static host would.
/**
 * @param {string} dir
 * @returns {Promise<{ url: string, close: () => Promise<Error | undefined> }>}
 */
export function startServer(dir, port = 0, { isolate = true } = {}) {
  const root = resolve(dir);
  const isolation = isolate ? ISOLATION_HEADERS : {};
  const server = createServer(async (request, response) => {
    /** @param {number} status @param {string} body */
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      response.writeHead(status, { "Content-Type": type, ...isolation });
      response.end(body);
    };
    let path;
    try {
      path = decodeURIComponent(new URL(/** @type {string} */ (request.url), "http://localhost").pathname);
    } catch {
      return send(400, "bad request");
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send(403, "forbidden");
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file);
      }
      // Revalidation as static hosts do it: an unchanged file costs a 304, not its bytes.
      const etag = `"${info.size.toString(36)}-${info.mtimeMs.toString(36)}"`;
      const caching = { ETag: etag, "Cache-Control": "no-cache", ...isolation };
      if (request.headers["if-none-match"] === etag) {
        response.writeHead(304, caching);
        return response.end();
      }
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Length": body.length,
        ...caching,
      });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      send(404, "not found");
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}/`;
      resolvePromise({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.argv[3] ?? 8080);
  const { url } = await startServer(dir, port);
  console.log(`Sandpiper is served at ${url} (Ctrl+C stops the server)`);
}
