import { afterEach, describe, expect, it } from "vitest";
import { startService, type Service } from "../../../src/app.js";
import { tempDir } from "../../helpers/sandbox.js";
import { serviceEnv } from "../../helpers/service.js";
import { LiveClient } from "./harness.js";

const services: Service[] = [];
afterEach(async () => {
  while (services.length) await services.pop()?.stop();
});

describe("live channel across a service restart", () => {
  it("[C186] seq keeps increasing across a restart with the same epoch", async () => {
    const dir = tempDir("oompah-live-restart-");
    const env = serviceEnv(dir);
    const start = async () => {
      const s = await startService({
        cwd: dir,
        env,
        cli: { port: 0 },
        logToStdout: false,
        captureLog: () => undefined,
      });
      services.push(s);
      return s;
    };

    const first = await start();
    const c1 = await LiveClient.open(`ws://127.0.0.1:${first.httpPort ?? 0}/ws`);
    const snap = await c1.next((m) => m.type === "snapshot");
    expect(snap.data).toHaveProperty("state.epoch", first.store.epoch);
    const before = await first.store.events.append({ type: "issue_changed", payload: { n: 1 } });
    await c1.next((m) => m.sub === undefined && m.seq === before.seq, "the event before restart");
    const lastSeen = Math.max(...c1.messages.map((m) => m.seq));
    const epoch = first.store.epoch;
    await first.stop();
    expect((await c1.closed).code).toBe(1001);

    const second = await start();
    expect(second.store.epoch).toBe(epoch);
    const after = await second.store.events.append({ type: "issue_changed", payload: { n: 2 } });
    expect(after.seq).toBeGreaterThan(lastSeen);
    const c2 = await LiveClient.open(
      `ws://127.0.0.1:${second.httpPort ?? 0}/ws?after=${lastSeen}&epoch=${epoch}`,
    );
    await c2.next((m) => m.sub === undefined && m.seq === after.seq, "the event after restart");
    expect(c2.messages[0]).toMatchObject({ type: "hello", epoch, seq: lastSeen });
    expect(c2.messages.some((m) => m.type === "resync")).toBe(false);
    const durable = c2.durable();
    expect(durable.every((m) => m.seq > lastSeen && m.epoch === epoch)).toBe(true);
    expect(durable.map((m) => m.seq)).toEqual([...durable.map((m) => m.seq)].sort((a, b) => a - b));
    expect(durable.map((m) => m.seq)).toContain(after.seq);
  });
});
