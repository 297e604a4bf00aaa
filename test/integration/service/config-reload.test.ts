import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";

interface State {
  config: { hash: string; last_error: { code: string; message: string } | null };
  alerts: Array<{ code: string }>;
}

async function state(url: string): Promise<State> {
  return (await (await fetch(`${url}/api/v1/state`)).json()) as State;
}

describe("hot reload in the running service", () => {
  it("[C16] invalid YAML keeps the last good config, reports last_error and the config_invalid alert; fixing clears them", async () => {
    const t = await startTestService({
      workflow: "---\npolling:\n  interval_ms: 30000\n---\nWork.\n",
    });
    await t.service.reloader.ready();
    const before = await state(t.url);

    writeFileSync(join(t.dir, "WORKFLOW.md"), "---\npolling: [unclosed\n---\nWork.\n");
    const broken = await waitFor(
      async () => {
        const s = await state(t.url);
        return s.config.last_error ? s : null;
      },
      { what: "last_error" },
    );
    expect(broken.config.last_error?.code).toBe("workflow_parse_error");
    expect(broken.config.hash).toBe(before.config.hash);
    expect(broken.alerts.map((a) => a.code)).toContain("config_invalid");
    expect(t.service.reloader.current.config.polling.interval_ms).toBe(30000);
    const events = await t.service.store.events.after(0);
    expect(
      events.some(
        (e) => e.type === "alert" && (e.payload as { code: string }).code === "config_invalid",
      ),
    ).toBe(true);

    writeFileSync(join(t.dir, "WORKFLOW.md"), "---\npolling:\n  interval_ms: 45000\n---\nWork.\n");
    const fixed = await waitFor(
      async () => {
        const s = await state(t.url);
        return s.config.last_error === null && s.config.hash !== before.config.hash ? s : null;
      },
      { what: "fixed config" },
    );
    expect(fixed.alerts.map((a) => a.code)).not.toContain("config_invalid");
    expect(t.service.reloader.current.config.polling.interval_ms).toBe(45000);
  });

  it("[C17] changing server.port on reload warns restart_required and the old listener stays up", async () => {
    const t = await startTestService({
      workflow: "---\nserver:\n  port: 0\n---\nWork.\n",
      cli: {},
    });
    await t.service.reloader.ready();
    const port = t.service.httpPort;
    writeFileSync(join(t.dir, "WORKFLOW.md"), "---\nserver:\n  port: 1\n---\nWork!\n");
    await waitFor(() => t.logs.some((l) => l.includes("restart_required")), {
      what: "restart_required warning",
    });
    expect(t.service.reloader.current.config.server.port).toBe(0);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });

  it("[C184] GET /api/v1/config and the logs never contain a configured secret value", async () => {
    const secret = "s3cret-token-value-0123456789abcdef";
    const t = await startTestService({
      workflow: "---\nserver:\n  api_token: $MY_OOMPAH_TOKEN\n---\nWork.\n",
      env: { MY_OOMPAH_TOKEN: secret },
    });
    const res = await fetch(`${t.url}/api/v1/config`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      effective: { server: { api_token: { secret: true, source: "env:MY_OOMPAH_TOKEN" } } },
    });
    // A log line that tries to carry the secret is redacted at the logger.
    t.service.logger.info({ component: "test", leaked: secret }, `value ${secret}`);
    await fetch(`${t.url}/api/v1/state`);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.join("")).not.toContain(secret);
    expect(t.logs.join("")).toContain("[REDACTED]");
  });

  it("[C15] a saved polling.interval_ms edit applies to the running service without restart", async () => {
    const t = await startTestService({
      workflow: "---\npolling:\n  interval_ms: 60000\n---\nWork.\n",
    });
    await t.service.reloader.ready();
    writeFileSync(join(t.dir, "WORKFLOW.md"), "---\npolling:\n  interval_ms: 1000\n---\nWork.\n");
    await waitFor(() => t.service.reloader.current.config.polling.interval_ms === 1000, {
      what: "reload",
    });
    // With a 1 s interval the loop ticks on its own: two state-independent ticks show up as refreshed config checks.
    const ticks = t.service.orchestrator.tickCount;
    await waitFor(() => t.service.orchestrator.tickCount >= ticks + 2, {
      what: "ticks at the new interval",
      timeoutMs: 10_000,
    });
  });
});

describe("secret redaction beyond WORKFLOW.md", () => {
  it("[C184] a provider key typed in through the API never reaches the logs", async () => {
    const t = await startTestService();
    const key = "sk-typed-in-provider-key-0123456789";
    const res = await fetch(`${t.url}/api/v1/providers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Typed",
        backend: "api",
        base_url: "http://127.0.0.1:9/v1",
        api_key: key,
      }),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).not.toContain(key);
    t.service.logger.warn({ component: "test", header: `Bearer ${key}` }, `provider said ${key}`);
    expect(t.logs.join("")).not.toContain(key);
    expect(t.logs.join("")).toContain("Bearer [REDACTED]");
  });
});
