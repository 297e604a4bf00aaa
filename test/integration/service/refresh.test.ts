import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";

describe("POST /api/v1/refresh", () => {
  it("[C82] returns 202 and a tick starts within 1 s", async () => {
    const t = await startTestService({
      workflow: "---\npolling:\n  interval_ms: 600000\n---\nWork.\n",
    });
    await waitFor(() => t.service.orchestrator.tickCount >= 1, { what: "startup tick" });
    const before = t.service.orchestrator.tickCount;
    const started = Date.now();
    const res = await fetch(`${t.url}/api/v1/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(202);
    await waitFor(() => t.service.orchestrator.tickCount > before, {
      what: "tick after refresh",
      timeoutMs: 1000,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
