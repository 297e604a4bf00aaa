import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { TOKEN } from "../../unit/server/fake-service.js";
import { LiveClient, startLiveServer, type Envelope } from "./harness.js";

function expectEnvelope(m: Envelope, epoch: string): void {
  expect(m.v).toBe(1);
  expect(m.epoch).toBe(epoch);
  expect(Number.isInteger(m.seq)).toBe(true);
  expect(typeof m.type).toBe("string");
  expect(Number.isNaN(Date.parse(m.ts))).toBe(false);
}

function strictlyIncreasing(seqs: number[]): boolean {
  return seqs.every((s, i) => i === 0 || s > (seqs[i - 1] ?? Infinity));
}

describe("live channel /ws", () => {
  it("[C185] every message carries v, epoch and seq; durable seqs strictly increase", async () => {
    const srv = await startLiveServer();
    for (let i = 0; i < 3; i++) await srv.append();
    const c = await LiveClient.open(`ws://${srv.url("/ws")}`);
    const snap = await c.next((m) => m.type === "snapshot");
    expect(c.messages.map((m) => m.type).slice(0, 3)).toEqual(["hello", "resync", "snapshot"]);
    expect(c.messages[0]?.data).toEqual({
      epoch: srv.store.epoch,
      last_seq: 3,
      server_version: "test",
    });
    expect(c.messages[1]?.data).toEqual({ reason: "no_cursor" });
    expect(snap.seq).toBe(3);
    expect(snap.data).toEqual({ state: { fake_state: true }, board: { columns: [] } });

    const appended = [await srv.append(), await srv.append("run_started"), await srv.append()];
    c.send({ type: "ping", data: { n: 7 } });
    await c.next((m) => m.type === "pong");
    await waitFor(() => c.durable().length === 3, { what: "three live events" });
    for (const m of c.messages) expectEnvelope(m, srv.store.epoch);
    const durable = c.durable();
    expect(durable.map((m) => m.seq)).toEqual(appended);
    expect(durable.map((m) => m.type)).toEqual(["issue_changed", "run_started", "issue_changed"]);
    expect(durable[0]?.data).toEqual({ project_id: "p1", n: 1 });
    expect(strictlyIncreasing(durable.map((m) => m.seq))).toBe(true);
    // Non-durable messages repeat the latest durable seq and count with `sub`.
    const pong = await c.next((m) => m.type === "pong");
    expect(pong.data).toEqual({ n: 7 });
    const subs = c.messages.filter((m) => m.sub !== undefined).map((m) => m.sub);
    expect(subs).toEqual([...subs].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it("[C185] reconnecting with after replays exactly the events missed while disconnected", async () => {
    const srv = await startLiveServer();
    await srv.append();
    const first = await LiveClient.open(`ws://${srv.url(`/ws?after=0&epoch=${srv.store.epoch}`)}`);
    await first.next((m) => m.seq === 1 && m.sub === undefined);
    expect(first.messages.map((m) => m.type)).toEqual(["hello", "issue_changed"]);
    expect(first.messages[0]?.seq).toBe(0);
    const lastSeen = first.durable().at(-1)?.seq ?? 0;
    first.ws.close();
    await first.closed;
    await waitFor(() => srv.hub.size === 0, { what: "the server to drop the client" });

    const missed = [await srv.append(), await srv.append("run_finished"), await srv.append()];
    const again = await LiveClient.open(
      `ws://${srv.url(`/ws?after=${lastSeen}&epoch=${srv.store.epoch}`)}`,
    );
    await waitFor(() => again.durable().length === 3, { what: "the replay" });
    expect(again.messages[0]).toMatchObject({ type: "hello", seq: lastSeen });
    expect(again.messages.some((m) => m.type === "resync" || m.type === "snapshot")).toBe(false);
    expect(again.durable().map((m) => m.seq)).toEqual(missed);

    const live = await srv.append();
    await waitFor(() => again.durable().length === 4, { what: "the live event" });
    expect(again.durable().map((m) => m.seq)).toEqual([...missed, live]);
  });

  it("[C185] an epoch mismatch yields resync followed by a snapshot", async () => {
    const srv = await startLiveServer();
    await srv.append();
    const c = await LiveClient.open(`ws://${srv.url("/ws?after=1&epoch=another-epoch")}`);
    await c.next((m) => m.type === "snapshot");
    expect(c.messages.map((m) => [m.type, m.seq])).toEqual([
      ["hello", 1],
      ["resync", 1],
      ["snapshot", 1],
    ]);
    expect(c.messages[1]?.data).toEqual({ reason: "epoch_mismatch" });
    // A client that asks for it gets a fresh snapshot too.
    await srv.append();
    await c.next((m) => m.seq === 2 && m.sub === undefined);
    c.send({ type: "resync" });
    await waitFor(() => c.messages.filter((m) => m.type === "snapshot").length === 2);
    expect(c.messages.filter((m) => m.type === "resync").at(-1)).toMatchObject({
      seq: 2,
      data: { reason: "requested" },
    });
  });

  it("answers bad client messages with error and carries ephemeral messages to subscribers", async () => {
    const srv = await startLiveServer();
    const seq = await srv.append();
    const c = await LiveClient.open(`ws://${srv.url("/ws")}`);
    await c.next((m) => m.type === "snapshot");
    c.send({ type: "subscribe", topics: ["nope"] });
    const err = await c.next((m) => m.type === "error");
    expect(err.data).toMatchObject({ code: "invalid_message" });
    c.send({ type: "subscribe", topics: ["runs:r-1"] });
    c.send({ type: "ping" });
    await c.next((m) => m.type === "pong");
    srv.hub.publishEphemeral("runs:r-2", "run_activity", { text: "other" });
    srv.hub.publishEphemeral("runs:r-1", "run_activity", { text: "delta" });
    const activity = await c.next((m) => m.type === "run_activity");
    expect(activity).toMatchObject({ seq, data: { text: "delta" } });
    expect(activity.sub).toBeGreaterThan(0);
    expect(c.messages.filter((m) => m.type === "run_activity")).toHaveLength(1);
  });

  it("[C179] refuses an evil Origin with 403 and an unauthenticated upgrade with 401 before upgrading", async () => {
    const open = await startLiveServer();
    expect(
      await LiveClient.refusal(`ws://${open.url("/ws")}`, { origin: "https://evil.example" }),
    ).toBe(403);
    expect(
      await LiveClient.refusal(`ws://${open.url("/ws")}`, { headers: { host: "evil.example" } }),
    ).toBe(403);
    expect(await LiveClient.refusal(`ws://${open.url("/ws?after=x")}`)).toBe(422);
    expect(open.hub.size).toBe(0);

    const locked = await startLiveServer({ security: { apiToken: TOKEN } });
    expect(await LiveClient.refusal(`ws://${locked.url("/ws")}`)).toBe(401);
    expect(
      await LiveClient.refusal(`ws://${locked.url("/ws")}`, {
        headers: { authorization: "Bearer wrong-token-wrong-token-wrong" },
      }),
    ).toBe(401);
    const ok = await LiveClient.open(`ws://${locked.url("/ws")}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      origin: `http://127.0.0.1:${locked.port}`,
    });
    await ok.next((m) => m.type === "hello");
  });

  it("closes a client whose unsent buffer passes the limit with 1013", async () => {
    const srv = await startLiveServer({
      timing: { maxBufferBytes: 256 * 1024, closeGraceMs: 30_000 },
    });
    const c = await LiveClient.open(`ws://${srv.url("/ws")}`);
    await c.next((m) => m.type === "snapshot");
    // A slow reader: the client stops reading from its TCP socket.
    const socket = (c.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const big = "x".repeat(64 * 1024);
    let appended = 0;
    while (srv.hub.size > 0 && appended < 400) {
      await srv.append("run_activity", { text: big });
      appended += 1;
    }
    expect(srv.hub.size).toBe(0);
    socket.resume();
    const closed = await c.closed;
    expect(closed.code).toBe(1013);
    // What did arrive is gap-free, and reconnecting with `after` delivers the rest.
    const seqs = c.durable().map((m) => m.seq);
    expect(seqs.every((s, i) => i === 0 || s === (seqs[i - 1] ?? 0) + 1)).toBe(true);
    const last = seqs.at(-1) ?? 0;
    await srv.append();
    const lastAppended = await srv.append();
    const again = await LiveClient.open(
      `ws://${srv.url(`/ws?after=${last}&epoch=${srv.store.epoch}`)}`,
    );
    await waitFor(() => again.durable().at(-1)?.seq === lastAppended, { what: "the rest" });
    expect(again.durable()[0]?.seq).toBe(last + 1);
    expect(again.durable()).toHaveLength(lastAppended - last);
  });

  it("pings every interval and closes clients that stay silent past the idle timeout", async () => {
    const srv = await startLiveServer({ timing: { pingIntervalMs: 30, idleTimeoutMs: 300 } });
    const silent = await LiveClient.open(`ws://${srv.url("/ws")}`, { autoPong: false });
    const protocolPong = await LiveClient.open(`ws://${srv.url("/ws")}`);
    const appPong = await LiveClient.open(`ws://${srv.url("/ws")}`, { autoPong: false });
    appPong.ws.on("message", (data: Buffer) => {
      if ((JSON.parse(data.toString()) as Envelope).type === "ping") appPong.send({ type: "pong" });
    });
    expect((await silent.closed).code).toBe(4408);
    // Both answering clients outlive several idle timeouts.
    const pings = (cl: LiveClient) => cl.messages.filter((m) => m.type === "ping").length;
    await waitFor(() => pings(protocolPong) >= 25 && pings(appPong) >= 25, { what: "pings" });
    expect(protocolPong.ws.readyState).toBe(protocolPong.ws.OPEN);
    expect(appPong.ws.readyState).toBe(appPong.ws.OPEN);
    expect(srv.hub.size).toBe(2);
  });
});
