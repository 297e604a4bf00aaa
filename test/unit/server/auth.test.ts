import { describe, expect, it } from "vitest";
import type { AuthContext } from "../../../src/server/context.js";
import { RUN_TOKEN, TOKEN, json, makeApp } from "./fake-service.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function login(
  request: ReturnType<typeof makeApp>["request"],
  token = TOKEN,
): Promise<string> {
  const res = await request("/api/v1/session", json({ token }));
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

const runAuth = async (token: string): Promise<AuthContext | null> =>
  Promise.resolve(
    token === RUN_TOKEN ? { kind: "run", runId: "run-1", projectId: "proj-1", issueId: "7" } : null,
  );

describe("authentication with an API token configured", () => {
  it("[C180] requires credentials: none → 401, bearer → 200, /healthz public", async () => {
    const { request } = makeApp({ apiToken: TOKEN });
    const none = await request("/api/v1/state");
    expect(none.status).toBe(401);
    expect(await codeOf(none)).toBe("unauthorized");
    const wrong = await request("/api/v1/state", { headers: bearer("nope") });
    expect(wrong.status).toBe(401);
    const ok = await request("/api/v1/state", { headers: bearer(TOKEN) });
    expect(ok.status).toBe(200);
    const health = await request("/healthz");
    expect(health.status).toBe(200);
    const openapi = await request("/api/v1/openapi.json");
    expect(openapi.status).toBe(401);
  });

  it("[C180] logs in with POST /api/v1/session: HttpOnly SameSite=Strict cookie that authenticates GETs", async () => {
    const { request } = makeApp({ apiToken: TOKEN });
    const res = await request("/api/v1/session", json({ token: TOKEN }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { authenticated: boolean; expires_at: string };
    expect(body.authenticated).toBe(true);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^oompah_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).not.toContain(TOKEN);

    const cookie = setCookie.split(";")[0] ?? "";
    const state = await request("/api/v1/state", { headers: { cookie } });
    expect(state.status).toBe(200);
    const forged = await request("/api/v1/state", {
      headers: { cookie: `${cookie.slice(0, -2)}xx` },
    });
    expect(forged.status).toBe(401);
  });

  it("marks the cookie Secure when secureCookies is set", async () => {
    const { request } = makeApp({ apiToken: TOKEN, secureCookies: true });
    const res = await request("/api/v1/session", json({ token: TOKEN }));
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("rejects a wrong login token with 401 and sets no cookie", async () => {
    const { request } = makeApp({ apiToken: TOKEN });
    const res = await request("/api/v1/session", json({ token: "wrong" }));
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("[C181] rejects a cookie-authenticated POST without X-Oompah-Client: web", async () => {
    const { request, service } = makeApp({ apiToken: TOKEN });
    const cookie = await login(request);
    const bare = await request("/api/v1/refresh", { method: "POST", headers: { cookie } });
    expect(bare.status).toBe(403);
    expect(await codeOf(bare)).toBe("forbidden");
    expect(service.refreshes).toBe(0);
    const web = await request("/api/v1/refresh", {
      method: "POST",
      headers: { cookie, "x-oompah-client": "web" },
    });
    expect(web.status).toBe(202);
    const viaBearer = await request("/api/v1/refresh", { method: "POST", headers: bearer(TOKEN) });
    expect(viaBearer.status).toBe(202);
  });

  it("logout revokes the session and clears the cookie", async () => {
    const { request } = makeApp({ apiToken: TOKEN });
    const cookie = await login(request);
    const out = await request("/api/v1/session", {
      method: "DELETE",
      headers: { cookie, "x-oompah-client": "web" },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/oompah_session=;.*Max-Age=0/);
    const after = await request("/api/v1/state", { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it("ends sessions when the API token changes or the session expires", async () => {
    let now = 1_000_000;
    const made = makeApp({ apiToken: TOKEN, sessionTtlMs: 60_000 }, { now: () => now });
    const cookie = await login(made.request);
    expect((await made.request("/api/v1/state", { headers: { cookie } })).status).toBe(200);
    now += 61_000;
    expect((await made.request("/api/v1/state", { headers: { cookie } })).status).toBe(401);

    now = 1_000_000;
    const fresh = await login(made.request);
    made.security.apiToken = `${TOKEN}-rotated`;
    expect((await made.request("/api/v1/state", { headers: { cookie: fresh } })).status).toBe(401);
  });

  it("answers 429 rate_limited after 10 failures in a minute from one address, even for a valid token", async () => {
    let now = 5_000_000;
    const { request } = makeApp({ apiToken: TOKEN }, { now: () => now });
    for (let i = 0; i < 10; i += 1) {
      const res = await request("/api/v1/state", { headers: bearer(`guess-${i}`) });
      expect(res.status).toBe(401);
    }
    const limited = await request("/api/v1/state", { headers: bearer(TOKEN) });
    expect(limited.status).toBe(429);
    expect(await codeOf(limited)).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const login429 = await request("/api/v1/session", json({ token: TOKEN }));
    expect(login429.status).toBe(429);

    now += 61_000;
    expect((await request("/api/v1/state", { headers: bearer(TOKEN) })).status).toBe(200);
  });

  it("counts failed logins toward the limit", async () => {
    const { request } = makeApp({ apiToken: TOKEN }, { now: () => 42 });
    for (let i = 0; i < 10; i += 1) await request("/api/v1/session", json({ token: `guess-${i}` }));
    expect((await request("/api/v1/session", json({ token: TOKEN }))).status).toBe(429);
  });
});

describe("loopback mode and run tokens", () => {
  it("treats callers without credentials as operators when no token is configured", async () => {
    const { request } = makeApp();
    const res = await request("/api/v1/whoami");
    expect(await res.json()).toEqual({ kind: "anonymous-loopback" });
    const login = await request("/api/v1/session", json({ token: "anything" }));
    expect(await login.json()).toEqual({
      authenticated: true,
      token_required: false,
      expires_at: null,
    });
    expect(login.headers.get("set-cookie")).toBeNull();
  });

  it("resolves other bearer tokens through the authenticate hook and limits them to run-token routes", async () => {
    const { request } = makeApp({ apiToken: TOKEN }, { authenticate: runAuth });
    const who = await request("/api/v1/whoami", { headers: bearer(RUN_TOKEN) });
    expect(await who.json()).toEqual({ kind: "run", runId: "run-1" });
    const config = await request("/api/v1/config", { headers: bearer(RUN_TOKEN) });
    expect(config.status).toBe(403);
    expect(await codeOf(config)).toBe("forbidden");
    const operator = await request("/api/v1/whoami", { headers: bearer(TOKEN) });
    expect(await operator.json()).toEqual({ kind: "operator" });
  });

  it("rejects an unknown bearer even without a configured API token", async () => {
    const { request } = makeApp({}, { authenticate: runAuth });
    const res = await request("/api/v1/whoami", { headers: bearer("ort_expired") });
    expect(res.status).toBe(401);
    const run = await request("/api/v1/whoami", { headers: bearer(RUN_TOKEN) });
    expect(await run.json()).toEqual({ kind: "run", runId: "run-1" });
  });
});
