import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../src/server/context.js";
import { DASHBOARD_CSP, mountDashboard } from "../../../src/server/static.js";
import { tempDir } from "../../helpers/sandbox.js";

function built(): string {
  const dir = tempDir("oompah-web-");
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><div id=root></div>");
  writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(dir, "secret.txt"), "no");
  return dir;
}

function appFor(dir: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  mountDashboard(app, { dir });
  app.get("/api/v1/state", (c) => c.json({ ok: true }));
  return app;
}

describe("dashboard static files", () => {
  it("[C189] serves every page route with the §17.5 CSP and nosniff", async () => {
    const app = appFor(built());
    for (const path of ["/", "/costs", "/foci", "/projects-manage", "/providers", "/reviews"]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toContain("<div id=root>");
    }
    expect(DASHBOARD_CSP).toBe(
      "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  });

  it("caches hashed assets and refuses traversal and unknown files", async () => {
    const app = appFor(built());
    const js = await app.request("/assets/index-abc123.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await app.request("/assets/..%2Fsecret.txt")).status).toBe(404);
    expect((await app.request("/assets/missing.js")).status).toBe(404);
  });

  it("never answers API, live or metrics paths with the page", async () => {
    const app = appFor(built());
    expect(await (await app.request("/api/v1/state")).json()).toEqual({ ok: true });
    for (const path of ["/api/v1/nope", "/ws", "/metrics", "/healthz", "/anything-else"]) {
      expect((await app.request(path)).status).toBe(404);
    }
  });

  it("says how to build when dist/web is missing", async () => {
    const res = await appFor(join(tempDir(), "missing")).request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toContain("npm run build");
  });
});
