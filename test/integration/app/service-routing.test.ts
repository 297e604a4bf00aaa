/**
 * The routing API as the real service mounts it: documents opened from the
 * service directory, hot reload of a hand edit, and the alert in the state
 * snapshot.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe("service routing API", () => {
  it("serves foci, providers, profiles and backends, and reports an invalid foci.json in the state", async () => {
    const { url, dir } = await startTestService();
    const foci = await get<{ foci: Array<{ name: string }> }>(`${url}/api/v1/foci`);
    expect(foci.foci.map((f) => f.name)).toContain("general");
    expect(await get(`${url}/api/v1/providers`)).toEqual({ providers: [] });
    expect(await get(`${url}/api/v1/profiles`)).toMatchObject({
      implicit_default: expect.any(Boolean),
    });
    const backends = await get<{ backends: Array<{ name: string }> }>(`${url}/api/v1/backends`);
    expect(backends.backends).toHaveLength(6);

    const created = await fetch(`${url}/api/v1/foci`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "perf", role: "Performance Engineer", keywords: ["latency"] }),
    });
    expect(created.status).toBe(201);

    writeFileSync(join(dir, ".oompah", "foci.json"), '[{"name": "perf"}]');
    const state = await waitFor(
      async () => {
        const s = await get<{ alerts: Array<{ code: string; message: string }> }>(
          `${url}/api/v1/state`,
        );
        return s.alerts.find((a) => a.code === "config_invalid");
      },
      { what: "config_invalid in /api/v1/state" },
    );
    expect(state.message).toContain("foci.json: [0].role");
    const still = await get<{ foci: Array<{ name: string; role: string }> }>(`${url}/api/v1/foci`);
    expect(still.foci.find((f) => f.name === "perf")?.role).toBe("Performance Engineer");
  });
});
