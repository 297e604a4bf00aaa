/**
 * The demo's port choice (SPEC §18): the requested port (default 8080), or
 * an ephemeral one when it is taken, so a running `oompah start` never stops
 * the demo from starting.
 */
import { createServer } from "node:net";

/** Whether `port` can be bound on `host` right now. */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** `wanted` when free (0 stays 0), else 0 = any free port. */
export async function choosePort(wanted: number): Promise<{ port: number; fellBack: boolean }> {
  if (wanted === 0 || (await portIsFree(wanted))) return { port: wanted, fellBack: false };
  return { port: 0, fellBack: true };
}
