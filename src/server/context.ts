/**
 * Types shared by every part of the HTTP layer: who is calling (AuthContext),
 * the security settings read per request, and the Hono environment that carries
 * both through middleware into route handlers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthService } from "./auth.js";
import type { RouteDefinition } from "./route.js";

/**
 * The caller of a request. `operator` presented the API token or a session cookie;
 * `anonymous-loopback` needed no credential because no token is configured (it has
 * operator rights); `run` holds a run token (§19.3) scoped to one run; `anonymous`
 * reached a public route without credentials while a token is configured.
 */
export interface AuthContext {
  kind: "operator" | "anonymous-loopback" | "run" | "anonymous";
  runId?: string;
  projectId?: string;
  issueId?: string;
}

/** True for callers with full operator rights. */
export function hasOperatorRights(auth: AuthContext): boolean {
  return auth.kind === "operator" || auth.kind === "anonymous-loopback";
}

/** Resolves a bearer token that is not the API token (run tokens, §19.3); null = invalid. */
export type Authenticate = (bearer: string) => Promise<AuthContext | null>;

/** Security settings, read through a getter on every request so hot reloads apply. */
export interface HttpSecurityOptions {
  /** The configured `server.host`. */
  host: string;
  /** The port actually bound (matters when the configured port was 0). */
  port: number;
  /** `server.api_token`; null means loopback mode without credentials. */
  apiToken: string | null;
  allowedHosts: string[];
  allowedOrigins: string[];
  /** `server.max_body_bytes` for JSON bodies. */
  maxBodyBytes: number;
  /** Key for signing session cookies. */
  sessionSecret: Buffer;
  /** Adds `Secure` to the session cookie (served under https). */
  secureCookies?: boolean;
  /** Session cookie lifetime; defaults to seven days. */
  sessionTtlMs?: number;
}

/** The minimal logger the HTTP layer needs (pino satisfies it). */
export interface HttpLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Per-request values set by the Node adapter; absent under `app.request()` unless passed. */
export interface HttpBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
  /** `unix` for requests arriving on the Unix socket: Host/Origin checks are skipped. */
  transport?: "tcp" | "unix";
}

export interface HttpVariables {
  auth: AuthContext;
  /** True when the credential was the session cookie (CSRF header rule applies). */
  viaCookie: boolean;
  /** The request body as read under the size limit; null when there was none. */
  rawBody: Uint8Array | null;
  authService: AuthService;
  routes: readonly RouteDefinition[];
}

/** The Hono environment of the oompah app. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: HttpVariables;
}

/** The request's peer address for rate limiting: `unix` on the socket, `unknown` in-process. */
export function peerAddress(env: HttpBindings | undefined): string {
  if (env?.transport === "unix") return "unix";
  return env?.incoming?.socket.remoteAddress ?? "unknown";
}
