import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { choosePort, portIsFree } from "../../../src/demo/port.js";

const servers: Server[] = [];
afterEach(async () => {
  while (servers.length) {
    const s = servers.pop()!;
    await new Promise<void>((ok) => s.close(() => ok()));
  }
});

function listen(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    servers.push(s);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      ok(typeof a === "object" && a ? a.port : 0);
    });
  });
}

describe("demo port choice", () => {
  it("keeps a free port and falls back to an ephemeral one when the wanted port is busy", async () => {
    const busy = await listen();
    expect(await portIsFree(busy)).toBe(false);
    expect(await choosePort(busy)).toEqual({ port: 0, fellBack: true });
    expect(await choosePort(0)).toEqual({ port: 0, fellBack: false });
    const s = servers.pop()!;
    await new Promise<void>((ok) => s.close(() => ok()));
    expect(await choosePort(busy)).toEqual({ port: busy, fellBack: false });
  });
});
