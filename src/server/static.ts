/**
 * Serves the built dashboard (`dist/web`, SPEC §17.5) from the same HTTP app
 * as the API: page routes answer `index.html` (the SPA routes itself) with the
 * §17.5 Content-Security-Policy, hashed files under `/assets/` are cached for
 * a year, and every response says `nosniff`. Only the listed page routes and
 * `/assets/*` are mounted, so `/api/*`, `/ws`, `/metrics` and `/healthz` never
 * fall back to the page. Files are read per request, so `npm run build` while
 * the service runs takes effect on reload. Without a build, the pages answer
 * a short plain-text note saying how to build it.
 */
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { Context, Hono } from "hono";
import type { AppEnv } from "./context.js";

export const DASHBOARD_CSP =
  "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/** Client-side routes of the dashboard, each answered with `index.html`. */
export const PAGE_ROUTES = [
  "/",
  "/costs",
  "/foci",
  "/projects-manage",
  "/providers",
  "/reviews",
] as const;

/** The build output next to this module: `<package>/dist/web` from both `src/server` and `dist/server`. */
export const DEFAULT_DASHBOARD_DIR = join(import.meta.dirname, "..", "..", "dist", "web");

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const BASE_HEADERS = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };

const NOT_BUILT =
  "The oompah dashboard has not been built.\n\nRun `npm run build` in the oompah package, then reload this page.\nThe HTTP API is available under /api/v1/.\n";

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

function page(c: Context<AppEnv>, html: Buffer | null): Response {
  if (html === null) {
    return c.body(NOT_BUILT, 200, {
      ...BASE_HEADERS,
      "content-type": TYPES[".txt"] ?? "text/plain",
      "cache-control": "no-store",
    });
  }
  return c.body(new Uint8Array(html), 200, {
    ...BASE_HEADERS,
    "content-type": TYPES[".html"] ?? "text/html",
    "content-security-policy": DASHBOARD_CSP,
    "x-frame-options": "DENY",
    "cache-control": "no-cache",
  });
}

/** Mounts the page routes and `/assets/*` on `app` (GET; HEAD follows). */
export function mountDashboard(app: Hono<AppEnv>, opts: { dir?: string } = {}): void {
  const dir = opts.dir ?? DEFAULT_DASHBOARD_DIR;
  const assets = join(dir, "assets");
  for (const route of PAGE_ROUTES) {
    app.get(route, async (c) => page(c, await readOrNull(join(dir, "index.html"))));
  }
  app.get("/assets/*", async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice("/assets/".length));
    } catch {
      rel = "";
    }
    const file = normalize(join(assets, rel));
    const type = TYPES[extname(file)];
    const body =
      file.startsWith(assets + sep) && type !== undefined ? await readOrNull(file) : null;
    if (body === null) {
      return c.json(
        { error: { code: "not_found", message: `No asset ${c.req.path}` } },
        404,
        BASE_HEADERS,
      );
    }
    return c.body(new Uint8Array(body), 200, {
      ...BASE_HEADERS,
      "content-type": type ?? "application/octet-stream",
      "cache-control": "public, max-age=31536000, immutable",
    });
  });
}
