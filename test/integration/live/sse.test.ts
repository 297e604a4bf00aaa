import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { TOKEN } from "../../unit/server/fake-service.js";
import { startLiveServer, type Envelope } from "./harness.js";

interface SseEvent {
  id: string | undefined;
  env: Envelope;
}

const aborts: AbortController[] = [];
afterEach(() => {
  while (aborts.length) aborts.pop()?.abort();
});

/** Opens an SSE stream and collects its events until the test ends. */
async function openSse(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  aborts.push(abort);
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  let comments = 0;
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: "", done: true }));
        if (done) return;
        buf += value;
        let cut: number;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (block.startsWith(":")) comments += 1;
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) events.push({ id, env: JSON.parse(data) as Envelope });
        }
      }
    })();
  }
  return { res, events, comments: () => comments };
}

describe("GET /api/v1/events (Server-Sent Events)", () => {
  it("replays after `after` with id = seq and then tails live events", async () => {
    const srv = await startLiveServer();
    for (let i = 0; i < 4; i++) await srv.append();
    const sse = await openSse(
      `http://${srv.url(`/api/v1/events?after=2&epoch=${srv.store.epoch}`)}`,
    );
    expect(sse.res.status).toBe(200);
    expect(sse.res.headers.get("content-type")).toContain("text/event-stream");
    await waitFor(() => sse.events.length === 3, { what: "hello and the replay" });
    expect(sse.events.map((e) => [e.id, e.env.type, e.env.seq])).toEqual([
      ["2", "hello", 2],
      ["3", "issue_changed", 3],
      ["4", "issue_changed", 4],
    ]);
    const live = await srv.append("run_started");
    await waitFor(() => sse.events.length === 4, { what: "the live event" });
    expect(sse.events[3]).toMatchObject({
      id: String(live),
      env: { v: 1, seq: live, type: "run_started" },
    });
    expect(sse.events.every((e) => e.env.epoch === srv.store.epoch)).toBe(true);
  });

  it("resumes from Last-Event-ID, which wins over the URL's after", async () => {
    const srv = await startLiveServer();
    for (let i = 0; i < 5; i++) await srv.append();
    const sse = await openSse(
      `http://${srv.url(`/api/v1/events?after=0&epoch=${srv.store.epoch}`)}`,
      { "Last-Event-ID": "3" },
    );
    await waitFor(() => sse.events.length === 3, { what: "the replay" });
    expect(sse.events.map((e) => e.env.seq)).toEqual([3, 4, 5]);
    expect(sse.events[0]?.env.type).toBe("hello");
  });

  it("sends resync and a snapshot without a cursor, and keep-alive comments", async () => {
    const srv = await startLiveServer({ timing: { pingIntervalMs: 20 } });
    await srv.append();
    const sse = await openSse(`http://${srv.url("/api/v1/events")}`);
    await waitFor(() => sse.events.length === 3);
    expect(sse.events.map((e) => e.env.type)).toEqual(["hello", "resync", "snapshot"]);
    await waitFor(() => sse.comments() >= 3, { what: "keep-alive comments" });
    expect(srv.hub.size).toBe(1);
  });

  it("[C180] requires credentials when a token is configured", async () => {
    const srv = await startLiveServer({ security: { apiToken: TOKEN } });
    const denied = await fetch(`http://${srv.url("/api/v1/events")}`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: "unauthorized" } });
    const ok = await openSse(`http://${srv.url("/api/v1/events")}`, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(ok.res.status).toBe(200);
    await waitFor(() => ok.events.length >= 1);
  });

  it("ends the stream of a client whose unsent backlog passes the limit", async () => {
    const srv = await startLiveServer({ timing: { maxBufferBytes: 256 * 1024 } });
    const abort = new AbortController();
    aborts.push(abort);
    // A client that never reads the body.
    const res = await fetch(`http://${srv.url("/api/v1/events")}`, { signal: abort.signal });
    expect(res.status).toBe(200);
    await waitFor(() => srv.hub.size === 1);
    const big = "x".repeat(64 * 1024);
    for (let i = 0; i < 400 && srv.hub.size > 0; i++)
      await srv.append("run_activity", { text: big });
    expect(srv.hub.size).toBe(0);
  });
});
