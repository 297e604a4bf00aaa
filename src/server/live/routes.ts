/**
 * `GET /ws` and `GET /api/v1/events` (§17.4). Both pass the app-wide Host and
 * Origin checks and then operator authentication BEFORE anything is upgraded
 * or streamed (§19.2): a refused WebSocket upgrade is answered with the plain
 * HTTP status (401, 403) and never opens. They are mounted as raw Hono
 * handlers because their responses are not JSON bodies.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import { OompahError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { authGate } from "../security.js";
import { TopicsQuerySchema } from "./envelope.js";
import type { LiveAttach, LiveHub } from "./hub.js";
import type { LiveUpgrade } from "./socket.js";
import { SseSocket } from "./sse-socket.js";

const Seq = z
  .string()
  .regex(/^\d{1,15}$/, "must be a non-negative integer")
  .transform(Number);

/** Query of both endpoints. */
export const LiveQuerySchema = z.object({
  after: Seq.optional().describe("Last seq the client has seen"),
  epoch: z.string().min(1).optional().describe("Store epoch that seq belongs to"),
  topics: TopicsQuerySchema.optional().describe("Comma-separated: board, runs:<id>, console:<pid>"),
});

function attachOf(c: Context<AppEnv>, lastEventId?: string): LiveAttach {
  const parsed = LiveQuerySchema.safeParse({
    ...c.req.query(),
    ...(lastEventId === undefined ? {} : { after: lastEventId.trim() }),
  });
  if (!parsed.success) {
    throw new OompahError("validation_failed", "The request is invalid", {
      details: {
        issues: parsed.error.issues.map((i) => ({
          in: "query",
          path: i.path.map(String).join("."),
          message: i.message,
        })),
      },
    });
  }
  const q = parsed.data;
  return {
    after: q.after ?? null,
    epoch: q.epoch ?? null,
    ...(q.topics === undefined ? {} : { topics: q.topics }),
  };
}

export interface LiveRoutesDeps {
  hub: LiveHub;
  /** The Node adapter's upgrader; without it `/ws` is not mounted (SSE still is). */
  upgrade?: LiveUpgrade;
}

export function mountLiveRoutes(app: Hono<AppEnv>, deps: LiveRoutesDeps): void {
  const { hub, upgrade } = deps;
  if (upgrade !== undefined) {
    app.get("/ws", authGate("operator"), (c) => {
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        throw new OompahError("invalid_request", "/ws expects a WebSocket upgrade", {
          hint: "Use a WebSocket client, or GET /api/v1/events for Server-Sent Events",
        });
      }
      const at = attachOf(c);
      return upgrade(c, (socket) => hub.attach(socket, at));
    });
  }
  app.get("/api/v1/events", authGate("operator"), (c) => {
    // EventSource resends the original URL on reconnect; Last-Event-ID is the newer cursor.
    const at = attachOf(c, c.req.header("last-event-id"));
    const socket = new SseSocket();
    const conn = hub.attach(socket, at);
    socket.onGone = () => conn.closed();
    return new Response(socket.stream, {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        "x-accel-buffering": "no",
      },
    });
  });
}
