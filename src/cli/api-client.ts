/**
 * The CLI's client for the oompah HTTP API, over TCP (`http(s)://…`) or the
 * Unix socket (`unix:<path>`). It authenticates with `OOMPAH_API_TOKEN` or an
 * agent's `OOMPAH_RUN_TOKEN`, turns the error envelope back into an
 * OompahError, and reports an unreachable server as `server_unreachable`
 * (exit 6) with a hint.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { OompahError } from "../domain/errors.js";

export interface ApiClientOptions {
  /** `http://host:port`, `https://…` or `unix:/path/to/oompah.sock`. */
  server: string;
  token?: string | null;
  timeoutMs?: number;
}

export class ApiClient {
  constructor(private readonly opts: ApiClientOptions) {}

  get server(): string {
    return this.opts.server;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>("GET", path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>("POST", path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>("PATCH", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.call<T>("DELETE", path);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: "application/json" };
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    } else if (method !== "GET") {
      // An explicit empty body: the server reads a bodyless DELETE as "no body", not as untyped content.
      headers["content-length"] = "0";
    }
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const { server } = this.opts;
    const unix = server.startsWith("unix:") ? server.slice("unix:".length) : null;
    const url = unix ? new URL(path, "http://localhost") : new URL(path, server);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = send(
        {
          method,
          headers: { ...headers, ...(unix ? { host: "localhost" } : {}) },
          ...(unix
            ? { socketPath: unix, path: url.pathname + url.search }
            : { hostname: url.hostname, port: url.port, path: url.pathname + url.search }),
          timeout: this.opts.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            let parsed: unknown = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = null;
            }
            if (status >= 200 && status < 300) return resolve(parsed as T);
            reject(envelopeError(status, parsed, text));
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error("request timed out")));
      req.on("error", (e: NodeJS.ErrnoException) =>
        reject(
          new OompahError(
            "server_unreachable",
            `cannot reach the oompah server at ${server}: ${e.code ?? e.message}`,
            {
              hint: "start it with `oompah start`, set OOMPAH_SERVER_URL, or use --direct inside a repository with .oompah/tasks",
            },
          ),
        ),
      );
      if (payload) req.write(payload);
      req.end();
    });
  }
}

function envelopeError(status: number, parsed: unknown, text: string): OompahError {
  const err = (
    parsed as {
      error?: { code?: unknown; message?: unknown; hint?: unknown; details?: unknown };
    } | null
  )?.error;
  if (err && typeof err.code === "string") {
    return new OompahError(err.code, typeof err.message === "string" ? err.message : err.code, {
      ...(typeof err.hint === "string" ? { hint: err.hint } : {}),
      ...(err.details && typeof err.details === "object"
        ? { details: err.details as Record<string, unknown> }
        : {}),
    });
  }
  return new OompahError("http_error", `server answered ${status}: ${text.slice(0, 200)}`);
}

/** The server and credential for server-mode commands (SPEC §18 task command modes). */
export function clientFromEnv(env: NodeJS.ProcessEnv, serverFlag?: string): ApiClient {
  const server = serverFlag ?? env.OOMPAH_SERVER_URL ?? "http://127.0.0.1:8080";
  const token = env.OOMPAH_RUN_TOKEN || env.OOMPAH_API_TOKEN || null;
  return new ApiClient({ server, token });
}
